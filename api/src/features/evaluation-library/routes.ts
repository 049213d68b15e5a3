import type { Request } from 'express';
import type { LibraryRow } from '@panhuo/domain/search/library-row';
import type { AppDeps } from '../../app';
import { forbidden } from '../../errors';
import type { RouteSpec } from '../../http/route';
import { tenantScopeOf } from '../auth/scope';
import { decorateLibraryRows, loadLibraryViewer, rowStateOf } from '../evaluations/library-rows';
import type { LibraryViewer } from '../evaluations/library-rows';
import { evaluationExportColumns } from '../evaluations/export-columns';
import type { EnterpriseScope } from '../auth/scope';
import type { LibraryCaller, LibraryDescription } from '../library/description';
import { libraryRoutes } from '../library/routes';
import type { SearchScope } from '../search/query-builder';

/**
 * The enterprise-level state every row shows, from the row's own library entry (the search document):
 * 企业已评 once the 企业自评 is in, 专家已评 while only experts have rated, 待评价 before.
 */
export function enterpriseStateOf(rows: LibraryRow[]): LibraryRow[] {
  return rows.map((row) => ({ ...row, decoration: { ...row.decoration, evaluationState: rowStateOf(row) } }));
}

/**
 * What one request of the 评价库 was prepared with, keyed by the request's own copy of the caller (as the
 * 关注库 does): the caller's viewer (for an expert his own ratings, read once) and the scope built from it.
 */
const prepared = new WeakMap<
  LibraryCaller,
  { viewer: LibraryViewer; scope: SearchScope; tenant: EnterpriseScope }
>();

/** The scope of a caller of an enterprise: its 评价库 and, for an expert, his rated ids (我已评). */
function scopeFor(enterpriseId: string, viewer: LibraryViewer): SearchScope {
  return {
    library: { enterpriseId, ...(viewer.ratings ? { rated: [...viewer.ratings.keys()] } : {}) },
  };
}

/**
 * 专利转化评价库: the 资源库's search limited to what the platform pushed to the caller's enterprise (the
 * search document's nested `library` entry of that enterprise), for its 企业管理员 and experts. The scope
 * comes from the session's enterprise only; another enterprise's library cannot be named. A caller that was
 * not prepared (a test calling the description directly) gets the enterprise state only.
 */
export function evaluationLibrary(): LibraryDescription {
  return {
    slug: 'evaluation-library',
    title: '专利转化评价库',
    kind: 'enterprise',
    abilities: { view: 'evaluation_library.view', export: 'evaluation_library.export' },
    scopeOf: (caller) => {
      if (!caller.enterpriseId) throw forbidden();
      return prepared.get(caller)?.scope ?? { library: { enterpriseId: caller.enterpriseId } };
    },
    decorate: async (rows, caller) => {
      const found = prepared.get(caller);
      return found ? decorateLibraryRows(rows, found.viewer) : enterpriseStateOf(rows);
    },
    exportColumns: async (patentIds, caller) => {
      const found = prepared.get(caller);
      if (!found) throw new Error('evaluation-library export reached without its prepared caller');
      return evaluationExportColumns(found.tenant, patentIds);
    },
    detail: true,
  };
}

/**
 * Reads the caller's own ratings (an expert) and registers this request's caller copy with them. Why per
 * request and not on the search document: which expert rated what must never reach the search document;
 * the ids are few (one person's evaluations), so they travel as a `terms` filter (search/filters.ts).
 */
async function prepare(req: Request): Promise<void> {
  const user = req.user;
  if (!user?.enterpriseId) throw forbidden();
  const scope = tenantScopeOf(req);
  if (scope.kind !== 'enterprise') throw forbidden();
  const viewer = await loadLibraryViewer(user.role, scope);
  const own: LibraryCaller = { ...user };
  prepared.set(own, { viewer, scope: scopeFor(user.enterpriseId, viewer), tenant: scope });
  req.user = own;
}

/** The 评价库's search, export and detail routes (library/routes.ts), each preceded by prepare(). */
export function evaluationLibraryRoutes(deps: AppDeps): RouteSpec[] {
  return libraryRoutes(deps, evaluationLibrary()).map((spec) => ({
    ...spec,
    handler: async (input, req, res) => {
      await prepare(req);
      await spec.handler(input, req, res);
    },
  }));
}
