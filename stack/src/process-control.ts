// Starting, finding and stopping the stack's processes. Servers run detached from the Node process that
// starts them (so `npm start` and `npm test` can reuse them) and are found again through pidfiles.
import { spawn } from 'node:child_process';
import type { StdioOptions } from 'node:child_process';
import {
  accessSync,
  closeSync,
  constants,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** True when this process runs as root (Elasticsearch and PostgreSQL then need another user). */
export function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/** The absolute path of `command` on PATH, or undefined. */
export function findOnPath(command: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, command);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this folder
    }
  }
  return undefined;
}

/** The last `lines` lines of a (possibly large) log file, each cut to 300 characters; '' when it does not exist. */
export function tailFile(path: string, lines = 12): string {
  if (!existsSync(path)) return '';
  const size = statSync(path).size;
  const length = Math.min(size, 16_384);
  const buffer = Buffer.alloc(length);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, buffer, 0, length, size - length);
  } finally {
    closeSync(fd);
  }
  // Long lines (FerretDB logs whole wire messages) are cut so an error message stays readable.
  return buffer
    .toString('utf8')
    .trimEnd()
    .split('\n')
    .slice(-lines)
    .map((line) => (line.length > 300 ? `${line.slice(0, 300)}…` : line))
    .join('\n');
}

export interface RunOptions {
  /** Extra environment variables (added to this process's environment). */
  env?: Record<string, string>;
  cwd?: string;
  /** Run as this OS user through `runuser` (only meaningful as root). */
  user?: string;
  /** Append stdout and stderr to this file instead of capturing them. */
  logFile?: string;
  timeoutMs?: number;
  /**
   * Start it in its own process group, for launchers that leave a daemon behind: the daemon must not get
   * the Ctrl-C that a developer sends to `npm start` or `npm test`.
   */
  detached?: boolean;
}

interface Invocation {
  file: string;
  args: string[];
  env: NodeJS.ProcessEnv;
}

// runuser resets HOME/USER/SHELL and may reset PATH, so the variables a command depends on are passed
// explicitly through `env` after the user switch.
function invocation(command: string, args: readonly string[], options: RunOptions): Invocation {
  const extra = options.env ?? {};
  if (options.user) {
    const assignments = Object.entries(extra).map(([key, value]) => `${key}=${value}`);
    return {
      file: 'runuser',
      args: ['-u', options.user, '--', 'env', ...assignments, command, ...args],
      env: process.env,
    };
  }
  return { file: command, args: [...args], env: { ...process.env, ...extra } };
}

function describe(command: string, args: readonly string[]): string {
  return [command, ...args].join(' ');
}

/**
 * Runs a command to completion and resolves with its combined output; rejects with an Error that names the
 * command, its exit code and the end of its output (or of `logFile`).
 */
export function run(command: string, args: readonly string[], options: RunOptions = {}): Promise<string> {
  const { file, args: argv, env } = invocation(command, args, options);
  let fd: number | undefined;
  let stdio: StdioOptions = ['ignore', 'pipe', 'pipe'];
  if (options.logFile) {
    mkdirSync(dirname(options.logFile), { recursive: true });
    fd = openSync(options.logFile, 'a');
    stdio = ['ignore', fd, fd];
  }
  const child = spawn(file, argv, { cwd: options.cwd, env, stdio, detached: options.detached ?? false });
  if (fd !== undefined) closeSync(fd);
  let output = '';
  const collect = (chunk: Buffer): void => {
    // Keep only the end: errors are at the end, and a chatty build must not fill memory.
    output = (output + chunk.toString('utf8')).slice(-65_536);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);

  return new Promise((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    if (options.timeoutMs) {
      timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`${describe(command, args)} timed out after ${options.timeoutMs! / 1000} s`));
      }, options.timeoutMs);
    }
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`cannot run ${command}: ${error.message}`));
    });
    // 'close' waits for the output pipes; a daemonizing child may hand them to a grandchild, so 'exit'
    // plus a short grace period is used instead of waiting for 'close' forever.
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      setTimeout(
        () => {
          if (code === 0) return resolve(output);
          const tail = options.logFile
            ? tailFile(options.logFile)
            : output.trimEnd().split('\n').slice(-15).join('\n');
          const where = options.logFile ? ` (log: ${options.logFile})` : '';
          reject(
            new Error(
              `${describe(command, args)} failed with ${signal ?? `exit code ${code}`}${where}\n${tail}`,
            ),
          );
        },
        child.stdout ? 50 : 0,
      );
    });
  });
}

/**
 * Starts a long-running server detached from this process (own process group, output appended to
 * `logFile`) and returns its pid. The caller writes the pidfile.
 */
