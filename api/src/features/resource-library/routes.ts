import type { AppDeps } from '../../app';
import { indexNames } from '../../infra/elasticsearch';
import { route } from '../../http/route';
import type { RouteSpec } from '../../http/route';
import { exportParamsSchema } from '../patent-export/schema';
import { attachmentHeader, exportPatents } from '../patent-export/service';
import { errorBodySchema } from '../patents/schema';
import { searchPageSchema } from '../search/response-schema';
import { searchParamsSchema } from '../search/schema';
import { searchPatents } from '../search/search';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * 专利转化资源库: every convertible patent registered by every university and institute. The library's
 * scope is "all registered patents", so it uses the shared search module with an empty scope; the
 * evaluation and attention libraries pass their own.
 */
export function resourceLibraryRoutes(deps: AppDeps): RouteSpec[] {
  const index = indexNames(deps.config.ES_INDEX_PREFIX).patents;
  const errors = {
    400: { description: 'Invalid parameters (field-level errors)', schema: errorBodySchema },
    503: { description: 'Elasticsearch unavailable', schema: errorBodySchema },
  };
  return [
    route({
      method: 'get',
      path: '/api/resource-library/patents',
      summary: '检索专利转化资源库: keyword, filters, facets, sort, pages or cursor',
      tags: ['resource-library'],
      policy: { ability: 'resource_library.view' },
      request: { query: searchParamsSchema },
      responses: {
        200: { description: 'One page of results with facet counts', schema: searchPageSchema },
        ...errors,
      },
      handler: async ({ query }, _req, res) => {
        res.json(await searchPatents(deps.es, index, query));
      },
    }),
    route({
      method: 'get',
      path: '/api/resource-library/export',
      summary: '导出: the current search as XLSX, at most 1000 rows',
      tags: ['resource-library'],
      // Experts may only look (仅查看): taking data out is the admin's and the operator's.
      policy: { ability: 'resource_library.export' },
      request: { query: exportParamsSchema },
      responses: { 200: { description: 'The XLSX file', contentType: XLSX }, ...errors },
      handler: async ({ query }, _req, res) => {
        const date = new Date().toISOString().slice(0, 10).replace(/-/g, '');
        const file = await exportPatents(deps.es, index, query, { title: '专利转化资源库' });
        res.setHeader('Content-Type', XLSX);
        res.setHeader('Content-Disposition', attachmentHeader(`专利转化资源库-导出-${date}.xlsx`));
        res.setHeader('X-Export-Rows', String(file.rows));
        res.setHeader('X-Export-Total', String(file.total));
        res.send(file.buffer);
      },
    }),
  ];
}
