// The production build of web (`vite build` with adapter-node into web/build), made once per change of its
// inputs: `npm start` and the browser tests both serve it, and a build costs about a minute on two cores.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join, relative } from 'node:path';
import { LOCK_DIR, REPO_ROOT } from './layout';
import { withLock } from './process-control';

/** The web workspace. */
export const WEB_DIR = join(REPO_ROOT, 'web');
/** adapter-node's output (`out` in web/svelte.config.js); `node build/index.js` serves it. */
export const WEB_BUILD_DIR = join(WEB_DIR, 'build');
/** The hash of the inputs the build in WEB_BUILD_DIR was made from; written only after a build succeeded. */
const STAMP = join(WEB_BUILD_DIR, '.inputs-sha256');
/** Files and folders whose content decides the build (web imports domain; the lockfile pins the tools). */
const INPUTS = [
  'web/src',
  'web/static',
  'web/svelte.config.js',
  'web/vite.config.ts',
  'web/package.json',
  'web/tsconfig.json',
  'domain/src',
  'domain/package.json',
  'package-lock.json',
];
/** The production server that serves the build (`node web/server.js`); see the reasons in that file. */
export const WEB_SERVER = join(WEB_DIR, 'server.js');

function listFiles(path: string): string[] {
  const entries = readdirSync(path, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && !entry.name.endsWith('.test.ts'))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** SHA-256 over the path and content of every input file (unit tests beside the sources excluded). */
export function webInputsHash(): string {
  const hash = createHash('sha256');
  const files = INPUTS.flatMap((input) => {
    const path = join(REPO_ROOT, input);
    if (!existsSync(path)) return [];
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  }).sort();
  for (const file of files) {
    hash.update(`${relative(REPO_ROOT, file)}\0`);
    hash.update(readFileSync(file));
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** True when web/build was made from the current inputs. */
export function isWebBuildCurrent(hash = webInputsHash()): boolean {
  return (
    existsSync(join(WEB_BUILD_DIR, 'index.js')) &&
    existsSync(STAMP) &&
    readFileSync(STAMP, 'utf8').trim() === hash
  );
}

export interface WebBuildOptions {
  /** Progress lines (building, done, reused); the build's own output goes to `logFile`. */
  log?: (line: string) => void;
  /** Where vite's output goes. */
  logFile: string;
}

/**
 * Makes sure web/build holds the production build of the current sources: reuses it when the inputs' hash
 * matches the stamp, else runs `vite build` (serialised across processes by a lock, so `npm start` and the
 * browser tests never build into the same folder at once). Resolves with whether it built. Throws with the
 * end of the build log when vite fails.
 */
export async function ensureWebBuild(options: WebBuildOptions): Promise<{ built: boolean }> {
  const log = options.log ?? (() => {});
  return withLock(
    join(LOCK_DIR, 'web-build.lock'),
    async () => {
      const hash = webInputsHash();
      if (isWebBuildCurrent(hash)) return { built: false };
      const startedAt = Date.now();
      log(`building web for production (vite build; log in ${relative(REPO_ROOT, options.logFile)})…`);
      await runViteBuild(options.logFile);
      writeFileSync(STAMP, `${hash}\n`);
      log(`web built in ${Math.round((Date.now() - startedAt) / 1000)} s`);
      return { built: true };
    },
    () => log('waiting for another process that is building web…'),
  );
}

async function runViteBuild(logFile: string): Promise<void> {
  const vite = join(REPO_ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  mkdirSync(join(logFile, '..'), { recursive: true });
  const fd = openSync(logFile, 'w');
  try {
    const build = spawn(process.execPath, [vite, 'build'], {
      cwd: WEB_DIR,
      stdio: ['ignore', fd, fd],
      env: { ...process.env, NODE_ENV: 'production' },
    });
    const code = await new Promise<number | null>((resolve, reject) => {
      build.once('error', reject);
      build.once('exit', (exitCode, signal) => resolve(signal ? null : exitCode));
    });
    if (code !== 0) {
      const tail = readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-30).join('\n');
      throw new Error(`vite build of web failed (exit ${code}); see ${logFile}\n${tail}`);
    }
  } finally {
    closeSync(fd);
  }
}
