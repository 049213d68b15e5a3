import { describe, it, expect } from 'vitest';
import {
  economicSections,
  economicDivisions,
  economicIndustryCodeSchema,
  economicIndustryName,
  getEconomicDivision,
  isEconomicIndustryCode,
  sectionOf,
  withEconomicSections,
} from './economic-industries';

// Section ranges as listed in shared/spec/domain-reference.md.
const ranges: Record<string, [number, number]> = {
  A: [1, 5],
  B: [6, 12],
  C: [13, 43],
  D: [44, 46],
  E: [47, 50],
  F: [51, 52],
  G: [53, 60],
  H: [61, 62],
  I: [63, 65],
  J: [66, 69],
  K: [70, 70],
  L: [71, 72],
  M: [73, 75],
  N: [76, 79],
  O: [80, 82],
  P: [83, 83],
  Q: [84, 85],
  R: [86, 90],
  S: [91, 96],
  T: [97, 97],
};

describe('GB/T 4754-2017 sections and divisions', () => {
  it('has the 20 sections A–T in order', () => {
    expect(economicSections.map((s) => s.code).join('')).toBe('ABCDEFGHIJKLMNOPQRST');
  });

  it('has the 97 divisions 01–97, each in exactly one section, within the documented ranges', () => {
    expect(economicDivisions.map((d) => d.code)).toEqual(
      Array.from({ length: 97 }, (_, i) => String(i + 1).padStart(2, '0')),
    );
    for (const section of economicSections) {
      const [from, to] = ranges[section.code] ?? [0, -1];
      expect(section.divisions.map((d) => Number(d.code))).toEqual(
        Array.from({ length: to - from + 1 }, (_, i) => from + i),
      );
      for (const division of section.divisions) expect(division.section).toBe(section.code);
    }
    const owners = economicDivisions.map(
      (d) => economicSections.filter((s) => s.divisions.includes(d)).length,
    );
    expect(owners.every((n) => n === 1)).toBe(true);
  });

  it('uses the 2017 names, not the 2011 ones', () => {
    expect(getEconomicDivision('05')?.name).toBe('农、林、牧、渔专业及辅助性活动');
    expect(getEconomicDivision('11')?.name).toBe('开采专业及辅助性活动');
    expect(getEconomicDivision('58')?.name).toBe('多式联运和运输代理业');
    expect(getEconomicDivision('59')?.name).toBe('装卸搬运和仓储业');
    expect(getEconomicDivision('63')?.name).toBe('电信、广播电视和卫星传输服务');
    expect(getEconomicDivision('64')?.name).toBe('互联网和相关服务');
    expect(getEconomicDivision('65')?.name).toBe('软件和信息技术服务业');
    expect(getEconomicDivision('87')?.name).toBe('广播、电视、电影和录音制作业');
    expect(getEconomicDivision('96')?.name).toBe('基层群众自治组织及其他组织');
    expect(getEconomicDivision('38')?.name).toBe('电气机械和器材制造业');
    expect(economicIndustryName('I')).toBe('信息传输、软件和信息技术服务业');
    expect(economicIndustryName('T')).toBe('国际组织');
  });

  it('has unique names within the divisions', () => {
    expect(new Set(economicDivisions.map((d) => d.name)).size).toBe(97);
  });

  it('maps a division to its section', () => {
    expect(sectionOf('01')).toBe('A');
    expect(sectionOf('38')).toBe('C');
    expect(sectionOf('65')).toBe('I');
    expect(sectionOf('97')).toBe('T');
    expect(sectionOf('98')).toBeNull();
    expect(sectionOf('C')).toBeNull();
  });

  it('recognises section letters and two-digit divisions only', () => {
    expect(isEconomicIndustryCode('C')).toBe(true);
    expect(isEconomicIndustryCode('38')).toBe(true);
    expect(isEconomicIndustryCode('8')).toBe(false);
    expect(isEconomicIndustryCode('U')).toBe(false);
    expect(economicIndustryCodeSchema.safeParse('00').success).toBe(false);
  });

  it('expands divisions with their sections, section first, dropping unknown codes', () => {
    expect(withEconomicSections(['38', '34', '65', 'Z', 'C'])).toEqual(['C', '38', '34', 'I', '65']);
  });
});
