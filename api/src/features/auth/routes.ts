import {
  csrfResponseSchema,
  loginBodySchema,
  meResponseSchema,
  normalizeAccount,
  passwordChangeBodySchema,
} from '@panhuo/domain/accounts/user';
import { firstLoginBodySchema } from '@panhuo/domain/accounts/first-login';
import type { Request } from 'express';
import { issueCsrfToken } from '../../http/csrf';
import { forgiveRateLimitHits, rateLimit, slowDown } from '../../http/rate-limit';
import { route } from '../../http/route';
import type { RouteSpec } from '../../http/route';
import { sessionCookieName, sessionCookieOptions } from '../../http/session';
import type { Config } from '../../config';
import { authenticateLocal, destroySession, logIn, toSessionUser } from './passport';
import { toMeResponse } from './presenter';
import { errorBodySchema } from './schema';
import { currentUser, tenantScopeOf } from './scope';
import { accountFrozen, changeOwnPassword, completeOwnProfile, invalidCredentials } from './service';

const minute = 60_000;

/** The account a login body names, as the account limits count it (guards run before validation). */
function loginAccountOf(req: Request): string | undefined {
  const account: unknown = (req.body as { account?: unknown } | undefined)?.account;
  if (typeof account !== 'string') return undefined;
  return normalizeAccount(account).slice(0, 64) || undefined;
}

/** Whole minutes of a Retry-After, for the 429's words. */
const minutesOf = (seconds: number) => Math.max(1, Math.ceil(seconds / 60));

/**
 * Login limits over sliding windows, counting failed attempts only (a successful login takes its hits
 * back). An attempt over a hard limit is refused before its password is looked at, even a correct one.
 * - account + IP, 5 per minute: the guesser at one address; the owner elsewhere is not locked out.
 * - account, 15 per 10 minutes from any address: guesses spread over many addresses. Higher than the
 *   first, so locking someone else's account out takes more than a handful of tries.
 * - IP across accounts: never refused, since a whole enterprise may sit behind one NAT address; past 20
 *   failures in 10 minutes each attempt from it waits 250 ms more, at most 4 s. A correct password for an
 *   account that has not failed itself still logs in, after the wait.
 * Behind the web server every request comes from the web server's address unless it forwards
 * X-Forwarded-For and `trust proxy` trusts it (app.ts trusts loopback only).
 */
const loginLimits = [
  rateLimit({
    name: 'login-account-ip',
    limit: 5,
    windowMs: minute,
    key: (req) => {
      const account = loginAccountOf(req);
      return account && req.ip ? `${account}|${req.ip}` : undefined;
    },
    message: (seconds) => `该账号登录失败次数过多，请${minutesOf(seconds)}分钟后再试`,
  }),
  rateLimit({
    name: 'login-account',
    limit: 15,
    windowMs: 10 * minute,
    key: loginAccountOf,
    message: (seconds) => `该账号登录失败次数过多，请${minutesOf(seconds)}分钟后再试`,
  }),
  slowDown({
    name: 'login-ip',
    windowMs: 10 * minute,
    freeAttempts: 20,
    stepMs: 250,
    maxDelayMs: 4000,
    key: (req) => req.ip,
  }),
];

/** Guessing the current password through a stolen session is limited like a login. */
const passwordLimit = rateLimit({
  name: 'password-change',
  limit: 5,
  windowMs: minute,
  key: (req) => req.user?.id,
  message: '密码验证失败次数过多，请1分钟后再试',
});

/** The first-login profile checks the one-time password when it carries one: the same count as above. */
const profilePasswordLimit = rateLimit({
  name: 'password-change',
  limit: 5,
  windowMs: minute,
  key: (req) =>
    (req.body as { currentPassword?: unknown } | undefined)?.currentPassword === undefined
      ? undefined
      : req.user?.id,
  message: '密码验证失败次数过多，请1分钟后再试',
});

const meResponse = {
  description: 'The signed-in user, abilities and a fresh CSRF token',
  schema: meResponseSchema,
};
const errors = {
  csrf: { description: 'Missing or wrong x-csrf-token (csrf_failed)', schema: errorBodySchema },
  invalid: { description: 'Invalid input, one entry per field', schema: errorBodySchema },
  limited: {
    description: 'Too many failed attempts (rate_limited); see Retry-After',
    schema: errorBodySchema,
  },
};

