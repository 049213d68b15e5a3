import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

// The type checker and the linter as tests: vitest strips types without checking them, so a type error
// would otherwise pass `npm test` unnoticed.
const root = join(import.meta.dirname, '..');
const run = promisify(execFile);
const bin = (name: string) => join(root, 'node_modules', '.bin', name);

async function check(command: string, args: string[], cwd = root): Promise<string> {
  try {
    await run(command, args, { cwd, maxBuffer: 16 * 1024 * 1024 });
    return '';
  } catch (err) {
    const { stdout = '', stderr = '' } = err as { stdout?: string; stderr?: string };
    return `${stdout}${stderr}`.trim() || String(err);
  }
}

describe('static checks', () => {
  it.each(['domain', 'stack', 'api', 'indexer', 'jobs', '.'])('tsc --noEmit -p %s reports no type error', async (project) => {
    expect(await check(bin('tsc'), ['--noEmit', '-p', project])).toBe('');
  });

  it('svelte-check reports no error in web/', async () => {
    await check(bin('svelte-kit'), ['sync'], join(root, 'web'));
    expect(await check(bin('svelte-check'), ['--tsconfig', './tsconfig.json', '--threshold', 'error'], join(root, 'web'))).toBe('');
  });

  it('eslint reports no problem', async () => {
    expect(await check(bin('eslint'), ['.'])).toBe('');
  });
});
