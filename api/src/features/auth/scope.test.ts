import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mintTenantScope } from './scope';

const apiRoot = join(import.meta.dirname, '..', '..', '..');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules') return [];
    return statSync(path).isDirectory() ? files(path) : name.endsWith('.ts') ? [path] : [];
  });
}

describe('TenantScope', () => {
  it('is minted only by features/auth and tests', () => {
    const minters = [...files(join(apiRoot, 'src')), ...files(join(apiRoot, 'test'))]
      .filter((file) => /\bmintTenantScope\b/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(apiRoot, file))
      .filter(
        (file) =>
          !file.startsWith('src/features/auth/') && !file.startsWith('test/') && !file.endsWith('.test.ts'),
      );
    expect(minters).toEqual([]);
  });

  it('follows the role: enterprise, institution or the whole platform', () => {
    const id = 'aaaaaaaaaaaaaaaaaaaaaaaa';
    const enterprise = 'bbbbbbbbbbbbbbbbbbbbbbbb';
    const expert = mintTenantScope({ id, role: 'expert', enterpriseId: enterprise, institutionId: null });
    expect(expert.kind).toBe('enterprise');
    expect(expert.kind === 'enterprise' && expert.enterpriseId.toHexString()).toBe(enterprise);
    expect(expert.actorId.toHexString()).toBe(id);
    expect(
      mintTenantScope({ id, role: 'university', enterpriseId: null, institutionId: enterprise }).kind,
    ).toBe('institution');
    expect(mintTenantScope({ id, role: 'operator', enterpriseId: null, institutionId: null }).kind).toBe(
      'platform',
    );
    expect(() =>
      mintTenantScope({ id, role: 'enterprise_admin', enterpriseId: null, institutionId: null }),
    ).toThrow(/no enterprise/);
  });
});
