import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../../../test/auth-helpers';
import type { TestSession } from '../../../test/auth-helpers';
import { buildPatent } from '../../../test/factories';
import { startTestApp } from '../../../test/test-app';
import type { TestApp } from '../../../test/test-app';

let app: TestApp;
/** An expert: the role with the fewest abilities that still sees the libraries. */
let viewer: TestSession;
beforeAll(async () => {
  app = await startTestApp('patents');
  viewer = (await signIn(app, { role: 'expert' })).session;
});
afterAll(() => app.close());

describe('GET /api/patents/:id', () => {
  it('returns every field and the 建档信息, with IPC sections and subclasses derived', async () => {
    const patent = await buildPatent({ ipcMain: 'H01M 4/36', ipcCodes: ['H01M 4/36', 'C01B 32/182'] });
    const res = await viewer.request(`/api/patents/${patent._id.toHexString()}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: patent._id.toHexString(),
      applicationNumber: patent.applicationNumber,
      title: patent.title,
      ipcSections: ['H', 'C'],
      ipcSubclasses: ['H01M', 'C01B'],
      dossier: { maturity: 'pilot', scenarios: '动力电池', contact: '王老师 0571-87950000', terms: '面议' },
      institutionName: '浙江大学',
      registeredAt: '2024-05-20T02:00:00.000Z',
    });
    expect(res.body).not.toHaveProperty('_id');
    expect(res.body).not.toHaveProperty('rev');
  });

  it('answers 404 for an unknown id and 400 with a field error for a malformed one', async () => {
    const missing = await viewer.request('/api/patents/0123456789abcdef01234567');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ error: 'not_found' });
    const malformed = await viewer.request('/api/patents/not-an-id');
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({
      error: 'validation_failed',
      fieldErrors: [{ path: 'params.id' }],
    });
  });
});
