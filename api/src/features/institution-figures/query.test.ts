import { Types } from 'mongoose';
import { describe, expect, it } from 'vitest';
import { intentFigures, monthSeries } from './presenter';
import { buildDashboardRequest, buildInstitutionsRequest, libraryFigures } from './query';

const library = {
  nested: { path: 'library' },
  aggs: {
    enterprises: { cardinality: { field: 'library.enterpriseId', precision_threshold: 10_000 } },
    patents: { reverse_nested: {} },
    evaluated: {
      filter: { exists: { field: 'library.enterpriseStars' } },
      aggs: {
        stars: {
          histogram: {
            field: 'library.enterpriseStars',
            interval: 1,
            min_doc_count: 0,
            extended_bounds: { min: 1, max: 5 },
          },
        },
        mean: { avg: { field: 'library.enterpriseStars' } },
        patents: { reverse_nested: {} },
      },
    },
  },
};
const monthly = (field: string) => ({
  date_histogram: {
    field,
    calendar_interval: 'month',
    time_zone: '+08:00',
    format: 'yyyy-MM',
    min_doc_count: 1,
  },
});

describe('the dashboard request', () => {
  it('is one search of the institution’s documents with every figure as an aggregation', () => {
    const id = new Types.ObjectId().toHexString();
    expect(buildDashboardRequest(id)).toEqual({
      size: 0,
      track_total_hits: true,
      query: { bool: { filter: [{ term: { institutionId: id } }] } },
      aggs: {
        library,
        industries: {
          terms: { field: 'strategicIndustries', include: '[0-9]', size: 20 },
          aggs: {
            library: {
              nested: { path: 'library' },
              aggs: {
                patents: { reverse_nested: {} },
                evaluated: {
                  filter: { exists: { field: 'library.enterpriseStars' } },
                  aggs: { patents: { reverse_nested: {} } },
                },
              },
            },
          },
        },
        registeredByMonth: monthly('registeredAt'),
        libraryByMonth: {
          nested: { path: 'library' },
          aggs: {
            pushed: monthly('library.pushedAt'),
            evaluated: {
              filter: { exists: { field: 'library.enterpriseStars' } },
              aggs: { months: monthly('library.evaluatedAt') },
            },
          },
        },
      },
    });
  });

  it('reads a page of institutions with one terms aggregation limited to their ids', () => {
    const ids = [new Types.ObjectId().toHexString(), new Types.ObjectId().toHexString()];
    expect(buildInstitutionsRequest(ids)).toEqual({
      size: 0,
      track_total_hits: false,
      query: { bool: { filter: [{ terms: { institutionId: ids } }] } },
      aggs: { institutions: { terms: { field: 'institutionId', include: ids, size: 2 }, aggs: { library } } },
    });
  });
});

describe('reading the figures', () => {
  it('turns the star histogram into counts for 1…5 stars and rounds the mean', () => {
    const figures = libraryFigures({
      doc_count: 9,
      enterprises: { value: 3 },
      patents: { doc_count: 6 },
      evaluated: {
        doc_count: 3,
        stars: {
          buckets: [1, 2, 3, 4, 5].map((key) => ({ key, doc_count: key === 4 ? 2 : key === 1 ? 1 : 0 })),
        },
        mean: { value: 3 },
        patents: { doc_count: 2 },
      },
    });
    expect(figures).toEqual({
      pushed: { patents: 6, enterprises: 3 },
      evaluated: { evaluations: 3, patents: 2, meanStars: 3, starCounts: [1, 0, 0, 2, 0] },
    });
    expect(libraryFigures(undefined).evaluated).toEqual({
      evaluations: 0,
      patents: 0,
      meanStars: null,
      starCounts: [0, 0, 0, 0, 0],
    });
  });

  it('counts the inbox’s intents by state, leaving out those withdrawn before they were read', () => {
    const at = new Date();
    const figures = intentFigures([
      { state: 'pending', createdAt: at },
      { state: 'pending', createdAt: at },
      { state: 'agreed', createdAt: at },
      { state: 'withdrawn', createdAt: at },
    ]);
    expect(figures.total).toBe(3);
    expect(figures.byState.map((row) => row.state)).not.toContain('withdrawn');
    expect(figures.byState.find((row) => row.state === 'pending')?.count).toBe(2);
    expect(figures.byState.find((row) => row.state === 'agreed')?.count).toBe(1);
    expect(figures.byState.find((row) => row.state === 'declined')?.count).toBe(0);
  });

  it('fills every month between the first and the last, across the year end', () => {
    const rows = monthSeries({
      registered: new Map([['2025-11', 4]]),
      pushed: new Map([['2026-02', 7]]),
      evaluated: new Map(),
      intents: new Map([['2025-12', 1]]),
    });
    expect(rows.map((row) => row.month)).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(rows[0]).toEqual({ month: '2025-11', registered: 4, pushed: 0, evaluated: 0, intents: 0 });
    expect(rows[3]).toMatchObject({ pushed: 7 });
    expect(
      monthSeries({ registered: new Map(), pushed: new Map(), evaluated: new Map(), intents: new Map() }),
    ).toEqual([]);
  });
});
