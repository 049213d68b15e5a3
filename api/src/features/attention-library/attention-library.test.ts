import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensurePatentIndex } from '@panhuo/indexer/patent-index';
import { reindexPatents } from '@panhuo/indexer/reindex';
import { signIn } from '../../../test/auth-helpers';
import type { TestSession } from '../../../test/auth-helpers';
import { buildPatent } from '../../../test/factories';
import { startTestApp } from '../../../test/test-app';
import type { TestApp } from '../../../test/test-app';
import { forgetInstitutionRoster } from '../attention-settings/regions';
import type { AttentionSettingsDto } from '../attention-settings/schema';
import { InstitutionModel } from '../institutions/model';
import type { PatentDoc } from '../patents/model';

type SettingsDto = AttentionSettingsDto;

let app: TestApp;
let admin: TestSession;
let expert: TestSession;
/** 新材料 + 独占许可 + 石墨烯: three dimensions. */
let graphene: PatentDoc;
/** 新材料 + 独占许可, newer: two dimensions. */
let ceramic: PatentDoc;
/** 新材料 only, newest: one dimension. */
let alloy: PatentDoc;
/** Matches nothing (生物, 转让, no keyword). */
let vaccine: PatentDoc;

type Page = {
  total: { value: number };
  sort: string;
  hits: { id: string; decoration?: { matchReasons?: string[] } }[];
};

const settings = {
  strategicIndustries: ['3'],
  economicIndustries: [],
  cooperationModes: ['license_sole'],
  keywords: ['石墨烯'],
  institutionIds: [],
  mailFrequency: 'weekly',
  mailWeekday: 1,
};

beforeAll(async () => {
  app = await startTestApp('attention_library');
  const signed = await signIn(app, { role: 'enterprise_admin' });
  admin = signed.session;
  expert = (await signIn(app, { role: 'expert', enterpriseId: signed.user.enterpriseId as string })).session;
  await ensurePatentIndex(app.deps.es, app.deps.config.ES_INDEX_PREFIX);
  graphene = await buildPatent({
    title: '一种石墨烯导热膜的制备方法',
    abstract: '本发明公开了一种石墨烯导热膜。',
    strategicIndustries: ['3', '3.6'],
    cooperationModes: ['license_sole'],
    registeredAt: new Date('2025-01-01T00:00:00Z'),
  });
  ceramic = await buildPatent({
    title: '一种氮化硅陶瓷基板',
    abstract: '本发明公开了一种高导热氮化硅陶瓷基板。',
    strategicIndustries: ['3', '3.4'],
    cooperationModes: ['license_sole', 'transfer'],
    registeredAt: new Date('2025-02-01T00:00:00Z'),
  });
  alloy = await buildPatent({
    title: '一种高强铝合金',
    abstract: '本发明公开了一种高强铝合金的热处理工艺。',
    strategicIndustries: ['3', '3.2'],
    cooperationModes: ['transfer'],
    registeredAt: new Date('2025-03-01T00:00:00Z'),
  });
  vaccine = await buildPatent({
    title: '一种重组蛋白疫苗',
    abstract: '本发明公开了一种重组蛋白疫苗。',
    strategicIndustries: ['4', '4.1'],
    cooperationModes: ['transfer'],
    registeredAt: new Date('2025-04-01T00:00:00Z'),
  });
  await reindexPatents(app.deps.es, app.deps.config.ES_INDEX_PREFIX);
});
afterAll(() => app.close());

