import { z } from 'zod';
import type { AppDeps } from '../../app';
import { route } from '../../http/route';
import type { RouteSpec } from '../../http/route';
import { indexNames } from '../../infra/elasticsearch';
import { errorBodySchema, patentParams } from '../patents/schema';
import { similarPatents } from './service';

const similarAnswerSchema = z.object({
  id: z.string(),
  method: z.enum(['knn', 'more_like_this']),
  patents: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      applicationNumber: z.string(),
      institutionName: z.string(),
      ipcMain: z.string(),
      shared: z.object({ ipcSubclass: z.string().nullable(), industries: z.array(z.string()) }),
    }),
  ),
});

/** 相似专利 of a patent's detail page, with the same policy as the detail itself. */
export function similarRoutes(deps: AppDeps): RouteSpec[] {
  const index = indexNames(deps.config.ES_INDEX_PREFIX).patents;
  return [
    route({
      method: 'get',
      path: '/api/patents/:id/similar',
      summary:
        '相似专利: the 10 nearest patents (kNN on its vector, else more_like_this) and what each shares',
      tags: ['patents'],
      policy: { ability: 'resource_library.view' },
      request: { params: patentParams },
      responses: {
        200: { description: 'The similar patents and the method used', schema: similarAnswerSchema },
        400: { description: 'Malformed id', schema: errorBodySchema },
        404: { description: 'No such patent (or withdrawn)', schema: errorBodySchema },
        503: { description: 'Elasticsearch unavailable', schema: errorBodySchema },
      },
      handler: async ({ params }, _req, res) => {
        res.json(await similarPatents(deps.es, index, params.id));
      },
    }),
  ];
}
