import { redirect } from '@sveltejs/kit';
import type { Handle, HandleServerError } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import type { MeResponse } from '@panhuo/domain/accounts/user';
import { apiBaseUrl, apiFetch } from '$lib/server/api';
import { isApiPath, proxyToApi } from '$lib/server/api-proxy';
import { guardPage } from '$lib/server/guard';
import { toSessionUser } from '$lib/session-user';

/** The API's session cookie; without it nobody can be signed in, so /me is not asked. */
const SESSION_COOKIE = 'panhuo.sid';

/**
 * Headers of every response this server makes itself (pages, their data, error pages). The CSP comes from
 * kit.csp in svelte.config.js, which knows the nonces; responses proxied from /api/ keep the API's own.
 */
const PAGE_HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  // Legacy twin of the CSP's frame-ancestors 'none', for browsers that ignore the latter.
  'x-frame-options': 'DENY',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
  'cross-origin-opener-policy': 'same-origin',
};

/**
 * Stamps the security headers on what the page handlers answer. Unsupported methods (TRACE …) never get
 * here: web/server.js answers them 405.
 */
const securityHeaders: Handle = async ({ event, resolve }) => {
  const response = await resolve(event);
  if (isApiPath(event.url.pathname)) return response;
  for (const [name, value] of Object.entries(PAGE_HEADERS)) {
    if (!response.headers.has(name)) response.headers.set(name, value);
  }
  // SvelteKit labels pages plain `text/html`; app.html's <meta charset> only helps once parsing started.
  if (response.headers.get('content-type') === 'text/html') {
    response.headers.set('content-type', 'text/html; charset=utf-8');
  }
  return response;
};

/**
 * Answers everything under /api/ from the API process, so the browser sees a single origin. It runs
 * before the session lookup: API calls carry their own authentication and need no session lookup or page guard.
 */
const apiProxy: Handle = async ({ event, resolve }) => {
  if (!isApiPath(event.url.pathname)) return resolve(event);
  return proxyToApi(event.request, {
    apiUrl: apiBaseUrl(),
    url: event.url,
    clientAddress: event.getClientAddress(),
  });
};

/**
 * Resolves who is signed in: GET /api/auth/me with the browser's session cookie. 401 (no session, expired,
 * frozen account, password changed elsewhere) means anonymous. An unreachable API also counts as
 * anonymous here; the login page then reports the API's trouble when it is used.
 */
const session: Handle = async ({ event, resolve }) => {
  event.locals.user = null;
  if (event.cookies.get(SESSION_COOKIE)) {
    const me = await apiFetch<MeResponse>(event, '/api/auth/me');
    if (me.ok) event.locals.user = toSessionUser(me.data);
    // The API says once why a session ended by freezing; the guard takes it to the login page.
    else if (me.error.error === 'account_frozen') event.locals.sessionEnded = 'frozen';
  }
  return resolve(event);
};

/**
 * Keeps anonymous users out of every page but the public ones (to /login?next=…) and sends users who have
 * not completed the first-login profile to /profile/complete. Data requests of client-side navigation
 * get the same redirects (SvelteKit turns a thrown redirect into its JSON form for them).
 */
const guard: Handle = async ({ event, resolve }) => {
  const decision = guardPage(
    event.url.pathname,
    `${event.url.pathname}${event.url.search}`,
    event.locals.user,
    event.locals.sessionEnded,
  );
  if (decision) redirect(303, decision.redirect);
  return resolve(event);
};

export const handle = sequence(securityHeaders, apiProxy, session, guard);

/**
 * An unexpected error: its stack goes to the server's log, the browser gets a generic message with no
 * stack, file path or library text (SvelteKit shows `message` on the error page).
 */
export const handleError: HandleServerError = ({ error, event, status }) => {
  if (status !== 404) console.error(`[web] ${event.request.method} ${event.url.pathname}:`, error);
  // No code for 404: +error.svelte reserves `not_found` for a record a load reported missing.
  return status === 404
    ? { message: '页面不存在' }
    : { message: '服务器内部错误，请稍后重试', code: 'internal_error' };
};
