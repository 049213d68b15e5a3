import type { estypes } from '@elastic/elasticsearch';
import { buildPatentQuery } from '../search/query-builder';
import type { SearchScope } from '../search/query-builder';
import { buildPostFilter, LIBRARY_PATH, libraryEntryClause } from '../search/filters';
import type { SearchFilters } from '../search/filters';

type Query = estypes.QueryDslQueryContainer;

/** A push's saved search: the 资源库's text and selections, or the one patent of a push by hand. */
export interface SavedSearch {
  q?: string;
  filters: SearchFilters;
  patentIds?: readonly string[];
}

/**
 * The patents that may receive new pushes: everything but the no-longer-valid (法律状态 失效). One that
 * became invalid after it was pushed stays in the libraries that hold it, marked by its status, and gets
 * no new pushes. (The registry has no withdrawal record yet; when it does, it joins this clause.)
 */
export const PUSHABLE: Query = { bool: { must_not: [{ term: { legalStatus: 'invalid' } }] } };

/** Every match of the saved search, pushable or not (the 资源库's query: scope, text and selections). */
export function savedSearchQuery(search: SavedSearch): Query {
  const selections = buildPostFilter(search.filters);
  const scope: SearchScope = {
    ...(search.patentIds ? { ids: search.patentIds } : {}),
    filters: selections ? [selections] : [],
  };
  return buildPatentQuery(search.q, scope, false);
}

/** The aggregation counting, per enterprise, the pushable matches already in its library. */
export const ALREADY_AGG = 'pushable';

/**
 * The preview of a push, one request: every match (`hits.total`), the pushable ones (`pushable.doc_count`)
 * and among those, per target enterprise, how many its library already holds (nested terms on
 * library.enterpriseId, limited to the targets). Would receive = pushable − already. No rows.
 */
export function buildPreviewRequest(
  search: SavedSearch,
  enterpriseIds: readonly string[],
): estypes.SearchRequest {
  return {
    query: savedSearchQuery(search),
    size: 0,
    track_total_hits: true,
    aggs: {
      [ALREADY_AGG]: {
        filter: PUSHABLE,
        aggs: {
          library: {
            nested: { path: LIBRARY_PATH },
            aggs: {
              enterprises: {
                terms: {
                  field: `${LIBRARY_PATH}.enterpriseId`,
                  include: [...enterpriseIds],
                  size: Math.max(1, enterpriseIds.length),
                },
              },
            },
          },
        },
      },
    },
  };
}

/** An enterprise's 关注领域 industries: a patent sharing any of them matches (either taxonomy, either level). */
export interface MatchRule {
  enterpriseId: string;
  strategicIndustries: readonly string[];
  economicIndustries: readonly string[];
}

/** The clause "the patent's industries overlap the rule's". */
export function overlapClause(rule: MatchRule): Query {
  const should: Query[] = [];
  if (rule.strategicIndustries.length > 0)
    should.push({ terms: { strategicIndustries: [...rule.strategicIndustries] } });
  if (rule.economicIndustries.length > 0)
    should.push({ terms: { economicIndustries: [...rule.economicIndustries] } });
  return should.length > 0 ? { bool: { should, minimum_should_match: 1 } } : { match_none: {} };
}

/** True when a patent's industries overlap the rule's (the job's per-patent form of overlapClause). */
export function overlaps(
  rule: MatchRule,
  patent: { strategicIndustries?: readonly string[]; economicIndustries?: readonly string[] },
): boolean {
  return (
    (patent.strategicIndustries ?? []).some((code) => rule.strategicIndustries.includes(code)) ||
    (patent.economicIndustries ?? []).some((code) => rule.economicIndustries.includes(code))
  );
}

/** The name of one enterprise's aggregation in a matching preview. */
export const matchAgg = (enterpriseId: string) => `match_${enterpriseId}`;

/**
 * The preview of a push by 关注领域, one request: per enterprise a filter aggregation of the pushable matches
 * its industries overlap (what it would get), and under it those its library already holds.
 */
export function buildMatchingPreviewRequest(
  search: SavedSearch,
  rules: readonly MatchRule[],
): estypes.SearchRequest {
  const aggs: Record<string, estypes.AggregationsAggregationContainer> = {
    [ALREADY_AGG]: { filter: PUSHABLE },
  };
  for (const rule of rules) {
    aggs[matchAgg(rule.enterpriseId)] = {
      filter: { bool: { filter: [PUSHABLE, overlapClause(rule)] } },
      aggs: { have: { filter: libraryEntryClause(rule.enterpriseId) } },
    };
  }
  return { query: savedSearchQuery(search), size: 0, track_total_hits: true, aggs };
}

/** What the job reads of each patent: id, rev, industries, and which enterprises' libraries hold it already. */
export const BATCH_SOURCE = [
  'id',
  'rev',
  'strategicIndustries',
  'economicIndustries',
  `${LIBRARY_PATH}.enterpriseId`,
];

/**
 * One batch of the job's walk over the pushable matches, in application-number order (unique, so
 * `search_after` resumes exactly, even from a checkpoint after a restart), through a point in time.
 */
export function buildBatchRequest(
  search: SavedSearch,
  opts: {
    size: number;
    pit: string;
    keepAlive: string;
    after?: readonly (string | number)[] | null;
    countTotal: boolean;
  },
): estypes.SearchRequest {
  return {
    query: { bool: { filter: [savedSearchQuery(search), PUSHABLE] } },
    sort: [{ applicationNumber: { order: 'asc' } }],
    size: opts.size,
    _source: BATCH_SOURCE,
    track_total_hits: opts.countTotal,
    pit: { id: opts.pit, keep_alive: opts.keepAlive },
    ...(opts.after && opts.after.length > 0 ? { search_after: [...opts.after] } : {}),
  };
}