export function spawnDetached(
  command: string,
  args: readonly string[],
  options: { env?: Record<string, string>; cwd?: string; logFile: string },
): number {
  mkdirSync(dirname(options.logFile), { recursive: true });
  const fd = openSync(options.logFile, 'a');
  try {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', fd, fd],
      detached: true,
    });
    child.on('error', () => {
      // Reported through the missing pid below or by the health check; avoid an unhandled 'error'.
    });
    if (child.pid === undefined) throw new Error(`cannot start ${command} (log: ${options.logFile})`);
    child.unref();
    return child.pid;
  } finally {
    closeSync(fd);
  }
}

/** True when a process with this pid exists and is not a zombie. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: it exists but belongs to another user (e.g. Elasticsearch's own user when we are not root).
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    // Field 3 of /proc/<pid>/stat is the state; Z means exited but not yet reaped.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true; // no /proc (macOS): trust kill(0)
  }
}

/** The command line of a process (arguments joined by spaces), or undefined when it cannot be read. */
export function commandLine(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    return undefined;
  }
}

/** Reads a pidfile; undefined when missing or malformed. */
export function readPidFile(pidFile: string): number | undefined {
  if (!existsSync(pidFile)) return undefined;
  const pid = Number.parseInt(readFileSync(pidFile, 'utf8').trim(), 10);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

/** Writes a pidfile. */
export function writePidFile(pidFile: string, pid: number): void {
  mkdirSync(dirname(pidFile), { recursive: true });
  writeFileSync(pidFile, `${pid}\n`);
}

/**
 * The pid recorded in `pidFile` when that process is still running and its command line contains
 * `marker`; otherwise returns undefined and removes the stale pidfile (the pid died, or was reused after
 * a reboot) unless `removeStale` is false (for pidfiles the server manages itself, like postmaster.pid).
 */
export function livePid(
  pidFile: string,
  marker: string,
  options: { removeStale?: boolean } = {},
): number | undefined {
  const pid = readPidFile(pidFile);
  if (pid === undefined) return undefined;
  if (isAlive(pid)) {
    const cmdline = commandLine(pid);
    if (cmdline === undefined || cmdline.includes(marker)) return pid;
  }
  if (options.removeStale !== false) rmSync(pidFile, { force: true });
  return undefined;
}

/** Resolves true once the process is gone, false if it still runs after `timeoutMs`. */
export async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await sleep(100);
  }
  return !isAlive(pid);
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

/** SIGTERM, wait up to `timeoutMs` for a clean exit, then SIGKILL; resolves once the process is gone. */
export async function terminate(pid: number, timeoutMs = 30_000): Promise<void> {
  signal(pid, 'SIGTERM');
  if (await waitForExit(pid, timeoutMs)) return;
  signal(pid, 'SIGKILL');
  if (!(await waitForExit(pid, 5_000))) throw new Error(`process ${pid} is still running after SIGKILL`);
}

/** Creates a system user without home or login shell unless it exists (needs root). */
export async function ensureSystemUser(name: string): Promise<void> {
  try {
    await run('id', ['-u', name]);
  } catch {
    try {
      await run('useradd', ['-r', '-M', '-s', '/usr/sbin/nologin', name]);
    } catch (error) {
      // Another process may have created it in the meantime.
      await run('id', ['-u', name]).catch(() => Promise.reject(error));
    }
  }
}

/** `chown -R user` on the given paths. */
export async function chownRecursive(user: string, paths: readonly string[]): Promise<void> {
  await run('chown', ['-R', user, ...paths]);
}

/**
 * Runs `work` while holding an exclusive lock file (holding this process's pid), across processes and
 * within one. A lock left by a dead process is taken over. `onWait` is told once when we must wait.
 */
export async function withLock<T>(lockFile: string, work: () => Promise<T>, onWait?: () => void): Promise<T> {
  mkdirSync(dirname(lockFile), { recursive: true });
  let waiting = false;
  for (;;) {
    try {
      writeFileSync(lockFile, `${process.pid}\n`, { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = readPidFile(lockFile);
    const ageMs = existsSync(lockFile) ? Date.now() - statSync(lockFile).mtimeMs : 0;
    // An empty lock file is one being written right now, unless it is old (its writer crashed).
    if ((holder !== undefined && !isAlive(holder)) || (holder === undefined && ageMs > 10_000)) {
      rmSync(lockFile, { force: true });
      continue;
    }
    if (!waiting) {
      waiting = true;
      onWait?.();
    }
    await sleep(250);
  }
  try {
    return await work();
  } finally {
    rmSync(lockFile, { force: true });
  }
}
