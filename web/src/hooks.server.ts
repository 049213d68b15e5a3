import type { Handle } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { apiBaseUrl } from '$lib/server/api';
import { isApiPath, proxyToApi } from '$lib/server/api-proxy';

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

/** Resolves who is signed in. The platform has no sign-in yet, so every request is anonymous. */
const session: Handle = async ({ event, resolve }) => {
  event.locals.user = null;
  return resolve(event);
};

export const handle = sequence(apiProxy, session);
