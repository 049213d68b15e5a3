import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../../../test/test-app';
import type { TestApp } from '../../../test/test-app';
import { healthReportSchema } from './schema';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp('health');
});
afterAll(() => app.close());

describe('GET /api/healthz', () => {
  it('reports every real dependency as reachable, with latencies', async () => {
    const res = await app.request('/api/healthz');
    expect(res.status).toBe(200);
    const report = healthReportSchema.parse(res.body);
    expect(report.status).toBe('ok');
    for (const check of Object.values(report.checks)) {
      expect(check.ok).toBe(true);
      expect(check.latencyMs).toBeGreaterThanOrEqual(0);
    }
  });

  it('gives every response a request id, keeping a well-formed incoming one', async () => {
    const fresh = await app.request('/api/healthz');
    expect(fresh.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const kept = await app.request('/api/healthz', { headers: { 'x-request-id': 'trace-12345678' } });
    expect(kept.headers.get('x-request-id')).toBe('trace-12345678');
    const refused = await app.request('/api/healthz', { headers: { 'x-request-id': 'bad id with spaces' } });
    expect(refused.headers.get('x-request-id')).not.toBe('bad id with spaces');
  });
});

describe('errors', () => {
  it('answers an unknown API path with a JSON 404 and a stable code', async () => {
    const res = await app.request('/api/no-such-thing');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: 'not_found', message: '接口不存在' });
  });

  // A route that takes POST: another method would be refused with 405 before the body is read.
  it('answers malformed JSON with 400 and a field error', async () => {
    const res = await app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"unbalanced": ',
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: 'validation_failed', fieldErrors: [{ path: 'body' }] });
  });

  it('answers a body over 1 MB with 413', async () => {
    const res = await app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'x'.repeat(1_100_000) }),
    });
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ error: 'payload_too_large' });
  });
});
