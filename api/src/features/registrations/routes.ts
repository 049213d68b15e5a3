import type { Request } from 'express';
import type { AppDeps } from '../../app';
import { forbidden } from '../../errors';
import { rateLimit } from '../../http/rate-limit';
import { route } from '../../http/route';
import type { RouteSpec } from '../../http/route';
import { indexNames } from '../../infra/elasticsearch';
import { errorBodySchema } from '../auth/schema';
import { tenantScopeOf } from '../auth/scope';
import {
  idParams,
  listQuerySchema,
  registrationFieldsSchema,
  registrationPageSchema,
  registrationSchema,
  suggestionQuerySchema,
  suggestionSchema,
} from './schema';
import {
  createDraft,
  getRegistration,
  listRegistrations,
  submitDraft,
  suggestIndustries,
  updateRegistration,
  withdrawRegistration,
} from './service';
import type { RegistrationCaller } from './service';

const error = (description: string) => ({ description, schema: errorBodySchema });
const e400 = error(
  'A field breaks the import’s rules: one entry per field (validation_failed; bad_application_number for a wrong check digit, unknown_code for an unknown industry, 合作方式 or 技术成熟度 code)',
);
const e404 = error(
  'No such patent of the caller’s institution (not_found; another institution’s looks missing)',
);
const e409 = error(
  'The 申请号 is registered already (duplicate_application_number), the patent was withdrawn (patent_withdrawn) or changed meanwhile (conflict)',
);

/** Saving a form is a person typing: a script looping on it is stopped, a clerk never. */
const writeLimit = rateLimit({
  name: 'registration-write',
  limit: 120,
  windowMs: 60_000,
  key: (req) => req.user?.id,
  message: '保存过于频繁，请1分钟后再试',
});

/**
 * 专利登记 (高校院所): a university user registers, edits and withdraws its own institution's patents.
 * Every route works in the session's institution only; another institution's patent answers 404.
 */
export function registrationRoutes(deps: AppDeps): RouteSpec[] {
  const index = indexNames(deps.config.ES_INDEX_PREFIX).patents;
  const callerOf = (req: Request): RegistrationCaller => {
    const scope = tenantScopeOf(req);
    if (scope.kind !== 'institution') throw forbidden();
    return { scope, es: deps.es, index };
  };
  const policy = { ability: 'university.register_patents' } as const;
  const tags = ['registrations'];
  return [
    route({
      method: 'get',
      path: '/api/university/patents',
      summary: '我的专利: the institution’s registered patents (from the index), drafts or withdrawn ones',
      tags,
      policy,
      request: { query: listQuerySchema },
      responses: { 200: { description: 'One page', schema: registrationPageSchema }, 400: e400 },
      handler: async ({ query }, req, res) => {
        res.json(await listRegistrations(callerOf(req), query));
      },
    }),
    route({
      method: 'post',
      path: '/api/university/patents',
      summary: '专利登记 保存草稿: a new draft of the institution (filled fields checked, nothing indexed)',
      tags,
      policy,
      guards: [writeLimit],
      request: { body: registrationFieldsSchema },
      responses: {
        201: { description: 'The draft', schema: registrationSchema },
        400: e400,
        409: e409,
      },
      handler: async ({ body }, req, res) => {
        res.status(201).json(await createDraft(callerOf(req), body));
      },
    }),
    route({
      method: 'get',
      path: '/api/university/patents/:id',
      summary: 'One of the institution’s patents (draft, registered or withdrawn) with the form’s values',
      tags,
      policy,
      request: { params: idParams },
      responses: { 200: { description: 'The patent', schema: registrationSchema }, 400: e400, 404: e404 },
      handler: async ({ params }, req, res) => {
        res.json(await getRegistration(callerOf(req), params.id));
      },
    }),
    route({
      method: 'put',
      path: '/api/university/patents/:id',
      summary:
        '保存: a draft’s new values, or a registered patent edited as a whole (in search within seconds)',
      tags,
      policy,
      guards: [writeLimit],
      request: { params: idParams, body: registrationFieldsSchema },
      responses: {
        200: { description: 'The saved patent', schema: registrationSchema },
        400: e400,
        404: e404,
        409: e409,
      },
      handler: async ({ params, body }, req, res) => {
        res.json(await updateRegistration(callerOf(req), params.id, body));
      },
    }),
    route({
      method: 'post',
      path: '/api/university/patents/:id/submit',
      summary:
        '提交登记: the draft, checked in full, is registered (登记入库时间 now) and reaches every 资源库',
      tags,
      policy,
      guards: [writeLimit],
      request: { params: idParams },
      responses: {
        200: { description: 'The registered patent', schema: registrationSchema },
        400: e400,
        404: e404,
        409: e409,
      },
      handler: async ({ params }, req, res) => {
        res.json(await submitDraft(callerOf(req), params.id));
      },
    }),
    route({
      method: 'post',
      path: '/api/university/patents/:id/withdraw',
      summary: '撤回: the patent leaves every library, feed and export; evaluations and intents stay',
      tags,
      policy,
      guards: [writeLimit],
      request: { params: idParams },
      responses: {
        200: { description: 'The withdrawn patent', schema: registrationSchema },
        400: e400,
        404: e404,
        409: e409,
      },
      handler: async ({ params }, req, res) => {
        res.json(await withdrawRegistration(callerOf(req), params.id));
      },
    }),
    route({
      method: 'get',
      path: '/api/university/industry-suggestions',
      summary:
        '行业代码建议: the industries the IPC concordance gives for the IPC codes (the import’s derivation)',
      tags,
      policy,
      request: { query: suggestionQuerySchema },
      responses: { 200: { description: 'Suggested codes', schema: suggestionSchema }, 400: e400 },
      handler: ({ query }, _req, res) => {
        res.json(suggestIndustries(query.ipcMain, query.ipcCodes));
      },
    }),
  ];
}
