import { describe, expect, it } from 'vitest';
import { buildHybridRequests, HYBRID_NUMBERED_ROWS, nextHybridCursor } from './hybrid-search';
import { buildFacetsRequest, buildScopeFilters, LIST_SOURCE_FIELDS } from './query-builder';
import { searchParamsSchema } from './schema';
import { buildKnnSection, SEMANTIC_K } from './semantic';

const input = searchParamsSchema.parse({ q: '心梗 诊断', patentType: 'invention', size: '20' });
const scope = { institutionIds: ['i1'] };

describe('buildHybridRequests', () => {
  const requests = buildHybridRequests(input, [0.1, 0.2], { scope, match: 'all', words: { size: 141 } });
  const postFilter = { bool: { filter: [{ terms: { patentType: ['invention'] } }] } };
  const knn = buildKnnSection([0.1, 0.2], [...buildScopeFilters(scope), postFilter]);

  it('gives the kNN section exactly the scope and the selections of the words query', () => {
    expect(requests.semantic).toEqual({ knn, size: SEMANTIC_K, _source: LIST_SOURCE_FIELDS });
    expect(knn.filter).toEqual([{ terms: { institutionId: ['i1'] } }, postFilter]);
  });

  it('counts the union: the facets request of the words query with the same kNN section', () => {
    expect(requests.counts).toEqual({ ...buildFacetsRequest(input, scope, 'all'), knn });
    expect(requests.counts.post_filter).toEqual(postFilter);
  });

  it('reads the words hits from the top in relevance order, selections in the filter, counted', () => {
    expect(requests.words).toMatchObject({
      from: 0,
      size: 141,
      track_total_hits: true,
      sort: [
        { _score: { order: 'desc' } },
        { registeredAt: { order: 'desc' } },
        { applicationNumber: { order: 'asc' } },
      ],
    });
    expect(requests.words.knn).toBeUndefined();
    expect(requests.words.aggs).toBeUndefined();
    expect(JSON.stringify(requests.words.query)).toContain(JSON.stringify(postFilter));
  });

  it('continues the words hits after a tail cursor with search_after and no count', () => {
    const tail = buildHybridRequests(input, [0.1, 0.2], {
      scope,
      match: 'partial',
      words: { after: [3.5, 1, 'CN1'], size: 41 },
    });
    expect(tail.words).toMatchObject({ search_after: [3.5, 1, 'CN1'], size: 41, track_total_hits: false });
    expect(tail.words.from).toBeUndefined();
    expect(tail.words.pit).toBeUndefined();
    expect(tail.counts).toEqual({ ...buildFacetsRequest(input, scope, 'partial'), knn });
  });
});

describe('nextHybridCursor', () => {
  const next = { start: 40, size: 20, page: 3, fp: '0123456789abcdef' };

  it('continues by offset within the numbered rows, by words sort values after them', () => {
    expect(nextHybridCursor({ more: true, lastWordsSort: [1, 2, 'x'], match: 'all' }, next)).toEqual({
      pit: null,
      after: [40],
      page: 3,
      fp: next.fp,
      fused: 'offset',
    });
    const deep = { ...next, start: HYBRID_NUMBERED_ROWS };
    expect(nextHybridCursor({ more: true, lastWordsSort: [1, 2, 'x'], match: 'partial' }, deep)).toEqual({
      pit: null,
      after: [1, 2, 'x'],
      page: 3,
      fp: next.fp,
      fused: 'tail',
      partial: true,
    });
  });

  it('ends the list when nothing follows', () => {
    expect(nextHybridCursor({ more: false, lastWordsSort: [1], match: 'all' }, next)).toBeNull();
  });
});
