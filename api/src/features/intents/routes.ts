import type { Request, Response } from 'express';
import type { AppDeps } from '../../app';
import { forbidden } from '../../errors';
import { rateLimit } from '../../http/rate-limit';
import { route } from '../../http/route';
import type { RouteSpec } from '../../http/route';
import { currentUser, tenantScopeOf } from '../auth/scope';
import type { EnterpriseScope, InstitutionScope } from '../auth/scope';
import { attachmentsUpload, getAttachment } from './attachments';
import type { IntentAttachmentDoc } from './model';
import { requests, responses } from './schema';
import { closeIntent, getDetail, postMessage, replyToIntent, withdrawIntent } from './conversation';
import { createIntent, getDraft, listForSide } from './service';
import type { EnterpriseCaller } from './service';

/** The enterprise scope of the session (anyone else: 403). */
function enterpriseOf(req: Request): EnterpriseScope {
  const scope = tenantScopeOf(req);
  if (scope.kind !== 'enterprise') throw forbidden();
  return scope;
}

function enterpriseCaller(req: Request): EnterpriseCaller {
  return { actor: currentUser(req), scope: enterpriseOf(req) };
}

/** The university user's institution scope (anyone else: 403). */
function institutionOf(req: Request): InstitutionScope {
  const scope = tenantScopeOf(req);
  if (scope.kind !== 'institution') throw forbidden();
  return scope;
}

const error = (description: string) => ({ description, schema: responses.error });
const e400 = error('Invalid input, one entry per field (validation_failed)');
const e404 = error('No such intent addressed to or sent by the caller’s tenant (not_found)');
const e409 = error('The intent’s state does not allow it, or changed meanwhile (intent_state_conflict)');
const e429 = error('Too many submissions or messages in a minute (rate_limited)');
const detail = { description: 'The intent with its conversation', schema: responses.detail };
const e413 = error('An attachment over 5 MB, or a form far too large (payload_too_large)');
const file = { description: 'The file’s bytes, with the type sniffed when it was uploaded' };

/**
 * Sends a stored attachment as a download: its sniffed type, never rendered by the browser in the
 * platform's origin (attachment disposition, nosniff, a sandboxing CSP), not kept by shared caches.
 */
