import { describe, it, expect } from 'vitest';
import {
  applicationNumberInputSchema,
  applicationNumberSchema,
  computeCheckDigit,
  normalizeApplicationNumber,
  parseApplicationNumber,
} from './application-number';

describe('computeCheckDigit', () => {
  it('computes the documented example and real numbers', () => {
    expect(computeCheckDigit('201710601862')).toBe('3');
    expect(computeCheckDigit('201210247723')).toBe('2');
    expect(computeCheckDigit('201711084130')).toBe('8');
  });

  it('writes remainder 10 as X', () => {
    expect(computeCheckDigit('201710870108')).toBe('X');
  });

  it('uses weights 2..9 for the legacy 8-digit form', () => {
    // 9*2+3*3+1*4+0*5+5*6+2*7+2*8+3*9 = 118; 118 mod 11 = 8.
    expect(computeCheckDigit('93105223')).toBe('8');
  });

  it('refuses other lengths or non-digits', () => {
    expect(() => computeCheckDigit('2017106018')).toThrow(RangeError);
    expect(() => computeCheckDigit('20171060186A')).toThrow(RangeError);
  });
});

describe('parseApplicationNumber', () => {
  it('accepts a CN-prefixed invention number', () => {
    expect(parseApplicationNumber('CN201210247723.2')).toEqual({
      ok: true,
      value: {
        normalized: '201210247723.2',
        year: 2012,
        kind: 'invention',
        pct: false,
        checkDigitGiven: true,
        format: 'current',
      },
    });
  });

  it('accepts an X check digit', () => {
    const result = parseApplicationNumber('201710870108.X');
    expect(result.ok && result.value.normalized).toBe('201710870108.X');
  });

  it('computes a missing check digit', () => {
    expect(parseApplicationNumber('201711084130')).toEqual({
      ok: true,
      value: {
        normalized: '201711084130.8',
        year: 2017,
        kind: 'invention',
        pct: false,
        checkDigitGiven: false,
        format: 'current',
      },
    });
  });

  it.each([
    ['ZL201210247723.2', '201210247723.2'],
    ['zl 2012 1 0247723.2', '201210247723.2'],
    ['CN 201710870108.x', '201710870108.X'],
    ['2017108701 08X', '201710870108.X'],
    ['２０１２１０２４７７２３．２', '201210247723.2'],
    ['2012102477232', '201210247723.2'],
  ])('normalizes written form %j', (input, expected) => {
    expect(normalizeApplicationNumber(input)).toBe(expected);
  });

  it('reads the type digit: utility model, design and PCT', () => {
    const utility = parseApplicationNumber('201820000001');
    expect(utility.ok && [utility.value.kind, utility.value.pct]).toEqual(['utility_model', false]);
    const design = parseApplicationNumber('201930000001');
    expect(design.ok && design.value.kind).toBe('design');
    const pctInvention = parseApplicationNumber('201880000001');
    expect(pctInvention.ok && [pctInvention.value.kind, pctInvention.value.pct]).toEqual(['invention', true]);
    const pctUtility = parseApplicationNumber('201890000001');
    expect(pctUtility.ok && [pctUtility.value.kind, pctUtility.value.pct]).toEqual(['utility_model', true]);
  });

  it('refuses a wrong check digit with a Chinese message naming the right one', () => {
    const result = parseApplicationNumber('CN201210247723.3');
    expect(result).toMatchObject({ ok: false, code: 'bad_check_digit' });
    expect(!result.ok && result.message).toContain('校验位');
    expect(!result.ok && result.message).toContain('2');
    expect(parseApplicationNumber('201710870108.0')).toMatchObject({ ok: false, code: 'bad_check_digit' });
    expect(parseApplicationNumber('201710601862.X')).toMatchObject({ ok: false, code: 'bad_check_digit' });
  });

  it.each([
    '',
    'CN',
    '20121024772',
    '2012102477234.2',
    '201240247723.0',
    '200210247723',
    'US201210247723.2',
    '2012-10247723.2',
    '201210247723.22',
    '201210247723.A',
  ])('refuses malformed %j', (input) => {
    const result = parseApplicationNumber(input);
    expect(result).toMatchObject({ ok: false, code: 'malformed' });
    expect(!result.ok && result.message).toMatch(/申请号/);
  });

  it('handles the legacy 8-digit form with two-digit years', () => {
    expect(parseApplicationNumber('ZL93105223.8')).toEqual({
      ok: true,
      value: {
        normalized: '93105223.8',
        year: 1993,
        kind: 'invention',
        pct: false,
        checkDigitGiven: true,
        format: 'legacy',
      },
    });
    const y2001 = parseApplicationNumber('01234567');
    expect(y2001.ok && [y2001.value.year, y2001.value.kind]).toEqual([2001, 'utility_model']);
    expect(parseApplicationNumber('93105223.7')).toMatchObject({ ok: false, code: 'bad_check_digit' });
    expect(parseApplicationNumber('50105223')).toMatchObject({ ok: false, code: 'malformed' });
  });
});

describe('application number schemas', () => {
  it('normalizes input and reports the parse message', () => {
    expect(applicationNumberInputSchema.parse('CN201210247723.2')).toBe('201210247723.2');
    const bad = applicationNumberInputSchema.safeParse('CN201210247723.9');
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toContain('校验位');
  });

  it('accepts only the normalized form for stored numbers', () => {
    expect(applicationNumberSchema.safeParse('201210247723.2').success).toBe(true);
    expect(applicationNumberSchema.safeParse('CN201210247723.2').success).toBe(false);
    expect(applicationNumberSchema.safeParse('201210247723').success).toBe(false);
    expect(applicationNumberSchema.safeParse('201210247723.1').success).toBe(false);
  });
});
