import { describe, expect, it } from 'vitest';
import {
  clearAll,
  emptyState,
  firstPage,
  exportParams,
  hasFilters,
  hrefOf,
  isCanonical,
  parseSearchParams,
  safeReturnPath,
  selectedYear,
  toSearchParams,
  toggleFilter,
  toggleRegistrationYear,
  toggleValidity,
  withCursor,
  withPage,
  withSize,
  withSort,
  librarySortOptions,
  toggleEnterpriseEvaluated,
  toggleEvaluationState,
  toggleMine,
} from './search-params';

const parse = (query: string) => parseSearchParams(new URLSearchParams(query));

describe('parseSearchParams', () => {
  it('reads lists given as repeated keys, commas or full-width commas, trimmed and without duplicates', () => {
    const state = parse(
      'patentType=invention&patentType=design&strategicIndustries=5, 5.2，7&strategicIndustries=5',
    );
    expect(state.filters.patentType).toEqual(['invention', 'design']);
    expect(state.filters.strategicIndustries).toEqual(['5', '5.2', '7']);
    expect(state.filters.legalStatus).toEqual([]);
  });

  it('keeps unknown codes and odd values as sent, so the API can name them in its field errors', () => {
    const state = parse('strategicIndustries=99&size=500&validAtEnd2023=maybe');
    expect(state.filters.strategicIndustries).toEqual(['99']);
    expect(state.size).toBe('500');
    expect(state.validAtEnd2023).toBe('maybe');
  });

  it('trims the search text, treats empty form fields as unset and drops default page and size', () => {
    const state = parse(
      'q=%20%E9%94%82%E7%94%B5%E6%B1%A0%20%E6%AD%A3%E6%9E%81%20&registeredFrom=&validAtEnd2023=&page=1&size=20',
    );
    expect(state).toEqual({ ...emptyState(), q: '锂电池 正极' });
  });

  it('ignores the page number when a cursor continues the list', () => {
    expect(parse('page=3&cursor=abc')).toMatchObject({ page: '', cursor: 'abc' });
  });
});

describe('toSearchParams', () => {
  it('writes one canonical form: fixed key order, repeated keys, defaults left out', () => {
    const state = parse(
      'sort=registeredAt:desc&patentType=invention,design&q=电池&page=2&size=50&registeredTo=2024-12-31',
    );
    expect(toSearchParams(state).toString()).toBe(
      'q=%E7%94%B5%E6%B1%A0&patentType=invention&patentType=design&registeredTo=2024-12-31&sort=registeredAt%3Adesc&size=50&page=2',
    );
  });

  it('round-trips: parsing the canonical form gives the same state', () => {
    const state = parse(
      'q=a b&ipcSubclass=H01M&institutionId=0123456789abcdef01234567&validAtEnd2023=true&cursor=xyz&size=100',
    );
    expect(parseSearchParams(toSearchParams(state))).toEqual(state);
    expect(isCanonical(toSearchParams(state), state)).toBe(true);
    expect(isCanonical(new URLSearchParams('size=100&q=a+b'), parse('size=100&q=a+b'))).toBe(false);
  });

  it('builds hrefs without a question mark when nothing is set', () => {
    expect(hrefOf('/resource-library', emptyState())).toBe('/resource-library');
    expect(hrefOf('/resource-library', parse('q=x'))).toBe('/resource-library?q=x');
  });
});

describe('state changes', () => {
  const base = parse('q=电池&patentType=invention&page=3&size=50&sort=applicationDate:asc');

  it('toggles a code on and off, back on page 1, keeping the rest', () => {
    const added = toggleFilter(base, 'patentType', 'design');
    expect(added.filters.patentType).toEqual(['invention', 'design']);
    expect(added).toMatchObject({ page: '', q: '电池', size: '50', sort: 'applicationDate:asc' });
    expect(toggleFilter(added, 'patentType', 'invention').filters.patentType).toEqual(['design']);
  });

  it('toggles validity and a registration year', () => {
    expect(toggleValidity(base, 'true').validAtEnd2023).toBe('true');
    expect(toggleValidity(toggleValidity(base, 'true'), 'true').validAtEnd2023).toBe('');
    const year = toggleRegistrationYear(base, '2024');
    expect(year).toMatchObject({ registeredFrom: '2024-01-01', registeredTo: '2024-12-31' });
    expect(selectedYear(year)).toBe('2024');
    expect(toggleRegistrationYear(year, '2024')).toMatchObject({ registeredFrom: '', registeredTo: '' });
    expect(selectedYear(parse('registeredFrom=2024-01-01&registeredTo=2024-06-30'))).toBeNull();
  });

  it('clears everything but sort and size', () => {
    const cleared = clearAll(toggleValidity(base, 'false'));
    expect(cleared).toEqual({ ...emptyState(), sort: 'applicationDate:asc', size: '50' });
    expect(hasFilters(cleared)).toBe(false);
    expect(hasFilters(base)).toBe(true);
    expect(clearAll(parse('q=x&size=500&sort=bogus'))).toEqual(emptyState());
  });

  it('changes sort and size on page 1, pages by number or by cursor', () => {
    expect(withSort(base, 'relevance')).toMatchObject({ sort: 'relevance', page: '' });
    expect(withSize(base, '20')).toMatchObject({ size: '', page: '' });
    expect(withPage(base, 1).page).toBe('');
    expect(withPage(withCursor(base, 'c'), 4)).toMatchObject({ page: '4', cursor: '' });
    expect(toSearchParams(withCursor(base, 'c')).get('page')).toBeNull();
  });

  it('exports the search without paging, with an optional limit', () => {
    const params = exportParams(withCursor(base, 'c'), 1000);
    expect(params.toString()).toBe(
      'q=%E7%94%B5%E6%B1%A0&patentType=invention&sort=applicationDate%3Aasc&limit=1000',
    );
    expect(exportParams(base).has('limit')).toBe(false);
  });
});

