import { describe, it, expect } from 'vitest';
import { isMobilePhone, mobilePhoneSchema, normalizeMobilePhone } from './phone';

describe('mainland mobile numbers', () => {
  it.each([
    ['13800138000', '13800138000'],
    ['138 0013 8000', '13800138000'],
    ['138-0013-8000', '13800138000'],
    ['+86 138 0013 8000', '13800138000'],
    ['008613800138000', '13800138000'],
    ['8613800138000', '13800138000'],
    ['１９９１２３４５６７８', '19912345678'],
  ])('normalizes %j', (input, expected) => {
    expect(normalizeMobilePhone(input)).toBe(expected);
  });

  it.each([
    '',
    '1380013800',
    '138001380001',
    '12800138000',
    '23800138000',
    '010-88888888',
    '+1 13800138000',
    '1380013800a',
  ])('refuses %j', (input) => {
    expect(normalizeMobilePhone(input)).toBeNull();
    expect(isMobilePhone(input)).toBe(false);
  });

  it('has a schema that outputs the bare digits with a Chinese error', () => {
    expect(mobilePhoneSchema.parse('+86 13912345678')).toBe('13912345678');
    expect(mobilePhoneSchema.safeParse('12345').error?.issues[0]?.message).toContain('手机号');
  });
});
