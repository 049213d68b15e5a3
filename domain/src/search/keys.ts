/**
 * The vocabulary of a library search, defined once for the API (which validates and maps each key to an
 * Elasticsearch field) and the web (which reads and writes them in the URL): filter keys, facet keys and
 * sort modes. A key is what a client sends; which field it means is decided by the API alone.
 */

/** Multi-valued code filters: several selected values are OR-ed, different keys are AND-ed. */
export const codeFilterKeys = [
  'strategicIndustries',
  'economicIndustries',
  'ipcSection',
  'ipcSubclass',
  'patentType',
  'legalStatus',
  'cooperationModes',
  'institutionId',
] as const;
export type CodeFilterKey = (typeof codeFilterKeys)[number];

/** Every filter of every library is also a facet (a facet's key is its filter's key). */
export const facetKeys = [...codeFilterKeys, 'validAtEnd2023', 'registeredAt'] as const;
export type FacetKey = (typeof facetKeys)[number];

/**
 * Facets only a library of one enterprise has (评价库): whether this enterprise has submitted its 企业自评
 * (`enterpriseEvaluated`: 'true' / 'false'), the row state (`evaluationState`: 'pending' 待评价 /
 * 'expert_evaluated' 专家已评 / 'enterprise_evaluated' 企业已评), counted and filtered on the enterprise's
 * own entry of the search document's `library`; and, for an expert, `mine` ('true' 我已评 / 'false'
 * 我未评). They need the enterprise-library scope; other libraries refuse the keys.
 */
export const libraryFacetKeys = ['enterpriseEvaluated', 'evaluationState', 'mine'] as const;
export type LibraryFacetKey = (typeof libraryFacetKeys)[number];

/** Sort orders. `relevance` is the default with text, `registeredAt:desc` (or a library's own) without. */
export const sortModes = [
  'relevance',
  'registeredAt:desc',
  'registeredAt:asc',
  'applicationDate:desc',
  'applicationDate:asc',
  'pushedAt:desc',
  'pushedAt:asc',
] as const;
export type SortMode = (typeof sortModes)[number];

/** The sorts of the shared catalogue (资源库, 关注库): no push date there. */
export const catalogueSortModes = [
  'relevance',
  'registeredAt:desc',
  'registeredAt:asc',
  'applicationDate:desc',
  'applicationDate:asc',
] as const satisfies readonly SortMode[];

/** The sorts of an enterprise's 评价库: 推送时间 (its own entry's date) first. */
export const enterpriseLibrarySortModes = [
  'pushedAt:desc',
  'pushedAt:asc',
  'relevance',
  'registeredAt:desc',
  'registeredAt:asc',
  'applicationDate:desc',
  'applicationDate:asc',
] as const satisfies readonly SortMode[];

/** Labels of the sort select, in the manual's terms. */
export const sortModeLabels: Readonly<Record<SortMode, string>> = {
  relevance: '相关度',
  'registeredAt:desc': '登记入库时间（最新）',
  'registeredAt:asc': '登记入库时间（最早）',
  'applicationDate:desc': '申请日（最新）',
  'applicationDate:asc': '申请日（最早）',
  'pushedAt:desc': '推送时间（最新）',
  'pushedAt:asc': '推送时间（最早）',
};

/** True when `value` is one of the sort modes. */
export function isSortMode(value: unknown): value is SortMode {
  return typeof value === 'string' && (sortModes as readonly string[]).includes(value);
}

/** 智能检索 (words and meaning, the default) or 精确检索 (words only). */
export const searchModes = ['hybrid', 'exact'] as const;
export type SearchMode = (typeof searchModes)[number];
export const DEFAULT_SEARCH_MODE: SearchMode = 'hybrid';
export const searchModeLabels: Readonly<Record<SearchMode, string>> = {
  hybrid: '智能检索',
  exact: '精确检索',
};
