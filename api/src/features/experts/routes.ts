import type { Request } from 'express';
import { forbidden } from '../../errors';
import { rateLimit } from '../../http/rate-limit';
import { route } from '../../http/route';
import type { RouteSpec } from '../../http/route';
import { currentUser, tenantScopeOf } from '../auth/scope';
import { getCertificate, listLibrary, listReviewQueue, reviewExpert } from './review-service';
import { requests, responses } from './schema';
import {
  applyOwnExpert,
  createExpert,
  getExpertDetail,
  getOwnExpert,
  listExpertAccounts,
  saveOwnExpertInfo,
  setExpertAccountStatus,
} from './service';
import type { Caller } from './service';

/** The signed-in admin or expert and the enterprise scope of the session (anyone else: 403). */
function callerOf(req: Request): Caller {
  const user = currentUser(req);
  const scope = tenantScopeOf(req);
  if (scope.kind !== 'enterprise') throw forbidden();
  return { actor: { ...user, name: user.record.name }, scope };
}

/** Opening accounts hashes a password each time: a runaway script is slowed down, an admin never. */
const createLimit = rateLimit({
  name: 'expert-create',
  limit: 60,
  windowMs: 60_000,
  key: (req) => req.user?.id,
  message: '新增账号过于频繁，请1分钟后再试',
});

const error = (description: string) => ({ description, schema: responses.error });
const e400 = error('Invalid input, one entry per field (validation_failed)');
const e404 = error('No such expert in the caller’s enterprise (not_found)');
const e409 = error('The expert’s status does not allow this (expert_status_conflict)');
const manage = { ability: 'experts.manage' } as const;
const own = { ability: 'expert_profile.edit' } as const;

/**
 * 推荐技术专家: 用户管理—账号管理 and 盘活行动—专家审核 / 专家库 (enterprise admin), 我的空间—专家信息
 * (the expert himself).
 */
export function expertRoutes(): RouteSpec[] {
  return [
    route({
      method: 'post',
      path: '/api/experts',
      summary: '新增专家账号 (password generated and shown once when left empty)',
      tags: ['experts'],
      policy: manage,
      guards: [createLimit],
      request: { body: requests.create },
      responses: {
        201: { description: 'Created, in 待完善信息', schema: responses.created },
        400: e400,
        409: error('The account is taken (conflict, field error on body.account)'),
        429: error('Too many accounts opened in a minute (rate_limited)'),
      },
      handler: async ({ body }, req, res) => {
        res.status(201).json(await createExpert(callerOf(req), body));
      },
    }),
    route({
      method: 'get',
      path: '/api/experts',
      summary: '账号管理: the enterprise’s experts (search 姓名/账号/手机号, filter by status, pages)',
      tags: ['experts'],
      policy: manage,
      request: { query: requests.list },
      responses: { 200: { description: 'One page', schema: responses.list }, 400: e400 },
      handler: async ({ query }, req, res) => {
        res.json(await listExpertAccounts(callerOf(req), query));
      },
    }),
    route({
      method: 'get',
      path: '/api/experts/:id',
      summary: '查看: one expert with 专家信息, review history and certificate',
      tags: ['experts'],
      policy: manage,
      request: { params: requests.params },
      responses: { 200: { description: 'The expert', schema: responses.detail }, 400: e400, 404: e404 },
      handler: async ({ params }, req, res) => {
        res.json(await getExpertDetail(callerOf(req), params.id));
      },
    }),
    ...(['freeze', 'unfreeze'] as const).map((action) =>
      route({
        method: 'post',
        path: `/api/experts/:id/${action}`,
        summary:
          action === 'freeze'
            ? '禁用: freezes the expert’s account and ends its open sessions at once'
            : '启用: unfreezes the expert’s account (old sessions stay ended)',
        tags: ['experts'],
        policy: manage,
        request: { params: requests.params },
        responses: {
          200: { description: 'The expert after the change', schema: responses.detail },
          400: e400,
          404: e404,
          409: error('Already in that account status (conflict)'),
        },
        handler: async ({ params }, req, res) => {
          const status = action === 'freeze' ? 'frozen' : 'active';
          res.json(await setExpertAccountStatus(callerOf(req), params.id, status));
        },
      }),
    ),
    route({
      method: 'post',
      path: '/api/experts/:id/review',
      summary: '审核: approve (enters the 专家库, certificate issued) or reject with an opinion',
      tags: ['experts'],
      policy: manage,
      request: { params: requests.params, body: requests.review },
      responses: {
        200: { description: 'The expert after the decision', schema: responses.detail },
        400: e400,
        404: e404,
        409: e409,
      },
      handler: async ({ params, body }, req, res) => {
        res.json(await reviewExpert(callerOf(req), params.id, body));
      },
    }),
    route({
      method: 'get',
      path: '/api/experts/:id/certificate',
      summary: '证书: the certificate data of an approved expert (printed on A4 by the web)',
      tags: ['experts'],
      policy: manage,
      request: { params: requests.params },
      responses: {
        200: { description: 'The certificate', schema: responses.certificate },
        400: e400,
        404: e404,
        409: error('Not approved: no certificate (expert_status_conflict)'),
      },
      handler: async ({ params }, req, res) => {
        res.json(await getCertificate(callerOf(req), params.id));
      },
    }),
    route({
      method: 'get',
      path: '/api/expert-reviews',
      summary: '专家审核: every recommended expert of the enterprise, 待审核 first',
      tags: ['experts'],
      policy: manage,
      request: { query: requests.reviewList },
      responses: { 200: { description: 'One page', schema: responses.reviewList }, 400: e400 },
      handler: async ({ query }, req, res) => {
        res.json(await listReviewQueue(callerOf(req), query));
      },
    }),
    route({
      method: 'get',
      path: '/api/expert-library',
      summary: '企业专家库: the approved experts of the enterprise',
      tags: ['experts'],
      policy: manage,
      request: { query: requests.library },
      responses: { 200: { description: 'One page', schema: responses.library }, 400: e400 },
      handler: async ({ query }, req, res) => {
        res.json(await listLibrary(callerOf(req), query));
      },
    }),
    route({
      method: 'get',
      path: '/api/me/expert',
      summary: '我的空间—专家信息: the signed-in expert’s info, status, review opinions, certificate',
      tags: ['experts'],
      policy: own,
      responses: { 200: { description: 'The expert’s page', schema: responses.mine }, 404: e404 },
      handler: async (_input, req, res) => {
        res.json(await getOwnExpert(callerOf(req)));
      },
    }),
    route({
      method: 'put',
      path: '/api/me/expert',
      summary: '完善专家信息 (while 待完善信息 or 未通过)',
      tags: ['experts'],
      policy: own,
      request: { body: requests.info },
      responses: {
        200: { description: 'Saved', schema: responses.mine },
        400: e400,
        404: e404,
        409: error('Under review or approved: the info is locked (expert_status_conflict)'),
      },
      handler: async ({ body }, req, res) => {
        res.json(await saveOwnExpertInfo(callerOf(req), body));
      },
    }),
    route({
      method: 'post',
      path: '/api/me/expert/apply',
      summary: '申请入库: submits the saved info to the admin (→ 待审核)',
      tags: ['experts'],
      policy: own,
      responses: {
        200: { description: 'Submitted', schema: responses.mine },
        404: e404,
        409: error('Info not saved yet (expert_info_incomplete) or wrong status (expert_status_conflict)'),
      },
      handler: async (_input, req, res) => {
        res.json(await applyOwnExpert(callerOf(req)));
      },
    }),
  ];
}
