import type { estypes } from '@elastic/elasticsearch';
import type { SortMode } from '@panhuo/domain/search/keys';
import { buildFacetAggs, buildPostFilter, LIBRARY_PATH, libraryEntryClause } from './filters';
import type { LibraryFilterScope } from './filters';
import { hasQueryText, parseQueryText } from './query-text';
import type { NumberLookup, QueryText } from './query-text';
import type { SearchInput } from './schema';

type Query = estypes.QueryDslQueryContainer;

/**
 * What a library may see, decided by the server (never by the client): 资源库 sees everything, 评价库 the
 * patents pushed to the enterprise, 关注库 the ones matching its focus fields. Applied in the main query's
 * `bool.filter`, so facets count only within the scope. An empty `ids` list matches nothing.
 */
export interface SearchScope {
  /** Only these patent ids. */
  ids?: readonly string[];
  /** Only patents of these institutions. */
  institutionIds?: readonly string[];
  /** Any further server-built filter clauses (e.g. a focus-field preference). */
  filters?: readonly Query[];
  /**
   * Server-built scoring clauses (关注库: one constant score per matched focus dimension), added to the
   * main query's `should`. With them the default order is relevance (score, then newest) even without text.
   */
  ranking?: readonly Query[];
  /**
   * One enterprise's 评价库: only patents whose search document has a `library` entry of this enterprise
   * (a nested filter, kept current by the indexer from Patent.pushes and the push entries). Enables the 推送时间 sort, the
   * evaluation-state facets and each row's own entry; `rated` (an expert's own evaluated ids) the 我已评
   * facet (see LibraryFilterScope).
   */
  library?: LibraryFilterScope;
}

/**
 * How the typed words must match: `all` (every word, the normal search) or `partial` (at least one word,
 * ranked by how many: the answer search.ts falls back to when no patent holds every word).
 */
export type MatchMode = 'all' | 'partial';
/** Score of each typed word a patent holds, in a partial match: above any BM25 score, so the count ranks first. */
export const PARTIAL_WORD_BOOST = 1000;
/** The matched_queries name of typed word i in a partial match. */
export const wordName = (i: number) => `word:${i}`;

/** smartcn fields of the keyword query; the title counts three times. */
export const TEXT_FIELDS = ['title^3', 'abstract', 'claims', 'applicants.text'];
/** Fields of a quoted phrase: exact substrings on the per-character subfields (applicant names by word). */
export const PHRASE_FIELDS = ['title.std^3', 'abstract.std', 'claims.std', 'applicants.text'];
/** Boosts of the exact-substring bonus for each typed word. */
export const TITLE_PHRASE_BOOST = 3;
export const ABSTRACT_PHRASE_BOOST = 1.5;
/** Bonus when the typed words appear next to each other in the title (in order, at most 2 positions apart). */
export const ADJACENT_WORDS_BOOST = 2;
export const ADJACENT_WORDS_SLOP = 2;
/** Words beyond this many get no phrase bonus (each bonus is one more phrase query). */
export const MAX_PHRASE_BONUS_WORDS = 6;
/** A point in time stays open this long after each page read through it. */
export const PIT_KEEP_ALIVE = '2m';
/** Most rows one request may return (the export limit of the manual). */
export const MAX_REQUEST_SIZE = 1000;

/** `_source` of a result list row: what toResults needs, nothing more. */
export const LIST_SOURCE_FIELDS = [
  'id',
  'applicationNumber',
  'title',
  'abstract',
  'applicants',
  'institutionId',
  'institutionName',
  'patentType',
  'legalStatus',
  'ipcMain',
  'applicationDate',
  'registeredAt',
  'strategicIndustries',
  'economicIndustries',
  'cooperationModes',
  'validAtEnd2023',
  'portfolioIds',
];

/** The library scope as filter clauses. */
export function buildScopeFilters(scope: SearchScope = {}): Query[] {
  const filters: Query[] = [];
  if (scope.ids) filters.push({ terms: { id: [...scope.ids] } });
  if (scope.institutionIds) filters.push({ terms: { institutionId: [...scope.institutionIds] } });
  if (scope.library) filters.push(libraryEntryClause(scope.library.enterpriseId));
  if (scope.filters) filters.push(...scope.filters);
  return filters;
}