function sendAttachment(res: Response, file: IntentAttachmentDoc): void {
  res.setHeader('Content-Type', file.type);
  res.setHeader('Content-Length', String(file.data.length));
  res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`);
  res.setHeader('Cache-Control', 'private, no-store');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
  res.end(file.data);
}

/** 我有合作意向 and messages: a person types them; 30 a minute is far beyond typing. */
const writeLimit = rateLimit({
  name: 'intent-write',
  limit: 30,
  windowMs: 60_000,
  key: (req) => req.user?.id,
  message: '操作过于频繁，请1分钟后再试',
});

/**
 * 我有合作意向 and its conversation: the enterprise side (企业需求发布管理—高校院所合作需求, admin only) and
 * the institution's inbox. Every record is read under the session's tenant: the institution is the one
 * that registered the patent, derived on the server; another tenant's intent answers 404.
 */
export function intentRoutes(deps: AppDeps): RouteSpec[] {
  return [
    route({
      method: 'get',
      path: '/api/intent-draft',
      summary:
        '我有合作意向 form: the target, the modes it offers, the admin’s contact, any open intent on it',
      tags: ['intents'],
      policy: { ability: 'resource_library.publish_intent' },
      request: { query: requests.draft },
      responses: {
        200: { description: 'The form’s start', schema: responses.draft },
        400: e400,
        404: error('No such patent or 组合专利 (not_found)'),
      },
      handler: async ({ query }, req, res) => {
        res.json(await getDraft(enterpriseCaller(req), query));
      },
    }),
    route({
      method: 'post',
      path: '/api/intents',
      summary:
        '我有合作意向: sends an intent to the registering institution (a second one answers the open one)',
      tags: ['intents'],
      policy: { ability: 'resource_library.publish_intent' },
      guards: [writeLimit],
      request: { body: requests.create },
      responses: {
        201: { description: 'Sent', schema: responses.created },
        200: { description: 'Already open: the existing intent (existing: true)', schema: responses.created },
        400: error(
          'Invalid input (validation_failed), a mode the patent does not offer (cooperation_mode_not_offered), or a 失效 patent (patent_lapsed)',
        ),
        403: error('Not the 企业管理员, or the library’s 我有合作意向 is not the caller’s (forbidden)'),
        404: error(
          'No such patent or 组合专利, or not in the caller’s 评价库 (not_found, on body.target.id)',
        ),
        409: e409,
        429: e429,
      },
      handler: async ({ body }, req, res) => {
        const created = await createIntent(deps, enterpriseCaller(req), body);
        res.status(created.existing ? 200 : 201).json(created);
      },
    }),
    route({
      method: 'get',
      path: '/api/intents',
      summary: '高校院所合作需求: the enterprise’s intents with state, unread markers, filters and paging',
      tags: ['intents'],
      policy: { ability: 'demands.manage' },
      request: { query: requests.list },
      responses: { 200: { description: 'One page', schema: responses.page }, 400: e400 },
      handler: async ({ query }, req, res) => {
        res.json(await listForSide(enterpriseOf(req), query));
      },
    }),
    route({
      method: 'get',
      path: '/api/intents/:id',
      summary: '高校院所合作需求 detail: the form and the conversation (marks it read for the enterprise)',
      tags: ['intents'],
      policy: { ability: 'demands.manage' },
      request: { params: requests.params },
      responses: { 200: detail, 400: e400, 404: e404 },
      handler: async ({ params }, req, res) => {
        res.json(await getDetail(enterpriseOf(req), params.id));
      },
    }),
    route({
      method: 'post',
      path: '/api/intents/:id/withdraw',
      summary: '撤回: while the institution has not opened the intent',
      tags: ['intents'],
      policy: { ability: 'demands.manage' },
      request: { params: requests.params },
      responses: { 200: detail, 400: e400, 404: e404, 409: e409 },
      handler: async ({ params }, req, res) => {
        res.json(await withdrawIntent(deps, enterpriseOf(req), params.id));
      },
    }),
    route({
      method: 'post',
      path: '/api/intents/:id/messages',
      summary: 'A message from the enterprise (mails the institution, at most once per 10 minutes)',
      tags: ['intents'],
      policy: { ability: 'demands.manage' },
      guards: [writeLimit, attachmentsUpload],
      request: { params: requests.params, body: requests.message, bodyType: 'multipart/form-data' },
      responses: { 200: detail, 400: e400, 404: e404, 409: e409, 413: e413, 429: e429 },
      handler: async ({ params, body }, req, res) => {
        res.json(await postMessage(deps, enterpriseOf(req), params.id, body.text, body.attachments));
      },
    }),
    route({
      method: 'get',
      path: '/api/intents/:id/attachments/:attachmentId',
      summary: 'A file of a message in one of the enterprise’s intents (downloaded, never rendered)',
      tags: ['intents'],
      policy: { ability: 'demands.manage' },
      request: { params: requests.attachment },
      responses: { 200: file, 400: e400, 404: e404 },
      handler: async ({ params }, req, res) => {
        sendAttachment(res, await getAttachment(enterpriseOf(req), params.id, params.attachmentId));
      },
    }),
    route({
      method: 'post',
      path: '/api/intents/:id/close',
      summary: '已达成合作 (optional agreed mode and amount) or 已关闭, by the enterprise',
      tags: ['intents'],
      policy: { ability: 'demands.manage' },
      request: { params: requests.params, body: requests.close },
      responses: { 200: detail, 400: e400, 404: e404, 409: e409 },
      handler: async ({ params, body }, req, res) => {
        res.json(await closeIntent(deps, enterpriseOf(req), params.id, body));
      },
    }),
    route({
      method: 'get',
      path: '/api/university/intents',
      summary: '收到的合作意向: the intents addressed to the institution, with unread markers and filters',
      tags: ['intents'],
      policy: { ability: 'university.intents' },
      request: { query: requests.list },
      responses: { 200: { description: 'One page', schema: responses.page }, 400: e400 },
      handler: async ({ query }, req, res) => {
        res.json(await listForSide(institutionOf(req), query));
      },
    }),
    route({
      method: 'get',
      path: '/api/university/intents/:id',
      summary: 'An intent addressed to the institution; the first opening marks it 已查看',
      tags: ['intents'],
      policy: { ability: 'university.intents' },
      request: { params: requests.params },
      responses: { 200: detail, 400: e400, 404: e404 },
      handler: async ({ params }, req, res) => {
        res.json(await getDetail(institutionOf(req), params.id));
      },
    }),
    route({
      method: 'post',
      path: '/api/university/intents/:id/reply',
      summary: '接受洽谈 or 婉拒, with a message to the enterprise',
      tags: ['intents'],
      policy: { ability: 'university.intents' },
      request: { params: requests.params, body: requests.reply },
      responses: { 200: detail, 400: e400, 404: e404, 409: e409 },
      handler: async ({ params, body }, req, res) => {
        res.json(await replyToIntent(deps, institutionOf(req), params.id, body));
      },
    }),
    route({
      method: 'post',
      path: '/api/university/intents/:id/messages',
      summary: 'A message from the institution (mails the enterprise, at most once per 10 minutes)',
      tags: ['intents'],
      policy: { ability: 'university.intents' },
      guards: [writeLimit, attachmentsUpload],
      request: { params: requests.params, body: requests.message, bodyType: 'multipart/form-data' },
      responses: { 200: detail, 400: e400, 404: e404, 409: e409, 413: e413, 429: e429 },
      handler: async ({ params, body }, req, res) => {
        res.json(await postMessage(deps, institutionOf(req), params.id, body.text, body.attachments));
      },
    }),
    route({
      method: 'get',
      path: '/api/university/intents/:id/attachments/:attachmentId',
      summary: 'A file of a message in an intent addressed to the institution (downloaded, never rendered)',
      tags: ['intents'],
      policy: { ability: 'university.intents' },
      request: { params: requests.attachment },
      responses: { 200: file, 400: e400, 404: e404 },
      handler: async ({ params }, req, res) => {
        sendAttachment(res, await getAttachment(institutionOf(req), params.id, params.attachmentId));
      },
    }),
    route({
      method: 'post',
      path: '/api/university/intents/:id/close',
      summary: '已达成合作 (optional agreed mode and amount) or 已关闭, by the institution',
      tags: ['intents'],
      policy: { ability: 'university.intents' },
      request: { params: requests.params, body: requests.close },
      responses: { 200: detail, 400: e400, 404: e404, 409: e409 },
      handler: async ({ params, body }, req, res) => {
        res.json(await closeIntent(deps, institutionOf(req), params.id, body));
      },
    }),
  ];
}
