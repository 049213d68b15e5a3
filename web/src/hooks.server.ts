import { redirect } from '@sveltejs/kit';
import type { Handle } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import type { MeResponse } from '@panhuo/domain/accounts/user';
import { apiBaseUrl, apiFetch } from '$lib/server/api';
import { isApiPath, proxyToApi } from '$lib/server/api-proxy';
import { guardPage } from '$lib/server/guard';
import { toSessionUser } from '$lib/session-user';

/** The API's session cookie; without it nobody can be signed in, so /me is not asked. */
const SESSION_COOKIE = 'panhuo.sid';

/**
 * Answers everything under /api/ from the API process, so the browser sees a single origin. It runs
 * first: API calls carry their own authentication and need no session lookup or page guard.
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
  );
  if (decision) redirect(303, decision.redirect);
  return resolve(event);
};

export const handle = sequence(apiProxy, session, guard);
