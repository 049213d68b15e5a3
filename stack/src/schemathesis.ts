// Schemathesis, the OpenAPI fuzzer the API's fuzz tests run: installed from PyPI with pip into a virtualenv
// of its own under .stack/, once per version, so neither the machine's Python nor $HOME is touched.
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Log } from './install-log';
import { step, stampMatches, writeStamp } from './install-log';
import { CACHE_DIR, LOCK_DIR, STACK_HOME } from './layout';
import { findOnPath, run, withLock } from './process-control';
import { aptInstall } from './toolchain';

/** The pinned release: its CLI flags (`--max-time`, `--phases`, the check names) changed between majors. */
export const SCHEMATHESIS_VERSION = '4.32.5';
const VENV = join(STACK_HOME, 'schemathesis');
const ST = join(VENV, 'bin', 'st');
const STAMP = `${VENV}.version`;
const INSTALL_LOG = join(STACK_HOME, 'logs', 'schemathesis-install.log');

function python(): string {
  const found = findOnPath('python3');
  if (!found)
    throw new Error(
      '`python3` (3.10 or newer) is needed to install Schemathesis for the API fuzz tests but is not on PATH. ' +
        'Install it, e.g. apt-get install -y python3 python3-venv.',
    );
  return found;
}

/** `python3 -m venv`; Debian's python3 lacks ensurepip until python3-venv is installed. */
async function createVenv(log: Log): Promise<void> {
  const create = () =>
    run(python(), ['-m', 'venv', '--clear', VENV], { logFile: INSTALL_LOG, timeoutMs: 120_000 });
  try {
    await create();
  } catch (error) {
    if (!findOnPath('dpkg-query')) throw error;
    await aptInstall(['python3-venv'], 'Creating the Schemathesis virtualenv', log);
    await create();
  }
}

let pending: Promise<string> | undefined;

async function install(log: Log): Promise<string> {
  return withLock(
    join(LOCK_DIR, 'schemathesis.lock'),
    async () => {
      if (existsSync(ST) && stampMatches(STAMP, SCHEMATHESIS_VERSION)) return ST;
      rmSync(STAMP, { force: true });
      await step(
        log,
        `schemathesis: installing Schemathesis ${SCHEMATHESIS_VERSION} with pip (about 30 s the first time)`,
        async () => {
          await createVenv(log);
          await run(
            join(VENV, 'bin', 'python'),
            [
              '-m',
              'pip',
              'install',
              '--disable-pip-version-check',
              '--no-input',
              `schemathesis==${SCHEMATHESIS_VERSION}`,
            ],
            { env: { PIP_CACHE_DIR: join(CACHE_DIR, 'pip') }, logFile: INSTALL_LOG, timeoutMs: 900_000 },
          );
          const version = await run(ST, ['--version'], { timeoutMs: 60_000 });
          if (!version.includes(SCHEMATHESIS_VERSION))
            throw new Error(`${ST} --version answered "${version.trim()}", not ${SCHEMATHESIS_VERSION}`);
        },
      );
      writeStamp(STAMP, SCHEMATHESIS_VERSION);
      return ST;
    },
    () => log('schemathesis: waiting for another process that is installing it…'),
  );
}

/**
 * The path of the `st` command of the pinned Schemathesis, installing it first when .stack/ has no such
 * version (pip from PyPI, its cache under .stack/cache/pip). Concurrent callers share one install.
 */
export function ensureSchemathesis(log: Log = (line) => console.log(`[stack] ${line}`)): Promise<string> {
  pending ??= install(log).catch((error: unknown) => {
    pending = undefined; // let a later call retry
    throw error;
  });
  return pending;
}
