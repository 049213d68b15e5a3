import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Types } from 'mongoose';
import { ensurePatentIndex } from '@panhuo/indexer/patent-index';
import { syncOnce } from '@panhuo/indexer/sync';
import { signIn } from '../../../test/auth-helpers';
import type { TestSession } from '../../../test/auth-helpers';
import { buildPatent } from '../../../test/factories';
import { startTestApp } from '../../../test/test-app';
import type { TestApp } from '../../../test/test-app';
import { indexNames } from '../../infra/elasticsearch';
import { OutboxModel } from '../outbox/model';
import { PatentModel } from '../patents/model';
import { loadLibrariesOf } from './entries';
import { PushEntryModel } from './entry-model';
import type { PatentDoc } from '../patents/model';
import { AttentionSettingsModel } from '../attention-settings/model';
import { PushModel } from './model';
import { runPendingPushes } from './service';

let app: TestApp;
let operator: TestSession;
let enterpriseA: string;
let enterpriseB: string;
/** Three 新能源汽车 (5.2) patents, one of them 失效; one 节能环保 (7.2) patent. */
let cars: PatentDoc[];
let invalidCar: PatentDoc;
let water: PatentDoc;

const sync = () => syncOnce(app.deps.es, app.deps.config.ES_INDEX_PREFIX, { refresh: true });
const run = () => runPendingPushes(app.deps.es, indexNames(app.deps.config.ES_INDEX_PREFIX).patents);
/** The patent's library as stored: its own pushes joined with its push entries. */
const pushesOf = async (patent: PatentDoc) =>
  (await storedPushesOf(patent)).map((p) => ({
    enterpriseId: p.enterpriseId.toHexString(),
    pushId: p.pushId ? p.pushId.toHexString() : null,
  }));
async function storedPushesOf(patent: PatentDoc) {
  const stored = await PatentModel.findById(patent._id, { pushes: 1 }).lean<PatentDoc>();
  if (!stored) return [];
  return (await loadLibrariesOf([stored])).get(patent._id.toHexString())?.pushes ?? [];
}
const carSearch = { strategicIndustries: ['5.2'] };

beforeAll(async () => {
  app = await startTestApp('pushes');
  operator = (await signIn(app, { role: 'operator' })).session;
  enterpriseA = (await signIn(app, { role: 'enterprise_admin' })).user.enterpriseId!;
  enterpriseB = (await signIn(app, { role: 'enterprise_admin' })).user.enterpriseId!;
  await ensurePatentIndex(app.deps.es, app.deps.config.ES_INDEX_PREFIX);
  cars = [
    await buildPatent({ strategicIndustries: ['5', '5.2'], title: '一种电动汽车电池管理系统' }),
    await buildPatent({ strategicIndustries: ['5', '5.2'], title: '一种电动汽车充电桩' }),
  ];
  invalidCar = await buildPatent({
    strategicIndustries: ['5', '5.2'],
    legalStatus: 'invalid',
    title: '一种失效的电动汽车专利',
  });
  water = await buildPatent({ strategicIndustries: ['7', '7.2'], title: '一种污水处理方法' });
  await sync();
}, 60_000);
afterAll(() => app.close());

