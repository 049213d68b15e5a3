// The PostgreSQL 15 cluster of a profile, FerretDB's storage. It is the project's own data folder and
// server on its own port and socket folder, never the machine's system cluster.
import { existsSync, readFileSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { serviceError, waitUntilReady } from '../health';
import type { Log } from '../install-log';
import { step } from '../install-log';
import { LOCK_DIR, ensureServiceDirs, serviceDirs } from '../layout';
import { PORTS } from '../profiles';
import type { Profile } from '../profiles';
import {
  chownRecursive,
  ensureSystemUser,
  findOnPath,
  isRoot,
  livePid,
  run,
  terminate,
  waitForExit,
  withLock,
} from '../process-control';
import { aptInstall } from '../toolchain';
import { announceStart, probedStatus } from './lifecycle';
import { ID_INDEX_SQL } from './postgres-id-index';
import type { LocalService, ServiceStatus } from './service';

/** The database FerretDB keeps its collections in. */
const DATABASE = 'ferretdb';
/** The superuser name, fixed with `initdb -U` so it is the same whoever runs the stack. */
const SUPERUSER = 'postgres';
/** PostgreSQL refuses to run as root; as root it runs as the postgres user the Debian package creates. */
const OS_USER = 'postgres';
const PREFERRED_MAJOR = '15';

/** The folder with pg_ctl and friends: Debian's /usr/lib/postgresql/<major>/bin (15 first), else PATH. */
function findBinDir(): string | undefined {
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const majors = readdirSync(debian)
      .filter((major) => existsSync(join(debian, major, 'bin', 'pg_ctl')))
      .sort((a, b) => (a === PREFERRED_MAJOR ? -1 : b === PREFERRED_MAJOR ? 1 : Number(b) - Number(a)));
    if (majors[0]) return join(debian, majors[0], 'bin');
  }
  const pgCtl = findOnPath('pg_ctl');
  return pgCtl ? dirname(pgCtl) : undefined;
}

async function binDir(log: Log): Promise<string> {
  let dir = findBinDir();
  if (!dir) {
    await aptInstall(
      ['postgresql'],
      'FerretDB (the MongoDB-compatible database) stores its data in PostgreSQL and',
      log,
    );
    dir = findBinDir();
    if (!dir)
      throw new Error(
        'postgres: apt-get installed postgresql but no pg_ctl was found under /usr/lib/postgresql',
      );
  }
  return dir;
}

/** Backends PostgreSQL allows: FerretDB's pool (120, see ferretdb.ts) and some to spare. */
const MAX_CONNECTIONS = 160;

/** The profile's PostgreSQL URL for FerretDB (trust authentication on loopback). */
export function postgresUrl(profile: Profile): string {
  return `postgres://${SUPERUSER}@127.0.0.1:${PORTS[profile].postgres}/${DATABASE}`;
}

function paths(profile: Profile) {
  const dirs = serviceDirs(profile, 'postgres');
  return { ...dirs, socketDir: dirs.run, logFile: join(dirs.logs, 'postgres.log') };
}

/** The postmaster pid when the profile's server runs (postgres manages postmaster.pid itself). */
function postmasterPid(profile: Profile): number | undefined {
  return livePid(join(paths(profile).data, 'postmaster.pid'), 'postgres', { removeStale: false });
}

function runAs(): string | undefined {
  return isRoot() ? OS_USER : undefined;
}

async function ready(bin: string, profile: Profile): Promise<boolean> {
  const p = paths(profile);
  const args = ['-q', '-h', p.socketDir, '-p', String(PORTS[profile].postgres), '-U', SUPERUSER];
  return run(join(bin, 'pg_isready'), args).then(
    () => true,
    () => false,
  );
}

async function initialise(bin: string, profile: Profile, log: Log): Promise<void> {
  const p = paths(profile);
  // initdb into a fresh side folder and rename: an interrupted initdb never looks like a cluster.
  const partial = `${p.data}.partial`;
  rmSync(partial, { recursive: true, force: true });
  await step(log, `[${profile}] postgres: creating the database cluster (initdb)`, async () => {
    // --no-locale: the C locale exists everywhere, whatever LANG the developer has.
    const args = ['-A', 'trust', '-E', 'UTF8', '--no-locale', '-U', SUPERUSER, '-D', partial];
    if (runAs()) {
      await run('install', ['-d', '-o', OS_USER, partial]);
    }
    await run(join(bin, 'initdb'), args, {
      user: runAs(),
      cwd: dirname(partial),
      logFile: p.logFile,
      timeoutMs: 120_000,
    });
    rmSync(p.data, { recursive: true, force: true });
    renameSync(partial, p.data);
  });
}

