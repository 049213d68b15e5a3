// FerretDB of a profile: the project's small Go wrapper (stack/ferretdb) around FerretDB v1.24.2, serving
// the MongoDB wire protocol on its own port with the profile's PostgreSQL as storage.
import {
  chmodSync,
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
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

/**
 * Files of FerretDB itself replaced at build time, by their path inside the module:
 * stack/ferretdb/patches/<base name>. msg_update.go: an update command of N statements held N pooled
 * PostgreSQL connections until it returned (a `defer` inside its loop), so a bulk update of more statements
 * than the pool has connections, or two smaller ones at once, deadlocked FerretDB (the patch's comment and
 * stack/src/ferretdb-pool.test.ts).
 */
const PATCHES: Record<string, string> = { 'patches/msg_update.go': 'internal/handler/msg_update.go' };
const PATCHED_DIR = join(STACK_HOME, 'cache', 'ferretdb-patched');

/** Makes a copied module tree writable (the module cache's files and folders are read-only). */
function makeWritable(path: string): void {
  chmodSync(path, statSync(path).isDirectory() ? 0o755 : 0o644);
  if (statSync(path).isDirectory()) for (const entry of readdirSync(path)) makeWritable(join(path, entry));
}

/**
 * Copies FerretDB's module out of the module cache, applies the patches and writes a go.mod beside it that
 * replaces the module with the copy (`go build -overlay` refuses files under GOMODCACHE); returns the
 * go.mod for `go build -modfile`.
 */
async function preparePatchedModule(): Promise<string> {
  const download = await run('go', ['mod', 'download', '-json', 'github.com/FerretDB/FerretDB'], {
    cwd: SOURCE_DIR,
    env: goEnv(),
    timeoutMs: 600_000,
  });
  const moduleDir = (JSON.parse(download) as { Dir?: string }).Dir;
  if (!moduleDir)
    throw new Error(`go mod download named no directory for FerretDB: ${download.slice(0, 300)}`);
  if (existsSync(PATCHED_DIR)) {
    makeWritable(PATCHED_DIR);
    rmSync(PATCHED_DIR, { recursive: true, force: true });
  }
  const copy = join(PATCHED_DIR, 'module');
  cpSync(moduleDir, copy, { recursive: true });
  makeWritable(copy);
  for (const [patch, original] of Object.entries(PATCHES))
    copyFileSync(join(SOURCE_DIR, patch), join(copy, original));
  const modFile = join(PATCHED_DIR, 'go.mod');
  const goMod = readFileSync(join(SOURCE_DIR, 'go.mod'), 'utf8');
  writeFileSync(modFile, `${goMod}\nreplace github.com/FerretDB/FerretDB => ${copy}\n`);
  copyFileSync(join(SOURCE_DIR, 'go.sum'), join(PATCHED_DIR, 'go.sum'));
  return modFile;
}

/** Builds .stack/bin/panhuo-ferretdb when missing or when its Go sources changed. */
async function install(log: Log): Promise<void> {
  await withLock(
    join(LOCK_DIR, 'ferretdb-build.lock'),
    async () => {
      const sources = fingerprint(SOURCE_DIR, [
        'go.mod',
        'go.sum',
        'main.go',
        'more-to-come.go',
        ...Object.keys(PATCHES),
      ]);
      if (existsSync(BINARY) && stampMatches(STAMP, sources)) return;
      const partial = `${BINARY}.partial`;
      mkdirSync(BIN_DIR, { recursive: true });
      const modFile = await preparePatchedModule();
      await step(log, 'ferretdb: building FerretDB 1.24.2 (go build, about a minute the first time)', () =>
        run('go', ['build', `-modfile=${modFile}`, '-o', partial, '.'], {
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
