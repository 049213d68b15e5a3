import type { estypes } from '@elastic/elasticsearch';
import {
  expandCooperationModes,
  cooperationModeLabel,
  isCooperationModeCode,
} from '@panhuo/domain/taxonomies/cooperation-modes';
import { economicIndustryName, isEconomicIndustryCode } from '@panhuo/domain/taxonomies/economic-industries';
import { ipcSectionName, ipcSubclassTitle, parseIpc } from '@panhuo/domain/taxonomies/ipc';
import { isLegalStatus, legalStatusLabels } from '@panhuo/domain/taxonomies/legal-status';
import { isPatentType, patentTypeLabels } from '@panhuo/domain/taxonomies/patent-types';
import {
  isStrategicIndustryCode,
  strategicIndustryName,
} from '@panhuo/domain/taxonomies/strategic-industries';
import { isObjectId } from '@panhuo/domain/object-id';
import { facetKeys, libraryFacetKeys } from '@panhuo/domain/search/keys';
import type { CodeFilterKey, FacetKey, LibraryFacetKey } from '@panhuo/domain/search/keys';
import { rowEvaluationStates } from '@panhuo/domain/search/library-row';
import type { RowEvaluationState } from '@panhuo/domain/search/library-row';
import { FACET_CODES_FIELD, FACET_CODES_SIZE } from './facet-codes';

/**
 * The server allowlist of filters and facets. A filter key is what clients send; the ES field it maps to
 * and the codes it accepts are decided here only, so no client value ever names a field.
 */

/** Every facet of a search: the shared facets, plus the enterprise-library ones when that is the scope. */
export type SearchFacetKey = FacetKey | LibraryFacetKey;

/** The user's selections, validated (schema.ts) and normalized. */
export interface SearchFilters {
  strategicIndustries?: string[];
  economicIndustries?: string[];
  ipcSection?: string[];
  ipcSubclass?: string[];
  patentType?: string[];
  legalStatus?: string[];
  cooperationModes?: string[];
  institutionId?: string[];
  validAtEnd2023?: boolean;
  /** 登记入库时间 range, inclusive calendar days in China time ('YYYY-MM-DD'). */
  registeredAt?: { from?: string; to?: string };
  /** 评价库 only: whether the scope's enterprise has submitted its 企业自评 of the patent. */
  enterpriseEvaluated?: boolean;
  /** 评价库 only: 待评价 / 专家已评 / 企业已评 for the scope's enterprise. */
  evaluationState?: RowEvaluationState;
  /** 评价库, an expert only: 我已评 (true) / 我未评 (false). */
  mine?: boolean;
}

/**
 * One enterprise's 评价库 as the filters see it: the enterprise, and for an expert the patents he has
 * evaluated (read per request from the enterprise's own store by the library's scopeOf). Why a list of
 * ids and not the search document: which expert rated what must never reach the search document
 * (expert evaluations never leave the enterprise), and one expert's own ratings are few (each is a
 * person's work), so a `terms` clause on them is small; it filters 我已评 / 我未评 and counts both in
 * Elasticsearch over the whole result set, as every other facet.
 */
export interface LibraryFilterScope {
  enterpriseId: string;
  /** Set for an expert: the ids of the patents he has evaluated (possibly none). */
  rated?: readonly string[];
}

interface CodeFilterDefinition {
  /** The keyword field in mappings/patents.json. */
  field: string;
  /** Size of the facet's terms aggregation: the whole taxonomy where it is small, the top N otherwise. */
  facetSize: number;
  /** Normalizes one submitted code, or returns null when the code is unknown. */
  normalize: (code: string) => string | null;
  /** Chinese label of a facet key; institution names come from the aggregation instead. */
  label: (code: string) => string | undefined;
  /** Message when a code is unknown. */
  unknownMessage: string;
}

const exact = (isKnown: (code: string) => boolean) => (code: string) => (isKnown(code) ? code : null);

