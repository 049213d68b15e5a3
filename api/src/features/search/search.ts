import { errors } from '@elastic/elasticsearch';
import type { Client, estypes } from '@elastic/elasticsearch';
import { badRequest } from '../../errors';
import { encodeCursor, searchFingerprint } from './cursor';
import type { SearchCursor, SortValue } from './cursor';
import {
  buildFacetsRequest,
  buildSearchRequest,
  PIT_KEEP_ALIVE,
  resolveSort,
  searchableText,
  wordName,
} from './query-builder';
import type { MatchMode, SearchScope } from './query-builder';
import { compileTerms } from './highlight';
import { toResults } from './results';
import type { PatentListSource, SearchResults } from './results';
import type { SortMode } from '@panhuo/domain/search/keys';
import type { SearchInput } from './schema';
import { highlightTerms } from './search-terms';
import type { QueryText } from './query-text';
import { hybridRows, nextHybridCursor } from './hybrid-search';
import type { QueryEmbedder } from './query-vectors';
import { buildKnnSection, isEmbeddable } from './semantic';
import { semanticProgress } from './semantic-progress';
import type { SemanticProgress } from './semantic-progress';
import { semanticFilters } from './query-builder';

/** What 智能检索 did for a page (SearchPage.semantic). */
export interface SemanticState {
  state: 'used' | 'unavailable' | 'off';
  progress: SemanticProgress | null;
}

/** One page of results with what the client needs to show and continue it. */
export interface SearchPage extends SearchResults {
  /** 1-based number of this page. */
  page: number;
  size: number;
  /** The sort applied (relevance falls back to registeredAt:desc without text). */
  sort: SortMode;
  /** Send back (with the same parameters) for the next page; null on the last page. */
  nextCursor: string | null;
  /**
   * Set when no patent held every typed word: these rows hold some of `words` (each row's `missingWords`
   * says which it lacks), most first. Null for a normal answer.
   */
  partialMatch: { words: string[] } | null;
  semantic: SemanticState;
}

const CURSOR_FIELD = 'query.cursor';
const staleCursor = () =>
  badRequest('翻页参数无效或与检索条件不一致，请重新检索', [
    { path: CURSOR_FIELD, message: '翻页参数无效，请重新检索' },
  ]);

/** True when ES no longer knows the point in time (expired after its keep-alive, or closed). */
function isPitGone(err: unknown): boolean {
  if (!(err instanceof errors.ResponseError) || err.statusCode !== 404) return false;
  return JSON.stringify(err.body ?? '').includes('search_context_missing_exception');
}

async function openPit(es: Client, index: string): Promise<string> {
  const { id } = await es.openPointInTime({ index, keep_alive: PIT_KEEP_ALIVE });
  return id;
}

/**
 * Runs one search page: the only IO of the search module, shared by the three libraries (资源库, 评价库,
 * 关注库), which differ only by `scope`.
 *
 * Paging. A request without a cursor is a `from`/`size` page (`page` ≤ 10,000 results deep) and opens
 * nothing; it counts and facets in the same request. Cursor pages get their total and facets from a
 * separate, cacheable request (buildFacetsRequest) sent alongside. Its `nextCursor` holds the last hit's sort values; following it opens a point in time (kept
 * alive 2 minutes per page) and continues with `search_after`, equally fast at any depth, on a stable
 * snapshot. The point in time is closed when the last page is reached, and reopened transparently if it
 * expired while the user was reading (the unique applicationNumber tie-break keeps the position exact).
 */
