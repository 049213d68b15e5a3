import type { Client, estypes } from '@elastic/elasticsearch';
import { badRequest } from '../../errors';
import type { SearchCursor, SortValue } from './cursor';
import { LIBRARY_PATH } from './filters';
import {
  buildFacetsRequest,
  buildSearchRequest,
  LIST_SOURCE_FIELDS,
  MAX_REQUEST_SIZE,
  semanticFilters,
} from './query-builder';
import type { MatchMode, SearchScope } from './query-builder';
import type { PatentListSource } from './results';
import type { SearchInput } from './schema';
import { buildKnnSection, FUSED_WORDS_WINDOW, fuseByRank, SEMANTIC_K } from './semantic';

type Hit = estypes.SearchHit<PatentListSource>;

/**
 * 智能检索 in relevance order. The list is: the first FUSED_WORDS_WINDOW words hits and the semantic hits
 * S (semantic.ts), fused by reciprocal rank, then the remaining words hits in their own order without
 * those of S (already listed). Total and facets count exactly that union (the words matches plus S: ES's
 * top-level `knn` beside the words query). So every page, the total, the facets and the export agree
 * with what is listed, and a page costs one `_msearch` (counts, words hits, semantic hits), plus one more
 * for the partial answer when no patent holds every word (the semantic hits are then fused with it).
 *
 * Paging: rows up to HYBRID_NUMBERED_ROWS are computed from the top (numbered pages, `offset` cursors);
 * past them a `tail` cursor continues the words hits with `search_after` (no point in time: the
 * applicationNumber tie-break keeps the position; a change of the index between pages may shift rows).
 * Facet counts of other values of a selected facet count the words matches plus S within the current
 * selection (S is taken within the selection, as the rows are).
 */

/** Rows of the fused list reachable by number: the words hits asked for must stay within one request. */
export const HYBRID_NUMBERED_ROWS = MAX_REQUEST_SIZE - SEMANTIC_K - 1;

/** The three requests of one hybrid page (pure), in `_msearch` order: counts, words hits, semantic hits. */
export function buildHybridRequests(
  input: SearchInput,
  vector: readonly number[],
  opts: {
    scope: SearchScope;
    match: MatchMode;
    /** Words hits from the top (head) or after these sort values (tail). */
    words: { size: number } | { after: SortValue[]; size: number };
    sourceFields?: readonly string[] | true;
  },
): { counts: estypes.SearchRequest; words: estypes.SearchRequest; semantic: estypes.SearchRequest } {
  const knn = buildKnnSection(vector, semanticFilters(input, opts.scope));
  const enterpriseId = opts.scope.library?.enterpriseId;
  const sourceFields = opts.sourceFields ?? [...LIST_SOURCE_FIELDS, ...(enterpriseId ? [LIBRARY_PATH] : [])];
  const base: SearchInput = { ...input, sort: 'relevance', page: 1 };
  delete base.cursor;
  const tail = 'after' in opts.words;
  const words = buildSearchRequest(
    tail && 'after' in opts.words
      ? { ...base, cursor: { pit: null, after: opts.words.after, page: 2, fp: '' } }
      : base,
    {
      scope: opts.scope,
      facets: false,
      countTotal: !tail,
      match: opts.match,
      size: Math.min(opts.words.size, MAX_REQUEST_SIZE),
      sourceFields: sourceFields === true ? true : sourceFields,
    },
  );
  return {
    counts: buildFacetsRequest(input, opts.scope, opts.match, knn),
    words,
    semantic: {
      knn,
      size: SEMANTIC_K,
      _source: sourceFields === true ? true : [...sourceFields],
    },
  };
}

/** What one hybrid read gives: the rows asked for, the union's total and facets, the words total. */
export interface HybridRows {
  rows: Hit[];
  /** Ids of the rows only the semantic side found. */
  semanticOnly: Set<string>;
  total: estypes.SearchTotalHits;
  aggregations: Record<string, estypes.AggregationsAggregate> | undefined;
  match: MatchMode;
  /** Sort values to continue after the last row with a `tail` cursor (null: the row is a semantic hit). */
  lastWordsSort: SortValue[] | null;
  /** True when rows follow the ones returned. */
  more: boolean;
}

const idOf = (hit: Hit) => hit._source?.id ?? hit._id ?? '';
const totalOf = (res: estypes.SearchResponse<unknown>): estypes.SearchTotalHits => {
  const total = res.hits.total;
  return typeof total === 'number'
    ? { value: total, relation: 'eq' }
    : (total ?? { value: 0, relation: 'eq' });
};

