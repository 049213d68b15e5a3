import { z } from 'zod';
import type { PatentType } from '../taxonomies/patent-types';

/**
 * Chinese patent application numbers (申请号).
 * - Since October 2003: YYYY + type digit + 7-digit serial + '.' + check digit (201210247723.2).
 * - Before: YY + type digit + 5-digit serial + '.' + check digit (93105223.7).
 * Type digits: 1 发明, 2 实用新型, 3 外观设计, 8 PCT 发明 (entering the national phase), 9 PCT 实用新型.
 * The check digit is the weighted digit sum mod 11, 10 written X. Written forms add a CN prefix (ZL once
 * granted), spaces, or drop the dot; the normalized form is digits + '.' + check digit, no prefix.
 */

const currentWeights = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5] as const;
const legacyWeights = [2, 3, 4, 5, 6, 7, 8, 9] as const;

const kindByTypeDigit: Readonly<Record<string, { kind: PatentType; pct: boolean }>> = {
  '1': { kind: 'invention', pct: false },
  '2': { kind: 'utility_model', pct: false },
  '3': { kind: 'design', pct: false },
  '8': { kind: 'invention', pct: true },
  '9': { kind: 'utility_model', pct: true },
};

/** A valid application number, decomposed. */
export interface ApplicationNumber {
  /** Digits + '.' + check digit, no prefix: '201210247723.2'. */
  normalized: string;
  /** Filing year (four digits, also for the two-digit legacy form). */
  year: number;
  kind: PatentType;
  /** Filed through PCT (type digit 8 or 9). */
  pct: boolean;
  /** False when the input had no check digit and it was computed. */
  checkDigitGiven: boolean;
  /** 'current' for the 12-digit form (since Oct 2003), 'legacy' for the 8-digit one. */
  format: 'current' | 'legacy';
}

/** Why an input was refused. */
export type ApplicationNumberErrorCode = 'malformed' | 'bad_check_digit';

/** Outcome of parsing: a value, or a stable code with a Chinese message for the user. */
export type ApplicationNumberResult =
  { ok: true; value: ApplicationNumber } | { ok: false; code: ApplicationNumberErrorCode; message: string };

/**
 * The check digit ('0'–'9' or 'X') of the 12 digits of a current number or the 8 digits of a legacy one:
 * digits times weights 2,3,4,5,6,7,8,9(,2,3,4,5), summed, mod 11. Throws RangeError for other input.
 */
export function computeCheckDigit(digits: string): string {
  const weights = digits.length === 12 ? currentWeights : digits.length === 8 ? legacyWeights : null;
  if (!weights || !/^\d+$/.test(digits)) {
    throw new RangeError(`expected 12 or 8 digits, got "${digits}"`);
  }
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += Number(digits[i]) * (weights[i] ?? 0);
  const remainder = sum % 11;
  return remainder === 10 ? 'X' : String(remainder);
}

const malformed = (): ApplicationNumberResult => ({
  ok: false,
  code: 'malformed',
  message: '申请号格式不正确，应为如 201210247723.2 的12位数字加校验位（可带CN或ZL前缀）',
});

// After cleaning: optional prefix, 12 or 8 digits, optional (dot) + check character.
const shape = /^(?:CN|ZL)?(\d{12}|\d{8})(?:\.?([0-9X]))?$/;

/** The filing year of a legacy two-digit year: 85–99 are 1985–1999, 00–03 are 2000–2003. */
function legacyYear(yy: number): number | null {
  if (yy >= 85) return 1900 + yy;
  if (yy <= 3) return 2000 + yy;
  return null;
}

/**
 * Parses an application number as people write it: 'CN201210247723.2', 'ZL 201210247723.2',
 * '201710870108.X', '201711084130' (check digit computed), full-width characters, or the legacy
 * '93105223.7'. A given check digit must be right: a wrong one usually means a mistyped digit.
 */
export function parseApplicationNumber(input: string): ApplicationNumberResult {
  const cleaned = input.normalize('NFKC').toUpperCase().replace(/\s+/g, '');
  const match = shape.exec(cleaned);
  if (!match?.[1]) return malformed();
  const digits = match[1];
  const given = match[2];
  const format = digits.length === 12 ? 'current' : 'legacy';
  const year = format === 'current' ? Number(digits.slice(0, 4)) : legacyYear(Number(digits.slice(0, 2)));
  const type = kindByTypeDigit[format === 'current' ? (digits[4] ?? '') : (digits[2] ?? '')];
  // The 12-digit form started in October 2003; a year before that or a type digit outside 1,2,3,8,9 is a typo.
  if (!type || year === null || (format === 'current' && (year < 2003 || year > 2099))) return malformed();
  const expected = computeCheckDigit(digits);
  if (given !== undefined && given !== expected) {
    return {
      ok: false,
      code: 'bad_check_digit',
      message: `申请号校验位错误：${digits} 的校验位应为 ${expected}，请核对申请号`,
    };
  }
  return {
    ok: true,
    value: {
      normalized: `${digits}.${expected}`,
      year,
      kind: type.kind,
      pct: type.pct,
      checkDigitGiven: given !== undefined,
      format,
    },
  };
}

/** The normalized form of a valid application number, or null. */
export function normalizeApplicationNumber(input: string): string | null {
  const result = parseApplicationNumber(input);
  return result.ok ? result.value.normalized : null;
}

/** Zod schema accepting any written form and outputting the normalized number. */
export const applicationNumberInputSchema = z.string().transform((value, ctx) => {
  const result = parseApplicationNumber(value);
  if (!result.ok) {
    ctx.addIssue({ code: 'custom', message: result.message, params: { code: result.code } });
    return z.NEVER;
  }
  return result.value.normalized;
});

/** Zod schema of a stored number: already normalized ('201210247723.2') with a correct check digit. */
export const applicationNumberSchema = z
  .string()
  .refine((value) => normalizeApplicationNumber(value) === value, {
    message: '申请号须为规范形式，例如 201210247723.2',
  });
