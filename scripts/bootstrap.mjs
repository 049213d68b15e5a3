#!/usr/bin/env node
// Entry point of every root npm script. It must run on a fresh clone, before any dependency exists,
// so it uses nothing but Node's standard library: it installs the workspaces' packages when they are
// missing or older than the lockfile, then hands over to the TypeScript script of the same name.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [command, ...args] = process.argv.slice(2);
const scripts = {
  start: ['scripts/start.ts'],
  dev: ['scripts/start.ts', '--dev'],
  test: ['scripts/test.ts'],
  stack: ['stack/src/cli.ts'],
  seed: ['api/src/seed/cli.ts'],
  import: ['api/src/features/patent-import/cli.ts'],
  reindex: ['indexer/src/cli.ts', 'reindex'],
  sync: ['indexer/src/cli.ts', 'sync'],
  bench: ['bench/run.ts'],
};

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(`Panhuo needs Node.js 20.19 or newer; this is ${process.version}.`);
  process.exit(1);
}
if (!scripts[command]) {
  console.error(`usage: node scripts/bootstrap.mjs <${Object.keys(scripts).join('|')}> [args]`);
  process.exit(2);
}

const lock = join(root, 'package-lock.json');
const installed = join(root, 'node_modules', '.package-lock.json');
const stale = !existsSync(installed) || statSync(installed).mtimeMs < statSync(lock).mtimeMs;
if (stale) {
  console.log('[panhuo] installing npm packages (npm ci)…');
  const res = spawnSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (res.status !== 0) {
    console.error('[panhuo] npm ci failed; see the output above.');
    process.exit(res.status ?? 1);
  }
}

// SvelteKit generates web/.svelte-kit (types and the tsconfig web/tsconfig.json extends); a fresh clone has
// none, and vitest cannot load the web project without it.
if (!existsSync(join(root, 'web', '.svelte-kit', 'tsconfig.json'))) {
  const sync = join(root, 'node_modules', '@sveltejs', 'kit', 'svelte-kit.js');
  const res = spawnSync(process.execPath, [sync, 'sync'], { cwd: join(root, 'web'), stdio: 'inherit' });
  if (res.status !== 0) process.exit(res.status ?? 1);
}

// tsx's loader inside this one child rather than tsx's CLI: the CLI is one more process that relays
// signals itself and SIGKILLs a script that does not acknowledge one within 30 ms (npm start's, busy
// seeding, was killed that way before it could stop the stack).
const tsxLoader = pathToFileURL(join(root, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
const [script, ...fixedArgs] = scripts[command];
const child = spawn(process.execPath, ['--import', tsxLoader, join(root, script), ...fixedArgs, ...args], {
  cwd: root,
  stdio: 'inherit',
});
// The child owns shutdown (it stops what it started). A terminal's Ctrl-C reaches it directly; the signal
// is relayed anyway for a signal sent to npm or to this process alone (the child treats repeats as one).
// This process never exits on a signal: it waits for the child, so the prompt returns once all is stopped.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  });
}
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
