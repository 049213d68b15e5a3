import { rowEvaluationStates } from '@panhuo/domain/search/library-row';
import type { RowEvaluationState } from '@panhuo/domain/search/library-row';
import { textProblem, textProblemMessage } from '@panhuo/domain/text';
import { z } from 'zod';
import { decodeCursor } from './cursor';
import type { SearchCursor } from './cursor';
import {
  catalogueSortModes,
  codeFilterKeys,
  DEFAULT_SEARCH_MODE,
  searchModes,
} from '@panhuo/domain/search/keys';
import type { CodeFilterKey, SearchMode, SortMode } from '@panhuo/domain/search/keys';
import { codeFilters } from './filters';
import type { SearchFilters } from './filters';
import { parseQueryText } from './query-text';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;
/** Characters of search text; more is refused (`query_too_long`). */
export const MAX_QUERY_LENGTH = 100;
/** Values per filter. */
export const MAX_SELECTED_VALUES = 50;
/**
 * Numbered pages are `from`/`size` pages and must end within ES's default `max_result_window`; beyond it
 * (and for fast sequential paging at any depth) clients follow `nextCursor`.
 */
export const MAX_NUMBERED_RESULTS = 10_000;
/** Longest cursor accepted (a point-in-time id is a few hundred characters). */
export const MAX_CURSOR_LENGTH = 4096;

/** A validated, normalized search request: what query-builder.ts and search.ts take. */
export interface SearchInput {
  /** Search box text, trimmed; absent when empty. */
  q?: string;
  filters: SearchFilters;
  sort?: SortMode;
  /**
   * 智能检索 `hybrid` (words plus the semantically nearest patents, fused; the default) or 精确检索 `exact`
   * (words only). Absent is `hybrid`.
   */
  mode?: SearchMode;
  /** 1-based page number of a `from`/`size` page; ignored when `cursor` is given. */
  page: number;
  size: number;
  /** Continues a previous page with search_after (see cursor.ts). */
  cursor?: SearchCursor;
}

