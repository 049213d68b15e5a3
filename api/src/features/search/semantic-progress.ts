import type { Client, estypes } from '@elastic/elasticsearch';
import { EMBEDDING_FIELD } from './semantic';

/** How much of the index has its vector: 已完成 done / total. */
export interface SemanticProgress {
  done: number;
  total: number;
}

/** Counts are read again after this long (they only grow while the worker embeds the corpus). */
export const PROGRESS_TTL_MS = 5_000;

/**
 * One size-0 request counting the index's documents and those with an `embedding` (a filter
 * aggregation), so both numbers come from the same snapshot. Pure.
 */
export function buildProgressRequest(): estypes.SearchRequest {
  return {
    size: 0,
    track_total_hits: true,
    query: { match_all: {} },
    aggs: { embedded: { filter: { exists: { field: EMBEDDING_FIELD } } } },
  };
}

const cache = new Map<string, { at: number; value: Promise<SemanticProgress | null> }>();

/**
 * The semantic index's progress for `index`, cached PROGRESS_TTL_MS per index and process (a library page
 * shows it beside each hybrid search while the corpus is being embedded). Null when it cannot be read:
 * the page then shows nothing rather than failing.
 */
export function semanticProgress(
  es: Client,
  index: string,
  now: () => number = Date.now,
): Promise<SemanticProgress | null> {
  const cached = cache.get(index);
  if (cached && now() - cached.at < PROGRESS_TTL_MS) return cached.value;
  const value = es
    .search({ ...buildProgressRequest(), index })
    .then((res): SemanticProgress => {
      const total = typeof res.hits.total === 'number' ? res.hits.total : (res.hits.total?.value ?? 0);
      const embedded = res.aggregations?.embedded as estypes.AggregationsFilterAggregate | undefined;
      return { done: embedded?.doc_count ?? 0, total };
    })
    .catch(() => null);
  cache.set(index, { at: now(), value });
  return value;
}
