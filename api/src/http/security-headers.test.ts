import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../../test/test-app';
import type { TestApp } from '../../test/test-app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp('security_headers');
});
afterAll(() => app.close());

/** The headers every API response carries, whatever its status. */
function expectSecurityHeaders(headers: Headers): void {
  expect(headers.get('content-security-policy')).toBe("default-src 'none';frame-ancestors 'none'");
  expect(headers.get('x-content-type-options')).toBe('nosniff');
  expect(headers.get('referrer-policy')).toBe('no-referrer');
  expect(headers.get('x-frame-options')).toBe('DENY');
  expect(headers.get('strict-transport-security')).toMatch(/^max-age=\d+/);
  expect(headers.get('cross-origin-opener-policy')).toBe('same-origin');
  expect(headers.get('x-powered-by')).toBeNull();
}

/** A raw request (fetch refuses TRACE), answering status, headers and body text. */
function rawRequest(
  method: string,
  path: string,
): Promise<{ status: number; headers: Headers; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${app.baseUrl}${path}`, { method }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => {
        const headers = new Headers();
        for (const [name, value] of Object.entries(res.headers)) {
          if (typeof value === 'string') headers.set(name, value);
        }
        resolve({ status: res.statusCode ?? 0, headers, text });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

/** No stack frame (`at fn (file:line)`) and no local path of this checkout in a response body. */
function expectNoInternals(text: string): void {
  expect(text).not.toMatch(/\bat .+:\d+:\d+/);
  expect(text).not.toContain(process.cwd());
  expect(text).not.toMatch(/node_modules|\.ts:\d+/);
}

describe('security headers', () => {
  it('are on an API route', async () => {
    const res = await app.request('/api/healthz');
    expect(res.status).toBe(200);
    expectSecurityHeaders(res.headers);
  });

  it('are on the OpenAPI document (the page-like resource the API serves)', async () => {
    const res = await app.request('/api/openapi.json');
    expect(res.status).toBe(200);
    expectSecurityHeaders(res.headers);
  });

  it('are on error responses: 404, 401 and 403', async () => {
    const missing = await app.request('/api/no-such-route');
    expect(missing.status).toBe(404);
    expectSecurityHeaders(missing.headers);

    const unauthenticated = await app.request('/api/auth/me');
    expect(unauthenticated.status).toBe(401);
    expectSecurityHeaders(unauthenticated.headers);

    const forged = await app.request('/api/auth/login', { method: 'POST' });
    expect(forged.status).toBe(403);
    expectSecurityHeaders(forged.headers);
  });

  it('are on a path outside /api, which answers the JSON 404 and not an HTML page', async () => {
    const res = await app.request('/etc/passwd');
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ error: 'not_found' });
    expectSecurityHeaders(res.headers);
  });
});

describe('unsupported methods', () => {
  it('TRACE answers 405 with Allow on a known path and on an unknown one', async () => {
    for (const path of ['/api/healthz', '/api/no-such-route', '/']) {
      const res = await rawRequest('TRACE', path);
      expect(res.status, path).toBe(405);
      expect(JSON.parse(res.text)).toMatchObject({ error: 'method_not_allowed' });
      expect(res.headers.get('allow')).toBeTruthy();
      expect(res.headers.get('allow')).not.toContain('TRACE');
      expectSecurityHeaders(res.headers);
      expectNoInternals(res.text);
    }
  });

  it('a known path asked with a method it lacks answers 405 and the methods it has', async () => {
    const deleted = await app.request('/api/auth/me', { method: 'DELETE' });
    expect(deleted.status).toBe(405);
    expect(deleted.body).toMatchObject({ error: 'method_not_allowed' });
    expect(deleted.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
    expectSecurityHeaders(deleted.headers);

    // A route with a parameter, with a trailing slash, as Express would match it.
    const put = await app.request('/api/patents/0123456789abcdef01234567/', { method: 'PUT' });
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toBe('GET, HEAD, OPTIONS');

    const login = await app.request('/api/auth/login', { method: 'GET' });
    expect(login.status).toBe(405);
    expect(login.headers.get('allow')).toBe('POST, OPTIONS');
  });

  it('other methods Node accepts but the API never serves answer 405 too', async () => {
    for (const method of ['PROPFIND', 'MKCOL', 'PURGE']) {
      const res = await rawRequest(method, '/api/healthz');
      expect(res.status, method).toBe(405);
      expect(res.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
      expectNoInternals(res.text);
    }
  });
});

describe('CONNECT', () => {
  it('answers 405 with Allow (Node hands it past Express)', async () => {
    const { port } = new URL(app.baseUrl);
    const answer = await new Promise<{ status: number; headers: NodeJS.Dict<string | string[]> }>(
      (resolve, reject) => {
        const req = httpRequest({ host: '127.0.0.1', port, method: 'CONNECT', path: 'example.com:443' });
        req.on('connect', (res, socket) => {
          socket.destroy();
          resolve({ status: res.statusCode ?? 0, headers: res.headers });
        });
        req.on('error', reject);
        req.end();
      },
    );
    expect(answer.status).toBe(405);
    expect(answer.headers.allow).toBe('GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS');
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
  });
});

describe('no internals in error responses', () => {
  it('a malformed percent-encoding in a path parameter is a 400, not a 500 or a stack trace', async () => {
    const res = await rawRequest('GET', '/api/patents/%E0%A4%A');
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text)).toMatchObject({ error: 'validation_failed' });
    expectSecurityHeaders(res.headers);
    expectNoInternals(res.text);
  });

  it('a malformed JSON body is a 400 without the parser’s message or stack', async () => {
    // The body is parsed before the CSRF check, so no session is needed to reach the parser.
    const res = await app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"account":',
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: 'validation_failed' });
    expectSecurityHeaders(res.headers);
    expectNoInternals(JSON.stringify(res.body));
    expect(JSON.stringify(res.body)).not.toMatch(/Unexpected end|JSON\.parse|SyntaxError/);
  });
});