/** Filter key → ES field, facet size, code validation and labels. */
export const codeFilters: Readonly<Record<CodeFilterKey, CodeFilterDefinition>> = {
  strategicIndustries: {
    field: 'strategicIndustries',
    facetSize: 60, // 9 categories + 40 sub-categories: all of them
    normalize: exact(isStrategicIndustryCode),
    label: strategicIndustryName,
    unknownMessage: '未知的战略性新兴产业代码',
  },
  economicIndustries: {
    field: 'economicIndustries',
    facetSize: 120, // 20 sections + 97 divisions: all of them
    normalize: exact(isEconomicIndustryCode),
    label: economicIndustryName,
    unknownMessage: '未知的国民经济行业代码',
  },
  ipcSection: {
    field: 'ipcSections',
    facetSize: 8,
    normalize: (code) => {
      const upper = code.normalize('NFKC').trim().toUpperCase();
      return ipcSectionName(upper) ? upper : null;
    },
    label: ipcSectionName,
    unknownMessage: '未知的IPC部',
  },
  ipcSubclass: {
    field: 'ipcSubclasses',
    facetSize: 50, // about 640 subclasses exist: the 50 most frequent
    // Any well-formed subclass is accepted (the domain lists titles only for the common ones).
    normalize: (code) => {
      const parsed = parseIpc(code);
      return parsed && parsed.group === null ? parsed.subclass : null;
    },
    label: ipcSubclassTitle,
    unknownMessage: 'IPC小类格式不正确，例如 H01M',
  },
  patentType: {
    field: 'patentType',
    facetSize: 3,
    normalize: exact(isPatentType),
    label: (code) => (isPatentType(code) ? patentTypeLabels[code] : undefined),
    unknownMessage: '未知的专利类型',
  },
  legalStatus: {
    field: 'legalStatus',
    facetSize: 3,
    normalize: exact(isLegalStatus),
    label: (code) => (isLegalStatus(code) ? legalStatusLabels[code] : undefined),
    unknownMessage: '未知的法律状态',
  },
  cooperationModes: {
    field: 'cooperationModes',
    facetSize: 10,
    // The group code 'license' is accepted too and stands for the three license kinds.
    normalize: (code) => (isCooperationModeCode(code) || expandCooperationModes([code]) ? code : null),
    label: cooperationModeLabel,
    unknownMessage: '未知的合作方式',
  },
  institutionId: {
    field: 'institutionId',
    facetSize: 50,
    normalize: exact(isObjectId),
    label: () => undefined,
    unknownMessage: '无效的高校院所ID',
  },
};

/** ES fields of the two non-code filters. */
export const validAtEnd2023Field = 'validAtEnd2023';
export const registeredAtField = 'registeredAt';
/** Calendar days of 登记入库时间 are China days; timestamps are stored in UTC. */
export const CHINA_TIME_ZONE = '+08:00';

/** Values a code filter sends to ES (cooperation-mode groups expanded). */
function codeValues(key: CodeFilterKey, codes: readonly string[]): string[] {
  if (key === 'cooperationModes') return expandCooperationModes(codes) ?? [];
  return [...codes];
}

/** The nested field of the search document holding each enterprise's 评价库 entry (mappings/patents.json). */
export const LIBRARY_PATH = 'library';

/** The clause "the enterprise's own library entry matches `query`" (every entry is its own nested document). */
export function libraryEntryClause(
  enterpriseId: string,
  extra: estypes.QueryDslQueryContainer[] = [],
): estypes.QueryDslQueryContainer {
  return {
    nested: {
      path: LIBRARY_PATH,
      query: { bool: { filter: [{ term: { [`${LIBRARY_PATH}.enterpriseId`]: enterpriseId } }, ...extra] } },
    },
  };
}

/** The clause "this enterprise has submitted its 企业自评" (its entry carries the evaluation date). */
export function enterpriseEvaluatedClause(enterpriseId: string): estypes.QueryDslQueryContainer {
  return libraryEntryClause(enterpriseId, [{ exists: { field: `${LIBRARY_PATH}.evaluatedAt` } }]);
}

/** The clause "some expert of this enterprise has evaluated" (its entry's expert count is at least 1). */
function expertEvaluatedClause(): estypes.QueryDslQueryContainer {
  return { range: { [`${LIBRARY_PATH}.expertCount`]: { gte: 1 } } };
}

