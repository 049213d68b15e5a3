import { describe, it, expect } from 'vitest';
import {
  ipcCodeInputSchema,
  ipcCodeSchema,
  ipcFacets,
  ipcSections,
  ipcSectionName,
  ipcSubclasses,
  ipcSubclassTitle,
  normalizeIpc,
  parseIpc,
  splitIpcCodes,
} from './ipc';

// The common subclasses listed in shared/spec/domain-reference.md.
const referenceSubclasses =
  'A61K A61B A61P A23L A01B B01D B01J B25J B29C B60L B60W B62D B64C C01B C02F C07D C07K C08L C12N C12Q C22C C23C D01F E02D E04B E21B F01D F03D F16H F24S F25B G01N G01S G05B G06F G06N G06Q G06T G06V G08G G16H H01L H01M H02J H02S H04B H04L H04N H04W H05K'.split(
    ' ',
  );

describe('IPC sections and subclasses', () => {
  it('names the 8 sections in Chinese', () => {
    expect(ipcSections.map((s) => s.code).join('')).toBe('ABCDEFGH');
    expect(ipcSectionName('H')).toBe('电学');
    expect(ipcSectionName('C')).toBe('化学；冶金');
    expect(ipcSectionName('Z')).toBeUndefined();
  });

  it('titles every common subclass of the reference, and all listed symbols are well formed', () => {
    for (const code of referenceSubclasses) expect(ipcSubclassTitle(code), code).toBeTruthy();
    for (const { code } of ipcSubclasses) expect(parseIpc(code)?.subclass).toBe(code);
    expect(ipcSubclasses.length).toBeGreaterThanOrEqual(120);
    expect(ipcSubclassTitle('H01M')).toContain('电池');
    expect(ipcSubclassTitle('toString')).toBeUndefined();
  });
});

describe('parseIpc', () => {
  it('decomposes a symbol', () => {
    expect(parseIpc('H01M 4/36')).toEqual({
      section: 'H',
      class: 'H01',
      subclass: 'H01M',
      group: '4/36',
      mainGroup: '4',
      subgroup: '36',
      normalized: 'H01M 4/36',
    });
  });

  it.each([
    ['H01M4/36', 'H01M 4/36'],
    ['H01M 4/36', 'H01M 4/36'],
    ['  h01m  4 / 36 ', 'H01M 4/36'],
    ['H01M0004360000', 'H01M 4/36'],
    ['H01M0010052500', 'H01M 10/0525'],
    ['A61K0031000000', 'A61K 31/00'],
    ['G06F 0017/30', 'G06F 17/30'],
    ['Ｈ０１Ｍ４／３６', 'H01M 4/36'],
    ['H01M 4/36(2006.01)', 'H01M 4/36'],
    ['H01M4/36(2006.01)I', 'H01M 4/36'],
    ['H01M 4/360', 'H01M 4/36'],
    ['H01M', 'H01M'],
  ])('normalizes %j to %j', (input, expected) => {
    expect(normalizeIpc(input)).toBe(expected);
  });

  it('gives a bare subclass without group', () => {
    expect(parseIpc('G06N')).toMatchObject({
      subclass: 'G06N',
      group: null,
      mainGroup: null,
      subgroup: null,
    });
  });

  it.each([
    '',
    'H01',
    'I01M 4/36',
    'H1M 4/36',
    'H00M 4/36',
    'H01M 4',
    'H01M 4/3',
    'H01M 0/36',
    'H01M 4/36/1',
    'H01M 12345/00',
    'H01M000436000',
    '01M 4/36',
  ])('refuses %j', (input) => {
    expect(parseIpc(input)).toBeNull();
    expect(normalizeIpc(input)).toBeNull();
  });
});

describe('IPC lists and facets', () => {
  it('splits a CNIPA list, dedupes, and reports bad pieces', () => {
    expect(splitIpcCodes('H01M4/36;H01M10/0525；H01M 4/36, C01B32/05 | bogus')).toEqual({
      codes: ['H01M 4/36', 'H01M 10/0525', 'C01B 32/05'],
      invalid: ['bogus'],
    });
  });

  it('derives sections and subclasses in first-seen order', () => {
    expect(ipcFacets(['H01M 4/36', 'C01B 32/05', 'H01M 10/0525', 'junk'])).toEqual({
      ipcSections: ['H', 'C'],
      ipcSubclasses: ['H01M', 'C01B'],
    });
  });

  it('has a schema for input (normalizing) and one for stored symbols (canonical only)', () => {
    expect(ipcCodeInputSchema.parse('h01m4/36')).toBe('H01M 4/36');
    expect(ipcCodeInputSchema.safeParse('H01M 4').success).toBe(false);
    expect(ipcCodeSchema.safeParse('H01M 4/36').success).toBe(true);
    expect(ipcCodeSchema.safeParse('H01M4/36').success).toBe(false);
  });
});
