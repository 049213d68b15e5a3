import { describe, expect, it } from 'vitest';
import { buildBatchRequest, buildPreviewRequest, PUSHABLE } from './query';

const industry = { bool: { filter: [{ terms: { strategicIndustries: ['5.2'] } }] } };

describe('the push requests', () => {
  it('previews with one aggregation: the pushable matches, and per target how many it already holds', () => {
    expect(buildPreviewRequest({ filters: { strategicIndustries: ['5.2'] } }, ['e1', 'e2'])).toEqual({
      query: { bool: { filter: [industry] } },
      size: 0,
      track_total_hits: true,
      aggs: {
        pushable: {
          filter: { bool: { must_not: [{ term: { legalStatus: 'invalid' } }] } },
          aggs: {
            library: {
              nested: { path: 'library' },
              aggs: {
                enterprises: { terms: { field: 'library.enterpriseId', include: ['e1', 'e2'], size: 2 } },
              },
            },
          },
        },
      },
    });
  });

  it('walks the pushable matches in application-number order through a point in time, resuming after a checkpoint', () => {
    const first = buildBatchRequest(
      { q: '电池', filters: {} },
      { size: 1000, pit: 'PIT', keepAlive: '5m', after: null, countTotal: true },
    );
    expect(first.query).toEqual({
      bool: {
        filter: [
          {
            bool: {
              must: [
                {
                  // The typed word as its smartcn terms or as an exact substring (search/query-builder.ts).
                  bool: {
                    should: [
                      {
                        multi_match: {
                          query: '电池',
                          type: 'cross_fields',
                          operator: 'and',
                          fields: ['title^3', 'abstract', 'claims', 'applicants.text'],
                        },
                      },
                      {
                        multi_match: {
                          query: '电池',
                          type: 'phrase',
                          fields: ['title.std^3', 'abstract.std', 'claims.std', 'applicants.text'],
                        },
                      },
                    ],
                    minimum_should_match: 1,
                  },
                },
              ],
            },
          },
          PUSHABLE,
        ],
      },
    });
    expect(first).toMatchObject({
      sort: [{ applicationNumber: { order: 'asc' } }],
      size: 1000,
      _source: ['id', 'rev', 'strategicIndustries', 'economicIndustries', 'library.enterpriseId'],
      track_total_hits: true,
      pit: { id: 'PIT', keep_alive: '5m' },
    });
    expect(first).not.toHaveProperty('search_after');
    const later = buildBatchRequest(
      { filters: {}, patentIds: ['p1'] },
      { size: 10, pit: 'PIT', keepAlive: '5m', after: ['202110000001.3'], countTotal: false },
    );
    expect(later.search_after).toEqual(['202110000001.3']);
    expect(later.query).toEqual({
      bool: { filter: [{ bool: { filter: [{ terms: { id: ['p1'] } }] } }, PUSHABLE] },
    });
  });
});
