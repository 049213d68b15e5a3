import type { Cookies } from '@sveltejs/kit';

/** One Set-Cookie line, split into what `cookies.set` needs. The value is kept exactly as sent. */
export interface ParsedSetCookie {
  name: string;
  value: string;
  path: string;
  httpOnly: boolean;
  secure: boolean;
  sameSite?: 'lax' | 'strict' | 'none';
  expires?: Date;
  maxAge?: number;
  domain?: string;
}

/** Parses one Set-Cookie header line; null when it has no `name=value` pair. */
export function parseSetCookie(line: string): ParsedSetCookie | null {
  const [pair = '', ...attributes] = line.split(';');
  const eq = pair.indexOf('=');
  if (eq <= 0) return null;
  const parsed: ParsedSetCookie = {
    name: pair.slice(0, eq).trim(),
    value: pair.slice(eq + 1).trim(),
    path: '/',
    httpOnly: false,
    secure: false,
  };
  for (const attribute of attributes) {
    const [rawKey = '', ...rest] = attribute.split('=');
    const key = rawKey.trim().toLowerCase();
    const value = rest.join('=').trim();
    if (key === 'path' && value) parsed.path = value;
    else if (key === 'httponly') parsed.httpOnly = true;
    else if (key === 'secure') parsed.secure = true;
    else if (key === 'domain' && value) parsed.domain = value;
    else if (key === 'max-age' && /^-?\d+$/.test(value)) parsed.maxAge = Number(value);
    else if (key === 'expires') {
      const date = new Date(value);
      if (!Number.isNaN(date.getTime())) parsed.expires = date;
    } else if (key === 'samesite') {
      const lower = value.toLowerCase();
      if (lower === 'lax' || lower === 'strict' || lower === 'none') parsed.sameSite = lower;
    }
  }
  return parsed;
}

/** True when the cookie line removes the cookie (empty value, past expiry or Max-Age ≤ 0). */
export function isRemoval(cookie: ParsedSetCookie, now = Date.now()): boolean {
  return (
    cookie.value === '' ||
    (cookie.maxAge !== undefined && cookie.maxAge <= 0) ||
    (cookie.expires !== undefined && cookie.expires.getTime() <= now)
  );
}

/**
 * Hands the API's Set-Cookie headers (the session cookie `panhuo.sid`: created, rotated at login, refreshed,
 * cleared at logout) to the browser through SvelteKit's cookies, with the API's own attributes. The API
 * listens on another port, so SvelteKit's fetch does not do this by itself. Later requests of the same
 * event see the new value through `cookies.getAll`.
 */
export function relaySetCookies(cookies: Cookies, headers: Headers): void {
  for (const line of headers.getSetCookie()) {
    const cookie = parseSetCookie(line);
    if (!cookie) continue;
    const options = {
      path: cookie.path,
      httpOnly: cookie.httpOnly,
      secure: cookie.secure,
      sameSite: cookie.sameSite ?? 'lax',
      ...(cookie.domain ? { domain: cookie.domain } : {}),
      // The value is already encoded by the API; encoding it again would change it.
      encode: (value: string) => value,
    };
    if (isRemoval(cookie)) {
      cookies.delete(cookie.name, options);
      continue;
    }
    cookies.set(cookie.name, cookie.value, {
      ...options,
      ...(cookie.expires ? { expires: cookie.expires } : {}),
      ...(cookie.maxAge !== undefined ? { maxAge: cookie.maxAge } : {}),
    });
  }
}

/** The Cookie header for an API call: the browser's cookies as updated during this request, raw. */
export function cookieHeaderOf(cookies: Cookies): string {
  return cookies
    .getAll({ decode: (value) => value })
    .filter((cookie) => cookie.value !== '')
    .map((cookie) => `${cookie.name}=${cookie.value}`)
    .join('; ');
}