/** Query-string values arrive as a string or repeated strings; also accept comma-separated lists. */
function toList(value: unknown): unknown {
  if (value === undefined || value === '') return undefined;
  const items = Array.isArray(value) ? value : [value];
  if (!items.every((item) => typeof item === 'string')) return value;
  return items
    .flatMap((item: string) => item.split(','))
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** One code filter: every code must be known to the domain taxonomy; codes come out normalized and unique. */
function codeList(key: CodeFilterKey) {
  const { normalize, unknownMessage } = codeFilters[key];
  return z.preprocess(
    toList,
    z
      .array(z.string(), { message: '应为代码列表' })
      .max(MAX_SELECTED_VALUES, { message: `最多选择${MAX_SELECTED_VALUES}项` })
      .transform((codes, ctx) => {
        const out: string[] = [];
        codes.forEach((code, index) => {
          const normalized = normalize(code);
          if (normalized === null) {
            ctx.addIssue({
              code: 'custom',
              path: [index],
              message: `${unknownMessage}：${code}`,
              params: { code: 'unknown_filter_code' },
            });
          } else if (!out.includes(normalized)) out.push(normalized);
        });
        return out;
      })
      .optional(),
  );
}

const booleanParam = z.preprocess(
  (value) => (value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value),
  z.boolean({ message: '应为 true 或 false' }).optional(),
);
const dateParam = z.iso.date({ message: '日期格式应为 YYYY-MM-DD' }).optional();
const emptyToUndefined = (value: unknown) => (value === '' ? undefined : value);

/** What differs between libraries in their parameters. */
export interface SearchParamsOptions {
  /** The sort modes the library offers (domain/search/keys.ts). */
  sortModes: readonly SortMode[];
  /** The enterprise-library facets (评价库: `enterpriseEvaluated`, `evaluationState`, `mine`). */
  libraryFacets?: boolean;
}

/**
 * The search parameters as a client sends them (query string of GET, or a JSON body): flat keys, lists as
 * repeated or comma-separated values. Every problem is a field-level issue with the parameter's name.
 */
function searchParamsObjectFor(options: SearchParamsOptions) {
  return z.object({
    q: z
      .string({ message: '检索词应为文本' })
      .refine((q) => q.length <= MAX_QUERY_LENGTH, {
        message: `检索词过长，最多${MAX_QUERY_LENGTH}个字符`,
        params: { code: 'query_too_long' },
      })
      .superRefine((q, ctx) => {
        // The platform's text hygiene (domain/text.ts); line breaks are only separators in a search.
        const problem = textProblem(q, true);
        if (problem)
          ctx.addIssue({ code: 'custom', message: textProblemMessage(problem, '检索词'), input: q });
      })
      .optional(),
    strategicIndustries: codeList('strategicIndustries'),
    economicIndustries: codeList('economicIndustries'),
    ipcSection: codeList('ipcSection'),
    ipcSubclass: codeList('ipcSubclass'),
    patentType: codeList('patentType'),
    legalStatus: codeList('legalStatus'),
    cooperationModes: codeList('cooperationModes'),
    institutionId: codeList('institutionId'),
    validAtEnd2023: booleanParam,
    registeredFrom: z.preprocess(emptyToUndefined, dateParam),
    registeredTo: z.preprocess(emptyToUndefined, dateParam),
    ...(options.libraryFacets
      ? {
          enterpriseEvaluated: booleanParam,
          evaluationState: z.preprocess(
            emptyToUndefined,
            z.enum(rowEvaluationStates, { message: '未知的评价状态' }).optional(),
          ),
          mine: booleanParam,
        }
      : {}),
    mode: z.preprocess(
      emptyToUndefined,
      z.enum(searchModes, { message: '未知的检索方式（应为 hybrid 或 exact）' }).default(DEFAULT_SEARCH_MODE),
    ),
    sort: z.preprocess(
      emptyToUndefined,
      z.enum(options.sortModes as [SortMode, ...SortMode[]], { message: '未知的排序方式' }).optional(),
    ),
    page: z.preprocess(
      emptyToUndefined,
      z.coerce
        .number({ message: '页码应为正整数' })
        .int({ message: '页码应为正整数' })
        .min(1, { message: '页码应为正整数' })
        .default(1),
    ),
    size: z.preprocess(
      emptyToUndefined,
      z.coerce
        .number({ message: '每页条数应为整数' })
        .int({ message: '每页条数应为整数' })
        .min(1, { message: '每页至少1条' })
        .max(MAX_PAGE_SIZE, { message: `每页最多${MAX_PAGE_SIZE}条` })
        .default(DEFAULT_PAGE_SIZE),
    ),
    cursor: z.preprocess(
      emptyToUndefined,
      z.string().max(MAX_CURSOR_LENGTH, { message: '翻页参数无效，请重新检索' }).optional(),
    ),
  });
}

/** Parses and validates the search parameters of a library into a SearchInput. */
export function buildSearchParamsSchema(options: SearchParamsOptions) {
  return searchParamsObjectFor(options)
    .superRefine((params, ctx) => {
      if (params.q !== undefined) {
        for (const invalid of parseQueryText(params.q).invalidNumbers) {
          ctx.addIssue({
            code: 'custom',
            path: ['q'],
            message: invalid.message,
            params: { code: 'bad_application_number' },
          });
        }
      }
      if (params.registeredFrom && params.registeredTo && params.registeredFrom > params.registeredTo) {
        ctx.addIssue({ code: 'custom', path: ['registeredTo'], message: '结束日期不能早于开始日期' });
      }
      if (params.cursor !== undefined && decodeCursor(params.cursor) === null) {
        ctx.addIssue({ code: 'custom', path: ['cursor'], message: '翻页参数无效，请重新检索' });
      }
      if (params.cursor === undefined && params.page * params.size > MAX_NUMBERED_RESULTS) {
        ctx.addIssue({
          code: 'custom',
          path: ['page'],
          message: `页码超出范围：每页${params.size}条时最多跳转到第${Math.floor(MAX_NUMBERED_RESULTS / params.size)}页，之后请逐页向后翻`,
        });
      }
    })
    .transform((params): SearchInput => {
      const filters: SearchFilters = {};
      for (const key of codeFilterKeys) {
        const codes = params[key];
        if (codes && codes.length > 0) filters[key] = codes;
      }
      if (params.validAtEnd2023 !== undefined) filters.validAtEnd2023 = params.validAtEnd2023;
      const library = params as {
        enterpriseEvaluated?: boolean;
        evaluationState?: RowEvaluationState;
        mine?: boolean;
      };
      if (library.enterpriseEvaluated !== undefined)
        filters.enterpriseEvaluated = library.enterpriseEvaluated;
      if (library.evaluationState !== undefined) filters.evaluationState = library.evaluationState;
      if (library.mine !== undefined) filters.mine = library.mine;
      if (params.registeredFrom !== undefined || params.registeredTo !== undefined) {
        filters.registeredAt = {
          ...(params.registeredFrom !== undefined ? { from: params.registeredFrom } : {}),
          ...(params.registeredTo !== undefined ? { to: params.registeredTo } : {}),
        };
      }
      const q = params.q?.trim();
      const cursor = params.cursor !== undefined ? decodeCursor(params.cursor) : null;
      return {
        ...(q ? { q } : {}),
        filters,
        ...(params.sort !== undefined ? { sort: params.sort } : {}),
        mode: params.mode,
        page: cursor ? cursor.page : params.page,
        size: params.size,
        ...(cursor ? { cursor } : {}),
      };
    });
}

/** The catalogue's parameters (资源库): no push date, no evaluation state. */
export const searchParamsSchema = buildSearchParamsSchema({ sortModes: catalogueSortModes });

/** Raw search parameters (before parsing). */
export type SearchParams = z.input<typeof searchParamsSchema>;
