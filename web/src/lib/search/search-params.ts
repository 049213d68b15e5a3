/**
 * The resource library's state lives in its URL only: every filter, sort and page change is a link or a
 * GET form, so back/forward, bookmarks and shared links reproduce the same results, with or without
 * JavaScript. This module reads that query string into a `SearchState` and writes it back in one
 * canonical form (fixed key order, lists as repeated keys, defaults left out). Values are kept as the
 * user sent them: the API validates them and answers field errors the page shows (e.g. an unknown code).
 * Pure, so it runs in loads, components and unit tests alike.
 */

import {
  catalogueSortModes,
  codeFilterKeys,
  enterpriseLibrarySortModes,
  sortModeLabels,
} from '@panhuo/domain/search/keys';
import type { CodeFilterKey, SortMode } from '@panhuo/domain/search/keys';

/** One choice of the sort select. */
export interface SortOption {
  value: SortMode;
  label: string;
}

const optionsOf = (modes: readonly SortMode[]): SortOption[] =>
  modes.map((value) => ({ value, label: sortModeLabels[value] }));

/** The sorts of the catalogue (资源库), with the labels of the sort select. */
export const sortOptions: readonly SortOption[] = optionsOf(catalogueSortModes);
/** The sorts of an enterprise's 评价库: 推送时间 first. */
export const librarySortOptions: readonly SortOption[] = optionsOf(enterpriseLibrarySortModes);

