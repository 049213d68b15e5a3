import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmbeddingsClient } from '../../infra/embeddings';
import { ensurePatentIndex } from '@panhuo/indexer/patent-index';
import { syncOnce } from '@panhuo/indexer/sync';
import { embedMissingPatents } from '@panhuo/jobs/jobs/embed-patents';
import { signIn } from '../../../test/auth-helpers';
import type { TestSession } from '../../../test/auth-helpers';
import { buildPatent } from '../../../test/factories';
import { startTestApp } from '../../../test/test-app';
import type { TestApp } from '../../../test/test-app';
import { PatentModel } from '../patents/model';
import { emitPatentChanges } from '../outbox/model';

let app: TestApp;
let viewer: TestSession;
const sync = () => syncOnce(app.deps.es, app.deps.config.ES_INDEX_PREFIX, { refresh: true });
beforeAll(async () => {
  app = await startTestApp('similar-17v');
  viewer = (await signIn(app, { role: 'expert' })).session;
  await ensurePatentIndex(app.deps.es, app.deps.config.ES_INDEX_PREFIX);
});
afterAll(() => app.close());

interface Answer {
  id: string;
  method: string;
  patents: { id: string; title: string; shared: { ipcSubclass: string | null; industries: string[] } }[];
}

describe('GET /api/patents/:id/similar', () => {
  it('more_like_this without vectors, kNN with them; never itself; 404 for withdrawn and unknown', async () => {
    const battery = await buildPatent({ title: '一种锂离子电池正极材料', ipcMain: 'H01M 4/36' });
    const battery2 = await buildPatent({ title: '一种锂离子电池负极材料', ipcMain: 'H01M 4/58' });
    const water = await buildPatent({
      title: '一种海水淡化反渗透膜',
      abstract: '本发明公开了一种用于海水淡化的反渗透膜及其制备方法。',
      claims: '1.一种反渗透膜。',
      ipcMain: 'C02F 1/44',
    });
    await sync();
    const id = battery._id.toHexString();

    const byText = await viewer.request(`/api/patents/${id}/similar`);
    expect(byText.status).toBe(200);
    const text = byText.body as Answer;
    expect(text.method).toBe('more_like_this');
    expect(text.patents.map((p) => p.id)).not.toContain(id);
    expect(text.patents[0]?.id).toBe(battery2._id.toHexString());
    expect(text.patents[0]?.shared.ipcSubclass).toBe('H01M');

    const url = process.env.EMBEDDINGS_URL;
    if (!url) throw new Error('EMBEDDINGS_URL is not set');
    const run = await embedMissingPatents(
      app.deps.es,
      app.deps.config.ES_INDEX_PREFIX,
      createEmbeddingsClient({ url }),
      app.deps.logger,
    );
    expect(run.embedded).toBe(3);
    const byVector = await viewer.request(`/api/patents/${id}/similar`);
    const knn = byVector.body as Answer;
    expect(knn.method).toBe('knn');
    expect(knn.patents.map((p) => p.id)).toEqual([battery2._id.toHexString(), water._id.toHexString()]);

    await PatentModel.updateOne({ _id: water._id }, { $set: { withdrawnAt: new Date() }, $inc: { rev: 1 } });
    await emitPatentChanges([{ entityId: water._id, rev: 2, op: 'upsert' }]);
    await sync();
    expect((await viewer.request(`/api/patents/${water._id.toHexString()}/similar`)).status).toBe(404);
    const after = (await viewer.request(`/api/patents/${id}/similar`)).body as Answer;
    expect(after.patents.map((p) => p.id)).toEqual([battery2._id.toHexString()]);
    expect((await viewer.request('/api/patents/0123456789abcdef01234567/similar')).status).toBe(404);
    expect((await viewer.request('/api/patents/not-an-id/similar')).status).toBe(400);
  });
});
