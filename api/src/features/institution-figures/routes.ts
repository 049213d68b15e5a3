import type { Request } from 'express';
import { institutionListQuerySchema } from '@panhuo/domain/operator/console';
import { dashboardSchema, institutionFiguresPageSchema } from '@panhuo/domain/university/figures';
import type { AppDeps } from '../../app';
import { forbidden } from '../../errors';
import { route } from '../../http/route';
import type { RouteSpec } from '../../http/route';
import { indexNames } from '../../infra/elasticsearch';
import { tenantScopeOf } from '../auth/scope';
import type { InstitutionScope } from '../auth/scope';
import { platformScopeOf } from '../operator/platform-scope';
import { errorBodySchema } from '../patents/schema';
import { institutionDashboard, institutionFiguresPage } from './service';

/** The university user's institution scope (anyone else: 403). */
function institutionOf(req: Request): InstitutionScope {
  const scope = tenantScopeOf(req);
  if (scope.kind !== 'institution') throw forbidden();
  return scope;
}

/**
 * 数据看板 of a university or institute (its own institution, named by the session) and the operator's
 * 高校院所 figures (every institution, paged as the 高校院所 list).
 */
export function institutionFigureRoutes(deps: AppDeps): RouteSpec[] {
  const index = indexNames(deps.config.ES_INDEX_PREFIX).patents;
  return [
    route({
      method: 'get',
      path: '/api/university/dashboard',
      summary:
        '数据看板: the institution’s registered, pushed and evaluated patents (企业自评 stars only), intents received, by industry and month',
      tags: ['institution-figures'],
      policy: { ability: 'university.dashboard' },
      responses: { 200: { description: 'The figures', schema: dashboardSchema } },
      handler: async (_input, req, res) => {
        res.json(await institutionDashboard(deps.es, index, institutionOf(req).institutionId));
      },
    }),
    route({
      method: 'get',
      path: '/api/operator/institution-figures',
      summary:
        '高校院所 figures: registered, pushed, evaluated patents and intents of a page of institutions',
      tags: ['operator'],
      policy: { ability: 'operator.console' },
      request: { query: institutionListQuerySchema },
      responses: {
        200: {
          description: 'A page of institutions with their figures',
          schema: institutionFiguresPageSchema,
        },
        400: { description: 'Invalid filter or page', schema: errorBodySchema },
      },
      handler: async ({ query }, req, res) => {
        res.json(await institutionFiguresPage(deps.es, index, platformScopeOf(req), query));
      },
    }),
  ];
}