/** Login, logout, the current user, CSRF token, password change and first-login profile. */
export function authRoutes(config: Pick<Config, 'COOKIE_SECURE'>): RouteSpec[] {
  return [
    route({
      method: 'get',
      path: '/api/auth/csrf',
      summary: 'A CSRF token for the x-csrf-token header (creates the session cookie if needed)',
      tags: ['auth'],
      policy: { public: true, reason: 'the login form needs a token before anyone is signed in' },
      responses: { 200: { description: 'The session’s CSRF token', schema: csrfResponseSchema } },
      handler: (_input, req, res) => {
        res.json({ csrfToken: issueCsrfToken(req) });
      },
    }),
    route({
      method: 'post',
      path: '/api/auth/login',
      summary: 'Log in with account and password (starts a new session)',
      tags: ['auth'],
      policy: { public: true, reason: 'logging in is how a user becomes signed in' },
      guards: loginLimits,
      request: { body: loginBodySchema },
      responses: {
        200: meResponse,
        400: errors.invalid,
        401: {
          description: '账号或密码错误 (invalid_credentials), whether or not the account exists',
          schema: errorBodySchema,
        },
        403: { description: 'Frozen account (account_frozen) or csrf_failed', schema: errorBodySchema },
        429: {
          description:
            'Too many failed attempts on this account from this address, or from anywhere (rate_limited); ' +
            'see Retry-After. Failures from one address across accounts only slow its attempts down',
          schema: errorBodySchema,
        },
      },
      handler: async (_input, req, res) => {
        const outcome = await authenticateLocal(req, res);
        if (!outcome.ok) throw outcome.reason === 'frozen' ? accountFrozen() : invalidCredentials();
        await logIn(req, outcome.user);
        await forgiveRateLimitHits(req);
        res.json(toMeResponse(outcome.user.record, issueCsrfToken(req)));
      },
    }),
    route({
      method: 'post',
      path: '/api/auth/logout',
      summary: 'Log out: deletes the session and its cookie',
      tags: ['auth'],
      policy: { public: true, reason: 'ending one’s own session needs no permission (CSRF still applies)' },
      responses: { 204: { description: 'Logged out' }, 403: errors.csrf },
      handler: async (_input, req, res) => {
        await destroySession(req);
        res.clearCookie(sessionCookieName, sessionCookieOptions(config));
        res.status(204).end();
      },
    }),
    route({
      method: 'get',
      path: '/api/auth/me',
      summary: 'The signed-in user (401 when not signed in)',
      tags: ['auth'],
      policy: { ability: 'own_account.view' },
      responses: { 200: meResponse },
      handler: (_input, req, res) => {
        res.json(toMeResponse(currentUser(req).record, issueCsrfToken(req)));
      },
    }),
    route({
      method: 'put',
      path: '/api/auth/profile',
      summary:
        'Complete (or edit) the first-login profile: 部门职务, 手机号, 单位邮箱; and the new password while ' +
        'the account still has its one-time password (mustChangePassword)',
      tags: ['auth'],
      policy: { ability: 'own_account.complete_profile' },
      guards: [profilePasswordLimit],
      request: { body: firstLoginBodySchema },
      responses: {
        200: meResponse,
        400: { ...errors.invalid, description: 'Invalid input, or the one-time password not replaced' },
        409: { description: 'The password changed meanwhile', schema: errorBodySchema },
        429: errors.limited,
      },
      handler: async ({ body }, req, res) => {
        const { user, passwordChanged } = await completeOwnProfile(
          tenantScopeOf(req),
          currentUser(req).record,
          body,
        );
        await forgiveRateLimitHits(req);
        // A new password moved the epoch on, which ended this session too: start a new one.
        if (passwordChanged) await logIn(req, toSessionUser(user));
        res.json(toMeResponse(user, issueCsrfToken(req)));
      },
    }),
    route({
      method: 'post',
      path: '/api/auth/password',
      summary: 'Change the password; ends every other session of the account',
      tags: ['auth'],
      policy: { ability: 'own_account.change_password' },
      guards: [passwordLimit],
      request: { body: passwordChangeBodySchema },
      responses: {
        200: { ...meResponse, description: 'Changed; this session continues under a new id and CSRF token' },
        400: errors.invalid,
        409: { description: 'The password changed meanwhile', schema: errorBodySchema },
        429: errors.limited,
      },
      handler: async ({ body }, req, res) => {
        const updated = await changeOwnPassword(tenantScopeOf(req), body);
        await forgiveRateLimitHits(req);
        // The epoch moved on, which ended every session including this one: start a new one for this user.
        await logIn(req, toSessionUser(updated));
        res.json(toMeResponse(updated, issueCsrfToken(req)));
      },
    }),
  ];
}
