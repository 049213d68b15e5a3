import { z } from 'zod';

/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-character set (digits and capitals without
 * I, O, Z, S, V). Positions: 1 registration authority, 2 organisation kind, 3–8 administrative division
 * (digits), 9–17 organisation code, 18 check character. The check character is the one whose value makes
 * the weighted sum a multiple of 31, with weights 3^i mod 31 for positions i = 0..16.
 */
const charset = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const weights = Array.from({ length: 17 }, (_, i) => 3 ** i % 31);
const shape = /^[0-9A-HJ-NP-RTUW-Y]{2}\d{6}[0-9A-HJ-NP-RTUW-Y]{10}$/;

/** Why a code was refused. */
export type CreditCodeErrorCode = 'malformed' | 'bad_check_character';

/** Outcome of parsing: the normalized (upper-case, trimmed) code, or a stable code with a Chinese message. */
export type CreditCodeResult =
  { ok: true; value: string } | { ok: false; code: CreditCodeErrorCode; message: string };

/** The check character for the first 17 characters; throws RangeError when they are not 17 valid characters. */
export function computeCreditCodeCheckCharacter(first17: string): string {
  if (first17.length !== 17) throw new RangeError(`expected 17 characters, got ${first17.length}`);
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = charset.indexOf(first17[i] ?? '');
    if (value < 0) throw new RangeError(`invalid character "${first17[i]}" at position ${i + 1}`);
    sum += value * (weights[i] ?? 0);
  }
  return charset[(31 - (sum % 31)) % 31] ?? '0';
}

/** Validates a code as typed (any case, surrounding or inner spaces, full-width characters). */
export function parseCreditCode(input: string): CreditCodeResult {
  const code = input.normalize('NFKC').toUpperCase().replace(/\s+/g, '');
  if (!shape.test(code)) {
    return {
      ok: false,
      code: 'malformed',
      message: '统一社会信用代码应为18位数字或大写字母（不含I、O、Z、S、V）',
    };
  }
  if (computeCreditCodeCheckCharacter(code.slice(0, 17)) !== code[17]) {
    return { ok: false, code: 'bad_check_character', message: '统一社会信用代码校验位错误，请核对' };
  }
  return { ok: true, value: code };
}

/** True when the input is a valid code (after normalization). */
export function isValidCreditCode(input: string): boolean {
  return parseCreditCode(input).ok;
}

/** Zod schema accepting a typed code and outputting its normalized form. */
export const creditCodeSchema = z.string().transform((value, ctx) => {
  const result = parseCreditCode(value);
  if (!result.ok) {
    ctx.addIssue({ code: 'custom', message: result.message, params: { code: result.code } });
    return z.NEVER;
  }
  return result.value;
});
