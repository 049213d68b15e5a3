import type { estypes } from '@elastic/elasticsearch';
import { describe, expect, it } from 'vitest';
import { buildFacetAggs } from './filters';
import { buildFacetsRequest, buildPatentQuery, buildSearchRequest } from './query-builder';
import type { SearchInput } from './schema';

type Query = estypes.QueryDslQueryContainer;

const base: SearchInput = { filters: {}, page: 1, size: 20 };

const LIST_SOURCE = [
  'id',
  'applicationNumber',
  'title',
  'abstract',
  'applicants',
  'institutionId',
  'institutionName',
  'patentType',
  'legalStatus',
  'ipcMain',
  'applicationDate',
  'registeredAt',
  'strategicIndustries',
  'economicIndustries',
  'cooperationModes',
  'validAtEnd2023',
  'portfolioIds',
];
const TEXT_FIELDS = ['title^3', 'abstract', 'claims', 'applicants.text'];

/** A required typed word, as the request must spell it: its smartcn terms, or the word as a substring. */
const required = (word: string): Query => ({
  bool: {
    should: [
      { multi_match: { query: word, type: 'cross_fields', operator: 'and', fields: TEXT_FIELDS } },
      {
        multi_match: {
          query: word,
          type: 'phrase',
          fields: ['title.std^3', 'abstract.std', 'claims.std', 'applicants.text'],
        },
      },
    ],
    minimum_should_match: 1,
  },
});
const BY_REGISTERED_DESC: estypes.SortCombinations[] = [
  { registeredAt: { order: 'desc' } },
  { applicationNumber: { order: 'asc' } },
];
const BY_RELEVANCE: estypes.SortCombinations[] = [
  { _score: { order: 'desc' } },
  { registeredAt: { order: 'desc' } },
  { applicationNumber: { order: 'asc' } },
];
/** A page-1 request sorted by registration date with no text: the parts each case varies. */
function browse(extra: Partial<estypes.SearchRequest>): estypes.SearchRequest {
  return {
    query: { match_all: {} },
    sort: BY_REGISTERED_DESC,
    size: 20,
    from: 0,
    track_total_hits: true,
    _source: LIST_SOURCE,
    aggs: buildFacetAggs({}),
    ...extra,
  } as estypes.SearchRequest;
}

