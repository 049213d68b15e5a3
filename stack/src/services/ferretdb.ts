// FerretDB of a profile: the project's small Go wrapper (stack/ferretdb) around FerretDB v1.24.2, serving
// the MongoDB wire protocol on its own port with the profile's PostgreSQL as storage.
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Log } from '../install-log';
import { fingerprint, stampMatches, step, writeStamp } from '../install-log';
import { BIN_DIR, LOCK_DIR, STACK_HOME, STACK_WORKSPACE, ensureServiceDirs, serviceDirs } from '../layout';
import { mongoCommand } from '../mongo-wire';
import { PORTS } from '../profiles';
import type { Profile } from '../profiles';
import { run, withLock } from '../process-control';
import { goEnv } from '../toolchain';
import { announceStart, assertPortsFree, detachedService, spawnUntilReady } from './lifecycle';
import type { DetachedServer } from './lifecycle';
import { postgresUrl } from './postgres';
import type { LocalService } from './service';

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

const server: DetachedServer = {
  name: 'ferretdb',
  paths,
  marker: BINARY,
  url: mongodbUri,
  ready,
  readiness: (profile) => `listCollections on 127.0.0.1:${PORTS[profile].ferretdb}`,
  startTimeoutMs: START_TIMEOUT_MS,
  stopGraceMs: 15_000,
};

/**
 * FerretDB 1.24 deadlocks when its PostgreSQL pool runs dry: a findAndModify or update keeps its query's
 * connection while it waits for the metadata registry's lock (or a second connection), and a collection
 * creation holds that lock while it waits for a connection (seen under six parallel test runs: all 50
 * pooled connections held, 316 requests queued for good). Each request holds at most two connections, so
 * the front (stack/ferretdb/more-to-come.go) lets at most MAX_IN_FLIGHT requests in at once and the pool is
 * more than twice that; postgres.ts allows the backends. Proof: ferretdb-pool.test.ts.
 */
const MAX_IN_FLIGHT = 48;
const BACKEND_POOL = 120;

async function launch(profile: Profile, log: Log): Promise<void> {
  const p = paths(profile);
  const port = PORTS[profile].ferretdb;
  await assertPortsFree('ferretdb', profile, [port], p.logFile);
  ensureServiceDirs(profile, 'ferretdb');
  const started = announceStart(log, profile, 'ferretdb', `starting on ${mongodbUri(profile)}`);
  // Its log is noisy (an ERROR per expected duplicate key, a WARN per disconnect): a file, not the console.
  const pid = await spawnUntilReady(server, profile, {
    file: BINARY,
    args: [
      '-listen',
      `127.0.0.1:${port}`,
      '-max-in-flight',
      String(MAX_IN_FLIGHT),
      '-postgresql-url',
      `${postgresUrl(profile)}?pool_max_conns=${BACKEND_POOL}`,
    ],
  });
  started(pid);
}

/** Builds .stack/bin/panhuo-ferretdb when missing or when its Go sources changed. */
async function install(log: Log): Promise<void> {
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
}

/** FerretDB (MongoDB wire protocol) per profile, on that profile's PostgreSQL. */
export const ferretdb: LocalService = detachedService(server, { install, launch });
