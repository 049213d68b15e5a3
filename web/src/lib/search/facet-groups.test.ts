import { describe, expect, it } from 'vitest';
import { FACET_TOP, facetGroup, facetGroups } from './facet-groups';
import { parseSearchParams, toSearchParams } from './search-params';

const parse = (query: string) => parseSearchParams(new URLSearchParams(query));
const b = (key: string, count: number, label = key) => ({ key, label, count });

describe('facetGroup', () => {
  it('marks selected values and links each value to the toggled state', () => {
    const group = facetGroup(
      'patentType',
      [b('invention', 30, '发明'), b('utility_model', 8, '实用新型')],
      parse('patentType=invention&page=2'),
    );
    expect(group.title).toBe('专利类型');
    expect(group.top.map((o) => [o.label, o.count, o.selected])).toEqual([
      ['发明', 30, true],
      ['实用新型', 8, false],
    ]);
    expect(toSearchParams(group.top[0]!.next).toString()).toBe('');
    expect(toSearchParams(group.top[1]!.next).getAll('patentType')).toEqual(['invention', 'utility_model']);
  });

  it('keeps the first values visible, puts the rest behind 更多, but never hides a selected value', () => {
    const buckets = Array.from({ length: 10 }, (_, i) => b(`A0${i}`, 20 - i));
    const plain = facetGroup('ipcSubclass', buckets, parse(''));
    expect(plain.top).toHaveLength(FACET_TOP);
    expect(plain.more).toHaveLength(10 - FACET_TOP);
    const selected = facetGroup('ipcSubclass', buckets, parse('ipcSubclass=A09'));
    expect(selected.top.map((o) => o.key)).toContain('A09');
    expect(selected.more.map((o) => o.key)).not.toContain('A09');
  });

  it('lists a selected value the counts no longer contain with count 0, so it can be removed', () => {
    const group = facetGroup('legalStatus', [b('valid', 5, '有效')], parse('legalStatus=invalid'));
    expect(group.top[0]).toMatchObject({ key: 'invalid', label: '失效', count: 0, selected: true });
  });

  it('nests industry sub-categories under their categories', () => {
    const group = facetGroup(
      'strategicIndustries',
      [
        b('5', 10, '新能源汽车产业'),
        b('7', 6, '节能环保产业'),
        b('5.2', 9, '新能源汽车装置、配件制造'),
        b('7.2', 6, '先进环保产业'),
      ],
      parse(''),
    );
    expect(group.top.map((o) => [o.key, o.depth])).toEqual([
      ['5', 0],
      ['5.2', 1],
      ['7', 0],
      ['7.2', 1],
    ]);
  });

  it('offers registration years newest first and validity "true" first, toggling their own parameters', () => {
    const years = facetGroup('registeredAt', [b('2023', 4, '2023年'), b('2025', 2, '2025年')], parse(''));
    expect(years.top.map((o) => o.label)).toEqual(['2025年', '2023年']);
    expect(years.top[0]!.next).toMatchObject({ registeredFrom: '2025-01-01', registeredTo: '2025-12-31' });
    const valid = facetGroup('validAtEnd2023', [b('false', 1), b('true', 9)], parse('validAtEnd2023=true'));
    expect(valid.top.map((o) => [o.key, o.selected])).toEqual([
      ['true', true],
      ['false', false],
    ]);
  });

  it('prefixes IPC values with their symbol and drops empty facets', () => {
    const groups = facetGroups({ ipcSection: [b('H', 3, '电学')], patentType: [] }, parse(''));
    expect(groups.map((g) => g.key)).toEqual(['ipcSection']);
    expect(groups[0]!.top[0]!.label).toBe('H 电学');
    expect(facetGroups(null, parse(''))).toEqual([]);
  });
});
