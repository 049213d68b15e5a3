import type { LibraryRow } from '@panhuo/domain/search/library-row';
import type { AppDeps } from '../../app';
import { forbidden } from '../../errors';
import type { RouteSpec } from '../../http/route';
import type { LibraryCaller, LibraryDescription } from '../library/description';
import { libraryRoutes } from '../library/routes';

/**
 * The enterprise-level state every row shows, from the row's own library entry (the search document):
 * 企业已评 once the 企业自评 is in, 待评价 before. The expert-level part (专家已评 N, 我已评 / 我未评, which
 * buttons) is read from the enterprise's own evaluation stores and added on top by the evaluations
 * feature (it must never come from the search document).
 */
export function enterpriseStateOf(rows: LibraryRow[]): LibraryRow[] {
  return rows.map((row) => ({
    ...row,
    decoration: {
      ...row.decoration,
      evaluationState: row.entry?.evaluatedAt ? 'enterprise_evaluated' : 'pending',
    },
  }));
}

/**
 * 专利转化评价库: the 资源库's search limited to what the platform pushed to the caller's enterprise (the
 * search document's nested `library` entry of that enterprise), for its 企业管理员 and experts. The scope
 * comes from the session's enterprise only; another enterprise's library cannot be named.
 */
export function evaluationLibrary(
  decorate: (rows: LibraryRow[], caller: LibraryCaller) => Promise<LibraryRow[]> = async (rows) =>
    enterpriseStateOf(rows),
): LibraryDescription {
  return {
    slug: 'evaluation-library',
    title: '专利转化评价库',
    kind: 'enterprise',
    abilities: { view: 'evaluation_library.view', export: 'evaluation_library.export' },
    scopeOf: (caller) => {
      if (!caller.enterpriseId) throw forbidden();
      return { library: { enterpriseId: caller.enterpriseId } };
    },
    decorate,
    detail: true,
  };
}

/** The 评价库's search, export and detail routes (library/routes.ts). */
export function evaluationLibraryRoutes(deps: AppDeps): RouteSpec[] {
  return libraryRoutes(deps, evaluationLibrary());
}