describe('专利转化关注库', () => {
  it('lists nothing until settings exist (the page prompts instead)', async () => {
    const res = await admin.request('/api/attention-library/patents');
    expect(res.status).toBe(200);
    expect((res.body as Page).total.value).toBe(0);
  });

  it('ranks by matched dimensions, newest among equals, each row saying why it matched', async () => {
    expect((await admin.request('/api/attention-settings', { method: 'PUT', json: settings })).status).toBe(
      200,
    );
    const res = await expert.request('/api/attention-library/patents');
    expect(res.status).toBe(200);
    const page = res.body as Page;
    expect(page.sort).toBe('relevance');
    expect(page.hits.map((h) => h.id)).toEqual([graphene, ceramic, alloy].map((p) => p._id.toHexString()));
    expect(page.hits.map((h) => h.decoration?.matchReasons)).toEqual([
      ['新材料产业', '独占许可', '关键词 石墨烯'],
      ['新材料产业', '独占许可'],
      ['新材料产业'],
    ]);
    expect(page.hits.some((h) => h.id === vaccine._id.toHexString())).toBe(false);
  });

  it('follows a saved change at once', async () => {
    await admin.request('/api/attention-settings', {
      method: 'PUT',
      json: { ...settings, strategicIndustries: ['4'], cooperationModes: [], keywords: [] },
    });
    const page = (await admin.request('/api/attention-library/patents')).body as Page;
    expect(page.hits.map((h) => h.id)).toEqual([vaccine._id.toHexString()]);
    expect(page.hits[0]?.decoration?.matchReasons).toEqual(['生物产业']);
    await admin.request('/api/attention-settings', { method: 'PUT', json: settings });
  });

  it('matches institutions and 地区 (the provinces of the institutions) in Elasticsearch, saying which', async () => {
    forgetInstitutionRoster();
    const choices = ((await admin.request('/api/attention-settings')).body as SettingsDto).choices;
    const zju = choices.institutions.find((i) => i.name === '浙江大学');
    expect(zju).toMatchObject({ province: '浙江省' });
    expect(choices.regions).toContain('浙江省');
    const other = await buildPatent({
      title: '一种低温等离子体消毒装置',
      abstract: '本发明公开了一种低温等离子体消毒装置。',
      institutionName: '西藏大学',
      strategicIndustries: ['4', '4.1'],
      cooperationModes: ['transfer'],
      registeredAt: new Date('2025-05-01T00:00:00Z'),
    });
    await InstitutionModel.updateOne({ _id: other.institutionId }, { $set: { region: '西藏自治区拉萨市' } });
    await reindexPatents(app.deps.es, app.deps.config.ES_INDEX_PREFIX);
    forgetInstitutionRoster();
    const only = { ...settings, strategicIndustries: [], cooperationModes: [], keywords: [] };
    const put = await admin.request('/api/attention-settings', {
      method: 'PUT',
      json: { ...only, regions: ['西藏自治区'] },
    });
    expect(put.status).toBe(200);
    expect((put.body as SettingsDto).regions).toEqual(['西藏自治区']);
    const regional = (await admin.request('/api/attention-library/patents')).body as Page;
    expect(regional.hits.map((h) => h.id)).toEqual([other._id.toHexString()]);
    expect(regional.hits[0]?.decoration?.matchReasons).toEqual(['地区 西藏自治区']);
    await admin.request('/api/attention-settings', {
      method: 'PUT',
      json: { ...only, institutionIds: [zju?.id] },
    });
    const byInstitution = (await admin.request('/api/attention-library/patents')).body as Page;
    expect(byInstitution.total.value).toBe(4);
    expect(byInstitution.hits[0]?.decoration?.matchReasons).toEqual(['浙江大学']);
    await admin.request('/api/attention-settings', { method: 'PUT', json: settings });
  });

  it('keeps the shared search, sort and filters within the scope', async () => {
    const text = (await admin.request(`/api/attention-library/patents?q=${encodeURIComponent('陶瓷')}`))
      .body as Page;
    expect(text.hits.map((h) => h.id)).toEqual([ceramic._id.toHexString()]);
    const newest = (await admin.request('/api/attention-library/patents?sort=registeredAt:desc'))
      .body as Page;
    expect(newest.hits.map((h) => h.id)).toEqual([alloy, ceramic, graphene].map((p) => p._id.toHexString()));
    const outside = (await admin.request('/api/attention-library/patents?strategicIndustries=4'))
      .body as Page;
    expect(outside.total.value).toBe(0);
  });

  it('exports for the admin, refuses the expert (仅查看)', async () => {
    const file = await admin.fetchRaw('/api/attention-library/export');
    expect(file.status).toBe(200);
    expect(file.headers.get('x-export-rows')).toBe('3');
    expect((await expert.request('/api/attention-library/export')).status).toBe(403);
  });

  it('refuses a university user (no 关注库)', async () => {
    const { session } = await signIn(app, { role: 'university' });
    expect((await session.request('/api/attention-library/patents')).status).toBe(403);
  });
});