async function ensureDatabase(bin: string, profile: Profile): Promise<void> {
  const p = paths(profile);
  const connection = ['-h', p.socketDir, '-p', String(PORTS[profile].postgres), '-U', SUPERUSER];
  const exists = await run(join(bin, 'psql'), [
    ...connection,
    '-X',
    '-tAc',
    `SELECT 1 FROM pg_database WHERE datname = '${DATABASE}'`,
    'postgres',
  ]);
  // Plain `createdb` looks for the system socket: the socket folder and port must be given.
  if (exists.trim() !== '1') await run(join(bin, 'createdb'), [...connection, DATABASE]);
  // Backfilling a million patents takes ~10 s, once.
  await run(
    join(bin, 'psql'),
    [...connection, '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-c', ID_INDEX_SQL, DATABASE],
    {
      timeoutMs: 600_000,
    },
  );
}

/** PostgreSQL, one cluster per profile under .stack/<profile>/data/postgres (FerretDB's storage). */
export const postgres: LocalService = {
  name: 'postgres',

  async install(log: Log): Promise<void> {
    await binDir(log);
    if (isRoot()) await withLock(join(LOCK_DIR, 'system-user.lock'), () => ensureSystemUser(OS_USER));
  },

  async start(profile: Profile, log: Log): Promise<void> {
    const bin = await binDir(log);
    const p = paths(profile);
    const port = PORTS[profile].postgres;
    const running = postmasterPid(profile);
    if (running !== undefined && (await ready(bin, profile))) {
      log(`[${profile}] postgres: already running (pid ${running})`);
      await ensureDatabase(bin, profile);
      return;
    }
    ensureServiceDirs(profile, 'postgres');
    const versionFile = join(p.data, 'PG_VERSION');
    if (!existsSync(versionFile)) await initialise(bin, profile, log);
    const dataMajor = readFileSync(versionFile, 'utf8').trim();
    const serverMajor = /\(PostgreSQL\) (\d+)/.exec(await run(join(bin, 'pg_ctl'), ['--version']))?.[1];
    if (serverMajor !== dataMajor) {
      const what = `${p.data} was created by PostgreSQL ${dataMajor} but the server in ${bin} is ${serverMajor}; delete that folder to recreate it`;
      throw serviceError('postgres', profile, what, p.logFile);
    }
    const user = runAs();
    if (user) await chownRecursive(user, [p.data, p.run, p.logs]);

    const started = announceStart(log, profile, 'postgres', `starting on 127.0.0.1:${port}`);
    if (running === undefined) {
      // FerretDB's pool (ferretdb.ts BACKEND_POOL) plus psql and the stack's own checks.
      const options = `-p ${port} -k '${p.socketDir}' -c listen_addresses=127.0.0.1 -c max_connections=${MAX_CONNECTIONS}`;
      await run(
        join(bin, 'pg_ctl'),
        ['-D', p.data, '-l', p.logFile, '-o', options, '-w', '-t', '30', 'start'],
        {
          user,
          cwd: p.data,
          timeoutMs: 40_000,
          detached: true,
        },
      ).catch((error: Error) => {
        throw serviceError(
          'postgres',
          profile,
          `pg_ctl start failed (${error.message.split('\n')[0]})`,
          p.logFile,
        );
      });
    }
    await waitUntilReady({
      service: 'postgres',
      profile,
      what: `pg_isready on port ${port}`,
      timeoutMs: 30_000,
      logFile: p.logFile,
      probe: () => ready(bin, profile),
      alive: () => postmasterPid(profile) !== undefined,
    });
    await ensureDatabase(bin, profile);
    started(postmasterPid(profile));
  },

  async stop(profile: Profile): Promise<void> {
    const pid = postmasterPid(profile);
    if (pid === undefined) return;
    const bin = findBinDir();
    const p = paths(profile);
    if (bin) {
      // Fast shutdown: disconnects clients (FerretDB's pool) instead of waiting for them.
      await run(join(bin, 'pg_ctl'), ['-D', p.data, '-m', 'fast', '-w', '-t', '30', 'stop'], {
        user: runAs(),
        cwd: p.data,
        timeoutMs: 40_000,
      }).catch(() => undefined);
    }
    if (!(await waitForExit(pid, 5_000))) await terminate(pid, 10_000);
  },

  async status(profile: Profile): Promise<ServiceStatus> {
    const p = paths(profile);
    const pid = postmasterPid(profile);
    const bin = findBinDir();
    return probedStatus(pid, async () => bin !== undefined && (await ready(bin, profile)), {
      url: postgresUrl(profile),
      logFile: p.logFile,
    });
  },
};