describe('buildSearchRequest', () => {
  it('without text or filters: everything, newest registrations first, all facets', () => {
    expect(buildSearchRequest(base)).toEqual(browse({}));
  });

  it('keyword only: each word required (terms or substring) plus exact-substring bonuses, relevance sort, no ES highlighting (the API marks the text)', () => {
    expect(buildSearchRequest({ ...base, q: '锂电池 正极材料' })).toEqual(
      browse({
        query: {
          bool: {
            must: [required('锂电池'), required('正极材料')],
            should: [
              { match_phrase: { 'title.std': { query: '锂电池', boost: 3 } } },
              { match_phrase: { 'abstract.std': { query: '锂电池', boost: 1.5 } } },
              { match_phrase: { 'title.std': { query: '正极材料', boost: 3 } } },
              { match_phrase: { 'abstract.std': { query: '正极材料', boost: 1.5 } } },
              { match_phrase: { 'title.std': { query: '锂电池 正极材料', slop: 2, boost: 2 } } },
            ],
          },
        },
        sort: BY_RELEVANCE,
      }),
    );
  });

  it('one word: no adjacency bonus; a one-character word gets no phrase bonus', () => {
    expect(buildSearchRequest({ ...base, q: '污水处理 锂' }).query).toEqual({
      bool: {
        must: [required('污水处理'), required('锂')],
        should: [
          { match_phrase: { 'title.std': { query: '污水处理', boost: 3 } } },
          { match_phrase: { 'abstract.std': { query: '污水处理', boost: 1.5 } } },
          { match_phrase: { 'title.std': { query: '污水处理 锂', slop: 2, boost: 2 } } },
        ],
      },
    });
  });

  it('sorted by a date, the score-only bonuses are left out', () => {
    expect(buildSearchRequest({ ...base, q: '锂电池 正极材料', sort: 'applicationDate:desc' }).query).toEqual(
      {
        bool: {
          must: [required('锂电池'), required('正极材料')],
        },
      },
    );
  });

  it('syntax is plain text: no query_string, field prefixes and boosts dropped, words reach ES', () => {
    expect(buildSearchRequest({ ...base, q: 'abstract:(石墨烯*)^3 [导热]' }).query).toEqual({
      bool: {
        must: [required('石墨烯'), required('导热')],
        should: [
          { match_phrase: { 'title.std': { query: '石墨烯', boost: 3 } } },
          { match_phrase: { 'abstract.std': { query: '石墨烯', boost: 1.5 } } },
          { match_phrase: { 'title.std': { query: '导热', boost: 3 } } },
          { match_phrase: { 'abstract.std': { query: '导热', boost: 1.5 } } },
          { match_phrase: { 'title.std': { query: '石墨烯 导热', slop: 2, boost: 2 } } },
        ],
      },
    });
  });

  it('an unbalanced quote is dropped and its words searched as plain words', () => {
    expect(buildSearchRequest({ ...base, q: '"导热膜' }).query).toEqual({
      bool: {
        must: [required('导热膜')],
        should: [
          { match_phrase: { 'title.std': { query: '导热膜', boost: 3 } } },
          { match_phrase: { 'abstract.std': { query: '导热膜', boost: 1.5 } } },
        ],
      },
    });
  });

  it('a quoted phrase is required as an exact substring', () => {
    expect(buildSearchRequest({ ...base, q: '"石墨烯"' }).query).toEqual({
      bool: {
        must: [
          {
            multi_match: {
              query: '石墨烯',
              type: 'phrase',
              fields: ['title.std^3', 'abstract.std', 'claims.std', 'applicants.text'],
            },
          },
        ],
      },
    });
  });

  it('an application number is looked up exactly, normalized with its check digit', () => {
    expect(buildSearchRequest({ ...base, q: 'CN201710601862' })).toEqual(
      browse({
        query: { bool: { must: [{ term: { applicationNumber: '201710601862.3' } }] } },
        sort: BY_RELEVANCE,
      }),
    );
  });

  it('publication numbers: exact with a kind code, prefix without; several numbers match any', () => {
    expect(buildSearchRequest({ ...base, q: 'CN102738433A CN102738434' }).query).toEqual({
      bool: {
        must: [
          {
            bool: {
              should: [
                { term: { publicationNumber: 'CN102738433A' } },
                { prefix: { publicationNumber: 'CN102738434' } },
              ],
              minimum_should_match: 1,
            },
          },
        ],
      },
    });
  });

  it('an application number with a wrong check digit matches nothing', () => {
    expect(buildSearchRequest({ ...base, q: '201710601862.4' }).query).toEqual({
      bool: { must: [{ match_none: {} }] },
    });
  });

  it('only syntax characters: browsing, as without text', () => {
    expect(buildSearchRequest({ ...base, q: '*:()' })).toEqual(browse({}));
  });

  it('a selection goes into post_filter, and the facets are filtered by the other selections', () => {
    const filters = { patentType: ['invention'], legalStatus: ['valid'] };
    expect(buildSearchRequest({ ...base, filters })).toEqual(
      browse({
        post_filter: {
          bool: { filter: [{ terms: { patentType: ['invention'] } }, { terms: { legalStatus: ['valid'] } }] },
        },
        aggs: buildFacetAggs(filters),
      }),
    );
  });

  const sortCases: [SearchInput['sort'], string | undefined, unknown[]][] = [
    [undefined, undefined, BY_REGISTERED_DESC],
    ['relevance', undefined, BY_REGISTERED_DESC],
    [undefined, '电池', BY_RELEVANCE],
    ['relevance', '电池', BY_RELEVANCE],
    ['registeredAt:desc', '电池', BY_REGISTERED_DESC],
    [
      'registeredAt:asc',
      undefined,
      [{ registeredAt: { order: 'asc' } }, { applicationNumber: { order: 'asc' } }],
    ],
    [
      'applicationDate:desc',
      undefined,
      [{ applicationDate: { order: 'desc' } }, { applicationNumber: { order: 'asc' } }],
    ],
    [
      'applicationDate:asc',
      '电池',
      [{ applicationDate: { order: 'asc' } }, { applicationNumber: { order: 'asc' } }],
    ],
  ];

  it.each(sortCases)('sort %s with q=%s ends on the applicationNumber tie-break', (sort, q, expected) => {
    const request = buildSearchRequest({ ...base, ...(sort ? { sort } : {}), ...(q ? { q } : {}) });
    expect(request.sort).toEqual(expected);
  });

  it('a numbered page is from/size', () => {
    expect(buildSearchRequest({ ...base, page: 3, size: 50 })).toEqual(browse({ from: 100, size: 50 }));
  });

  it('a cursor page continues with search_after through its point in time, without from or index', () => {
    const cursor = {
      pit: 'pit-abc',
      after: [1719792000000, '201710601862.3'],
      page: 12,
      fp: '0123456789abcdef',
    };
    const request = buildSearchRequest({ ...base, page: 12, cursor });
    const expected = browse({
      search_after: [1719792000000, '201710601862.3'],
      pit: { id: 'pit-abc', keep_alive: '2m' },
    });
    delete expected.from;
    expect(request).toEqual(expected);
  });

  it('the counts of a search: no rows, no sort, the same body for every page and sort', () => {
    const filters = { patentType: ['invention'] };
    const input = { ...base, q: '电池', filters, sort: 'relevance' as const, page: 7 };
    expect(buildFacetsRequest(input)).toEqual({
      query: buildPatentQuery('电池', {}, false),
      size: 0,
      track_total_hits: true,
      post_filter: { bool: { filter: [{ terms: { patentType: ['invention'] } }] } },
      aggs: buildFacetAggs(filters),
    });
    const resorted: SearchInput = { ...input, sort: 'registeredAt:asc', page: 1 };
    expect(buildFacetsRequest(resorted)).toEqual(buildFacetsRequest(input));
  });

  it('a hits-only page may skip counting', () => {
    const request = buildSearchRequest(base, { facets: false, countTotal: false });
    expect(request.track_total_hits).toBe(false);
    expect(request).not.toHaveProperty('aggs');
  });

  it('a cursor without a point in time continues with search_after alone', () => {
    const cursor = {
      pit: null,
      after: [3.5, 1719792000000, '201710601862.3'],
      page: 2,
      fp: '0123456789abcdef',
    };
    const request = buildSearchRequest({ ...base, q: '电池', page: 2, cursor });
    expect(request.search_after).toEqual([3.5, 1719792000000, '201710601862.3']);
    expect(request).not.toHaveProperty('pit');
    expect(request).not.toHaveProperty('from');
  });

  it('the library scope goes into the main query filter, so facets count within it', () => {
    const extra: Query = { terms: { strategicIndustries: ['5', '6'] } };
    const request = buildSearchRequest(
      { ...base, q: '电池', filters: { legalStatus: ['valid'] } },
      { scope: { ids: ['p1', 'p2'], institutionIds: ['i1'], filters: [extra] } },
    );
    expect(request.query).toEqual({
      bool: {
        must: [required('电池')],
        should: [
          { match_phrase: { 'title.std': { query: '电池', boost: 3 } } },
          { match_phrase: { 'abstract.std': { query: '电池', boost: 1.5 } } },
        ],
        filter: [{ terms: { id: ['p1', 'p2'] } }, { terms: { institutionId: ['i1'] } }, extra],
      },
    });
    expect(request.post_filter).toEqual({ bool: { filter: [{ terms: { legalStatus: ['valid'] } }] } });
  });

  it('an empty id scope matches nothing rather than everything', () => {
    expect(buildSearchRequest(base, { scope: { ids: [] } }).query).toEqual({
      bool: { filter: [{ terms: { id: [] } }] },
    });
  });

  it('export: 1000 rows, whole documents, selections in the query filter, no facets', () => {
    const request = buildSearchRequest(
      { ...base, q: '电池', filters: { patentType: ['invention'] }, sort: 'registeredAt:desc' },
      { size: 1000, sourceFields: true, facets: false, scope: { institutionIds: ['i1'] } },
    );
    expect(request).toEqual({
      query: {
        bool: {
          must: [required('电池')],
          filter: [
            { terms: { institutionId: ['i1'] } },
            { bool: { filter: [{ terms: { patentType: ['invention'] } }] } },
          ],
        },
      },
      sort: BY_REGISTERED_DESC,
      size: 1000,
      from: 0,
      track_total_hits: true,
      _source: true,
    });
  });

  it("an enterprise's 评价库: a nested scope on its entry, its push date by default, its entry in _source", () => {
    const own = { term: { 'library.enterpriseId': 'e1' } };
    const request = buildSearchRequest(base, { scope: { library: { enterpriseId: 'e1' } } });
    expect(request.query).toEqual({
      bool: { filter: [{ nested: { path: 'library', query: { bool: { filter: [own] } } } }] },
    });
    expect(request.sort).toEqual([
      { 'library.pushedAt': { order: 'desc', nested: { path: 'library', filter: own } } },
      { applicationNumber: { order: 'asc' } },
    ]);
    expect(request._source).toEqual([...LIST_SOURCE, 'library']);
    // The evaluation-state facet counts this enterprise's entry only, in two buckets.
    const evaluated: Query = {
      nested: {
        path: 'library',
        query: { bool: { filter: [own, { exists: { field: 'library.evaluatedAt' } }] } },
      },
    };
    expect(request.aggs?.enterpriseEvaluated_own).toEqual({
      filter: { bool: { filter: [] } },
      aggs: {
        enterpriseEvaluated: {
          filters: { keyed: false, filters: { true: evaluated, false: { bool: { must_not: [evaluated] } } } },
        },
      },
    });
    // Selecting 企业未评: a post_filter, so the facet still counts both states.
    const pending = buildSearchRequest(
      { ...base, filters: { enterpriseEvaluated: false } },
      { scope: { library: { enterpriseId: 'e1' } } },
    );
    expect(pending.post_filter).toEqual({ bool: { filter: [{ bool: { must_not: [evaluated] } }] } });
  });

  it('the push-date sort and the evaluation filter need an enterprise scope', () => {
    expect(() => buildSearchRequest({ ...base, sort: 'pushedAt:desc' })).toThrow(RangeError);
    const catalogue = buildSearchRequest({ ...base, filters: { enterpriseEvaluated: true } });
    expect(catalogue.post_filter).toBeUndefined();
    expect(catalogue.aggs).not.toHaveProperty('enterpriseEvaluated_own');
    expect(catalogue._source).toEqual(LIST_SOURCE);
  });

  it('refuses more than 1000 rows per request', () => {
    expect(() => buildSearchRequest(base, { size: 1001 })).toThrow(RangeError);
  });
});
