// Finding the build tools the stack needs (a JDK >= 21, Maven, Go) and installing Debian packages. Each
// failure says what is missing and how to get it, because a new developer meets these errors first.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Log } from './install-log';
import { step } from './install-log';
import { CACHE_DIR, LOCK_DIR } from './layout';
import { findOnPath, isRoot, run, withLock } from './process-control';

/** Major Java version of a JDK folder from its `release` file (JAVA_VERSION="25.0.3"), or 0. */
function jdkMajor(home: string): number {
  const release = join(home, 'release');
  if (!existsSync(release) || !existsSync(join(home, 'bin', 'java'))) return 0;
  const match = /^JAVA_VERSION="(\d+)(?:\.(\d+))?/m.exec(readFileSync(release, 'utf8'));
  if (!match) return 0;
  // Java 8 and older report "1.8.0".
  return match[1] === '1' ? Number(match[2] ?? 0) : Number(match[1]);
}

function listDirs(parent: string, suffix = ''): string[] {
  if (!existsSync(parent)) return [];
  return readdirSync(parent).map((name) => join(parent, name, suffix));
}

let jdkCache: string | undefined;

/**
 * A JDK >= 21 for Elasticsearch 9 and for building the smartcn plugin: ES_JAVA_HOME or JAVA_HOME when
 * they qualify, else the newest under /usr/lib/jvm (Debian) or /Library/Java/JavaVirtualMachines (macOS).
 * The machine's default `java` may be older (17 on these images), so PATH is not consulted.
 */
export function findJdk21(): string {
  if (jdkCache) return jdkCache;
  const preferred = [process.env.ES_JAVA_HOME, process.env.JAVA_HOME].filter(
    (home): home is string => !!home,
  );
  const found = preferred.find((home) => jdkMajor(home) >= 21);
  if (found) return (jdkCache = found);
  const candidates = [
    ...listDirs('/usr/lib/jvm'),
    ...listDirs('/Library/Java/JavaVirtualMachines', 'Contents/Home'),
  ]
    .map((home) => ({ home, major: jdkMajor(home) }))
    .filter((jdk) => jdk.major >= 21)
    .sort((a, b) => b.major - a.major);
  if (!candidates[0]) {
    throw new Error(
      'Elasticsearch 9 needs a JDK 21 or newer, and none was found (checked ES_JAVA_HOME, JAVA_HOME, /usr/lib/jvm, ' +
        '/Library/Java/JavaVirtualMachines). Install one (e.g. Eclipse Temurin 21 or 25) or set ES_JAVA_HOME to it.',
    );
  }
  return (jdkCache = candidates[0].home);
}

/** Throws a helpful Error when a command is not on PATH. */
export function requireCommand(command: string, purpose: string, hint: string): string {
  const path = findOnPath(command);
  if (!path) throw new Error(`\`${command}\` is needed ${purpose} but is not on PATH. ${hint}`);
  return path;
}

/** The Maven command line prefix: batch mode, quiet, and the project's own local repository. */
export function mavenArgs(): string[] {
  requireCommand(
    'mvn',
    'to download Elasticsearch and build the smartcn plugin',
    'Install Maven 3.8+ (apt-get install -y maven).',
  );
  return ['-B', '-q', '-Dstyle.color=never', `-Dmaven.repo.local=${join(CACHE_DIR, 'm2')}`];
}

/**
 * Environment for `go build`/`go install`: module and build caches under .stack/cache (writable module
 * cache, so deleting .stack/ works without root), no VCS stamping (the checkout may not be a git repo).
 */
export function goEnv(): Record<string, string> {
  requireCommand('go', 'to build FerretDB and Mailpit', 'Install Go 1.24 or newer from https://go.dev/dl/.');
  const goRoot = join(CACHE_DIR, 'go');
  return {
    GOPATH: goRoot,
    GOMODCACHE: join(goRoot, 'mod'),
    GOCACHE: join(goRoot, 'build'),
    GOFLAGS: '-buildvcs=false -modcacherw',
  };
}

/** True when a Debian package is installed (false on systems without dpkg). */
export async function debianPackageInstalled(name: string): Promise<boolean> {
  if (!findOnPath('dpkg-query')) return false;
  const status = await run('dpkg-query', ['-W', '-f=${Status}', name]).catch(() => '');
  return status.includes('install ok installed');
}

/**
 * `apt-get update && apt-get install -y <packages>` under a lock (apt refuses concurrent runs). Needs root;
 * otherwise throws with the command to run by hand.
 */
export async function aptInstall(packages: readonly string[], purpose: string, log: Log): Promise<void> {
  const command = `apt-get update && apt-get install -y ${packages.join(' ')}`;
  if (!isRoot() || !findOnPath('apt-get')) {
    throw new Error(
      `${purpose} needs ${packages.join(', ')}, which is not installed. Install it, e.g.: sudo sh -c '${command}'`,
    );
  }
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  await withLock(
    join(LOCK_DIR, 'apt.lock'),
    async () => {
      // Another process may have installed them while we waited for the lock.
      const missing: string[] = [];
      for (const name of packages) if (!(await debianPackageInstalled(name))) missing.push(name);
      if (missing.length === 0) return;
      await step(log, `installing ${missing.join(' ')} with apt-get (${purpose})`, async () => {
        await run('apt-get', ['update'], { env, timeoutMs: 600_000 });
        await run('apt-get', ['install', '-y', ...missing], { env, timeoutMs: 1_800_000 });
      });
    },
    () => log('waiting for another apt-get run to finish…'),
  );
}
