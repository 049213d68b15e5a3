import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexNames } from '../infra/elasticsearch';
import { signIn } from '../../test/auth-helpers';
import type { TestSession } from '../../test/auth-helpers';
import { buildInstitution } from '../../test/factories';
import { startTestApp } from '../../test/test-app';
import type { TestApp } from '../../test/test-app';

// A prefix whose patents alias never exists: a fresh node before the first index, or an index dropped by hand.
let app: TestApp;
let operator: TestSession;
let admin: TestSession;
beforeAll(async () => {
  app = await startTestApp('missing_index');
  const alias = indexNames(app.deps.config.ES_INDEX_PREFIX).patents;
  expect(await app.deps.es.indices.existsAlias({ name: alias })).toBe(false);
  // The figures page asks Elasticsearch only once there is an institution to show.
  await buildInstitution();
  operator = (await signIn(app, { role: 'operator' })).session;
  admin = (await signIn(app, { role: 'enterprise_admin' })).session;
});
afterAll(() => app.close());

describe('the patents index does not exist', () => {
  it('searches and figures answer 503 dependency_unavailable with Retry-After, not 500', async () => {
    const cases: [TestSession, string][] = [
      [admin, `/api/resource-library/patents?q=${encodeURIComponent('电池')}`],
      [admin, '/api/resource-library/patents'],
      [operator, '/api/operator/institution-figures'],
    ];
    for (const [session, path] of cases) {
      const res = await session.request(path);
      expect({ path, status: res.status, body: res.body }).toMatchObject({
        path,
        status: 503,
        body: { error: 'dependency_unavailable' },
      });
      expect(res.headers.get('retry-after')).toBe('5');
    }
  });

  it('a request for a patent that does not exist is still a 404', async () => {
    const res = await admin.request('/api/patents/0123456789abcdef01234567');
    expect(res.status).toBe(404);
  });
});
