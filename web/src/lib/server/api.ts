import type { RequestEvent } from '@sveltejs/kit';
import { env } from '$env/dynamic/private';

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
export type ApiEvent = Pick<RequestEvent, 'fetch' | 'request' | 'url' | 'getClientAddress'>;

function isApiErrorBody(body: unknown): body is ApiErrorBody {
  if (typeof body !== 'object' || body === null) return false;
  const { error, message } = body as Record<string, unknown>;
  return typeof error === 'string' && typeof message === 'string';
}

/**
 * Calls the API for a load or action, as the browser's user: the session cookie is forwarded, and the
 * browser's address is passed in X-Forwarded-For for the API's rate limits. Goes through `event.fetch`
 * (so SvelteKit relays Set-Cookie from the API) straight to API_URL rather than back through the proxy.
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
  const cookie = event.request.headers.get('cookie');
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
