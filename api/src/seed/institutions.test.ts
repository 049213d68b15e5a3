import { describe, expect, it } from 'vitest';
import { seedInstitutions } from './institutions';
import { personName, surnameOf } from './person-names';
import { Rng } from './random';
import { fieldByKey } from './vocabulary/fields';

describe('the seed institutions', () => {
  it('are about 60 distinct universities and institutes with a place, agencies and fields', () => {
    expect(seedInstitutions.length).toBeGreaterThanOrEqual(55);
    expect(new Set(seedInstitutions.map((i) => i.name)).size).toBe(seedInstitutions.length);
    expect(seedInstitutions.some((i) => i.kind === 'institute')).toBe(true);
    expect(seedInstitutions.filter((i) => i.kind === 'university').length).toBeGreaterThan(40);
    for (const inst of seedInstitutions) {
      expect(inst.address, inst.name).toMatch(/^\d{6} \S+/);
      expect(inst.address, inst.name).toContain(inst.region.replace(/[省市]$/, ''));
      expect(inst.region).toMatch(/[省市]$/);
      expect(inst.areaCode).toMatch(/^0\d{2,3}$/);
      expect(inst.agencies.length).toBeGreaterThan(0);
      expect(inst.agencies.every((a) => /(事务所|公司|专利中心)/.test(a))).toBe(true);
      expect(inst.strengths.length).toBeGreaterThan(0);
      expect(inst.strengths.every(([key]) => fieldByKey.has(key))).toBe(true);
    }
  });

  it('cover every field', () => {
    const covered = new Set<string>(seedInstitutions.flatMap((i) => i.strengths.map(([key]) => key)));
    expect([...fieldByKey.keys()].filter((key) => !covered.has(key))).toEqual([]);
  });
});

describe('Chinese person names', () => {
  it('have a known surname and a one- or two-character given name, deterministically', () => {
    const rng = new Rng(9);
    const names = Array.from({ length: 2000 }, () => personName(rng));
    for (const name of names) {
      const given = name.slice(surnameOf(name).length);
      expect(given.length, name).toBeGreaterThanOrEqual(1);
      expect(given.length, name).toBeLessThanOrEqual(2);
    }
    expect(new Set(names).size).toBeGreaterThan(1500);
    const again = new Rng(9);
    expect(Array.from({ length: 2000 }, () => personName(again))).toEqual(names);
  });
});
