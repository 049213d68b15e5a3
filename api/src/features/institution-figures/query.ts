import type { estypes } from '@elastic/elasticsearch';

/**
 * The Elasticsearch side of an institution's figures: pure request builders (tests assert the exact
 * bodies) and readers of their aggregations. Every figure counts the search documents, i.e. the
 * institution's registered patents in the catalogue (a withdrawn patent has no search document); the
 * push and evaluation figures read the nested `library` entries (one per enterprise whose 评价库 holds the
 * patent, with that enterprise's own 企业自评 stars and date). Nothing of an expert's is on the document.
 */

type Aggs = Record<string, estypes.AggregationsAggregationContainer>;

/** China's calendar: months are counted as users in China read their dates. */
export const CHINA_TIME_ZONE = '+08:00';
/** Exact distinct counts up to this many enterprises (the platform has a few hundred). */
const ENTERPRISE_PRECISION = 10_000;
/** The 9 top categories of 战略性新兴产业 (codes '1'…'9'; sub-categories are '5.2' and the like). */
export const TOP_CATEGORY_PATTERN = '[0-9]';

const STARS = 'library.enterpriseStars';
const EVALUATED: estypes.QueryDslQueryContainer = { exists: { field: STARS } };

/** The headline aggregations (pushed, evaluated, stars), the same for one institution or a page of them. */
export function figureAggs(): Aggs {
  return {
    library: {
      nested: { path: 'library' },
      aggs: {
        enterprises: {
          cardinality: { field: 'library.enterpriseId', precision_threshold: ENTERPRISE_PRECISION },
        },
        patents: { reverse_nested: {} },
        evaluated: {
          filter: EVALUATED,
          aggs: {
            stars: {
              histogram: { field: STARS, interval: 1, min_doc_count: 0, extended_bounds: { min: 1, max: 5 } },
            },
            mean: { avg: { field: STARS } },
            patents: { reverse_nested: {} },
          },
        },
      },
    },
  };
}

const monthly = (field: string): estypes.AggregationsAggregationContainer => ({
  date_histogram: {
    field,
    calendar_interval: 'month',
    time_zone: CHINA_TIME_ZONE,
    format: 'yyyy-MM',
    min_doc_count: 1,
  },
});

/**
 * The dashboard of one institution in one request: the headline figures, per 战略性新兴产业 category
 * (registered, pushed, evaluated patents) and per month (registrations, push entries, official evaluations).
 */
export function buildDashboardRequest(institutionId: string): estypes.SearchRequest {
  return {
    size: 0,
    track_total_hits: true,
    query: { bool: { filter: [{ term: { institutionId } }] } },
    aggs: {
      ...figureAggs(),
      industries: {
        terms: { field: 'strategicIndustries', include: TOP_CATEGORY_PATTERN, size: 20 },
        aggs: {
          library: {
            nested: { path: 'library' },
            aggs: {
              patents: { reverse_nested: {} },
              evaluated: { filter: EVALUATED, aggs: { patents: { reverse_nested: {} } } },
            },
          },
        },
      },
      registeredByMonth: monthly('registeredAt'),
      libraryByMonth: {
        nested: { path: 'library' },
        aggs: {
          pushed: monthly('library.pushedAt'),
          evaluated: { filter: EVALUATED, aggs: { months: monthly('library.evaluatedAt') } },
        },
      },
    },
  };
}

/**
 * The figures of a page of institutions in one request: a terms aggregation on institutionId limited to
 * the page's ids, each bucket with the headline aggregations.
 */
export function buildInstitutionsRequest(institutionIds: readonly string[]): estypes.SearchRequest {
  return {
    size: 0,
    track_total_hits: false,
    query: { bool: { filter: [{ terms: { institutionId: [...institutionIds] } }] } },
    aggs: {
      institutions: {
        terms: {
          field: 'institutionId',
          include: [...institutionIds],
          size: Math.max(1, institutionIds.length),
        },
        aggs: figureAggs(),
      },
    },
  };
}

// ---- Reading the answers (the shapes the requests above produce) ----

interface Count {
  doc_count: number;
}
interface Bucket<K = string> extends Count {
  key: K;
  key_as_string?: string;
}
/** The `library` aggregation of figureAggs(). */
export interface LibraryAgg extends Count {
  enterprises: { value: number };
  patents: Count;
  evaluated: Count & {
    stars: { buckets: Bucket<number>[] };
    mean: { value: number | null };
    patents: Count;
  };
}
/** The dashboard request's aggregations. */
export interface DashboardAggs {
  library: LibraryAgg;
  industries: { buckets: (Bucket & { library: { patents: Count; evaluated: { patents: Count } } })[] };
  registeredByMonth: { buckets: Bucket<number>[] };
  libraryByMonth: {
    pushed: { buckets: Bucket<number>[] };
    evaluated: { months: { buckets: Bucket<number>[] } };
  };
}
/** The institutions request's aggregations. */
export interface InstitutionsAggs {
  institutions: { buckets: (Bucket & { library: LibraryAgg })[] };
}

/** Patent figures read from figureAggs(): pushed and evaluated, the star counts 1…5 and their mean. */
export function libraryFigures(agg: LibraryAgg | undefined) {
  const starCounts = [0, 0, 0, 0, 0];
  for (const bucket of agg?.evaluated.stars.buckets ?? []) {
    const index = Number(bucket.key) - 1;
    if (index >= 0 && index < 5) starCounts[index] = bucket.doc_count;
  }
  const mean = agg?.evaluated.mean.value ?? null;
  return {
    pushed: { patents: agg?.patents.doc_count ?? 0, enterprises: agg?.enterprises.value ?? 0 },
    evaluated: {
      evaluations: agg?.evaluated.doc_count ?? 0,
      patents: agg?.evaluated.patents.doc_count ?? 0,
      meanStars: mean === null ? null : Math.round(mean * 100) / 100,
      starCounts,
    },
  };
}

/** `YYYY-MM` → count, from a monthly date histogram. */
export function monthCounts(buckets: readonly Bucket<number>[]): Map<string, number> {
  return new Map(buckets.map((bucket) => [bucket.key_as_string ?? '', bucket.doc_count]));
}