function numberClause(lookup: NumberLookup): Query {
  return lookup.prefix
    ? { prefix: { [lookup.field]: lookup.value } }
    : { term: { [lookup.field]: lookup.value } };
}

/**
 * One typed word, required as its smartcn tokens (all of them, across the text fields) OR as an exact
 * substring of the per-character `.std` subfields, whichever matches. smartcn segments a short query
 * differently from running text (中药 alone → 中 / 药, inside 中药组合物 → 中药; 光催化 → 光 / 催化, inside
 * 光催化剂 → 光 / 催化剂), so the tokens alone lose words that are literally there. The substring never
 * widens a word beyond itself: 钠电池 is not a substring of 锂电池. Scored by BM25 on whichever matched.
 * `name` tags the clause for matched_queries (the partial-match answer says which words a row lacks).
 */
export function wordClause(word: string, name?: string): Query {
  return {
    bool: {
      should: [
        { multi_match: { query: word, type: 'cross_fields', operator: 'and', fields: TEXT_FIELDS } },
        { multi_match: { query: word, type: 'phrase', fields: PHRASE_FIELDS } },
      ],
      minimum_should_match: 1,
      ...(name ? { _name: name } : {}),
    },
  };
}

/**
 * The scoring part of a keyword search. User text is only ever passed as the `query` of match-family
 * queries, so nothing typed is interpreted as syntax.
 * - Plain words: every typed word is required (wordClause: its smartcn terms across the fields, or the
 *   word as an exact substring). Each word rather than a minimum_should_match ratio because engineers type
 *   2–3 precise words and expect each to be present; a ratio would let 钠电池 answer 锂电池.
 * - Exact-substring bonus: smartcn splits words (石墨烯 → 石墨 烯), so a document with the two pieces far
 *   apart matches too. Each typed word is also a phrase on the per-character `.std` subfields of title and
 *   abstract, and the words together a near phrase on the title; those should-clauses rank the exact
 *   phrase above scattered characters. They never widen the result set.
 * - Quoted phrases: required as exact substrings (title, abstract, claims) or as a phrase in an applicant.
 * - Numbers: application / publication numbers are required exactly (several numbers: any of them).
 */
export function buildKeywordClauses(
  text: QueryText,
  scoring = true,
  match: MatchMode = 'all',
): { must: Query[]; should: Query[] } {
  const must: Query[] = [];
  const should: Query[] = [];
  if (text.invalidNumbers.length > 0) {
    // A wrong check digit never matches a stored number (schema.ts reports it; this is the safety net).
    must.push({ match_none: {} });
  }
  if (text.numbers.length === 1 && text.numbers[0]) must.push(numberClause(text.numbers[0]));
  if (text.numbers.length > 1) {
    must.push({ bool: { should: text.numbers.map(numberClause), minimum_should_match: 1 } });
  }
  if (match === 'partial' && text.words.length > 1) {
    // Any word, ranked by how many (a constant per word held), then by BM25 of the words held.
    const held = text.words.map((word, i) => ({
      constant_score: { filter: wordClause(word, wordName(i)), boost: PARTIAL_WORD_BOOST },
    }));
    must.push({ bool: { should: held, minimum_should_match: 1 } });
    if (scoring) should.push(...text.words.map((word) => wordClause(word)));
  } else {
    for (const word of text.words) must.push(wordClause(word));
  }
  // The bonuses only order the matches: left out when the list is sorted by a date.
  if (text.words.length > 0 && scoring) {
    for (const word of text.words.slice(0, MAX_PHRASE_BONUS_WORDS)) {
      // A one-character word is a single token: the phrase bonus would add nothing.
      if ([...word].length < 2) continue;
      should.push({ match_phrase: { 'title.std': { query: word, boost: TITLE_PHRASE_BOOST } } });
      should.push({ match_phrase: { 'abstract.std': { query: word, boost: ABSTRACT_PHRASE_BOOST } } });
    }
    if (text.words.length > 1) {
      should.push({
        match_phrase: {
          'title.std': {
            query: text.words.slice(0, MAX_PHRASE_BONUS_WORDS).join(' '),
            slop: ADJACENT_WORDS_SLOP,
            boost: ADJACENT_WORDS_BOOST,
          },
        },
      });
    }
  }
  for (const phrase of text.phrases) {
    must.push({ multi_match: { query: phrase, type: 'phrase', fields: PHRASE_FIELDS } });
  }
  return { must, should };
}

