import type { Request } from 'express';
import { Types } from 'mongoose';
import type { LibraryRow } from '@panhuo/domain/search/library-row';
import type { AppDeps } from '../../app';
import { forbidden } from '../../errors';
import type { RouteSpec } from '../../http/route';
import { indexNames } from '../../infra/elasticsearch';
import { regionInstitutions } from '../attention-settings/regions';
import { loadSettings } from '../attention-settings/service';
import type { LibraryCaller, LibraryDescription } from '../library/description';
import { libraryRoutes } from '../library/routes';
import type { SearchScope } from '../search/query-builder';
import { attentionScope, keywordMatchRequest, matchReasons } from './matching';
import type { MatchCriteria } from './matching';

/** What one request of the 关注库 was prepared with: the enterprise's criteria as read for it, and its scope. */
interface Prepared {
  criteria: MatchCriteria;
  scope: SearchScope;
}

/**
 * Per request, keyed by the request's own copy of the caller. The library module asks `scopeOf(caller)`
 * synchronously while the settings live in MongoDB, so each route's handler first reads the settings and
 * hands the library a caller object made for this request alone (never shared with another request).
 */
const prepared = new WeakMap<LibraryCaller, Prepared>();

function preparedFor(caller: LibraryCaller): Prepared {
  const found = prepared.get(caller);
  if (!found) throw new Error('attention-library route reached without its prepared settings');
  return found;
}

/**
 * 专利转化关注库: the registered patents that match the enterprise's 关注领域设置, at least one dimension,
 * ranked by how many (then newest). Its scope is built by the server from the caller's own enterprise's
 * settings, read on every request, so a saved change shows at once; experts only look, the admin exports.
 * Each row's decoration says why it matched (matchReasons).
 */
export function attentionLibrary(deps: AppDeps): LibraryDescription {
  const index = indexNames(deps.config.ES_INDEX_PREFIX).patents;
  return {
    slug: 'attention-library',
    title: '专利转化关注库',
    kind: 'catalogue',
    abilities: { view: 'attention_library.view', export: 'attention_library.export' },
    scopeOf: (caller) => preparedFor(caller).scope,
    decorate: async (rows: LibraryRow[], caller) => {
      const { criteria } = preparedFor(caller);
      const byRow = new Map<string, string[]>();
      if (criteria.keywords.length > 0 && rows.length > 0) {
        const res = await deps.es.search({
          ...keywordMatchRequest(
            rows.map((r) => r.id),
            criteria.keywords,
          ),
          index,
        });
        for (const hit of res.hits.hits) {
          const id = (hit.fields?.id as string[] | undefined)?.[0];
          const names = Array.isArray(hit.matched_queries)
            ? hit.matched_queries
            : Object.keys(hit.matched_queries ?? {});
          if (id)
            byRow.set(id, names.map((n) => criteria.keywords[Number(n.slice(1))] ?? '').filter(Boolean));
        }
      }
      return rows.map((row) => ({
        ...row,
        decoration: { ...row.decoration, matchReasons: matchReasons(criteria, row, byRow.get(row.id) ?? []) },
      }));
    },
  };
}

/** Reads the caller's enterprise settings and registers this request's caller copy with them. */
async function prepare(req: Request): Promise<void> {
  const user = req.user;
  if (!user?.enterpriseId) throw forbidden();
  const settings = await loadSettings(new Types.ObjectId(user.enterpriseId));
  const criteria = { ...settings, regionOf: await regionInstitutions(settings.regions) };
  const own: LibraryCaller = { ...user };
  prepared.set(own, { criteria, scope: attentionScope(criteria) });
  req.user = own;
}

/** The 关注库's search and export routes: the library module's, each preceded by reading the settings. */
export function attentionLibraryRoutes(deps: AppDeps): RouteSpec[] {
  return libraryRoutes(deps, attentionLibrary(deps)).map((spec) => ({
    ...spec,
    handler: async (input, req, res) => {
      await prepare(req);
      await spec.handler(input, req, res);
    },
  }));
}
