import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import type { TestUser } from '@panhuo/api/test/auth-helpers';
import { launchChromium } from './chromium';
import { createUser, disconnectTestDb, signInContext } from './sign-in';

// The built web server (what `npm start` runs) as a browser and a hostile client see it.
const baseUrl = inject('baseUrl');

let browser: Browser;
let context: BrowserContext | undefined;
let admin: TestUser;

beforeAll(async () => {
  admin = await createUser({ role: 'enterprise_admin' });
  browser = await launchChromium();
});

afterEach(async () => {
  await context?.close();
  context = undefined;
});

afterAll(async () => {
  await browser?.close();
  await disconnectTestDb();
});

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One request with node:http: fetch() refuses TRACE and CONNECT before they leave the client. */
function raw(method: string, path: string): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${baseUrl}${path}`, { method }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** The CSP's directives by name, e.g. { 'script-src': ["'self'", "'nonce-…'"] }. */
function cspDirectives(header: string | null): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of (header ?? '').split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) directives.set(name, values);
  }
  return directives;
}

/** What every page response must carry, whatever its status. */
function expectPageHeaders(headers: Headers): void {
  expect(headers.get('content-type')).toBe('text/html; charset=utf-8');
  expect(headers.get('x-content-type-options')).toBe('nosniff');
  expect(headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
  expect(headers.get('x-frame-options')).toBe('DENY');
  expect(headers.get('permissions-policy')).toContain('camera=()');
  const csp = cspDirectives(headers.get('content-security-policy'));
  expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
  expect(csp.get('object-src')).toEqual(["'none'"]);
  expect(csp.get('base-uri')).toEqual(["'self'"]);
  expect(csp.get('form-action')).toEqual(["'self'"]);
  const scriptSrc = csp.get('script-src') ?? [];
  expect(scriptSrc).toContain("'self'");
  expect(scriptSrc).not.toContain("'unsafe-inline'");
  expect(scriptSrc.some((source) => /^'nonce-[A-Za-z0-9+/=]+'$/.test(source))).toBe(true);
}

/** Nothing of the server's inside: no stack frame, no file path, no source. */
function expectNoInternals(body: string): void {
  expect(body).not.toMatch(/\bat .+:\d+:\d+\)?/);
  expect(body).not.toMatch(/\/work\/|node_modules|\.ts:\d+|file:\/\//);
}

describe('security headers of the built web server', () => {
  it('a page has the CSP with a per-response nonce that app.html and SvelteKit scripts carry', async () => {
    const [first, second] = await Promise.all([fetch(`${baseUrl}/login`), fetch(`${baseUrl}/login`)]);
    expect(first.status).toBe(200);
    expectPageHeaders(first.headers);
    const html = await first.text();
    const nonce = /'nonce-([^']+)'/.exec(first.headers.get('content-security-policy') ?? '')?.[1];
    const scripts = [...html.matchAll(/<script\b([^>]*)>/g)].map((match) => match[1] ?? '');
    expect(scripts.length).toBeGreaterThan(1);
    for (const attributes of scripts) expect(attributes).toContain(`nonce="${nonce}"`);
    expect(second.headers.get('content-security-policy')).not.toContain(`'nonce-${nonce}'`);
  });

  it('an unknown address answers 404 as a page with the same headers and no internals', async () => {
    context = await browser.newContext({ locale: 'zh-CN' });
    await signInContext(context, baseUrl, admin);
    const res = await context.request.get(`${baseUrl}/no-such-page/${'x'.repeat(10)}`);
    expect(res.status()).toBe(404);
    expectPageHeaders(new Headers(res.headers()));
    const body = await res.text();
    expect(body).toContain('页面不存在');
    expectNoInternals(body);
  });

  it('an API route through the web origin keeps the API headers (nosniff, no X-Powered-By)', async () => {
    const res = await fetch(`${baseUrl}/api/healthz`);
    expect(res.headers.get('content-type')).toMatch(/^application\/json; charset=utf-8/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it.each([
    ['TRACE', '/'],
    ['TRACE', '/login'],
    ['TRACE', '/api/healthz'],
    ['PURGE', '/no-such-page'],
    ['PROPFIND', '/api/auth/me'],
  ])('%s %s answers 405 with Allow, in plain text', async (method, path) => {
    const res = await raw(method, path);
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS');
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.body).toBe(`${method} is not allowed\n`);
  });

  it('CONNECT answers 405 too rather than a dropped connection', async () => {
    const { port } = new URL(baseUrl);
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.write('CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n');
      });
      let text = '';
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => (text += chunk));
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
    });
    expect(reply).toMatch(/^HTTP\/1\.1 405 Method Not Allowed\r\n/);
    expect(reply).toContain('allow: GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS');
  });

  it('serves no source file (Vite dev answered /src/… with the module)', async () => {
    context = await browser.newContext({ locale: 'zh-CN' });
    await signInContext(context, baseUrl, admin);
    for (const path of [
      '/src/lib/server/api.ts',
      '/src/hooks.server.ts',
      '/@fs/etc/passwd',
      '/node_modules/.vite/',
    ]) {
      const res = await context.request.get(`${baseUrl}${path}`);
      expect(res.status(), path).toBe(404);
      const body = await res.text();
      expect(body, path).not.toContain('apiBaseUrl');
      expect(body, path).not.toContain('root:');
      expectNoInternals(body);
    }
  });

  it('a query string over 16 KB reaches the API, which answers its documented 400 query_too_long', async () => {
    context = await browser.newContext({ locale: 'zh-CN' });
    await signInContext(context, baseUrl, admin);
    const q = encodeURIComponent('锂电池'.repeat(3334)); // 90 KB once encoded, past Node's default 16 KB
    const res = await context.request.get(`${baseUrl}/api/resource-library/patents?q=${q}`);
    expect(res.status()).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'query_too_long' });
  });

  it('Chromium reports no CSP violation on the login page and a signed-in page', async () => {
    context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    await page.goto(`${baseUrl}/login`, { waitUntil: 'networkidle' });
    // app.html's nonce'd inline script ran (it marks the document as scripted)…
    expect(await page.evaluate(() => document.documentElement.classList.contains('js'))).toBe(true);
    await signInContext(context, baseUrl, admin);
    await page.goto(`${baseUrl}/resource-library`, { waitUntil: 'networkidle' });
    // …and so did SvelteKit's: the page is hydrated and navigates client-side.
    await page.getByRole('link', { name: '专利转化评价库' }).first().click();
    await page.waitForURL(/\/evaluation-library/);
    expect(violations).toEqual([]);
  });
});
