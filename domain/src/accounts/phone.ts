import { z } from 'zod';

/**
 * Mainland China mobile numbers: 11 digits starting with 1 and a second digit 3–9 (all carriers' and
 * virtual operators' number blocks). Stored as the bare 11 digits.
 */
const mobile = /^1[3-9]\d{9}$/;

/**
 * The bare 11 digits of a mobile number as typed ('138 0013 8000', '138-0013-8000', '+86 13800138000',
 * '0086…', full-width digits), or null when it is not a mainland mobile number.
 */
export function normalizeMobilePhone(input: string): string | null {
  const compact = input.normalize('NFKC').replace(/[\s\-()]/g, '');
  const digits = compact.replace(/^(?:\+86|0086|86)(?=\d{11}$)/, '');
  return mobile.test(digits) ? digits : null;
}

/** True for a mainland mobile number in any accepted written form. */
export function isMobilePhone(input: string): boolean {
  return normalizeMobilePhone(input) !== null;
}

/** Zod schema accepting a typed number and outputting the bare 11 digits. */
export const mobilePhoneSchema = z.string().transform((value, ctx) => {
  const normalized = normalizeMobilePhone(value);
  if (normalized === null) {
    ctx.addIssue({ code: 'custom', message: '请输入正确的11位手机号码' });
    return z.NEVER;
  }
  return normalized;
});
