import { z } from 'zod';
import type { AppDeps } from '../../app';
import { route } from '../../http/route';
import type { RouteSpec } from '../../http/route';
import { indexNames } from '../../infra/elasticsearch';
import { patentListItemSchema } from '../search/response-schema';
import {
  errorBodySchema,
  patentDtoSchema,
  patentParams,
  portfolioDtoSchema,
  portfolioParams,
} from './schema';
import { getPatent, getPortfolio } from './service';

/**
 * Patent and portfolio detail: every field and its 建档信息. Every library links here, and every role that
 * sees any library holds `resource_library.view`, so that is the ability the detail needs.
 */
export function patentRoutes(deps: AppDeps): RouteSpec[] {
  const index = indexNames(deps.config.ES_INDEX_PREFIX).patents;
  return [
    route({
      method: 'get',
      path: '/api/patents/:id',
      summary: 'One patent with all its fields and 建档信息',
      tags: ['patents'],
      policy: { ability: 'resource_library.view' },
      request: { params: patentParams },
      responses: {
        200: { description: 'The patent', schema: patentDtoSchema },
        400: { description: 'Malformed id', schema: errorBodySchema },
        404: { description: 'No such patent', schema: errorBodySchema },
        503: { description: 'MongoDB unavailable', schema: errorBodySchema },
      },
      handler: async ({ params }, _req, res) => {
        res.json(await getPatent(params.id));
      },
    }),
    route({
      method: 'get',
      path: '/api/portfolios/:id',
      summary: 'One portfolio (组合专利) with its member patents',
      tags: ['patents'],
      policy: { ability: 'resource_library.view' },
      request: { params: portfolioParams },
      responses: {
        200: {
          description: 'The portfolio and its patents',
          schema: portfolioDtoSchema.extend({ patents: z.array(patentListItemSchema) }),
        },
        400: { description: 'Malformed id', schema: errorBodySchema },
        404: { description: 'No such portfolio', schema: errorBodySchema },
        503: { description: 'A dependency is unavailable', schema: errorBodySchema },
      },
      handler: async ({ params }, _req, res) => {
        res.json(await getPortfolio(deps.es, index, params.id));
      },
    }),
  ];
}