/** The clause of one row evaluation state on the enterprise's own entry. */
export function evaluationStateClause(
  enterpriseId: string,
  state: RowEvaluationState,
): estypes.QueryDslQueryContainer {
  const evaluated: estypes.QueryDslQueryContainer = { exists: { field: `${LIBRARY_PATH}.evaluatedAt` } };
  if (state === 'enterprise_evaluated') return libraryEntryClause(enterpriseId, [evaluated]);
  const notEvaluated: estypes.QueryDslQueryContainer = { bool: { must_not: [evaluated] } };
  if (state === 'expert_evaluated') {
    return libraryEntryClause(enterpriseId, [notEvaluated, expertEvaluatedClause()]);
  }
  return libraryEntryClause(enterpriseId, [notEvaluated, { bool: { must_not: [expertEvaluatedClause()] } }]);
}

/** The clause "this expert has evaluated the patent" (his own ids; an empty list matches nothing). */
function ratedClause(rated: readonly string[]): estypes.QueryDslQueryContainer {
  return { terms: { id: [...rated] } };
}

/** The enterprise-library facets apply when the search is scoped to one enterprise's library. */
function keysFor(library: LibraryFilterScope | undefined): readonly SearchFacetKey[] {
  return library === undefined ? facetKeys : [...facetKeys, ...libraryFacetKeys];
}

/**
 * The ES clause of one filter's selection, or undefined when nothing is selected for it. `library` is
 * the enterprise-library scope: the evaluation-state filters read that enterprise's entry only, 我已评 the
 * expert's own ids (ignored for a caller who is not an expert).
 */
export function selectionClause(
  key: SearchFacetKey,
  filters: SearchFilters,
  library?: LibraryFilterScope,
): estypes.QueryDslQueryContainer | undefined {
  if (key === 'enterpriseEvaluated') {
    if (filters.enterpriseEvaluated === undefined || library === undefined) return undefined;
    const evaluated = enterpriseEvaluatedClause(library.enterpriseId);
    return filters.enterpriseEvaluated ? evaluated : { bool: { must_not: [evaluated] } };
  }
  if (key === 'evaluationState') {
    if (filters.evaluationState === undefined || library === undefined) return undefined;
    return evaluationStateClause(library.enterpriseId, filters.evaluationState);
  }
  if (key === 'mine') {
    if (filters.mine === undefined || library?.rated === undefined) return undefined;
    const rated = ratedClause(library.rated);
    return filters.mine ? rated : { bool: { must_not: [rated] } };
  }
  if (key === 'validAtEnd2023') {
    return filters.validAtEnd2023 === undefined
      ? undefined
      : { term: { [validAtEnd2023Field]: filters.validAtEnd2023 } };
  }
  if (key === 'registeredAt') {
    const range = filters.registeredAt;
    if (!range || (range.from === undefined && range.to === undefined)) return undefined;
    return {
      range: {
        [registeredAtField]: {
          ...(range.from !== undefined ? { gte: range.from } : {}),
          // `||/d` rounds the upper bound up to the last millisecond of that (China) day: the day is included.
          ...(range.to !== undefined ? { lte: `${range.to}||/d` } : {}),
          format: 'strict_date',
          time_zone: CHINA_TIME_ZONE,
        },
      },
    };
  }
  const codes = filters[key];
  if (!codes || codes.length === 0) return undefined;
  return { terms: { [codeFilters[key].field]: codeValues(key, codes) } };
}

/** Every selection's clause, in facet key order. */
function clausesExcept(
  filters: SearchFilters,
  excluded?: SearchFacetKey,
  library?: LibraryFilterScope,
): estypes.QueryDslQueryContainer[] {
  return keysFor(library).flatMap((key) => {
    if (key === excluded) return [];
    const clause = selectionClause(key, filters, library);
    return clause ? [clause] : [];
  });
}

/**
 * The post_filter holding every selection, or undefined when nothing is selected. Selections filter the
 * hits but not the aggregations, so each facet can count the values the user could switch to.
 */
