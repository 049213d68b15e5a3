import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensurePatentIndex } from '@panhuo/indexer/patent-index';
import { syncOnce } from '@panhuo/indexer/sync';
import { startService, stopService } from '@panhuo/stack/stack';
import { signIn } from '../test/auth-helpers';
import type { TestSession } from '../test/auth-helpers';
import { buildPatent } from '../test/factories';
import { startTestApp } from '../test/test-app';
import type { TestApp } from '../test/test-app';

// Stops and restarts the real servers of the test profile (this project runs alone, after the others).
let app: TestApp;
let patentId: string;
/** A signed-in 企业管理员: the library and the detail need an account. */
let viewer: TestSession;

beforeAll(async () => {
  app = await startTestApp('resilience');
  await ensurePatentIndex(app.deps.es, app.deps.config.ES_INDEX_PREFIX);
  patentId = (await buildPatent())._id.toHexString();
  viewer = (await signIn(app, { role: 'enterprise_admin' })).session;
  await syncOnce(app.deps.es, app.deps.config.ES_INDEX_PREFIX, { refresh: true });
});
afterAll(() => app.close());

/**
 * Sends the request (as the signed-in viewer, or as a probe without cookies, like a load balancer's health
 * check) and measures how long the answer took.
 */
async function timed(path: string, as: 'viewer' | 'probe' = 'viewer') {
  const started = performance.now();
  const res = as === 'viewer' ? await viewer.request(path) : await app.request(path);
  return { ...res, ms: performance.now() - started };
}

/** Polls until the route answers 200 again, without anyone restarting the API. */
async function recovers(path: string, withinMs: number): Promise<number> {
  const until = Date.now() + withinMs;
  for (;;) {
    const res = await viewer.request(path);
    if (res.status === 200) return res.status;
    expect([503]).toContain(res.status);
    if (Date.now() > until) throw new Error(`${path} did not recover within ${withinMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

describe('a dependency that goes down', () => {
  it('Elasticsearch: search answers 503 dependency_unavailable quickly, then recovers by itself', async () => {
    const search = `/api/resource-library/patents?q=${encodeURIComponent('锂离子电池')}`;
    expect((await viewer.request(search)).status).toBe(200);
    await stopService('test', 'elasticsearch');
    try {
      const down = await timed(search);
      expect(down.status).toBe(503);
      expect(down.body).toMatchObject({ error: 'dependency_unavailable' });
      expect(down.headers.get('retry-after')).toBe('5');
      expect(down.ms).toBeLessThan(8_000);
      const health = await timed('/api/healthz', 'probe');
      expect(health.status).toBe(503);
      expect(health.body).toMatchObject({ status: 'degraded', checks: { elasticsearch: { ok: false }, mongodb: { ok: true } } });
      expect(health.ms).toBeLessThan(5_000);
      // MongoDB-only routes keep working meanwhile.
      expect((await viewer.request(`/api/patents/${patentId}`)).status).toBe(200);
    } finally {
      await startService('test', 'elasticsearch');
    }
    expect(await recovers(search, 60_000)).toBe(200);
  });

  it('FerretDB: detail answers 503 dependency_unavailable quickly, then recovers by itself', async () => {
    const detail = `/api/patents/${patentId}`;
    expect((await viewer.request(detail)).status).toBe(200);
    await stopService('test', 'ferretdb');
    try {
      const down = await timed(detail);
      expect(down.status).toBe(503);
      expect(down.body).toMatchObject({ error: 'dependency_unavailable' });
      expect(down.ms).toBeLessThan(8_000);
      const health = await timed('/api/healthz', 'probe');
      expect(health.body).toMatchObject({ status: 'degraded', checks: { mongodb: { ok: false }, elasticsearch: { ok: true } } });
      // Sessions live in MongoDB too, so signed-in routes answer 503 as well (never a 401 that would send
      // the user to the login page); the public health route keeps answering.
      const search = await timed('/api/resource-library/patents');
      expect(search.status).toBe(503);
      expect(search.body).toMatchObject({ error: 'dependency_unavailable' });
      expect(search.ms).toBeLessThan(8_000);
    } finally {
      await startService('test', 'ferretdb');
    }
    expect(await recovers(detail, 60_000)).toBe(200);
  });
});
