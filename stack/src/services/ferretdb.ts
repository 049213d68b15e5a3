// FerretDB of a profile: the project's small Go wrapper (stack/ferretdb) around FerretDB v1.24.2, serving
// the MongoDB wire protocol on its own port with the profile's PostgreSQL as storage.
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { serviceError, tcpOpen, waitUntilReady } from '../health';
import type { Log } from '../install-log';
import { elapsedSeconds, fingerprint, stampMatches, step, writeStamp } from '../install-log';
import { BIN_DIR, LOCK_DIR, STACK_HOME, STACK_WORKSPACE, ensureServiceDirs, serviceDirs } from '../layout';
import { mongoCommand } from '../mongo-wire';
import { PORTS } from '../profiles';
import type { Profile } from '../profiles';
import { isAlive, livePid, run, spawnDetached, terminate, withLock, writePidFile } from '../process-control';
import { goEnv } from '../toolchain';
import { postgresUrl } from './postgres';
import type { LocalService, ServiceStatus } from './service';

const SOURCE_DIR = join(STACK_WORKSPACE, 'ferretdb');
const BINARY = join(BIN_DIR, 'panhuo-ferretdb');
const STAMP = `${BINARY}.stamp`;
const BUILD_LOG = join(STACK_HOME, 'logs', 'ferretdb-build.log');
const START_TIMEOUT_MS = 30_000;

/** The profile's MongoDB URI without a database name (callers append their own), e.g. mongodb://127.0.0.1:27018/. */
export function mongodbUri(profile: Profile): string {
  return `mongodb://127.0.0.1:${PORTS[profile].ferretdb}/`;
}

function paths(profile: Profile) {
  const dirs = serviceDirs(profile, 'ferretdb');
  return { ...dirs, pidFile: join(dirs.run, 'ferretdb.pid'), logFile: join(dirs.logs, 'ferretdb.log') };
}

/**
 * Ready means a real round trip through FerretDB to PostgreSQL and back. listCollections on one database
 * is cheap; listDatabases computes sizes of every database and slows down as test databases pile up.
 */
async function ready(profile: Profile): Promise<boolean> {
  try {
    const reply = await mongoCommand(
      { host: '127.0.0.1', port: PORTS[profile].ferretdb },
      'admin',
      { listCollections: 1, nameOnly: 1 },
      3_000,
    );
    return reply.ok === 1;
  } catch {
    return false;
  }
}

async function launch(profile: Profile, log: Log): Promise<void> {
  const p = paths(profile);
  const port = PORTS[profile].ferretdb;
  if (await tcpOpen(port))
    throw serviceError('ferretdb', profile, `port ${port} is already in use by another program`, p.logFile);
  ensureServiceDirs(profile, 'ferretdb');
  const startedAt = Date.now();
  log(`[${profile}] ferretdb: starting on ${mongodbUri(profile)}…`);
  // Its log is noisy (an ERROR per expected duplicate key, a WARN per disconnect): a file, not the console.
  const pid = spawnDetached(
    BINARY,
    ['-listen', `127.0.0.1:${port}`, '-postgresql-url', postgresUrl(profile)],
    {
      logFile: p.logFile,
    },
  );
  writePidFile(p.pidFile, pid);
  try {
    await waitUntilReady({
      service: 'ferretdb',
      profile,
      what: `listCollections on 127.0.0.1:${port}`,
      timeoutMs: START_TIMEOUT_MS,
      logFile: p.logFile,
      probe: () => ready(profile),
      alive: () => isAlive(pid),
    });
  } catch (error) {
    // Leave nothing half-started behind: the next start begins from a clean slate.
    await terminate(pid, 5_000);
    rmSync(p.pidFile, { force: true });
    throw error;
  }
  log(`[${profile}] ferretdb: ready in ${elapsedSeconds(startedAt)} s (pid ${pid})`);
}

/** FerretDB (MongoDB wire protocol) per profile, on that profile's PostgreSQL. */
export const ferretdb: LocalService = {
  name: 'ferretdb',

  /** Builds .stack/bin/panhuo-ferretdb when missing or when its Go sources changed. */
  async install(log: Log): Promise<void> {
    await withLock(
      join(LOCK_DIR, 'ferretdb-build.lock'),
      async () => {
        const sources = fingerprint(SOURCE_DIR, ['go.mod', 'go.sum', 'main.go', 'more-to-come.go']);
        if (existsSync(BINARY) && stampMatches(STAMP, sources)) return;
        const partial = `${BINARY}.partial`;
        mkdirSync(BIN_DIR, { recursive: true });
        await step(log, 'ferretdb: building FerretDB 1.24.2 (go build, about a minute the first time)', () =>
          run('go', ['build', '-o', partial, '.'], {
            cwd: SOURCE_DIR,
            env: goEnv(),
            logFile: BUILD_LOG,
            timeoutMs: 1_200_000,
          }),
        );
        // Rename over the old binary: a running server keeps its (unlinked) file.
        rmSync(BINARY, { force: true });
        renameSync(partial, BINARY);
        writeStamp(STAMP, sources);
      },
      () => log('ferretdb: waiting for another process that is building it…'),
    );
  },

  async start(profile: Profile, log: Log): Promise<void> {
    const p = paths(profile);
    const pid = livePid(p.pidFile, BINARY);
    if (pid === undefined) return launch(profile, log);
    if (await ready(profile)) {
      log(`[${profile}] ferretdb: already running (pid ${pid})`);
      return;
    }
    await waitUntilReady({
      service: 'ferretdb',
      profile,
      what: `listCollections on 127.0.0.1:${PORTS[profile].ferretdb}`,
      timeoutMs: START_TIMEOUT_MS,
      logFile: p.logFile,
      probe: () => ready(profile),
      alive: () => isAlive(pid),
    });
  },

  async stop(profile: Profile): Promise<void> {
    const p = paths(profile);
    const pid = livePid(p.pidFile, BINARY);
    if (pid !== undefined) await terminate(pid, 15_000);
    rmSync(p.pidFile, { force: true });
  },

  async status(profile: Profile): Promise<ServiceStatus> {
    const p = paths(profile);
    const pid = livePid(p.pidFile, BINARY);
    return {
      up: pid !== undefined && (await ready(profile)),
      pid,
      url: mongodbUri(profile),
      logFile: p.logFile,
    };
  },
};