export function buildPostFilter(
  filters: SearchFilters,
  library?: LibraryFilterScope,
): estypes.QueryDslQueryContainer | undefined {
  const clauses = clausesExcept(filters, undefined, library);
  return clauses.length > 0 ? { bool: { filter: clauses } } : undefined;
}

/** The aggregation counting one facet's values, before the filter wrapper. */
function facetValuesAgg(key: FacetKey): estypes.AggregationsAggregationContainer {
  if (key === 'validAtEnd2023') return { terms: { field: validAtEnd2023Field, size: 2 } };
  if (key === 'registeredAt') {
    return {
      date_histogram: {
        field: registeredAtField,
        calendar_interval: 'year',
        time_zone: CHINA_TIME_ZONE,
        format: 'yyyy',
        min_doc_count: 1,
      },
    };
  }
  const { field, facetSize } = codeFilters[key];
  const terms: estypes.AggregationsAggregationContainer = { terms: { field, size: facetSize } };
  // The institution's name for the label, from the same documents (one name per id).
  if (key === 'institutionId')
    return { ...terms, aggs: { name: { terms: { field: 'institutionName', size: 1 } } } };
  return terms;
}

/** The filter aggregation counting every facet without a selection of its own, under all selections. */
export const SHARED_FACETS_AGG = 'facets';
/** Under SHARED_FACETS_AGG: the one terms aggregation over every facet code (facet-codes.ts). */
export const FACET_CODES_AGG = 'codes';
/** The filter aggregation counting a selected facet under the other selections only. */
export const ownFacetAgg = (key: SearchFacetKey) => `${key}_own`;

/**
 * Disjunctive facets (the search-ui pattern): a facet with a selection counts under every OTHER
 * selection, so picking a second patent type still shows the counts of all patent types, narrowed by the
 * industries, statuses… already picked. It gets a filter aggregation of its own (`<facet>_own`), the
 * counting aggregation under it named by the facet key. Every facet without a selection counts under all
 * selections: they share one filter aggregation (`facets`) holding one terms aggregation over the
 * `facetCodes` field (`codes`), which counts all of them in a single pass; results.ts splits it by facet.
 */
export function buildFacetAggs(
  filters: SearchFilters,
  library?: LibraryFilterScope,
): Record<string, estypes.AggregationsAggregationContainer> {
  const aggs: Record<string, estypes.AggregationsAggregationContainer> = {};
  let shared = false;
  for (const key of facetKeys) {
    if (selectionClause(key, filters, library) === undefined) {
      shared = true;
      continue;
    }
    aggs[ownFacetAgg(key)] = {
      filter: { bool: { filter: clausesExcept(filters, key, library) } },
      aggs: { [key]: facetValuesAgg(key) },
    };
  }
  if (library !== undefined) {
    // Per enterprise (or per expert), so not in the shared facet codes: each always its own count.
    const ownCount = (
      key: LibraryFacetKey,
      buckets: Record<string, estypes.QueryDslQueryContainer>,
    ): estypes.AggregationsAggregationContainer => ({
      filter: { bool: { filter: clausesExcept(filters, key, library) } },
      aggs: { [key]: { filters: { keyed: false, filters: buckets } } },
    });
    const evaluated = enterpriseEvaluatedClause(library.enterpriseId);
    aggs[ownFacetAgg('enterpriseEvaluated')] = ownCount('enterpriseEvaluated', {
      true: evaluated,
      false: { bool: { must_not: [evaluated] } },
    });
    aggs[ownFacetAgg('evaluationState')] = ownCount(
      'evaluationState',
      Object.fromEntries(
        rowEvaluationStates.map((state) => [state, evaluationStateClause(library.enterpriseId, state)]),
      ),
    );
    if (library.rated !== undefined) {
      const rated = ratedClause(library.rated);
      aggs[ownFacetAgg('mine')] = ownCount('mine', { true: rated, false: { bool: { must_not: [rated] } } });
    }
  }
  if (shared) {
    aggs[SHARED_FACETS_AGG] = {
      filter: { bool: { filter: clausesExcept(filters, undefined, library) } },
      aggs: { [FACET_CODES_AGG]: { terms: { field: FACET_CODES_FIELD, size: FACET_CODES_SIZE } } },
    };
  }
  return aggs;
}
