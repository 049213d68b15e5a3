import type { estypes } from '@elastic/elasticsearch';
import type { QueryText } from './query-text';

type Query = estypes.QueryDslQueryContainer;

/**
 * 智能检索 (hybrid) in one place: the kNN clause, its floor, and how its hits are fused with the words
 * hits. Pure; search.ts / hybrid-search.ts do the IO.
 *
 * The result set of a hybrid search is the words matches (exactly those of 精确检索) plus the semantic
 * set S: the SEMANTIC_K patents nearest to the query vector within the same scope and selections, and
 * only those at least SEMANTIC_MIN_SIMILARITY similar (so an unrelated query adds nothing, not 20 random
 * patents). In relevance order the first FUSED_WORDS_WINDOW words hits and S are fused by reciprocal
 * rank; after them the remaining words hits follow in their own order (see hybrid-search.ts).
 */

/** The vector field of mappings/patents.json (e5-small of title + '\n' + abstract). */
export const EMBEDDING_FIELD = 'embedding';
/** At most this many semantic hits join a search. */
export const SEMANTIC_K = 20;
/** Candidates per shard the HNSW search visits (recall of the top SEMANTIC_K). */
export const SEMANTIC_NUM_CANDIDATES = 100;
/**
 * Floor of the raw cosine similarity (e5 similarities are compressed: related Chinese patent passages
 * score 0.84–0.9 against a 2–3 word query (5th percentile 0.842, median 0.887), other patents a median
 * of 0.824 (90th percentile 0.843); measured on 40 patents of the relevance set and their 120 queries).
 */
export const SEMANTIC_MIN_SIMILARITY = 0.845;
/** Reciprocal rank fusion: score = Σ weight / (RRF_K + rank). */
export const RRF_K = 60;
export const WORDS_WEIGHT = 1;
export const SEMANTIC_WEIGHT = 1;
/** Words hits taking part in the fusion; later ones keep the words order after the fused window. */
export const FUSED_WORDS_WINDOW = 100;
/** Bound on embedding the typed query per request; beyond it the search answers by words alone. */
export const QUERY_EMBED_TIMEOUT_MS = 300;

/**
 * The top-level `knn` section of a search: the SEMANTIC_K nearest patents to `vector` among those
 * matching `filter` (the scope and the selected facet values, the same clauses the words query filters
 * by), each at least SEMANTIC_MIN_SIMILARITY similar. Beside a `query` Elasticsearch answers the union
 * of both, and its aggregations count that union: the hybrid total and facets.
 */
export function buildKnnSection(vector: readonly number[], filter: readonly Query[]): estypes.KnnSearch {
  return {
    field: EMBEDDING_FIELD,
    query_vector: [...vector],
    k: SEMANTIC_K,
    num_candidates: SEMANTIC_NUM_CANDIDATES,
    similarity: SEMANTIC_MIN_SIMILARITY,
    ...(filter.length > 0 ? { filter: [...filter] } : {}),
  };
}

/** One hit of a fused list: which list(s) it came from and at what 1-based rank. */
export interface FusedHit<T> {
  hit: T;
  id: string;
  score: number;
  wordsRank: number | null;
  semanticRank: number | null;
}

/**
 * Reciprocal rank fusion of the words hits (the first FUSED_WORDS_WINDOW take part) and the semantic
 * hits: each hit scores WORDS_WEIGHT / (RRF_K + its words rank) + SEMANTIC_WEIGHT / (RRF_K + its semantic
 * rank), summed over the lists it is in; best first, ties by words rank, then semantic rank. A hit in
 * both lists keeps the words list's copy (it carries the named-query matches). Pure.
 */
export function fuseByRank<T>(
  words: readonly T[],
  semantic: readonly T[],
  idOf: (hit: T) => string,
): FusedHit<T>[] {
  const byId = new Map<string, FusedHit<T>>();
  words.slice(0, FUSED_WORDS_WINDOW).forEach((hit, i) => {
    const id = idOf(hit);
    if (byId.has(id)) return;
    byId.set(id, { hit, id, score: WORDS_WEIGHT / (RRF_K + i + 1), wordsRank: i + 1, semanticRank: null });
  });
  semantic.forEach((hit, i) => {
    const id = idOf(hit);
    const seen = byId.get(id);
    const part = SEMANTIC_WEIGHT / (RRF_K + i + 1);
    if (seen) {
      if (seen.semanticRank === null)
        byId.set(id, { ...seen, score: seen.score + part, semanticRank: i + 1 });
      return;
    }
    byId.set(id, { hit, id, score: part, wordsRank: null, semanticRank: i + 1 });
  });
  const rankOr = (rank: number | null) => rank ?? Number.MAX_SAFE_INTEGER;
  return [...byId.values()].sort(
    (a, b) =>
      b.score - a.score ||
      rankOr(a.wordsRank) - rankOr(b.wordsRank) ||
      rankOr(a.semanticRank) - rankOr(b.semanticRank),
  );
}

/**
 * Text the semantic side searches: plain words only. An application number or a quoted phrase says the
 * searcher wants exactly that, so those searches stay words only. Pure.
 */
export function isEmbeddable(text: QueryText): boolean {
  return (
    text.words.length > 0 &&
    text.numbers.length === 0 &&
    text.phrases.length === 0 &&
    text.invalidNumbers.length === 0
  );
}
