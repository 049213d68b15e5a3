import { Types } from 'mongoose';
import { z } from 'zod';
import type { AppDeps } from '../../app';
import { AppError, forbidden, notFound } from '../../errors';
import { rateLimit } from '../../http/rate-limit';
import { route } from '../../http/route';
import type { RouteSpec } from '../../http/route';
import { errorBodySchema } from '../auth/schema';
import { currentUser } from '../auth/scope';
import { DigestOptOutModel } from './model';
import { lastRuns, runSummarySchema } from './runs';
import { verifyToken } from './tokens';
import type { TokenPurpose } from './tokens';

const tokenParams = z.object({ token: z.string().min(10).max(1000) });
const tags = ['digest'];
const e = (description: string) => ({ description, schema: errorBodySchema });

/** The payload of a valid token, or the refusal: forged → 404 not_found, expired → 400 with a field error. */
function checked(config: AppDeps['config'], purpose: TokenPurpose, token: string) {
  const check = verifyToken(config.SESSION_SECRET, purpose, token);
  if (check.ok) return check.payload;
  if (check.reason === 'expired') {
    throw new AppError(400, 'validation_failed', '链接已过期', [
      { path: 'params.token', message: '链接已过期' },
    ]);
  }
  throw notFound('链接无效');
}

/** Mail providers and scanners may hit the unsubscribe URL; a runaway loop is slowed per address. */
const unsubscribeLimit = rateLimit({
  name: 'digest-unsubscribe',
  limit: 60,
  windowMs: 60_000,
  key: (req) => req.ip,
  message: '操作过于频繁，请稍后再试',
});

const subscriptionSchema = z.object({ subscribed: z.boolean({ error: '请选择是否接收邮件提醒' }) });

/**
 * The digest's routes: opening a mail link (the recipient's own session required), the one-click
 * unsubscribe (RFC 8058: POST only, token-authenticated), the account page's switch and the operator's
 * last runs.
 */
export function digestRoutes(deps: AppDeps): RouteSpec[] {
  return [
    route({
      method: 'get',
      path: '/api/digest/links/:token',
      summary: 'Where a mail link leads, for its own recipient only (the link grants nothing by itself)',
      tags,
      policy: { ability: 'attention_library.view' },
      request: { params: tokenParams },
      responses: {
        200: { description: 'The page to open', schema: z.object({ path: z.string() }) },
        400: e('Expired link (validation_failed)'),
        403: e('The link was sent to another user (forbidden)'),
        404: e('Forged or malformed link (not_found)'),
      },
      handler: ({ params }, req, res) => {
        const payload = checked(deps.config, 'open', params.token);
        if (payload.u !== currentUser(req).id)
          throw forbidden('该链接发送给其他用户，请使用收件人本人账号登录');
        res.json({ path: payload.p ?? '/attention-library' });
      },
    }),
    route({
      method: 'post',
      path: '/api/digest/unsubscribe/:token',
      summary: 'One-click unsubscribe from the 关注库 mail (RFC 8058 List-Unsubscribe-Post)',
      tags,
      policy: {
        public: true,
        reason: 'mail providers POST it without a session; the signed token names the recipient',
      },
      guards: [unsubscribeLimit],
      request: { params: tokenParams },
      responses: {
        200: { description: 'Unsubscribed', schema: z.object({ subscribed: z.literal(false) }) },
        400: e('Expired token (validation_failed)'),
        404: e('Forged or malformed token (not_found)'),
      },
      handler: async ({ params }, _req, res) => {
        const payload = checked(deps.config, 'unsubscribe', params.token);
        await DigestOptOutModel.updateOne(
          { _id: new Types.ObjectId(payload.u) },
          { $setOnInsert: { at: new Date() } },
          { upsert: true },
        );
        res.json({ subscribed: false });
      },
    }),
    route({
      method: 'get',
      path: '/api/me/digest-subscription',
      summary: 'Whether the signed-in user receives the 关注库 mail',
      tags,
      policy: { ability: 'attention_library.view' },
      responses: { 200: { description: 'The setting', schema: subscriptionSchema } },
      handler: async (_input, req, res) => {
        const out = await DigestOptOutModel.exists({ _id: new Types.ObjectId(currentUser(req).id) });
        res.json({ subscribed: !out });
      },
    }),
    route({
      method: 'put',
      path: '/api/me/digest-subscription',
      summary: 'Subscribe again, or unsubscribe, from the account page',
      tags,
      policy: { ability: 'attention_library.view' },
      request: { body: subscriptionSchema },
      responses: {
        200: { description: 'Saved', schema: subscriptionSchema },
        400: e('Invalid body (validation_failed)'),
      },
      handler: async ({ body }, req, res) => {
        const _id = new Types.ObjectId(currentUser(req).id);
        if (body.subscribed) await DigestOptOutModel.deleteOne({ _id });
        else
          await DigestOptOutModel.updateOne({ _id }, { $setOnInsert: { at: new Date() } }, { upsert: true });
        res.json({ subscribed: body.subscribed });
      },
    }),
    route({
      method: 'get',
      path: '/api/operator/digest-runs',
      summary: 'The last 关注库 digest runs: when, enterprises, mails sent, failed and retried',
      tags,
      policy: { ability: 'operator.console' },
      responses: {
        200: { description: 'Newest first', schema: z.object({ runs: z.array(runSummarySchema) }) },
      },
      handler: async (_input, _req, res) => {
        res.json({ runs: await lastRuns() });
      },
    }),
  ];
}