describe('safeReturnPath', () => {
  const allowed = ['/resource-library', '/portfolios'];

  it('accepts same-site paths under the allowed prefixes, with their query', () => {
    expect(safeReturnPath('/resource-library?q=%E7%94%B5&page=2', allowed)).toBe(
      '/resource-library?q=%E7%94%B5&page=2',
    );
    expect(safeReturnPath('/portfolios/0123456789abcdef01234567', allowed)).toBe(
      '/portfolios/0123456789abcdef01234567',
    );
  });

  it('refuses other sites, protocol-relative and backslash tricks, and other paths', () => {
    for (const from of [
      'https://evil.example/',
      '//evil.example/x',
      '/\\evil.example',
      'javascript:alert(1)',
      '/users/accounts',
      '/resource-libraryx',
      null,
      '',
    ])
      expect(safeReturnPath(from, allowed), String(from)).toBeNull();
  });
});

describe('the 评价库 state', () => {
  it('round-trips 企业已评 and toggles it back to page 1', () => {
    const state = parseSearchParams(new URLSearchParams('q=电池&enterpriseEvaluated=false&page=3'));
    expect(state.enterpriseEvaluated).toBe('false');
    expect(toSearchParams(state).toString()).toBe(
      `q=${encodeURIComponent('电池')}&enterpriseEvaluated=false&page=3`,
    );
    const evaluated = toggleEnterpriseEvaluated(state, 'true');
    expect(evaluated).toMatchObject({ enterpriseEvaluated: 'true', page: '' });
    expect(toggleEnterpriseEvaluated(evaluated, 'true').enterpriseEvaluated).toBe('');
  });

  it('round-trips the row state and 我已评, toggling each back to page 1', () => {
    const state = parseSearchParams(
      new URLSearchParams('evaluationState=expert_evaluated&mine=false&page=2'),
    );
    expect(state).toMatchObject({ evaluationState: 'expert_evaluated', mine: 'false' });
    expect(hasFilters(state)).toBe(true);
    expect(toSearchParams(state).toString()).toBe('evaluationState=expert_evaluated&mine=false&page=2');
    const mine = toggleMine(state, 'true');
    expect(mine).toMatchObject({ mine: 'true', page: '' });
    expect(toggleEvaluationState(mine, 'expert_evaluated').evaluationState).toBe('');
    expect(toggleEvaluationState(mine, 'pending').evaluationState).toBe('pending');
  });

  it('offers 推送时间 first, with the catalogue’s sorts after it', () => {
    expect(librarySortOptions.map((o) => o.value).slice(0, 2)).toEqual(['pushedAt:desc', 'pushedAt:asc']);
    expect(librarySortOptions.find((o) => o.value === 'pushedAt:desc')?.label).toBe('推送时间（最新）');
  });
});

describe('search mode (智能检索 / 精确检索)', () => {
  it('writes 精确检索 into the URL, leaves the default 智能检索 out, and keeps the mode on clear-all', () => {
    const exact = parseSearchParams(new URLSearchParams('q=%E5%BF%83%E6%A2%97&mode=exact&page=2'));
    expect(exact.mode).toBe('exact');
    expect(toSearchParams(exact).toString()).toBe('q=%E5%BF%83%E6%A2%97&mode=exact&page=2');
    const hybrid = parseSearchParams(new URLSearchParams('q=a&mode=hybrid'));
    expect(hybrid.mode).toBe('');
    expect(toSearchParams(hybrid).toString()).toBe('q=a');
    expect(clearAll(exact).mode).toBe('exact');
    expect(toSearchParams(firstPage(exact)).get('mode')).toBe('exact');
  });
});
