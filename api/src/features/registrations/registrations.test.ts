import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeCheckDigit } from '@panhuo/domain/patents/application-number';
import { ensurePatentIndex } from '@panhuo/indexer/patent-index';
import { reindexPatents } from '@panhuo/indexer/reindex';
import { syncOnce } from '@panhuo/indexer/sync';
import { signIn } from '../../../test/auth-helpers';
import type { TestSession } from '../../../test/auth-helpers';
import { buildPatent } from '../../../test/factories';
import { startTestApp } from '../../../test/test-app';
import type { TestApp } from '../../../test/test-app';
import { intentBody } from '../intents/fixtures';
import { OutboxModel } from '../outbox/model';
import { PatentModel } from '../patents/model';
import type { PatentDoc } from '../patents/model';
import { RegistrationModel } from './model';

let app: TestApp;
/** A university user of institution X, who registers. */
let university: TestSession;
/** A university user of another institution. */
let other: TestSession;
/** An enterprise admin, who searches the 资源库. */
let admin: TestSession;

let serial = 0;
/** A fresh, valid invention application number of this run. */
function freshNumber(): string {
  serial += 1;
  const digits = `20231${String(serial * 7919 + Math.floor(Math.random() * 900_000)).padStart(7, '0')}`;
  return `${digits}.${computeCheckDigit(digits)}`;
}

/** A complete form: every required CNIPA field filled, industries left to the concordance. */
function form(overrides: Record<string, unknown> = {}) {
  return {
    applicationNumber: freshNumber(),
    applicationDate: '2023-04-12',
    patentType: 'invention',
    title: '一种钙钛矿叠层太阳能电池的低温制备方法',
    abstract: '本发明公开了一种钙钛矿叠层太阳能电池的低温制备方法，提高了光电转换效率。',
    claims: '1.一种钙钛矿叠层太阳能电池的低温制备方法，其特征在于，包括以下步骤。',
    ipcMain: 'H10K 30/57',
    ipcCodes: ['H01L 31/18'],
    legalStatus: 'pending',
    applicants: ['测试大学'],
    inventors: ['张三', '李四'],
    cooperationModes: ['transfer', 'license_exclusive'],
    validAtEnd2023: true,
    maturity: 'pilot',
    scenarios: '光伏组件',
    contact: '技术转移中心 0571-88000000',
    terms: '面议',
    ...overrides,
  };
}

interface Registration {
  id: string;
  state: string;
  registeredAt: string | null;
  withdrawnAt: string | null;
  fields: { title: string; applicationNumber: string; strategicIndustries: string[] };
}
interface ErrorBody {
  error: string;
  fieldErrors?: { path: string; message: string; code?: string }[];
}

const sync = () => syncOnce(app.deps.es, app.deps.config.ES_INDEX_PREFIX, { refresh: true });

async function searchIds(q: string): Promise<string[]> {
  const res = await admin.request(`/api/resource-library/patents?q=${encodeURIComponent(q)}`);
  expect(res.status).toBe(200);
  return (res.body as { hits: { id: string }[] }).hits.map((h) => h.id);
}

async function register(overrides: Record<string, unknown> = {}): Promise<Registration> {
  const draft = await university.request('/api/university/patents', {
    method: 'POST',
    json: form(overrides),
  });
  expect(draft.status, JSON.stringify(draft.body)).toBe(201);
  const id = (draft.body as Registration).id;
  const submitted = await university.request(`/api/university/patents/${id}/submit`, { method: 'POST' });
  expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
  return submitted.body as Registration;
}

beforeAll(async () => {
  app = await startTestApp('registrations_h16');
  await ensurePatentIndex(app.deps.es, app.deps.config.ES_INDEX_PREFIX);
  university = (await signIn(app, { role: 'university' })).session;
  other = (await signIn(app, { role: 'university' })).session;
  admin = (await signIn(app, { role: 'enterprise_admin' })).session;
});
afterAll(() => app.close());

