import { z } from 'zod';
import type { AppDeps } from '../../app';
import { route } from '../../http/route';
import type { RouteSpec } from '../../http/route';
import { indexNames } from '../../infra/elasticsearch';
import { buildExportParamsSchema } from '../patent-export/schema';
import { attachmentHeader, exportPatents } from '../patent-export/service';
import { errorBodySchema, patentDtoSchema, patentParams } from '../patents/schema';
import { libraryEntrySchema, searchPageSchema } from '../search/response-schema';
import { buildSearchParamsSchema } from '../search/schema';
import { searchPatents } from '../search/search';
import { queryEmbedderFor } from '../search/query-vectors';
import { rowDecorationSchema } from '@panhuo/domain/search/library-row';
import { sortModesOf } from './description';
import type { LibraryCaller, LibraryDescription } from './description';
import { findInLibrary } from './service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** GET /api/<slug>/patents/:id: the patent, this enterprise's entry and the caller's row state. */
export const libraryDetailSchema = z.object({
  patent: patentDtoSchema,
  entry: libraryEntrySchema.optional(),
  decoration: rowDecorationSchema.optional(),
});

/** The signed-in caller (the policy guard ran before the handler, so there is one). */
function callerOf(req: { user?: LibraryCaller }): LibraryCaller {
  if (!req.user) throw new Error('library route reached without a signed-in user');
  return req.user;
}

/**
 * The routes of one library, from its description: search (keyword, filters, facets, sort, pages or
 * cursor), 导出 (XLSX, at most 1000 rows) and, when `detail`, one patent found within the scope (404 outside
 * it, exactly as a missing id). Every route asks `scopeOf(caller)` first, so a library never serves a
 * patent outside what the server decided the caller may see, and runs `decorate` on the rows it returns.
 */
export function libraryRoutes(deps: AppDeps, library: LibraryDescription): RouteSpec[] {
  const index = indexNames(deps.config.ES_INDEX_PREFIX).patents;
  const enterprise = library.kind === 'enterprise';
  const searchParams = buildSearchParamsSchema({
    sortModes: sortModesOf(library),
    libraryFacets: enterprise,
  });
  const exportParams = buildExportParamsSchema(searchParams);
  const tags = [library.slug];
  // 智能检索's query vectors (one cache per process); a failing server is logged, the search answers by words.
  const embedder = queryEmbedderFor(deps.config.EMBEDDINGS_URL, (err) =>
    deps.logger.warn({ err: { message: err.message, reason: err.reason } }, 'query not embedded: words only'),
  );
  const errors = {
    400: { description: 'Invalid parameters (field-level errors)', schema: errorBodySchema },
    503: { description: 'Elasticsearch unavailable', schema: errorBodySchema },
  };
  const decorate = async (caller: LibraryCaller, rows: Awaited<ReturnType<typeof searchPatents>>['hits']) =>
    library.decorate ? library.decorate(rows, caller) : rows;

  const routes: RouteSpec[] = [
    route({
      method: 'get',
      path: `/api/${library.slug}/patents`,
      summary: `检索${library.title}: keyword, filters, facets, sort, pages or cursor`,
      tags,
      policy: { ability: library.abilities.view },
      request: { query: searchParams },
      responses: {
        200: { description: 'One page of results with facet counts', schema: searchPageSchema },
        ...errors,
      },
      handler: async ({ query }, req, res) => {
        const caller = callerOf(req);
        const page = await searchPatents(deps.es, index, query, await library.scopeOf(caller), embedder);
        res.json({ ...page, hits: await decorate(caller, page.hits) });
      },
    }),
    route({
      method: 'get',
      path: `/api/${library.slug}/export`,
      summary: `导出: the current search of ${library.title} as XLSX, at most 1000 rows`,
      tags,
      policy: { ability: library.abilities.export },
      request: { query: exportParams },
      responses: { 200: { description: 'The XLSX file', contentType: XLSX }, ...errors },
      handler: async ({ query }, req, res) => {
        const caller = callerOf(req);
        const scope = await library.scopeOf(caller);
        const date = new Date().toISOString().slice(0, 10).replace(/-/g, '');
        const columns = library.exportColumns;
        const file = await exportPatents(deps.es, index, query, {
          scope,
          embedder,
          title: library.title,
          ...(columns ? { extraColumns: (ids: string[]) => columns(ids, caller) } : {}),
        });
        res.setHeader('Content-Type', XLSX);
        res.setHeader('Content-Disposition', attachmentHeader(`${library.title}-导出-${date}.xlsx`));
        res.setHeader('X-Export-Rows', String(file.rows));
        res.setHeader('X-Export-Total', String(file.total));
        res.send(file.buffer);
      },
    }),
  ];
  if (library.detail) {
    routes.push(
      route({
        method: 'get',
        path: `/api/${library.slug}/patents/:id`,
        summary: `${library.title}中的一件专利: all its fields, this library's entry and the caller's state`,
        tags,
        policy: { ability: library.abilities.view },
        request: { params: patentParams },
        responses: {
          200: { description: 'The patent within the library', schema: libraryDetailSchema },
          400: { description: 'Malformed id', schema: errorBodySchema },
          404: { description: 'Not in this library (or no such patent)', schema: errorBodySchema },
          503: errors[503],
        },
        handler: async ({ params }, req, res) => {
          const caller = callerOf(req);
          const found = await findInLibrary(deps.es, index, params.id, await library.scopeOf(caller));
          const [row] = await decorate(caller, [found.row]);
          res.json({
            patent: found.patent,
            ...(found.row.entry ? { entry: found.row.entry } : {}),
            ...(row?.decoration ? { decoration: row.decoration } : {}),
          });
        },
      }),
    );
  }
  return routes;
}
