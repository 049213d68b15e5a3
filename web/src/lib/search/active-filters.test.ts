import { describe, expect, it } from 'vitest';
import { activeFilters } from './active-filters';
import { hrefOf, parseSearchParams } from './search-params';

const parse = (query: string) => parseSearchParams(new URLSearchParams(query));
const inst = '0123456789abcdef01234567';

describe('activeFilters', () => {
  it('lists each condition with its name, Chinese label and the link without it', () => {
    const state = parse(
      `q=电池&patentType=invention&strategicIndustries=5.2&institutionId=${inst}&validAtEnd2023=true&registeredFrom=2024-01-01&registeredTo=2024-12-31&sort=applicationDate:asc&page=2`,
    );
    const chips = activeFilters(state, [{ key: inst, label: '浙江大学', count: 3 }]);
    expect(chips.map((c) => `${c.name}：${c.label}`)).toEqual([
      '检索词：电池',
      '战略性新兴产业：新能源汽车装置、配件制造',
      '专利类型：发明',
      '登记单位：浙江大学',
      '截至2023年底有效：是',
      '登记入库时间：2024-01-01 至 2024-12-31',
    ]);
    const withoutType = chips.find((c) => c.id === 'patentType:invention')!.without;
    expect(hrefOf('/r', withoutType)).not.toContain('patentType');
    expect(withoutType.page).toBe('');
    expect(withoutType.sort).toBe('applicationDate:asc');
  });

  it('names an institution from the hits when the facet does not list it, else shows its id', () => {
    const state = parse(`institutionId=${inst}`);
    expect(activeFilters(state, [], new Map([[inst, '同济大学']]))[0]?.label).toBe('同济大学');
    expect(activeFilters(state)[0]?.label).toBe(inst);
  });

  it('describes open-ended registration ranges', () => {
    expect(activeFilters(parse('registeredFrom=2024-03-01'))[0]?.label).toBe('2024-03-01 起');
    expect(activeFilters(parse('registeredTo=2024-03-01'))[0]?.label).toBe('截至 2024-03-01');
  });
});