describe('专利登记: draft, 提交登记, edit, 撤回', () => {
  it('a draft may be partial, is listed among the drafts and is in no library', async () => {
    const res = await university.request('/api/university/patents', {
      method: 'POST',
      json: { title: '一种草稿状态的石墨炔催化剂', applicationNumber: freshNumber() },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const draft = res.body as Registration;
    expect(draft).toMatchObject({ state: 'draft', registeredAt: null });
    const drafts = await university.request('/api/university/patents?state=draft');
    expect((drafts.body as { rows: { id: string }[] }).rows.map((r) => r.id)).toContain(draft.id);
    // Submitting it checks it in full: the missing 申请日 etc. are named, nothing is registered.
    const submit = await university.request(`/api/university/patents/${draft.id}/submit`, { method: 'POST' });
    expect(submit.status).toBe(400);
    const paths = (submit.body as ErrorBody).fieldErrors?.map((e) => e.path) ?? [];
    expect(paths).toEqual(
      expect.arrayContaining(['body.applicationDate', 'body.ipcMain', 'body.patentType']),
    );
    expect(await PatentModel.exists({ _id: draft.id })).toBeNull();
    await sync();
    expect(await searchIds('石墨炔催化剂')).toEqual([]);
  });

  it('提交登记 → found by keyword in the 资源库, stamped with 登记入库时间, industries from the concordance', async () => {
    const before = Date.now();
    const registered = await register();
    expect(registered.state).toBe('registered');
    expect(Date.parse(registered.registeredAt ?? '')).toBeGreaterThanOrEqual(before - 1000);
    const stored = await PatentModel.findById(registered.id).lean<PatentDoc>();
    expect(stored).toMatchObject({ industriesDerived: true, legalStatus: 'pending', rev: 1 });
    expect(stored!.strategicIndustries.length).toBeGreaterThan(0);
    expect(await RegistrationModel.exists({ _id: registered.id })).toBeNull();
    await sync();
    expect(await searchIds('钙钛矿叠层')).toContain(registered.id);
    const mine = await university.request('/api/university/patents');
    expect((mine.body as { rows: { id: string }[] }).rows.map((r) => r.id)).toContain(registered.id);
    // The other institution lists nothing of X.
    const theirs = await other.request('/api/university/patents');
    expect((theirs.body as { rows: { id: string }[] }).rows.map((r) => r.id)).not.toContain(registered.id);
  });

  it('an edit of a registered patent shows in search; 撤回 takes it out of the 资源库 but keeps the record', async () => {
    const registered = await register({ title: '一种海水淡化用反渗透复合膜' });
    await sync();
    expect(await searchIds('反渗透复合膜')).toContain(registered.id);

    const edited = await university.request(`/api/university/patents/${registered.id}`, {
      method: 'PUT',
      json: form({
        applicationNumber: registered.fields.applicationNumber,
        title: '一种海水淡化用石墨烯正渗透膜',
      }),
    });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect((edited.body as Registration).registeredAt).toBe(registered.registeredAt);
    await sync();
    expect(await searchIds('石墨烯正渗透膜')).toContain(registered.id);
    expect(await searchIds('反渗透复合膜')).not.toContain(registered.id);

    const withdrawn = await university.request(`/api/university/patents/${registered.id}/withdraw`, {
      method: 'POST',
    });
    expect(withdrawn.status).toBe(200);
    expect((withdrawn.body as Registration).state).toBe('withdrawn');
    await sync();
    expect(await searchIds('石墨烯正渗透膜')).not.toContain(registered.id);
    const detail = await admin.request(`/api/resource-library/patents/${registered.id}`);
    expect(detail.status).toBe(404);
    // The detail by _id and a new 我有合作意向 on it are gone too, answered as for a patent that never existed.
    expect((await admin.request(`/api/patents/${registered.id}`)).status).toBe(404);
    const intent = await admin.request('/api/intents', { method: 'POST', json: intentBody(registered.id) });
    expect(intent.status, JSON.stringify(intent.body)).toBe(404);
    // A rebuild of the index from MongoDB leaves it out too.
    await reindexPatents(app.deps.es, app.deps.config.ES_INDEX_PREFIX);
    expect(await searchIds('石墨烯正渗透膜')).not.toContain(registered.id);
    // Still readable by _id (evaluations and intents made on it), listed among the institution's withdrawn ones.
    expect(await PatentModel.exists({ _id: registered.id })).not.toBeNull();
    const list = await university.request('/api/university/patents?state=withdrawn');
    expect((list.body as { rows: { id: string }[] }).rows.map((r) => r.id)).toContain(registered.id);
    const again = await university.request(`/api/university/patents/${registered.id}`, {
      method: 'PUT',
      json: form({ applicationNumber: registered.fields.applicationNumber }),
    });
    expect(again.status).toBe(409);
    expect((again.body as ErrorBody).error).toBe('patent_withdrawn');
  });

  it('another institution’s user gets 404 on every route, and nothing changes', async () => {
    const registered = await register({ title: '一种用于锂硫电池的隔膜涂层' });
    const draft = (await university.request('/api/university/patents', { method: 'POST', json: form() }))
      .body as Registration;
    const before = await PatentModel.findById(registered.id).lean<PatentDoc>();
    for (const id of [registered.id, draft.id]) {
      expect((await other.request(`/api/university/patents/${id}`)).status).toBe(404);
      const put = await other.request(`/api/university/patents/${id}`, {
        method: 'PUT',
        json: form({ title: '被其他单位篡改的名称' }),
      });
      expect(put.status).toBe(404);
      expect((await other.request(`/api/university/patents/${id}/submit`, { method: 'POST' })).status).toBe(
        404,
      );
      expect((await other.request(`/api/university/patents/${id}/withdraw`, { method: 'POST' })).status).toBe(
        404,
      );
    }
    const after = await PatentModel.findById(registered.id).lean<PatentDoc>();
    expect(after).toEqual(before);
    expect(await RegistrationModel.findById(draft.id).lean()).toMatchObject({ state: 'draft' });
  });
});

describe('专利登记: bad input is refused with a field-level message and nothing stored', () => {
  const countAll = async () => [await PatentModel.countDocuments(), await RegistrationModel.countDocuments()];

  it('a wrong check digit: 400 bad_application_number on 申请号', async () => {
    const good = freshNumber();
    const wrong = `${good.slice(0, -1)}${good.endsWith('1') ? '2' : '1'}`;
    const before = await countAll();
    const res = await university.request('/api/university/patents', {
      method: 'POST',
      json: form({ applicationNumber: wrong }),
    });
    expect(res.status).toBe(400);
    const body = res.body as ErrorBody;
    expect(body.error).toBe('bad_application_number');
    expect(body.fieldErrors).toEqual([
      expect.objectContaining({ path: 'body.applicationNumber', code: 'bad_application_number' }),
    ]);
    expect(body.fieldErrors?.[0]?.message).toContain('申请号');
    expect(await countAll()).toEqual(before);
  });

  it('an unknown industry or 合作方式 code: 400 unknown_code on that field', async () => {
    const before = await countAll();
    const res = await university.request('/api/university/patents', {
      method: 'POST',
      json: form({ strategicIndustries: ['99.9'], cooperationModes: ['barter'] }),
    });
    expect(res.status).toBe(400);
    const body = res.body as ErrorBody;
    expect(body.error).toBe('unknown_code');
    expect(body.fieldErrors?.map((e) => e.path).sort()).toEqual([
      'body.cooperationModes',
      'body.strategicIndustries',
    ]);
    expect(await countAll()).toEqual(before);
  });

  it('a 申请号 registered already (by any institution): 409 duplicate_application_number', async () => {
    const existing = await buildPatent({ institutionName: '其他测试大学' });
    const before = await countAll();
    const res = await university.request('/api/university/patents', {
      method: 'POST',
      json: form({ applicationNumber: existing.applicationNumber }),
    });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({
      error: 'duplicate_application_number',
      fieldErrors: [{ path: 'body.applicationNumber', code: 'duplicate_application_number' }],
    });
    expect(await countAll()).toEqual(before);

    // A draft saved before the number was taken is refused at 提交登记, and stays a draft.
    const number = freshNumber();
    const draft = (
      await university.request('/api/university/patents', {
        method: 'POST',
        json: form({ applicationNumber: number }),
      })
    ).body as Registration;
    await buildPatent({ applicationNumber: number, institutionName: '其他测试大学' });
    const submit = await university.request(`/api/university/patents/${draft.id}/submit`, { method: 'POST' });
    expect(submit.status).toBe(409);
    expect((submit.body as ErrorBody).error).toBe('duplicate_application_number');
    expect(await RegistrationModel.findById(draft.id).lean()).toMatchObject({ state: 'draft' });
    expect(await PatentModel.exists({ _id: draft.id })).toBeNull();
  });

  it('a bad edit of a registered patent changes nothing: no write, no outbox entry', async () => {
    const registered = await register({ title: '一种用于编辑校验的氢燃料电池双极板' });
    const before = await PatentModel.findById(registered.id).lean<PatentDoc>();
    const outbox = await OutboxModel.countDocuments({ entityId: registered.id });
    const res = await university.request(`/api/university/patents/${registered.id}`, {
      method: 'PUT',
      json: form({
        applicationNumber: registered.fields.applicationNumber,
        ipcMain: 'XYZ',
        economicIndustries: ['ZZ'],
      }),
    });
    expect(res.status).toBe(400);
    expect((res.body as ErrorBody).fieldErrors?.map((e) => e.path).sort()).toEqual([
      'body.economicIndustries',
      'body.ipcMain',
    ]);
    expect(await PatentModel.findById(registered.id).lean<PatentDoc>()).toEqual(before);
    expect(await OutboxModel.countDocuments({ entityId: registered.id })).toBe(outbox);
  });

  it('suggests industry codes from the IPC concordance, and names a malformed IPC code', async () => {
    const res = await university.request(
      `/api/university/industry-suggestions?ipcMain=${encodeURIComponent('H01M 4/36')}`,
    );
    expect(res.status).toBe(200);
    const body = res.body as {
      strategicIndustries: { code: string }[];
      economicIndustries: { code: string }[];
    };
    expect(body.strategicIndustries.length).toBeGreaterThan(0);
    expect(body.economicIndustries.map((c) => c.code)).toContain('C');
    const bad = await university.request('/api/university/industry-suggestions?ipcMain=XYZ');
    expect(bad.status).toBe(400);
    expect((bad.body as ErrorBody).fieldErrors?.[0]?.path).toBe('query.ipcMain');
    expect((await admin.request('/api/university/industry-suggestions?ipcMain=H01M')).status).toBe(403);
  });
});