export async function searchPatents(
  es: Client,
  index: string,
  input: SearchInput,
  scope: SearchScope = {},
  embedder?: QueryEmbedder,
): Promise<SearchPage> {
  const text = searchableText(input.q);
  const sort = resolveSort(input.sort, text !== null, scope);
  const mode = input.mode ?? 'hybrid';
  const fp = searchFingerprint({ q: input.q, filters: input.filters, sort, size: input.size, scope, mode });
  let cursor: SearchCursor | undefined = input.cursor;
  if (cursor && cursor.fp !== fp) throw staleCursor();

  // 智能检索: the query's vector (bounded, cached) and the semantic index's progress (cached) beside it.
  const hybrid = embedder !== undefined && mode === 'hybrid';
  const progress = hybrid ? semanticProgress(es, index) : Promise.resolve(null);
  let vector: number[] | null = null;
  let state: SemanticState['state'] = 'off';
  // A list begun by words alone (the server was down) goes on by words; a fused one needs its vector.
  const wordsCursor = cursor !== undefined && cursor.fused === undefined && sort === 'relevance';
  if (hybrid && text && isEmbeddable(text)) {
    const answer = wordsCursor
      ? { unavailable: 'unreachable' as const }
      : await embedder.vectorOf(text.words.join(' '));
    if ('vector' in answer) {
      vector = answer.vector;
      state = 'used';
    } else state = 'unavailable';
  }
  const semantic = async (): Promise<SemanticState> => {
    const read = await progress;
    return { state, progress: read && read.done < read.total ? read : null };
  };
  if (cursor?.fused && !vector) {
    // A fused list's cursor without a vector now: the same page number by words alone (numbered).
    if (cursor.page * input.size > 10_000) throw staleCursor();
    const { cursor: _fused, ...rest } = input;
    input = { ...rest, page: cursor.page };
    cursor = undefined;
  }
  if (vector && sort === 'relevance' && text) {
    const page = await hybridPage(es, index, input, scope, { vector, text, fp, cursor });
    return { ...page, semantic: await semantic() };
  }
  const knn = vector ? buildKnnSection(vector, semanticFilters(input, scope)) : undefined;
  if (cursor && cursor.pit === null) cursor = { ...cursor, pit: await openPit(es, index) };

  // A cursor of a partial answer continues it; a first page falls back to one when nothing holds every word.
  let match: MatchMode = cursor?.partial ? 'partial' : 'all';
  const run = async (current: SearchCursor | undefined) => {
    if (!current)
      return es.search<PatentListSource>({
        ...buildSearchRequest(input, { scope, match, ...(knn ? { semantic: knn } : {}) }),
        index,
      });
    // A later page: the rows through the point in time, the total and facets from a request the shard
    // request cache answers after its first time (the same for every page of this search).
    const request = buildSearchRequest(
      { ...input, cursor: current },
      { scope, facets: false, countTotal: false, match, ...(knn ? { semantic: knn } : {}) },
    );
    const [rows, counts] = await Promise.all([
      es.search<PatentListSource>(request.pit ? request : { ...request, index }),
      es.search({ ...buildFacetsRequest(input, scope, match, knn), index, request_cache: true }),
    ]);
    return { ...rows, hits: { ...rows.hits, total: counts.hits.total }, aggregations: counts.aggregations };
  };

  const runOrRetry = async (): Promise<estypes.SearchResponse<PatentListSource>> => {
    try {
      return await run(cursor);
    } catch (err) {
      if (cursor && isPitGone(err)) {
        cursor = { ...cursor, pit: await openPit(es, index) };
        return run(cursor);
      }
      if (cursor && err instanceof errors.ResponseError && err.statusCode === 400) {
        // A point-in-time id or sort values ES cannot read: the cursor was tampered with or is from another version.
        throw staleCursor();
      }
      throw err;
    }
  };
  // The words to mark are analyzed beside the search (and usually come from the cache).
  const [first, terms] = await Promise.all([runOrRetry(), highlightTerms(es, index, text)]);
  let res = first;
  const words = text?.words ?? [];
  if (!cursor && match === 'all' && words.length > 1 && totalOf(res) === 0) {
    // No patent holds every word: one more request for those holding most of them.
    match = 'partial';
    res = await runOrRetry();
  }

  const found = toResults(res, compileTerms(terms), scope.library?.enterpriseId);
  const results =
    match === 'partial'
      ? {
          ...found,
          hits: found.hits.map((hit, i) => ({ ...hit, missingWords: missingWords(res.hits.hits[i], words) })),
        }
      : found;
  const page = cursor ? cursor.page : input.page;
  const pit = cursor ? (res.pit_id ?? cursor.pit) : null;
  const lastSort = res.hits.hits.at(-1)?.sort as SortValue[] | undefined;
  const shownSoFar = page * input.size;
  const more =
    lastSort !== undefined &&
    results.hits.length === input.size &&
    !(results.total.relation === 'eq' && shownSoFar >= results.total.value);
  if (!more && pit) {
    // Best effort: an unclosed point in time expires by itself after its keep-alive.
    await es.closePointInTime({ id: pit }).catch(() => undefined);
  }
  return {
    ...results,
    page,
    size: input.size,
    sort,
    nextCursor:
      more && lastSort
        ? encodeCursor({
            pit,
            after: lastSort,
            page: page + 1,
            fp,
            ...(match === 'partial' ? { partial: true } : {}),
          })
        : null,
    partialMatch: match === 'partial' ? { words } : null,
    semantic: await semantic(),
  };
}

