import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { AppError, dependencyUnavailable } from '../errors';

declare module 'express-session' {
  interface SessionData {
    /** The synchronizer token of this session (see csrfProtection). */
    csrfToken?: string;
  }
}

/** Header carrying the CSRF token on every state-changing request. */
export const csrfHeader = 'x-csrf-token';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);
/**
 * Paths authorised by a signed token in the URL, never by the session cookie, so a forged cross-site
 * request gains nothing: the RFC 8058 one-click unsubscribe, which mail providers POST without any token.
 */
const tokenAuthenticated = /^\/api\/digest\/unsubscribe\/[^/]+$/;

/**
 * The session's CSRF token, created on first use. A new session (login, password change) gets a new token,
 * so a token seen before login is useless after it.
 */
export function issueCsrfToken(req: Request): string {
  if (!req.session) throw dependencyUnavailable('MongoDB');
  req.session.csrfToken ??= randomBytes(32).toString('base64url');
  return req.session.csrfToken;
}

/** Constant-time comparison, so the token cannot be guessed byte by byte from response times. */
function sameToken(sent: string, expected: string): boolean {
  const a = Buffer.from(sent);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * CSRF protection for every POST/PUT/PATCH/DELETE, login included (synchronizer token kept in the session).
 *
 * Contract for clients (the SvelteKit server in web/ is the only browser-facing one):
 * 1. Obtain the token: `GET /api/auth/csrf` → `{ csrfToken }` (creates the session cookie `panhuo.sid` if
 *    there is none); `GET /api/auth/me` and every successful login / password change / profile completion
 *    also return `csrfToken`. The token changes when the session id changes (login, password change):
 *    always use the latest one.
 * 2. Send it back in the `x-csrf-token` header of every state-changing request, with the session cookie.
 *    SvelteKit server actions forward the browser's cookie and this header (e.g. from a hidden form field
 *    the page rendered from /me, or from the server-side session lookup in hooks.server.ts).
 * 3. A missing or wrong token answers 403 `{ error: 'csrf_failed' }` and the request has no effect: the
 *    client fetches a fresh token and asks the user to retry.
 */
export const csrfProtection: RequestHandler = (req, _res, next) => {
  if (safeMethods.has(req.method) || tokenAuthenticated.test(req.path)) return next();
  if (!req.session) return next(dependencyUnavailable('MongoDB'));
  const sent = req.get(csrfHeader);
  const expected = req.session.csrfToken;
  if (!sent || !expected || !sameToken(sent, expected)) {
    return next(new AppError(403, 'csrf_failed', '页面已过期或请求来源无效，请刷新页面后重试'));
  }
  next();
};
