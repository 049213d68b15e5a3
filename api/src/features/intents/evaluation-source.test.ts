import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensurePatentIndex } from '@panhuo/indexer/patent-index';
import { syncOnce } from '@panhuo/indexer/sync';
import { signIn } from '../../../test/auth-helpers';
import type { TestSession } from '../../../test/auth-helpers';
import { buildPatent } from '../../../test/factories';
import { startTestApp } from '../../../test/test-app';
import type { TestApp } from '../../../test/test-app';
import { indexNames } from '../../infra/elasticsearch';
import { PatentModel } from '../patents/model';
import { PushEntryModel } from '../pushes/entry-model';
import { runPendingPushes } from '../pushes/service';
import { intentBody } from './fixtures';

// 我有合作意向 from the 专利转化评价库: allowed on a patent pushed to the caller's enterprise, however the
// push was stored (today's pushes live in push_entries, not on the patent), and 404 on any other.

let app: TestApp;
let operator: TestSession;
let admin: TestSession;
let enterpriseId: string;

beforeAll(async () => {
  app = await startTestApp('intents_evaluation_source');
  operator = (await signIn(app, { role: 'operator' })).session;
  const a = await signIn(app, { role: 'enterprise_admin' });
  admin = a.session;
  enterpriseId = a.user.enterpriseId!;
  await ensurePatentIndex(app.deps.es, app.deps.config.ES_INDEX_PREFIX);
});

afterAll(async () => {
  await app?.close();
});

describe('an intent from the 评价库', () => {
  it('is accepted on a patent pushed through the push entries and refused on one never pushed', async () => {
    const pushed = await buildPatent({ title: '一种评价库来源的合作意向测试专利' });
    const other = await buildPatent({ title: '一种未推送的合作意向测试专利' });
    await syncOnce(app.deps.es, app.deps.config.ES_INDEX_PREFIX, { refresh: true });
    const push = await operator.request(`/api/patents/${pushed._id.toHexString()}/push`, {
      method: 'POST',
      json: { enterpriseIds: [enterpriseId] },
    });
    expect(push.status).toBe(201);
    await runPendingPushes(app.deps.es, indexNames(app.deps.config.ES_INDEX_PREFIX).patents);
    // The push lives in push_entries only: the patent's own pushes list stays empty.
    expect(await PushEntryModel.countDocuments({ patentId: pushed._id })).toBe(1);
    expect((await PatentModel.findById(pushed._id).lean())?.pushes ?? []).toHaveLength(0);

    const refused = await admin.request('/api/intents', {
      method: 'POST',
      json: intentBody(other._id.toHexString(), { source: 'evaluation' }),
    });
    expect(refused.status).toBe(404);
    expect(refused.body).toMatchObject({ fieldErrors: [{ path: 'body.target.id' }] });

    const sent = await admin.request('/api/intents', {
      method: 'POST',
      json: intentBody(pushed._id.toHexString(), { source: 'evaluation' }),
    });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    expect(sent.body).toMatchObject({ state: 'pending' });
  });
});
