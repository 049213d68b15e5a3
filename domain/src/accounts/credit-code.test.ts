import { describe, it, expect } from 'vitest';
import {
  computeCreditCodeCheckCharacter,
  creditCodeSchema,
  isValidCreditCode,
  parseCreditCode,
} from './credit-code';

describe('统一社会信用代码', () => {
  it('accepts a real code and computes its check character', () => {
    expect(parseCreditCode('91350100M000100Y43')).toEqual({ ok: true, value: '91350100M000100Y43' });
    expect(computeCreditCodeCheckCharacter('91350100M000100Y4')).toBe('3');
  });

  it('normalizes case, spaces and full-width characters', () => {
    expect(parseCreditCode(' 91350100m000100y43 ')).toEqual({ ok: true, value: '91350100M000100Y43' });
    expect(parseCreditCode('9135 0100 M000 100Y 43')).toEqual({ ok: true, value: '91350100M000100Y43' });
    expect(parseCreditCode('９１３５０１００Ｍ０００１００Ｙ４３').ok).toBe(true);
  });

  it('refuses a corrupted character or a swap of two characters', () => {
    expect(parseCreditCode('91350100M000100Y44')).toMatchObject({ ok: false, code: 'bad_check_character' });
    expect(parseCreditCode('91350100M000200Y43')).toMatchObject({ ok: false, code: 'bad_check_character' });
    expect(parseCreditCode('91351000M000100Y43')).toMatchObject({ ok: false, code: 'bad_check_character' });
    expect(isValidCreditCode('91350100M000100Y43')).toBe(true);
    expect(isValidCreditCode('91350100M000100Y44')).toBe(false);
  });

  it.each([
    '',
    '91350100M000100Y4',
    '91350100M000100Y433',
    '91350100I000100Y43',
    '9135A100M000100Y43',
    '91350100M000100Y4Z',
  ])('refuses malformed %j', (input) => {
    const result = parseCreditCode(input);
    expect(result).toMatchObject({ ok: false, code: 'malformed' });
    expect(!result.ok && result.message).toContain('统一社会信用代码');
  });

  it('produces codes that validate, including letter check characters', () => {
    const checks = new Set<string>();
    for (let serial = 0; serial < 200; serial++) {
      const first17 = `91110108${String(serial).padStart(8, '0')}X`;
      const check = computeCreditCodeCheckCharacter(first17);
      checks.add(check);
      expect(isValidCreditCode(first17 + check)).toBe(true);
    }
    expect([...checks].some((c) => /[A-Y]/.test(c))).toBe(true);
  });

  it('has a schema that normalizes and explains', () => {
    expect(creditCodeSchema.parse('91350100m000100y43')).toBe('91350100M000100Y43');
    expect(creditCodeSchema.safeParse('91350100M000100Y44').error?.issues[0]?.message).toContain('校验位');
  });
});