describe('a push by rule', () => {
  it('previews per enterprise from the index, pushes on confirm, and is idempotent', async () => {
    const preview = await operator.request('/api/operator/push-previews', {
      method: 'POST',
      json: { search: carSearch, enterpriseIds: [enterpriseA, enterpriseB] },
    });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({
      matched: 3,
      pushable: 2,
      enterprises: [
        { enterpriseId: enterpriseA, receive: 2, have: 0 },
        { enterpriseId: enterpriseB, receive: 2, have: 0 },
      ],
    });

    const created = await operator.request('/api/operator/pushes', {
      method: 'POST',
      json: { name: '新能源汽车专利推送', search: carSearch, enterpriseIds: [enterpriseA] },
    });
    expect(created.status).toBe(201);
    const draft = created.body as {
      id: string;
      status: string;
      query: string;
      preview: { pushable: number };
    };
    expect(draft).toMatchObject({
      status: 'draft',
      query: 'strategicIndustries=5.2',
      preview: { pushable: 2 },
    });
    // A draft writes nothing.
    expect(await run()).toBe(0);
    expect(await pushesOf(cars[0]!)).toEqual([]);

    const confirmed = await operator.request(`/api/operator/pushes/${draft.id}/confirm`, { method: 'POST' });
    expect(confirmed.status).toBe(200);
    expect((confirmed.body as { status: string }).status).toBe('queued');
    const again = await operator.request(`/api/operator/pushes/${draft.id}/confirm`, { method: 'POST' });
    expect(again.status).toBe(409);
    expect((again.body as { error: string }).error).toBe('conflict');

    expect(await run()).toBe(1);
    for (const car of cars)
      expect(await pushesOf(car)).toEqual([{ enterpriseId: enterpriseA, pushId: draft.id }]);
    expect(await pushesOf(invalidCar)).toEqual([]);
    expect(await pushesOf(water)).toEqual([]);
    const detail = await operator.request(`/api/operator/pushes/${draft.id}`);
    expect(detail.body).toMatchObject({
      status: 'done',
      progress: { processed: 2, total: 2 },
      counts: { added: 2, patents: 2 },
      preview: null,
    });
    const list = await operator.request('/api/operator/pushes');
    expect((list.body as { rows: { id: string }[] }).rows.map((r) => r.id)).toContain(draft.id);

    // The same push again, before the indexer mirrored the first one (the search documents are stale):
    // the stored patents decide, nothing is appended twice.
    await PushModel.updateOne({ _id: draft.id }, { $set: { status: 'queued', checkpoint: null } });
    expect(await run()).toBe(1);
    for (const car of cars) expect(await pushesOf(car)).toHaveLength(1);

    // Mirrored, the preview counts them as already there.
    await sync();
    const after = await operator.request('/api/operator/push-previews', {
      method: 'POST',
      json: { search: carSearch, enterpriseIds: [enterpriseA, enterpriseB] },
    });
    expect((after.body as { enterprises: unknown[] }).enterprises).toMatchObject([
      { enterpriseId: enterpriseA, receive: 0, have: 2 },
      { enterpriseId: enterpriseB, receive: 2, have: 0 },
    ]);
  });

  it('refuses bad input with a field message and stores nothing', async () => {
    const before = await PushModel.countDocuments({});
    const cases: [unknown, string, string][] = [
      [
        { search: { strategicIndustries: ['99.9'] }, enterpriseIds: [enterpriseA] },
        'unknown_filter_code',
        'body.search.strategicIndustries.0',
      ],
      [{ search: carSearch, enterpriseIds: [] }, 'validation_failed', 'body.enterpriseIds'],
      [{ search: carSearch, enterpriseIds: ['nope'] }, 'validation_failed', 'body.enterpriseIds.0'],
      [
        { search: carSearch, enterpriseIds: [new Types.ObjectId().toHexString()] },
        'validation_failed',
        'body.enterpriseIds.0',
      ],
      [
        {
          search: { registeredFrom: '2024-02-01', registeredTo: '2024-01-01' },
          enterpriseIds: [enterpriseA],
        },
        'validation_failed',
        'body.search.registeredTo',
      ],
      [{ enterpriseIds: [enterpriseA] }, 'validation_failed', 'body.search'],
    ];
    for (const [json, code, path] of cases) {
      const res = await operator.request('/api/operator/pushes', { method: 'POST', json });
      expect(res.status, JSON.stringify(json)).toBe(400);
      const body = res.body as { error: string; fieldErrors: { path: string; message: string }[] };
      expect(body.error, JSON.stringify(json)).toBe(code);
      expect(
        body.fieldErrors.map((f) => f.path),
        JSON.stringify(json),
      ).toContain(path);
      expect(body.fieldErrors.every((f) => f.message.length > 0)).toBe(true);
    }
    expect(await PushModel.countDocuments({})).toBe(before);
  });
});

describe('a push by 关注领域', () => {
  it('sends each patent only to the enterprises whose industries overlap its own', async () => {
    const carMaker = (await signIn(app, { role: 'enterprise_admin' })).user.enterpriseId!;
    const waterWorks = (await signIn(app, { role: 'enterprise_admin' })).user.enterpriseId!;
    for (const [id, strategicIndustries] of [
      [carMaker, ['5']],
      [waterWorks, ['7.2']],
    ] as const) {
      await AttentionSettingsModel.create({
        _id: id,
        strategicIndustries: [...strategicIndustries],
        updatedBy: new Types.ObjectId(),
      });
    }
    await sync();
    const json = { targets: 'matching', search: {}, enterpriseIds: [carMaker, waterWorks] };
    const preview = await operator.request('/api/operator/push-previews', { method: 'POST', json });
    expect(preview.status).toBe(200);
    expect((preview.body as { enterprises: unknown[] }).enterprises).toMatchObject([
      { enterpriseId: carMaker, receive: 2, have: 0 },
      { enterpriseId: waterWorks, receive: 1, have: 0 },
    ]);
    const created = await operator.request('/api/operator/pushes', { method: 'POST', json });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ targets: 'matching' });
    const id = (created.body as { id: string }).id;
    await operator.request(`/api/operator/pushes/${id}/confirm`, { method: 'POST' });
    expect(await run()).toBe(1);
    for (const car of cars) expect((await pushesOf(car)).map((p) => p.enterpriseId)).toContain(carMaker);
    expect((await pushesOf(water)).map((p) => p.enterpriseId)).toEqual(expect.arrayContaining([waterWorks]));
    expect((await pushesOf(water)).map((p) => p.enterpriseId)).not.toContain(carMaker);
    expect((await pushesOf(cars[0]!)).map((p) => p.enterpriseId)).not.toContain(waterWorks);
  });
});

