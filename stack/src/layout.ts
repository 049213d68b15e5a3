// Where the stack keeps things. Everything it downloads, builds or creates lives under the git-ignored
// `.stack/` folder at the repository root, so deleting that folder resets the machine to a fresh clone.
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Profile, ServiceName } from './profiles';

/** The repository root (this file is stack/src/layout.ts). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The stack workspace folder (sources of the smartcn plugin and the FerretDB wrapper live here). */
export const STACK_WORKSPACE = join(REPO_ROOT, 'stack');
/** Root of everything generated: binaries, caches, per-profile data. */
export const STACK_HOME = join(REPO_ROOT, '.stack');
/** Binaries built from source (FerretDB wrapper, Mailpit). */
export const BIN_DIR = join(STACK_HOME, 'bin');
/** Maven and Go caches, kept here rather than in $HOME so the whole stack is self-contained. */
export const CACHE_DIR = join(STACK_HOME, 'cache');
/** Cross-process locks that serialise installs (two profiles starting at once must not both unzip). */
export const LOCK_DIR = join(STACK_HOME, 'locks');

export interface ServiceDirs {
  data: string;
  run: string;
  logs: string;
}

/** The per-profile folders of one service: `.stack/<profile>/{data,run,logs}/<service>`. */
export function serviceDirs(profile: Profile, service: ServiceName): ServiceDirs {
  const base = join(STACK_HOME, profile);
  return {
    data: join(base, 'data', service),
    run: join(base, 'run', service),
    logs: join(base, 'logs', service),
  };
}

/** Creates the folders when missing and returns them. */
export function ensureServiceDirs(profile: Profile, service: ServiceName): ServiceDirs {
  const dirs = serviceDirs(profile, service);
  for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });
  return dirs;
}