async function msearch(
  es: Client,
  index: string,
  requests: ReturnType<typeof buildHybridRequests>,
): Promise<estypes.SearchResponse<PatentListSource>[]> {
  const res = await es.msearch<PatentListSource>({
    searches: [{ index }, requests.counts, { index }, requests.words, { index }, requests.semantic] as never,
  });
  return res.responses.map((item) => {
    if ('error' in item) throw new Error(`hybrid search failed: ${JSON.stringify(item.error)}`);
    return item;
  });
}

/**
 * Rows `start .. start + count` of the hybrid list (head: numbered pages, `offset` cursors, the export),
 * or `count` rows after `after` (tail cursor). `firstMatch` is the cursor's; without a cursor a search
 * where no patent holds every word falls back to the partial answer (one more `_msearch`).
 */
export async function hybridRows(
  es: Client,
  index: string,
  input: SearchInput,
  vector: readonly number[],
  opts: {
    scope: SearchScope;
    start: number;
    count: number;
    after?: SortValue[];
    firstMatch: MatchMode;
    mayFallBack: boolean;
    wordCount: number;
    sourceFields?: readonly string[] | true;
    /** Rows reachable from the top (the export reads up to MAX_REQUEST_SIZE). */
    maxRows?: number;
  },
): Promise<HybridRows> {
  const { start, count, after } = opts;
  if (!after && start + count > (opts.maxRows ?? HYBRID_NUMBERED_ROWS)) {
    throw badRequest(`智能检索可直接跳转到前${HYBRID_NUMBERED_ROWS}条结果，之后请逐页向后翻`, [
      { path: 'query.page', message: `页码超出范围：请逐页向后翻` },
    ]);
  }
  // One more words hit than needed tells whether rows follow; S hits may have to be left out of the tail.
  const wordsSize = after
    ? count + SEMANTIC_K + 1
    : Math.max(FUSED_WORDS_WINDOW, start + count) + SEMANTIC_K + 1;
  const read = (match: MatchMode) =>
    msearch(
      es,
      index,
      buildHybridRequests(input, vector, {
        scope: opts.scope,
        match,
        words: after ? { after, size: wordsSize } : { size: wordsSize },
        ...(opts.sourceFields ? { sourceFields: opts.sourceFields } : {}),
      }),
    );
  let match = opts.firstMatch;
  let [counts, words, semantic] = await read(match);
  if (opts.mayFallBack && match === 'all' && opts.wordCount > 1 && totalOf(words!).value === 0) {
    match = 'partial';
    [counts, words, semantic] = await read(match);
  }
  const semanticHits = semantic!.hits.hits;
  const semanticIds = new Set(semanticHits.map(idOf));
  const wordsHits = words!.hits.hits;
  const wordsIds = new Set(wordsHits.map(idOf));
  let list: Hit[];
  let offset: number;
  if (after) {
    list = wordsHits.filter((hit) => !semanticIds.has(idOf(hit)));
    offset = 0;
  } else {
    const fused = fuseByRank(wordsHits, semanticHits, idOf).map((f) => f.hit);
    const rest = wordsHits.slice(FUSED_WORDS_WINDOW).filter((hit) => !semanticIds.has(idOf(hit)));
    list = [...fused, ...rest];
    offset = start;
  }
  const rows = list.slice(offset, offset + count);
  const last = rows.at(-1);
  const lastWordsSort =
    last && wordsIds.has(idOf(last)) ? ((last.sort as SortValue[] | undefined) ?? null) : null;
  const total = totalOf(counts!);
  return {
    rows,
    semanticOnly: new Set(rows.map(idOf).filter((id) => !wordsIds.has(id))),
    total,
    aggregations: counts!.aggregations,
    match,
    lastWordsSort,
    more: list.length > offset + count,
  };
}

/** The cursor of the page after rows `start .. start + size` of a hybrid list, or null when none follows. */
export function nextHybridCursor(
  read: Pick<HybridRows, 'more' | 'lastWordsSort' | 'match'>,
  next: { start: number; size: number; page: number; fp: string },
): SearchCursor | null {
  if (!read.more) return null;
  const partial = read.match === 'partial' ? { partial: true as const } : {};
  if (next.start + next.size <= HYBRID_NUMBERED_ROWS)
    return { pit: null, after: [next.start], page: next.page, fp: next.fp, fused: 'offset', ...partial };
  if (!read.lastWordsSort) return null;
  return { pit: null, after: read.lastWordsSort, page: next.page, fp: next.fp, fused: 'tail', ...partial };
}