describe('push entries (one small document per push and patent, the patent never written)', () => {
  it('keeps an enterprise’s first 推送时间 when a second push lands before the indexer mirrored the first', async () => {
    const [first, second] = [
      (await signIn(app, { role: 'enterprise_admin' })).user.enterpriseId!,
      (await signIn(app, { role: 'enterprise_admin' })).user.enterpriseId!,
    ];
    const patent = await buildPatent({ strategicIndustries: ['3', '3.1'], title: '一种高分子复合材料' });
    await sync();
    const revBefore = (await PatentModel.findById(patent._id, { rev: 1 }).lean())?.rev;
    const pushOf = async (enterpriseIds: string[]) => {
      const created = await operator.request('/api/operator/pushes', {
        method: 'POST',
        json: { search: { strategicIndustries: ['3.1'] }, enterpriseIds },
      });
      const id = (created.body as { id: string }).id;
      await operator.request(`/api/operator/pushes/${id}/confirm`, { method: 'POST' });
      expect(await run()).toBe(1);
      return id;
    };
    const one = await pushOf([first]);
    // Not mirrored yet: the second push reads a search document without the first entry.
    const two = await pushOf([first, second]);
    const stored = await pushesOf(patent);
    expect(stored.sort((a, b) => a.enterpriseId.localeCompare(b.enterpriseId))).toEqual(
      [
        { enterpriseId: first, pushId: one },
        { enterpriseId: second, pushId: two },
      ].sort((a, b) => a.enterpriseId.localeCompare(b.enterpriseId)),
    );
    expect(await PushEntryModel.countDocuments({ patentId: patent._id })).toBe(2);
    // The patent document itself is not written by a push.
    expect(await PatentModel.findById(patent._id, { rev: 1, pushes: 1 }).lean()).toMatchObject({
      rev: revBefore,
      pushes: [],
    });
    await sync();
    const doc = await app.deps.es.get<{ library: { enterpriseId: string; pushId: string }[] }>({
      index: indexNames(app.deps.config.ES_INDEX_PREFIX).patents,
      id: patent._id.toHexString(),
    });
    expect(doc._source?.library.map((e) => [e.enterpriseId, e.pushId]).sort()).toEqual(
      [
        [first, one],
        [second, two],
      ].sort(),
    );
  });
});

describe('a push by hand', () => {
  it('queues one patent for the chosen enterprises; a 失效 patent is refused', async () => {
    const res = await operator.request(`/api/patents/${water._id.toHexString()}/push`, {
      method: 'POST',
      json: { enterpriseIds: [enterpriseB] },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ kind: 'manual', status: 'queued' });
    const outboxBefore = await OutboxModel.countDocuments({ entityId: water._id });
    expect(await run()).toBe(1);
    expect(await pushesOf(water)).toContainEqual({ enterpriseId: enterpriseB, pushId: null });
    expect(await OutboxModel.countDocuments({ entityId: water._id })).toBe(outboxBefore + 1);
    expect((await pushesOf(cars[0]!)).map((p) => p.enterpriseId)).not.toContain(enterpriseB);

    const refused = await operator.request(`/api/patents/${invalidCar._id.toHexString()}/push`, {
      method: 'POST',
      json: { enterpriseIds: [enterpriseB] },
    });
    expect(refused.status).toBe(400);
    expect((refused.body as { fieldErrors: { path: string }[] }).fieldErrors[0]?.path).toBe('params.id');
    const missing = await operator.request(`/api/patents/${new Types.ObjectId().toHexString()}/push`, {
      method: 'POST',
      json: { enterpriseIds: [enterpriseB] },
    });
    expect(missing.status).toBe(404);
  });

  it('is the operator’s only', async () => {
    const admin = (await signIn(app, { role: 'enterprise_admin' })).session;
    const res = await admin.request(`/api/patents/${water._id.toHexString()}/push`, {
      method: 'POST',
      json: { enterpriseIds: [enterpriseB] },
    });
    expect(res.status).toBe(403);
  });
});
