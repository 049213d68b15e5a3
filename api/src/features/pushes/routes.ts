import type { AppDeps } from '../../app';
import { route } from '../../http/route';
import type { RouteSpec } from '../../http/route';
import { indexNames } from '../../infra/elasticsearch';
import { platformScopeOf } from '../operator/platform-scope';
import { errorBodySchema, patentParams } from '../patents/schema';
import {
  pushByHandSchema,
  pushDefinitionSchema,
  pushDetailSchema,
  pushIdParams,
  pushListQuery,
  pushPageSchema,
  pushPreviewSchema,
  pushSchema,
} from './schema';
import { confirmPush, createPush, getPush, listPushes, previewDefinition, pushByHand } from './service';

const operatorOnly = { ability: 'operator.console' } as const;
const error = (description: string) => ({ description, schema: errorBodySchema });

/**
 * 推送 (the operator's): define a push by rule (a saved 资源库 search + target enterprises) and preview it
 * per enterprise, confirm it (the push job runs it), follow its progress; push one patent by hand.
 */
export function pushRoutes(deps: AppDeps): RouteSpec[] {
  const index = indexNames(deps.config.ES_INDEX_PREFIX).patents;
  return [
    route({
      method: 'post',
      path: '/api/operator/push-previews',
      summary: '推送预览: per enterprise, how many patents it would receive and how many it already has',
      tags: ['pushes'],
      policy: operatorOnly,
      request: { body: pushDefinitionSchema },
      responses: {
        200: { description: 'The preview (nothing stored)', schema: pushPreviewSchema },
        400: error('Invalid search or enterprises'),
      },
      handler: async ({ body }, req, res) => {
        platformScopeOf(req);
        res.json(await previewDefinition(deps.es, index, body));
      },
    }),
    route({
      method: 'post',
      path: '/api/operator/pushes',
      summary: '定义推送: store a draft push and answer it with its preview',
      tags: ['pushes'],
      policy: operatorOnly,
      request: { body: pushDefinitionSchema },
      responses: {
        201: { description: 'The draft with its preview', schema: pushDetailSchema },
        400: error('Invalid search or enterprises'),
      },
      handler: async ({ body }, req, res) => {
        res.status(201).json(await createPush(deps.es, index, platformScopeOf(req), body));
      },
    }),
    route({
      method: 'get',
      path: '/api/operator/pushes',
      summary: 'The pushes, newest first, with status and progress',
      tags: ['pushes'],
      policy: operatorOnly,
      request: { query: pushListQuery },
      responses: {
        200: { description: 'A page of pushes', schema: pushPageSchema },
        400: error('Invalid page'),
      },
      handler: async ({ query }, req, res) => {
        platformScopeOf(req);
        res.json(await listPushes(query.page));
      },
    }),
    route({
      method: 'get',
      path: '/api/operator/pushes/:id',
      summary: 'One push: its search, targets, status and progress (a draft with its preview)',
      tags: ['pushes'],
      policy: operatorOnly,
      request: { params: pushIdParams },
      responses: {
        200: { description: 'The push', schema: pushDetailSchema },
        400: error('Malformed id'),
        404: error('No such push'),
      },
      handler: async ({ params }, req, res) => {
        platformScopeOf(req);
        res.json(await getPush(deps.es, index, params.id));
      },
    }),
    route({
      method: 'post',
      path: '/api/operator/pushes/:id/confirm',
      summary: '确认推送: queue the draft for the push job',
      tags: ['pushes'],
      policy: operatorOnly,
      request: { params: pushIdParams },
      responses: {
        200: { description: 'Queued', schema: pushSchema },
        400: error('Malformed id'),
        404: error('No such push'),
        409: error('Already confirmed'),
      },
      handler: async ({ params }, req, res) => {
        platformScopeOf(req);
        res.json(await confirmPush(params.id));
      },
    }),
    route({
      method: 'post',
      path: '/api/patents/:id/push',
      summary: '推送 one patent by hand to chosen enterprises (queued for the push job)',
      tags: ['pushes'],
      policy: operatorOnly,
      request: { params: patentParams, body: pushByHandSchema },
      responses: {
        201: { description: 'The push, queued', schema: pushSchema },
        400: error('Invalid enterprises, or the patent is no longer valid'),
        404: error('No such patent'),
      },
      handler: async ({ params, body }, req, res) => {
        res.status(201).json(await pushByHand(platformScopeOf(req), params.id, body.enterpriseIds));
      },
    }),
  ];
}