/** Parses the search box text; null when there is nothing to search for (empty, or only syntax characters). */
export function searchableText(q: string | undefined): QueryText | null {
  if (q === undefined) return null;
  const text = parseQueryText(q);
  return hasQueryText(text) || text.invalidNumbers.length > 0 ? text : null;
}

/**
 * The main query: keyword clauses (if any text) plus the library scope in `bool.filter`. `scoring` false
 * (a date sort) leaves out the clauses that only affect the score.
 */
export function buildPatentQuery(
  q: string | undefined,
  scope: SearchScope = {},
  scoring = true,
  match: MatchMode = 'all',
): Query {
  const text = searchableText(q);
  const keyword = text ? buildKeywordClauses(text, scoring, match) : { must: [], should: [] };
  const must = keyword.must;
  const should = [...keyword.should, ...(scoring && scope.ranking ? scope.ranking : [])];
  const filter = buildScopeFilters(scope);
  if (must.length === 0 && filter.length === 0) return { match_all: {} };
  return {
    bool: {
      ...(must.length > 0 ? { must } : {}),
      ...(should.length > 0 ? { should } : {}),
      ...(filter.length > 0 ? { filter } : {}),
    },
  };
}

/**
 * The sort actually applied: relevance only means something when there is text to score. Without text
 * and without a choice, an enterprise's 评价库 lists the latest pushes first, the catalogue the latest
 * registrations.
 */
export function resolveSort(
  sort: SortMode | undefined,
  searching: boolean,
  scope: SearchScope = {},
): SortMode {
  const dateDefault: SortMode = scope.library ? 'pushedAt:desc' : 'registeredAt:desc';
  const ranked = searching || (scope.ranking?.length ?? 0) > 0;
  if (sort === undefined || sort === 'relevance') return ranked ? 'relevance' : dateDefault;
  return sort;
}

/** The push date of the scope's enterprise: a nested sort reading that enterprise's entry only. */
function pushedAtSort(order: 'asc' | 'desc', scope: SearchScope): estypes.SortCombinations {
  if (!scope.library) throw new RangeError('the pushedAt sort needs an enterprise-library scope');
  return {
    [`${LIBRARY_PATH}.pushedAt`]: {
      order,
      nested: {
        path: LIBRARY_PATH,
        filter: { term: { [`${LIBRARY_PATH}.enterpriseId`]: scope.library.enterpriseId } },
      },
    },
  };
}

/** Sort clauses; always ending on the unique applicationNumber (ES refuses to sort on _id). */
export function buildSort(mode: SortMode, scope: SearchScope = {}): estypes.SortCombinations[] {
  const tiebreak: estypes.SortCombinations = { applicationNumber: { order: 'asc' } };
  switch (mode) {
    case 'pushedAt:desc':
      return [pushedAtSort('desc', scope), tiebreak];
    case 'pushedAt:asc':
      return [pushedAtSort('asc', scope), tiebreak];
    case 'relevance':
      return [{ _score: { order: 'desc' } }, { registeredAt: { order: 'desc' } }, tiebreak];
    case 'registeredAt:desc':
      return [{ registeredAt: { order: 'desc' } }, tiebreak];
    case 'registeredAt:asc':
      return [{ registeredAt: { order: 'asc' } }, tiebreak];
    case 'applicationDate:desc':
      return [{ applicationDate: { order: 'desc' } }, tiebreak];
    case 'applicationDate:asc':
      return [{ applicationDate: { order: 'asc' } }, tiebreak];
  }
}

/** How a caller other than the result list reuses the builder (export, feeds, counts). */
export interface BuildOptions {
  /** The library scope (see SearchScope). */
  scope?: SearchScope;
  /** Rows per request instead of `input.size`, up to MAX_REQUEST_SIZE (export: 1000). */
  size?: number;
  /** `_source` fields; `true` for the whole document (export). Default: LIST_SOURCE_FIELDS. */
  sourceFields?: readonly string[] | true;
  /** Facet aggregations (default true). */
  facets?: boolean;
  /** Count every match (default true); off when the total comes from elsewhere (buildFacetsRequest). */
  countTotal?: boolean;
  /** How the typed words must match (default `all`; see MatchMode). */
  match?: MatchMode;
  /**
   * 智能检索: the kNN section (semantic.ts buildKnnSection over semanticFilters): the answer is the union of
   * the words matches and the semantic hits, and total and facets count that union.
   */
  semantic?: estypes.KnnSearch;
}

