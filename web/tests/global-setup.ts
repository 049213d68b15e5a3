import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { ensureWebBuild, WEB_SERVER } from '@panhuo/stack/web-build';
import { createServer } from 'node:net';
import { dirname, join, relative } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Origin of the built web server, e.g. http://127.0.0.1:41234 (the API is reachable under /api/). */
    baseUrl: string;
  }
}

const webDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const rootDir = join(webDir, '..');
const logDir = join(rootDir, '.stack', 'test', 'logs');
const tsxCli = join(rootDir, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;

/** A child process in its own process group, so stopping it also stops anything it spawned (tsx's node). */
interface Started {
  name: string;
  proc: ChildProcess;
  log: string;
}

/** A TCP port nobody listens on right now. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (typeof address !== 'object' || address === null) throw new Error('could not pick a free port');
  return address.port;
}

/** Last lines of a log, to put the cause of a failure into the error message itself. */
function tail(path: string, lines = 30): string {
  if (!existsSync(path)) return '(no log written)';
  return readFileSync(path, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
}

function start(name: string, args: string[], env: NodeJS.ProcessEnv): Started {
  const log = join(logDir, `web-${name}.log`);
  const fd = openSync(log, 'w');
  const proc = spawn(process.execPath, args, {
    cwd: rootDir,
    env,
    stdio: ['ignore', fd, fd],
    detached: true,
  });
  closeSync(fd); // the child holds its own copy
  return { name, proc, log };
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

/** SIGTERM to the process group, then SIGKILL if it has not finished within STOP_TIMEOUT_MS. */
async function stop(started: Started): Promise<void> {
  const pid = started.proc.pid;
  if (pid === undefined) return;
  signalGroup(pid, 'SIGTERM');
  const deadline = Date.now() + STOP_TIMEOUT_MS;
  while (groupAlive(pid) && Date.now() < deadline) await sleep(100);
  if (groupAlive(pid)) signalGroup(pid, 'SIGKILL');
}

/** Polls the API's health through the web server's proxy: an answer from the API proves both are up. */
async function waitUntilReady(baseUrl: string, processes: Started[]): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let lastProblem = 'no answer yet';
  const logs = processes.map((p) => relative(rootDir, p.log)).join(' and ');
  while (Date.now() < deadline) {
    for (const p of processes) {
      if (p.proc.exitCode !== null || p.proc.signalCode !== null) {
        throw new Error(
          `${p.name} exited during start-up (exit ${p.proc.exitCode}); see ${p.log}:\n${tail(p.log)}`,
        );
      }
    }
    try {
      const response = await fetch(`${baseUrl}/api/healthz`, { signal: AbortSignal.timeout(5_000) });
      const body = (await response.json()) as { status?: unknown };
      // 200 ok / 503 degraded come from the API; the proxy's own 502 means the API is not listening yet.
      if (body.status === 'ok' || body.status === 'degraded') return;
      lastProblem = `HTTP ${response.status} ${JSON.stringify(body)}`;
    } catch (error) {
      lastProblem = error instanceof Error ? error.message : String(error);
    }
    await sleep(250);
  }
  throw new Error(
    `web + API did not answer ${baseUrl}/api/healthz within ${READY_TIMEOUT_MS / 1000} s ` +
      `(last: ${lastProblem}); see ${logs}\n${processes.map((p) => `--- ${p.log}\n${tail(p.log)}`).join('\n')}`,
  );
}

/**
 * Builds web (unless current), starts the real API (api/src/main.ts under tsx) and the built web server on free ports,
 * waits until the web server's /api/healthz answers from the API, and provides `baseUrl` to the tests.
 * MONGODB_URI, ELASTICSEARCH_URL and SMTP_URL come from the environment the test runner set up.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  mkdirSync(logDir, { recursive: true });
  // The same production build `npm start` serves, made only when web's inputs changed since the last one.
  await ensureWebBuild({
    logFile: join(logDir, 'web-build.log'),
    log: (line) => console.log(`[browser] ${line}`),
  });

  const [apiPort, webPort] = [await freePort(), await freePort()];
  const baseUrl = `http://127.0.0.1:${webPort}`;
  const processes: Started[] = [];
  const killAll = () => {
    for (const { proc } of processes) if (proc.pid !== undefined) signalGroup(proc.pid, 'SIGKILL');
  };
  // Last resort if the runner dies without running the teardown: no servers left behind.
  process.once('exit', killAll);

  const teardown = async () => {
    process.off('exit', killAll);
    await Promise.all(processes.map(stop));
  };

  try {
    processes.push(
      start('api', [tsxCli, join(rootDir, 'api', 'src', 'main.ts')], {
        ...process.env,
        NODE_ENV: 'test',
        // The runner may silence logs; these go to a file that is only read when something fails.
        LOG_LEVEL: 'info',
        HOST: '127.0.0.1',
        PORT: String(apiPort),
        PUBLIC_URL: baseUrl,
        // This suite's own database and index names, so it can run beside the API's tests.
        MONGODB_DB: 'panhuo_web_browser',
        ES_INDEX_PREFIX: 'panhuo-web-browser',
      }),
    );
    processes.push(
      start('server', [WEB_SERVER], {
        ...process.env,
        NODE_ENV: 'production',
        HOST: '127.0.0.1',
        PORT: String(webPort),
        ORIGIN: baseUrl,
        API_URL: `http://127.0.0.1:${apiPort}`,
        // Uploads pass through form actions (adapter-node's default is 512K): as scripts/start.ts.
        BODY_SIZE_LIMIT: process.env.BODY_SIZE_LIMIT ?? '20M',
      }),
    );
    await waitUntilReady(baseUrl, processes);
  } catch (error) {
    await teardown();
    throw error;
  }

  project.provide('baseUrl', baseUrl);
  return teardown;
}
