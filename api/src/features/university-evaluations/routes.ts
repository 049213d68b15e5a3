import type { Request } from 'express';
import {
  receivedEvaluationListQuerySchema,
  receivedEvaluationListSchema,
} from '@panhuo/domain/university/received-evaluations';
import { forbidden } from '../../errors';
import { route } from '../../http/route';
import type { RouteSpec } from '../../http/route';
import { tenantScopeOf } from '../auth/scope';
import type { InstitutionScope } from '../auth/scope';
import { errorBodySchema } from '../patents/schema';
import { listReceivedPage } from './service';

/** The university user's institution scope (anyone else: 403). */
function institutionOf(req: Request): InstitutionScope {
  const scope = tenantScopeOf(req);
  if (scope.kind !== 'institution') throw forbidden();
  return scope;
}

/** 企业评价: the official evaluations the session's institution received (never an expert's). */
export function universityEvaluationRoutes(): RouteSpec[] {
  return [
    route({
      method: 'get',
      path: '/api/university/evaluations',
      summary:
        '企业评价: the enterprises’ official evaluations of the institution’s patents (filter by patent, enterprise, stars, date; 已撤回 marked), never an expert’s',
      tags: ['evaluations'],
      policy: { ability: 'university.evaluations' },
      request: { query: receivedEvaluationListQuerySchema },
      responses: {
        200: { description: 'One page', schema: receivedEvaluationListSchema },
        400: {
          description: 'Invalid input, one entry per field (validation_failed)',
          schema: errorBodySchema,
        },
      },
      handler: async ({ query }, req, res) => {
        res.json(await listReceivedPage(institutionOf(req), query));
      },
    }),
  ];
}
