import { describe, it, expect } from 'vitest';
import {
  strategicIndustries,
  strategicIndustryTree,
  getStrategicIndustry,
  isStrategicIndustryCode,
  parentOf,
  strategicIndustryCodeSchema,
  withStrategicParents,
} from './strategic-industries';

describe('strategic emerging industries (2018)', () => {
  it('has 9 categories and 40 sub-categories with unique codes', () => {
    expect(strategicIndustryTree).toHaveLength(9);
    expect(strategicIndustries.filter((i) => i.level === 1)).toHaveLength(9);
    expect(strategicIndustries.filter((i) => i.level === 2)).toHaveLength(40);
    const codes = strategicIndustries.map((i) => i.code);
    expect(new Set(codes).size).toBe(49);
  });

  it('numbers sub-categories after their category, consecutively from 1', () => {
    strategicIndustryTree.forEach((category, index) => {
      expect(category.code).toBe(String(index + 1));
      category.subcategories.forEach((sub, subIndex) => {
        expect(sub.code).toBe(`${category.code}.${subIndex + 1}`);
      });
    });
    expect(strategicIndustryTree.map((c) => c.subcategories.length)).toEqual([5, 5, 7, 5, 4, 5, 3, 4, 2]);
  });

  it('looks names up by code', () => {
    expect(getStrategicIndustry('1')?.name).toBe('新一代信息技术产业');
    expect(getStrategicIndustry('1.5')?.name).toBe('人工智能');
    expect(getStrategicIndustry('3.6')?.name).toBe('前沿新材料');
    expect(getStrategicIndustry('5.2')?.name).toBe('新能源汽车装置、配件制造');
    expect(getStrategicIndustry('9.2')?.name).toBe('其他相关服务');
    expect(getStrategicIndustry('9.3')).toBeUndefined();
  });

  it('gives the parent of a sub-category and none for a category or unknown code', () => {
    expect(parentOf('3.6')).toBe('3');
    expect(parentOf('7.3')).toBe('7');
    expect(parentOf('3')).toBeNull();
    expect(parentOf('10.1')).toBeNull();
  });

  it('recognises codes of both levels only', () => {
    expect(isStrategicIndustryCode('4')).toBe(true);
    expect(isStrategicIndustryCode('4.5')).toBe(true);
    expect(isStrategicIndustryCode('4.6')).toBe(false);
    expect(isStrategicIndustryCode('0')).toBe(false);
    expect(strategicIndustryCodeSchema.safeParse('2.3').success).toBe(true);
    expect(strategicIndustryCodeSchema.safeParse('2.9').success).toBe(false);
  });

  it('expands codes to both levels, parent first, dropping unknown ones', () => {
    expect(withStrategicParents(['3.6', '3.2', 'x', '1'])).toEqual(['3', '3.6', '3.2', '1']);
  });
});