/**
 * The filters the kNN section of a hybrid search applies: the scope and the selected facet values, the
 * same clauses the words query is restricted by (in its `bool.filter` and its `post_filter`), so the
 * semantic hits never leave the library or the selection. Pure.
 */
export function semanticFilters(input: Pick<SearchInput, 'filters'>, scope: SearchScope = {}): Query[] {
  const postFilter = buildPostFilter(input.filters, scope.library);
  return [...buildScopeFilters(scope), ...(postFilter ? [postFilter] : [])];
}

/**
 * The complete search request for one page, pure and sync. Without a cursor it is a `from`/`size` page
 * (`index` is added by the caller); with one it continues with `search_after`, through the cursor's point in
 * time when it has one (then the request must not name an index).
 * Example, export: `buildSearchRequest({ ...input, page: 1 }, { size: 1000, sourceFields: true, facets: false })`.
 * Highlights are not asked of Elasticsearch: highlight.ts marks the `_source` text in the API.
 */
export function buildSearchRequest(input: SearchInput, options: BuildOptions = {}): estypes.SearchRequest {
  const size = options.size ?? input.size;
  if (!Number.isInteger(size) || size < 0 || size > MAX_REQUEST_SIZE) {
    throw new RangeError(`size must be an integer 0..${MAX_REQUEST_SIZE}, got ${size}`);
  }
  const text = searchableText(input.q);
  const facets = options.facets !== false;
  const library = options.scope?.library;
  const enterpriseId = library?.enterpriseId;
  const postFilter = buildPostFilter(input.filters, library);
  // Without facets nothing needs the unfiltered matches: selections join the main query's filter, where
  // ES can skip non-matching documents early (a post_filter only trims the hits afterwards).
  const scope: SearchScope =
    !facets && postFilter
      ? { ...options.scope, filters: [...(options.scope?.filters ?? []), postFilter] }
      : (options.scope ?? {});
  const sort = resolveSort(input.sort, text !== null, scope);
  const sourceFields = options.sourceFields ?? [
    ...LIST_SOURCE_FIELDS,
    ...(enterpriseId ? [LIBRARY_PATH] : []),
  ];
  const request: estypes.SearchRequest = {
    query: buildPatentQuery(input.q, scope, sort === 'relevance', options.match),
    sort: buildSort(sort, scope),
    size,
    // Aggregations visit every match anyway, so the exact count costs next to nothing. Without them, not
    // counting lets a date-sorted page skip the documents that cannot make it.
    track_total_hits: options.countTotal !== false,
    _source: sourceFields === true ? true : [...sourceFields],
  };
  if (input.cursor) {
    request.search_after = input.cursor.after;
    if (input.cursor.pit) request.pit = { id: input.cursor.pit, keep_alive: PIT_KEEP_ALIVE };
  } else {
    request.from = (input.page - 1) * size;
  }
  if (facets && postFilter) request.post_filter = postFilter;
  if (facets) request.aggs = buildFacetAggs(input.filters, library);
  if (options.semantic) request.knn = options.semantic;
  return request;
}

/**
 * The total and facet counts of a search, without hits. Its body depends only on the text, the selections
 * and the scope, never on the page or the sort, and it asks for no rows: Elasticsearch's shard request cache
 * keeps such answers until the index changes. The pages after the first one of a search send it beside a
 * hits-only request (search.ts), so deep paging no longer recounts every facet per page.
 */
export function buildFacetsRequest(
  input: Pick<SearchInput, 'q' | 'filters'>,
  scope: SearchScope = {},
  match: MatchMode = 'all',
  semantic?: estypes.KnnSearch,
): estypes.SearchRequest {
  const postFilter = buildPostFilter(input.filters, scope.library);
  return {
    query: buildPatentQuery(input.q, scope, false, match),
    size: 0,
    track_total_hits: true,
    ...(postFilter ? { post_filter: postFilter } : {}),
    aggs: buildFacetAggs(input.filters, scope.library),
    ...(semantic ? { knn: semantic } : {}),
  };
}
