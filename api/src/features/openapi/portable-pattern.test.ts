import { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { portablePattern } from './portable-pattern';
import { buildOpenApiDocument } from './routes';

/** What a flag-free pattern accepts must be what the flagged regex accepts, on every sample. */
function expectSameMatches(regex: RegExp, samples: string[]): void {
  const documented = portablePattern(regex.toString().replace(/^\/|\/$/g, ''));
  expect(documented).not.toMatch(/\/[a-z]+$/);
  const portable = new RegExp(documented, 'u');
  for (const sample of samples)
    expect(portable.test(sample), `${documented} on ${sample}`).toBe(regex.test(sample));
}

describe('portablePattern', () => {
  it('leaves a pattern without leaked flags as it is', () => {
    expect(portablePattern('^[0-9a-f]{24}$')).toBe('^[0-9a-f]{24}$');
    expect(portablePattern('^a\\/b$')).toBe('^a\\/b$');
    // An escaped slash before letters is part of the pattern, not a leak.
    expect(portablePattern('img\\/gi')).toBe('img\\/gi');
  });

  it('folds the i flag into classes and letters', () => {
    expect(portablePattern('^[0-9a-f]{24}$/i')).toBe('^[0-9a-fA-F]{24}$');
    expectSameMatches(/^[0-9a-f]{24}$/i, [
      '0123456789abcdef01234567',
      '0123456789ABCDEF01234567',
      'g'.repeat(24),
    ]);
    expectSameMatches(/^cn\d+[a-z]?$/i, ['CN123A', 'cn123', 'Cn1b', 'US123', 'cn']);
  });

  it('keeps escapes and group names whole while folding', () => {
    expectSameMatches(/^(?<code>\u0041b)\x43\p{Script=Han}$/iu, ['abC中', 'ABc中', 'abd中', 'abCx']);
    expect(portablePattern('^(?<code>ab)$/i')).toBe('^(?<code>[aA][bB])$');
  });

  it('spells out the s flag and ignores g, y, d and u', () => {
    expectSameMatches(/^a.b$/s, ['a\nb', 'axb', 'ab']);
    expect(portablePattern('^x$/gyu')).toBe('^x$');
  });

  it('refuses the m flag, which has no flag-free spelling', () => {
    expect(() => portablePattern('^x$/m')).toThrow(/m flag/);
  });
});

describe('buildOpenApiDocument', () => {
  it('documents a case-insensitive id parameter with a pattern that accepts the same ids', () => {
    const registry = new OpenAPIRegistry();
    registry.registerPath({
      method: 'get',
      path: '/things/{id}',
      request: { params: z.object({ id: z.string().regex(/^[0-9a-f]{24}$/i) }) },
      responses: { 200: { description: 'ok' } },
    });
    const document = JSON.parse(JSON.stringify(buildOpenApiDocument(registry))) as {
      paths: Record<string, { get: { parameters: { schema: { pattern: string } }[] } }>;
    };
    const pattern = document.paths['/things/{id}']!.get.parameters[0]!.schema.pattern;
    expect(pattern).toBe('^[0-9a-fA-F]{24}$');
  });
});
