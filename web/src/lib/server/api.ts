import type { RequestEvent } from '@sveltejs/kit';
import { env } from '$env/dynamic/private';
import { cookieHeaderOf, relaySetCookies } from './set-cookie';

/** Where the API listens when API_URL is not set (the API's own default port). */
const DEFAULT_API_URL = 'http://127.0.0.1:3001';

/** Base URL of the API process, read at request time so the built server honours API_URL. */
export function apiBaseUrl(): string {
  return (env.API_URL || DEFAULT_API_URL).replace(/\/+$/, '');
}

/** The API's error body: `{ error: code, message, fieldErrors? }` (see api/src/errors.ts). */
export interface ApiErrorBody {
  error: string;
  message: string;
  fieldErrors?: { path: string; message: string }[];
}

/** Outcome of one API call. Failures keep the raw body for endpoints whose non-2xx answers carry data. */
export type ApiResult<T> =
  | { ok: true; status: number; headers: Headers; data: T }
  | { ok: false; status: number; headers: Headers; error: ApiErrorBody; body: unknown };

/** What apiFetch needs from a load or action event. */
export type ApiEvent = Pick<RequestEvent, 'fetch' | 'request' | 'url' | 'getClientAddress' | 'cookies'>;

function isApiErrorBody(body: unknown): body is ApiErrorBody {
  if (typeof body !== 'object' || body === null) return false;
  const { error, message } = body as Record<string, unknown>;
  return typeof error === 'string' && typeof message === 'string';
}

/**
 * Calls the API for a load or action, as the browser's user: the session cookie is forwarded (as updated
 * by earlier calls of the same request), and the browser's address is passed in X-Forwarded-For for the
 * API's rate limits. Goes straight to API_URL rather than back through the proxy; the API's Set-Cookie
 * (session created, rotated at login, cleared at logout) is handed on to the browser.
 * Never throws for HTTP or network failures: an unreachable API is reported as 502 dependency_unavailable.
 * `T` is what the endpoint promises on success; the API validates its own output with zod.
 */
export async function apiFetch<T>(
  event: ApiEvent,
  path: `/api/${string}`,
  init: RequestInit = {},
): Promise<ApiResult<T>> {
  const headers = new Headers(init.headers);
  if (!headers.has('accept')) headers.set('accept', 'application/json');
  if (typeof init.body === 'string' && !headers.has('content-type'))
    headers.set('content-type', 'application/json');
  const cookie = cookieHeaderOf(event.cookies);
  if (cookie && !headers.has('cookie')) headers.set('cookie', cookie);
  headers.set('x-forwarded-for', event.getClientAddress());
  headers.set('x-forwarded-host', event.url.host);
  headers.set('x-forwarded-proto', event.url.protocol.replace(/:$/, ''));

  let response: Response;
  try {
    response = await event.fetch(`${apiBaseUrl()}${path}`, { ...init, headers });
  } catch {
    const error = { error: 'dependency_unavailable', message: 'API 服务暂时无法连接，请稍后重试' };
    return { ok: false, status: 502, headers: new Headers(), error, body: null };
  }
  relaySetCookies(event.cookies, response.headers);

  const text = await response.text();
  let body: unknown = null;
  if (text && (response.headers.get('content-type') ?? '').includes('json')) {
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
  } else if (text) {
    body = text;
  }

  if (response.ok) return { ok: true, status: response.status, headers: response.headers, data: body as T };
  const error = isApiErrorBody(body)
    ? body
    : { error: 'upstream_error', message: `API 返回了意外的响应（HTTP ${response.status}）` };
  return { ok: false, status: response.status, headers: response.headers, error, body };
}

/** What apiSend needs: apiFetch's event plus the signed-in user's CSRF token, when there is one. */
export type ApiActionEvent = ApiEvent & { locals: App.Locals };

/**
 * A state-changing call (POST/PUT/PATCH/DELETE) from a form action, with the `x-csrf-token` the API
 * requires: the signed-in user's token from the session lookup, or a fresh one from GET /api/auth/csrf
 * (which also creates the session cookie) for anonymous forms such as 登录 and 实名认证. A JSON `json`
 * is sent as the body; a FormData `body` is sent as multipart.
 */
export async function apiSend<T>(
  event: ApiActionEvent,
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: `/api/${string}`,
  payload: { json?: unknown; body?: FormData } = {},
): Promise<ApiResult<T>> {
  let token = event.locals.user?.csrfToken;
  if (!token) {
    const csrf = await apiFetch<{ csrfToken: string }>(event, '/api/auth/csrf');
    if (!csrf.ok) return csrf;
    token = csrf.data.csrfToken;
  }
  const headers = new Headers({ 'x-csrf-token': token });
  const body = payload.body ?? (payload.json === undefined ? undefined : JSON.stringify(payload.json));
  return apiFetch<T>(event, path, { method, headers, ...(body === undefined ? {} : { body }) });
}
