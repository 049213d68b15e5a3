import type { estypes } from '@elastic/elasticsearch';
import { buildScopeFilters, LIST_SOURCE_FIELDS } from '../search/query-builder';
import type { SearchScope } from '../search/query-builder';

/*
 * 相似专利 (issue 17 item 5): the requests that find a patent's nearest neighbours, and what each neighbour
 * shares with it. Pure: the route (not built yet) reads the patent's own document, then sends one of these.
 */

/** How many similar patents are shown. */
export const SIMILAR_COUNT = 10;

/** The fields more_like_this compares when the patent has no vector yet. */
export const MLT_FIELDS = ['title', 'abstract', 'claims'];

/** Not the patent itself, and within the same library scope as the 资源库 (its filter builder). */
function neighbourFilter(id: string, scope: SearchScope): estypes.QueryDslQueryContainer {
  return { bool: { filter: buildScopeFilters(scope), must_not: [{ ids: { values: [id] } }] } };
}

/**
 * kNN on the patent's own vector: the SIMILAR_COUNT nearest documents of the scope, the patent excluded
 * inside the kNN filter (excluding it afterwards would leave one row fewer).
 */
export function similarByVectorRequest(
  id: string,
  vector: readonly number[],
  scope: SearchScope = {},
): estypes.SearchRequest {
  return {
    size: SIMILAR_COUNT,
    _source: [...LIST_SOURCE_FIELDS],
    knn: {
      field: 'embedding',
      query_vector: [...vector],
      k: SIMILAR_COUNT,
      num_candidates: 10 * SIMILAR_COUNT,
      filter: neighbourFilter(id, scope),
    },
  };
}

/** more_like_this on title, abstract and claims of the indexed document, for a patent without a vector. */
export function similarByTextRequest(
  id: string,
  index: string,
  scope: SearchScope = {},
): estypes.SearchRequest {
  return {
    size: SIMILAR_COUNT,
    _source: [...LIST_SOURCE_FIELDS],
    query: {
      bool: {
        must: [
          {
            more_like_this: {
              fields: [...MLT_FIELDS],
              like: [{ _index: index, _id: id }],
              min_term_freq: 1,
              min_doc_freq: 2,
              max_query_terms: 25,
            },
          },
        ],
        filter: [neighbourFilter(id, scope)],
      },
    },
  };
}

/** The fields of a document the "shares" answer compares. */
export interface SharedSource {
  ipcMain?: string;
  strategicIndustries?: readonly string[];
  economicIndustries?: readonly string[];
}

/** What a neighbour shares with the patent: its IPC subclass (e.g. H01M) and industries in common. */
export interface Shared {
  ipcSubclass: string | null;
  industries: string[];
}

/** The IPC subclass of a code: section, class and subclass (H01M 4/36 → H01M). */
export function ipcSubclass(code: string | undefined): string | null {
  const match = /^[A-H]\d{2}[A-Z]/.exec((code ?? '').trim().toUpperCase());
  return match ? match[0] : null;
}

/** What `other` shares with `patent` (pure). */
export function sharedWith(patent: SharedSource, other: SharedSource): Shared {
  const own = ipcSubclass(patent.ipcMain);
  const mine = new Set([...(patent.strategicIndustries ?? []), ...(patent.economicIndustries ?? [])]);
  return {
    ipcSubclass: own !== null && own === ipcSubclass(other.ipcMain) ? own : null,
    industries: [...(other.strategicIndustries ?? []), ...(other.economicIndustries ?? [])].filter((code) =>
      mine.has(code),
    ),
  };
}