/** Page sizes offered by the page-size select; the API's default is the first. */
export const pageSizes = [20, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 20;
/** The API refuses longer search text (`query_too_long`); the search box stops there too. */
export const MAX_QUERY_LENGTH = 100;

/** Everything that decides one result page. Absent or empty means "not set". */
export interface SearchState {
  q: string;
  /** 'exact' for 精确检索; '' is 智能检索 (hybrid, the default, left out of the URL). */
  mode: string;
  filters: Record<CodeFilterKey, string[]>;
  /** 'true' / 'false' as sent; '' when not set. */
  validAtEnd2023: string;
  /** 评价库 only: 企业已评 'true' / 企业未评 'false'; '' when not set. */
  enterpriseEvaluated: string;
  /** 评价库 only: 'pending' 待评价 / 'expert_evaluated' 专家已评 / 'enterprise_evaluated' 企业已评; '' when not set. */
  evaluationState: string;
  /** 评价库, experts: 我已评 'true' / 我未评 'false'; '' when not set. */
  mine: string;
  /** 登记入库时间 range, 'YYYY-MM-DD' as sent. */
  registeredFrom: string;
  registeredTo: string;
  sort: string;
  /** Raw page number and size; '' means the default (page 1, 20 per page). */
  page: string;
  size: string;
  /** Opaque continuation token from the previous page's `nextCursor`. */
  cursor: string;
}

/** A state with nothing set: the library's landing page. */
export function emptyState(): SearchState {
  return {
    q: '',
    mode: '',
    filters: Object.fromEntries(codeFilterKeys.map((key) => [key, []])) as unknown as Record<
      CodeFilterKey,
      string[]
    >,
    validAtEnd2023: '',
    enterpriseEvaluated: '',
    evaluationState: '',
    mine: '',
    registeredFrom: '',
    registeredTo: '',
    sort: '',
    page: '',
    size: '',
    cursor: '',
  };
}

/** Repeated and comma-separated values (`a&a` or `a,b`, also full-width commas), trimmed, without duplicates. */
function listOf(params: URLSearchParams, key: string): string[] {
  const out: string[] = [];
  for (const value of params.getAll(key)) {
    for (const item of value.split(/[,，]/)) {
      const code = item.trim();
      if (code !== '' && !out.includes(code)) out.push(code);
    }
  }
  return out;
}

/** The last non-empty value of a single-valued key, trimmed ('' when absent). */
function single(params: URLSearchParams, key: string): string {
  const values = params
    .getAll(key)
    .map((value) => value.trim())
    .filter((value) => value !== '');
  return values.at(-1) ?? '';
}

/** Reads the library's query string. Unknown keys are ignored. */
export function parseSearchParams(params: URLSearchParams): SearchState {
  const state = emptyState();
  // The search box text keeps inner spaces (phrases); only the ends are trimmed.
  state.q = (params.get('q') ?? '').trim();
  const mode = single(params, 'mode');
  state.mode = mode === 'hybrid' ? '' : mode;
  for (const key of codeFilterKeys) state.filters[key] = listOf(params, key);
  state.validAtEnd2023 = single(params, 'validAtEnd2023');
  state.enterpriseEvaluated = single(params, 'enterpriseEvaluated');
  state.evaluationState = single(params, 'evaluationState');
  state.mine = single(params, 'mine');
  state.registeredFrom = single(params, 'registeredFrom');
  state.registeredTo = single(params, 'registeredTo');
  state.sort = single(params, 'sort');
  state.cursor = single(params, 'cursor');
  const page = single(params, 'page');
  state.page = page === '1' || state.cursor !== '' ? '' : page;
  const size = single(params, 'size');
  state.size = size === String(DEFAULT_PAGE_SIZE) ? '' : size;
  return state;
}

/**
 * The canonical query string of a state: fixed key order, repeated keys for lists, defaults and empty
 * values left out, `page` dropped when a cursor continues the list. parse(toSearchParams(s)) equals s.
 */
export function toSearchParams(state: SearchState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  if (state.mode) params.set('mode', state.mode);
  for (const key of codeFilterKeys) for (const code of state.filters[key]) params.append(key, code);
  if (state.validAtEnd2023) params.set('validAtEnd2023', state.validAtEnd2023);
  if (state.enterpriseEvaluated) params.set('enterpriseEvaluated', state.enterpriseEvaluated);
  if (state.evaluationState) params.set('evaluationState', state.evaluationState);
  if (state.mine) params.set('mine', state.mine);
  if (state.registeredFrom) params.set('registeredFrom', state.registeredFrom);
  if (state.registeredTo) params.set('registeredTo', state.registeredTo);
  if (state.sort) params.set('sort', state.sort);
  if (state.size && state.size !== String(DEFAULT_PAGE_SIZE)) params.set('size', state.size);
  if (state.cursor) params.set('cursor', state.cursor);
  else if (state.page && state.page !== '1') params.set('page', state.page);
  return params;
}

/** `path?query`, or just `path` when nothing is set. */
export function hrefOf(path: string, state: SearchState): string {
  const query = toSearchParams(state).toString();
  return query ? `${path}?${query}` : path;
}

/** True when a query string says the same as its canonical form (same pairs in the same order). */
export function isCanonical(params: URLSearchParams, state: SearchState): boolean {
  return params.toString() === toSearchParams(state).toString();
}

/** The state on page 1 of the same search: any change of what is searched restarts the list. */
export function firstPage(state: SearchState): SearchState {
  return { ...state, page: '', cursor: '' };
}

/** Adds `code` to a filter, or removes it when already selected. Back to page 1. */
export function toggleFilter(state: SearchState, key: CodeFilterKey, code: string): SearchState {
  const current = state.filters[key];
  const next = current.includes(code) ? current.filter((c) => c !== code) : [...current, code];
  return firstPage({ ...state, filters: { ...state.filters, [key]: next } });
}

/** Filters that are neither a code list nor the search text. */
export type ScalarFilterKey = 'validAtEnd2023' | 'registeredAt';

/** Sets 截至2023年底有效 to a value, or clears it when it already has that value. Back to page 1. */
export function toggleValidity(state: SearchState, value: string): SearchState {
  return firstPage({ ...state, validAtEnd2023: state.validAtEnd2023 === value ? '' : value });
}

/** Sets 企业已评 / 企业未评 (评价库), or clears it when it already has that value. Back to page 1. */
export function toggleEnterpriseEvaluated(state: SearchState, value: string): SearchState {
  return firstPage({ ...state, enterpriseEvaluated: state.enterpriseEvaluated === value ? '' : value });
}

/** Sets 待评价 / 专家已评 / 企业已评 (评价库), or clears it when it already has that value. Back to page 1. */
export function toggleEvaluationState(state: SearchState, value: string): SearchState {
  return firstPage({ ...state, evaluationState: state.evaluationState === value ? '' : value });
}

/** Sets 我已评 / 我未评 (评价库, experts), or clears it when it already has that value. Back to page 1. */
export function toggleMine(state: SearchState, value: string): SearchState {
  return firstPage({ ...state, mine: state.mine === value ? '' : value });
}

/** Restricts 登记入库时间 to one calendar year, or clears the range when it is exactly that year. */
export function toggleRegistrationYear(state: SearchState, year: string): SearchState {
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const same = state.registeredFrom === from && state.registeredTo === to;
  return firstPage({ ...state, registeredFrom: same ? '' : from, registeredTo: same ? '' : to });
}

/** The calendar year a 登记入库时间 range covers exactly, or null when it is not one whole year. */
export function selectedYear(state: SearchState): string | null {
  const match = /^(\d{4})-01-01$/.exec(state.registeredFrom);
  return match && state.registeredTo === `${match[1]}-12-31` ? (match[1] ?? null) : null;
}

/** Removes the search text. */
export function withoutQuery(state: SearchState): SearchState {
  return firstPage({ ...state, q: '' });
}

/** Removes a scalar filter (validity, or both ends of the registration range). */
export function withoutScalar(state: SearchState, key: ScalarFilterKey): SearchState {
  if (key === 'validAtEnd2023') return firstPage({ ...state, validAtEnd2023: '' });
  return firstPage({ ...state, registeredFrom: '', registeredTo: '' });
}

/**
 * 清除全部: drops the text and every filter, keeping sort and page size when they are ones the page offers
 * (a hand-edited size=500 is dropped too, so the link always leads to a valid search).
 */
export function clearAll(state: SearchState): SearchState {
  const sort = librarySortOptions.some((o) => o.value === state.sort) ? state.sort : '';
  const size = pageSizes.some((n) => String(n) === state.size) ? state.size : '';
  // The search mode is a way of searching, not a filter: kept, as the sort and the page size are.
  return { ...emptyState(), sort, size, mode: state.mode === 'exact' ? 'exact' : '' };
}

/** True when a filter (not the search text) is set. */
export function hasFilters(state: SearchState): boolean {
  return (
    codeFilterKeys.some((key) => state.filters[key].length > 0) ||
    state.validAtEnd2023 !== '' ||
    state.enterpriseEvaluated !== '' ||
    state.evaluationState !== '' ||
    state.mine !== '' ||
    state.registeredFrom !== '' ||
    state.registeredTo !== ''
  );
}

/** The state with another sort order, back on page 1. '' returns to the default order. */
export function withSort(state: SearchState, sort: string): SearchState {
  return firstPage({ ...state, sort });
}

/** The state with another page size, back on page 1. */
export function withSize(state: SearchState, size: string): SearchState {
  return firstPage({ ...state, size: size === String(DEFAULT_PAGE_SIZE) ? '' : size });
}

/** A numbered page of the same search (a from/size page, no cursor). */
export function withPage(state: SearchState, page: number): SearchState {
  return { ...state, cursor: '', page: page <= 1 ? '' : String(page) };
}

/** The page after this one, through the API's `nextCursor` (fast at any depth). */
export function withCursor(state: SearchState, cursor: string): SearchState {
  return { ...state, page: '', cursor };
}

/**
 * Query string for 导出: the current search (text, filters, sort) without paging, plus `limit` when the
 * user asked for a row count.
 */
export function exportParams(state: SearchState, limit?: number): URLSearchParams {
  const params = toSearchParams({ ...state, page: '', size: '', cursor: '' });
  if (limit !== undefined) params.set('limit', String(limit));
  return params;
}

/**
 * The `from` parameter of a detail link, read back: a same-site path to return to ("返回检索结果"), or
 * null for anything else, so the link can never send the user to another site.
 */
export function safeReturnPath(from: string | null, allowedPrefixes: readonly string[]): string | null {
  if (!from || !from.startsWith('/') || from.startsWith('//') || from.includes('\\')) return null;
  let url: URL;
  try {
    url = new URL(from, 'http://localhost');
  } catch {
    return null;
  }
  if (url.origin !== 'http://localhost') return null;
  const allowed = allowedPrefixes.some(
    (prefix) => url.pathname === prefix || url.pathname.startsWith(`${prefix}/`),
  );
  return allowed ? `${url.pathname}${url.search}` : null;
}