/** One page of a hybrid search in relevance order (hybrid-search.ts), shaped as any other page. */
async function hybridPage(
  es: Client,
  index: string,
  input: SearchInput,
  scope: SearchScope,
  ctx: { vector: number[]; text: QueryText; fp: string; cursor: SearchCursor | undefined },
): Promise<Omit<SearchPage, 'semantic'>> {
  const { cursor, text } = ctx;
  const page = cursor ? cursor.page : input.page;
  const tail = cursor?.fused === 'tail' ? cursor.after : undefined;
  const offset = cursor?.fused === 'offset' ? cursor.after[0] : (page - 1) * input.size;
  if (typeof offset !== 'number' || !Number.isInteger(offset) || offset < 0) throw staleCursor();
  const words = text.words;
  const rowsAndTerms = Promise.all([
    hybridRows(es, index, input, ctx.vector, {
      scope,
      start: offset,
      count: input.size,
      ...(tail ? { after: tail } : {}),
      firstMatch: cursor?.partial ? 'partial' : 'all',
      mayFallBack: !cursor,
      wordCount: words.length,
    }),
    highlightTerms(es, index, text),
  ]);
  let read: Awaited<ReturnType<typeof hybridRows>>;
  let terms: Awaited<ReturnType<typeof highlightTerms>>;
  try {
    [read, terms] = await rowsAndTerms;
  } catch (err) {
    // search_after values ES cannot read: a tampered cursor.
    if (tail && err instanceof errors.ResponseError && err.statusCode === 400) throw staleCursor();
    throw err;
  }
  const found = toResults(
    {
      hits: { hits: read.rows, total: read.total },
      aggregations: read.aggregations,
    } as estypes.SearchResponse<PatentListSource>,
    compileTerms(terms),
    scope.library?.enterpriseId,
  );
  const hits = found.hits.map((hit, i) => {
    const only = read.semanticOnly.has(hit.id);
    if (only) return { ...hit, semanticMatch: true };
    return read.match === 'partial' ? { ...hit, missingWords: missingWords(read.rows[i], words) } : hit;
  });
  const next = nextHybridCursor(read, {
    start: offset + input.size,
    size: input.size,
    page: page + 1,
    fp: ctx.fp,
  });
  return {
    ...found,
    hits,
    page,
    size: input.size,
    sort: 'relevance',
    nextCursor: next ? encodeCursor(next) : null,
    partialMatch: read.match === 'partial' ? { words } : null,
  };
}

/** The exact total of a response that counted (`track_total_hits`), as a number. */
function totalOf(res: estypes.SearchResponse<unknown>): number | undefined {
  const total = res.hits.total;
  return typeof total === 'number' ? total : total?.value;
}

/** The typed words a hit of a partial match does not hold, from its named word clauses. */
function missingWords(hit: estypes.SearchHit<unknown> | undefined, words: readonly string[]): string[] {
  const matched = hit?.matched_queries;
  const names = new Set(Array.isArray(matched) ? matched : Object.keys(matched ?? {}));
  return words.filter((_, i) => !names.has(wordName(i)));
}
