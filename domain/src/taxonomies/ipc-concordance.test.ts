import { describe, it, expect } from 'vitest';
import {
  deriveIndustries,
  ipcClassConcordance,
  ipcConcordance,
  resolveIpcIndustries,
} from './ipc-concordance';
import { isStrategicIndustryCode, parentOf } from './strategic-industries';
import { isEconomicDivisionCode } from './economic-industries';
import { ipcSubclassTitle, parseIpc } from './ipc';

describe('IPC concordance data', () => {
  it('covers at least 120 subclasses, each titled in ipc.ts and mapped to a division', () => {
    expect(ipcConcordance.length).toBeGreaterThanOrEqual(120);
    for (const entry of ipcConcordance) {
      expect(ipcSubclassTitle(entry.subclass), entry.subclass).toBeTruthy();
      expect(entry.economic.length, entry.subclass).toBeGreaterThan(0);
    }
  });

  it('only uses sub-category and division codes that exist in the taxonomies', () => {
    for (const entry of [...ipcConcordance, ...ipcClassConcordance]) {
      for (const code of entry.strategic) {
        expect(isStrategicIndustryCode(code) && parentOf(code) !== null, code).toBe(true);
      }
      for (const code of entry.economic) expect(isEconomicDivisionCode(code), code).toBe(true);
    }
  });

  it('has well-formed class keys covering the class of every subclass entry', () => {
    const classes = new Set(ipcClassConcordance.map((c) => c.class));
    for (const { class: ipcClass } of ipcClassConcordance) expect(ipcClass).toMatch(/^[A-H]\d{2}$/);
    for (const { subclass } of ipcConcordance)
      expect(classes.has(parseIpc(subclass)?.class ?? ''), subclass).toBe(true);
  });
});

describe('resolveIpcIndustries', () => {
  it('uses the subclass table, then the class, then the section', () => {
    expect(resolveIpcIndustries('H01M 4/36')).toEqual({
      level: 'subclass',
      strategic: ['5.2', '6.5'],
      economic: ['38'],
    });
    expect(resolveIpcIndustries('A61Q 19/00')).toEqual({
      level: 'class',
      strategic: ['4.2'],
      economic: ['27', '35'],
    });
    expect(resolveIpcIndustries('F41A 1/00')).toEqual({ level: 'section', strategic: [], economic: ['C'] });
    expect(resolveIpcIndustries('E99Z 1/00')).toEqual({ level: 'section', strategic: [], economic: ['E'] });
    expect(resolveIpcIndustries('nonsense')).toBeNull();
  });
});

describe('deriveIndustries', () => {
  it('tags a battery patent with both levels of both taxonomies', () => {
    expect(deriveIndustries(['H01M 4/36'])).toEqual({
      strategic: ['5', '5.2', '6', '6.5'],
      economic: ['C', '38'],
    });
  });

  it('maps software and drugs as documented', () => {
    expect(deriveIndustries(['G06F 16/35'])).toEqual({
      strategic: ['1', '1.3', '1.4'],
      economic: ['I', '65', 'C', '39'],
    });
    expect(deriveIndustries(['A61K 36/00'])).toEqual({ strategic: ['4', '4.1'], economic: ['C', '27'] });
  });

  it('puts the main symbol first and adds secondary subclasses found in the table', () => {
    expect(deriveIndustries(['C01B 32/184', 'H01M 4/583'])).toEqual({
      strategic: ['3', '3.3', '3.6', '5', '5.2', '6', '6.5'],
      economic: ['C', '26', '38'],
    });
  });

  it('falls back to class and section for the main symbol only', () => {
    // A61Q (cosmetics) is not in the subclass table: its class A61 answers.
    expect(deriveIndustries(['A61Q 19/00'])).toEqual({
      strategic: ['4', '4.2'],
      economic: ['C', '27', '35'],
    });
    // A secondary symbol outside the table adds nothing; one inside it does.
    expect(deriveIndustries(['G06N 3/08', 'A61Q 19/00', 'G16H 50/20'])).toEqual({
      strategic: ['1', '1.5', '4', '4.2', '1.4'],
      economic: ['I', '65'],
    });
    expect(deriveIndustries(['F41A 1/00'])).toEqual({ strategic: [], economic: ['C'] });
  });

  it('accepts any written form, skips malformed symbols, and treats the first valid one as main', () => {
    expect(deriveIndustries(['??', 'h02s0040220000', 'H01L 31/18'])).toEqual({
      strategic: ['6', '6.3', '1', '1.2'],
      economic: ['C', '38', '39'],
    });
    expect(deriveIndustries([])).toEqual({ strategic: [], economic: [] });
    expect(deriveIndustries(['bad'])).toEqual({ strategic: [], economic: [] });
  });
});
