import type { Ability } from '@panhuo/domain/accounts/abilities';
import { catalogueSortModes, enterpriseLibrarySortModes } from '@panhuo/domain/search/keys';
import type { SortMode } from '@panhuo/domain/search/keys';
import type { LibraryRow } from '@panhuo/domain/search/library-row';
import type { ExtraColumnGroup } from '../patent-export/workbook';
import type { SearchScope } from '../search/query-builder';

/** Who asks: the signed-in account as the routes receive it. */
export type LibraryCaller = Express.User;

/**
 * One library (专利转化资源库, 评价库, 关注库) described as data: routes.ts builds its search, export and
 * (optionally) detail routes from it, so the three libraries share one implementation and differ only here.
 */
export interface LibraryDescription {
  /** Path segment: the routes are `/api/<slug>/patents`, `/api/<slug>/export`, `/api/<slug>/patents/:id`. */
  slug: string;
  /** The manual's name, used in summaries, the export's sheet and file name. */
  title: string;
  abilities: { view: Ability; export: Ability };
  /**
   * `catalogue`: patents shared by every enterprise (资源库, 关注库): the catalogue's sorts and facets.
   * `enterprise`: one enterprise's 评价库: its scope must be `{ library }`, and it adds the 推送时间 sort,
   * the evaluation-state facet and each row's own entry.
   */
  kind: 'catalogue' | 'enterprise';
  /**
   * What the caller may see, decided on the server: `{}` for the whole catalogue, `{ library }` for an
   * enterprise's 评价库. Throwing an AppError refuses the request (e.g. a user of no enterprise). May read
   * a store (a promise), e.g. the enterprise's 关注领域设置.
   */
  scopeOf: (caller: LibraryCaller) => SearchScope | Promise<SearchScope>;
  /**
   * Per-caller state of each row after the search (my rating, the enterprise's evaluation state, which
   * buttons I may use), read from the library's own stores by the rows' ids. Returns the rows in the same
   * order; called for list pages and the detail (one row). Never put anything of an expert's on the search
   * document: add it here instead, for the enterprise's own callers.
   */
  decorate?: (rows: LibraryRow[], caller: LibraryCaller) => Promise<LibraryRow[]>;
  /**
   * Columns the library's 导出 adds after the patent's (the 评价库: this enterprise's evaluation of each
   * row), read from the library's own stores by the exported patents' ids.
   */
  exportColumns?: (patentIds: string[], caller: LibraryCaller) => Promise<ExtraColumnGroup>;
  /** Whether the library has a detail route (its scope decides whether a patent id is found). */
  detail?: boolean;
}

/** The sorts a library of that kind offers. */
export function sortModesOf(description: LibraryDescription): readonly SortMode[] {
  return description.kind === 'enterprise' ? enterpriseLibrarySortModes : catalogueSortModes;
}
