import ExcelJS from 'exceljs';
import type mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensurePatentIndex } from '@panhuo/indexer/patent-index';
import { reindexPatents } from '@panhuo/indexer/reindex';
import { syncOnce } from '@panhuo/indexer/sync';
import { signIn } from '../../../test/auth-helpers';
import type { TestSession } from '../../../test/auth-helpers';
import { buildPatent, buildPortfolio } from '../../../test/factories';
import { startTestApp } from '../../../test/test-app';
import type { TestApp } from '../../../test/test-app';
import { PatentModel } from '../patents/model';
import type { PatentDoc } from '../patents/model';
import { exportHeaders } from '../patent-export/workbook';

let app: TestApp;
let battery: PatentDoc;
let water: PatentDoc;
let portfolioId: string;
/** A 企业管理员, who may search and export. */
let admin: TestSession;
/** An expert, who may only look (仅查看). */
let expert: TestSession;

beforeAll(async () => {
  app = await startTestApp('resource_library');
  admin = (await signIn(app, { role: 'enterprise_admin' })).session;
  expert = (await signIn(app, { role: 'expert' })).session;
  await ensurePatentIndex(app.deps.es, app.deps.config.ES_INDEX_PREFIX);
  battery = await buildPatent();
  water = await buildPatent({
    title: '一种基于膜生物反应器的污水处理方法',
    abstract: '本发明公开了一种污水处理方法，利用膜生物反应器去除氨氮。',
    claims: '1.一种污水处理方法，其特征在于，包括厌氧、好氧两段处理。',
    ipcMain: 'C02F 3/12',
    ipcCodes: ['C02F 3/12'],
    patentType: 'utility_model',
    strategicIndustries: ['7', '7.2'],
    economicIndustries: ['C', '35'],
    cooperationModes: ['equity'],
    institutionName: '同济大学',
    registeredAt: new Date('2025-01-10T02:00:00Z'),
  });
  const portfolio = await buildPortfolio(battery, {
    name: '高比能锂离子电池关键材料专利组合',
    description: '正极材料与电解液配套专利',
  });
  portfolioId = portfolio._id.toHexString();
  await app.deps.es.indices.refresh({ index: `${app.deps.config.ES_INDEX_PREFIX}-*` });
  await reindexPatents(app.deps.es, app.deps.config.ES_INDEX_PREFIX);
});
afterAll(() => app.close());

type Page = {
  total: { value: number };
  hits: { id: string; title: string; titleSegments: { text: string; hit: boolean }[] }[];
  facets: Record<string, { key: string; count: number }[]>;
};

describe('GET /api/resource-library/patents', () => {
  it('finds by keyword with highlighted words and facet counts', async () => {
    const res = await admin.request(`/api/resource-library/patents?q=${encodeURIComponent('污水处理')}`);
    expect(res.status).toBe(200);
    const page = res.body as Page;
    expect(page.total.value).toBe(1);
    expect(page.hits[0]?.id).toBe(water._id.toHexString());
    expect(page.hits[0]?.titleSegments.some((s) => s.hit && s.text.includes('污水处理'))).toBe(true);
    expect(page.facets.patentType).toEqual([expect.objectContaining({ key: 'utility_model', count: 1 })]);
  });

  it('filters by industry and patent type, counting each facet under the other selections', async () => {
    const res = await admin.request(
      '/api/resource-library/patents?strategicIndustries=5&patentType=invention',
    );
    const page = res.body as Page;
    expect(page.hits.map((h) => h.id)).toEqual([battery._id.toHexString()]);
    // The patent-type facet ignores its own selection: both types stay visible, within industry 5.
    expect(page.facets.patentType?.find((b) => b.key === 'invention')?.count).toBe(1);
  });

  it.each([
    [
      'an unknown filter code',
      'strategicIndustries=99',
      'unknown_filter_code',
      'query.strategicIndustries.0',
    ],
    [
      'a malformed application number',
      `q=${encodeURIComponent('CN201210247723.5')}`,
      'bad_application_number',
      'query.q',
    ],
    ['a page size over the cap', 'size=500', 'validation_failed', 'query.size'],
    [
      'a 10,000-character query',
      `q=${encodeURIComponent('锂电池'.repeat(3334))}`,
      'query_too_long',
      'query.q',
    ],
    ['an export over 1000', 'limit=5000', 'export_too_large', 'query.limit'],
  ])('answers %s with a 400, a stable code and the field', async (_name, query, code, path) => {
    const route = code === 'export_too_large' ? 'export' : 'patents';
    const res = await admin.request(`/api/resource-library/${route}?${query}`);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      error: code,
      fieldErrors: expect.arrayContaining([expect.objectContaining({ path })]),
    });
  });

  it('treats query syntax characters and unbalanced quotes as plain text', async () => {
    for (const q of ['污水处理 "*:()[]{}\\/~^', '"污水处理', 'title:污水处理^5 OR (']) {
      const res = await admin.request(`/api/resource-library/patents?q=${encodeURIComponent(q)}`);
      expect(res.status, q).toBe(200);
      expect(
        (res.body as Page).hits.map((h) => h.id),
        q,
      ).toContain(water._id.toHexString());
    }
  });
});

describe('who may use the library', () => {
  it('needs a signed-in account for search, detail and export', async () => {
    for (const path of [
      '/api/resource-library/patents',
      `/api/patents/${battery._id.toHexString()}`,
      `/api/portfolios/${portfolioId}`,
      '/api/resource-library/export?limit=10',
    ]) {
      const res = await app.request(path);
      expect(res.status, path).toBe(401);
      expect(res.body, path).toMatchObject({ error: 'unauthenticated' });
    }
  });

  it('lets an expert search and read details but not export (仅查看)', async () => {
    expect((await expert.request('/api/resource-library/patents?q=%E6%B1%A1%E6%B0%B4')).status).toBe(200);
    expect((await expert.request(`/api/portfolios/${portfolioId}`)).status).toBe(200);
    const exported = await expert.request('/api/resource-library/export?limit=10');
    expect(exported.status).toBe(403);
    expect(exported.body).toMatchObject({ error: 'forbidden' });
  });
});

describe('GET /api/portfolios/:id', () => {
  it('returns the portfolio with its member patents from the index', async () => {
    const res = await admin.request(`/api/portfolios/${portfolioId}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      name: '高比能锂离子电池关键材料专利组合',
      patentCount: 1,
      patents: [expect.objectContaining({ id: battery._id.toHexString() })],
    });
  });
});

describe('GET /api/resource-library/export', () => {
  it('exports the current search as XLSX with basic, portfolio and 建档 columns and a frozen header', async () => {
    const res = await admin.fetchRaw(`/api/resource-library/export?sort=applicationDate:asc`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain(encodeURIComponent('专利转化资源库'));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(sheet.getRow(1).getCell(2).value).toBe('基本信息');
    expect((sheet.getRow(2).values as unknown[]).slice(1)).toEqual(exportHeaders);
    // Widths per column (long text wide, codes narrow), and the group titles merged over their columns.
    const width = (header: string) => sheet.getColumn(exportHeaders.indexOf(header) + 1).width;
    expect([width('摘要'), width('发明名称'), width('申请号'), width('专利类型')]).toEqual([60, 40, 18, 10]);
    expect(sheet.getCell('C1').isMerged).toBe(true);
    expect(sheet.getCell('C1').master.address).toBe('B1');
    expect(sheet.rowCount).toBe(4);
    const cell = (n: number, column: string) =>
      sheet.getRow(n).getCell(exportHeaders.indexOf(column) + 1).value;
    const rowOf = (applicationNumber: string) => [3, 4].find((n) => cell(n, '申请号') === applicationNumber)!;
    const b = rowOf(battery.applicationNumber);
    const w = rowOf(water.applicationNumber);
    expect(cell(b, '组合专利名称')).toBe('高比能锂离子电池关键材料专利组合');
    expect(cell(b, '组合专利说明')).toBe('正极材料与电解液配套专利');
    expect(cell(b, '技术成熟度')).toBe('中试');
    expect(cell(b, '合作方式')).toBe('转让；普通许可');
    expect(cell(w, '专利类型')).toBe('实用新型');
    expect(cell(w, '组合专利名称')).toBeNull(); // an empty cell
    expect(cell(w, '登记单位')).toBe('同济大学');
  });

  it('exports the partial answer the list shows when no patent holds every word', async () => {
    // 膜生物反应器 is only in the water patent, 区块链 in none: the list answers partially, and so does 导出.
    const q = encodeURIComponent('膜生物反应器 区块链');
    const list = await admin.request(`/api/resource-library/patents?q=${q}`);
    expect((list.body as { partialMatch: unknown }).partialMatch).toEqual({
      words: ['膜生物反应器', '区块链'],
    });
    const res = await admin.fetchRaw(`/api/resource-library/export?q=${q}`);
    expect(res.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.rowCount).toBe(3);
    expect(sheet.getRow(3).getCell(exportHeaders.indexOf('申请号') + 1).value).toBe(water.applicationNumber);
  });

  it('refuses more than 1000 matches without a limit, and exports exactly `limit` rows with one', async () => {
    const base = battery as PatentDoc & { _id: mongoose.Types.ObjectId };
    const many = Array.from({ length: 1001 }, (_, i) => {
      const digits = `20223${String(i).padStart(7, '0')}`;
      const weights = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5];
      const sum = [...digits].reduce((acc, d, k) => acc + Number(d) * weights[k]!, 0) % 11;
      const { _id: _drop, ...rest } = base;
      return {
        ...rest,
        applicationNumber: `${digits}.${sum === 10 ? 'X' : sum}`,
        title: `批量导出测试专利${i}`,
        rev: 1,
      };
    });
    await PatentModel.insertMany(many);
    await reindexPatents(app.deps.es, app.deps.config.ES_INDEX_PREFIX);
    const refused = await admin.request('/api/resource-library/export');
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({
      error: 'export_too_large',
      message: expect.stringContaining('1003'),
    });
    const limited = await admin.fetchRaw(`/api/resource-library/export?limit=1000`);
    expect(limited.status).toBe(200);
    expect(limited.headers.get('x-export-rows')).toBe('1000');
    expect(limited.headers.get('x-export-total')).toBe('1003');
    await syncOnce(app.deps.es, app.deps.config.ES_INDEX_PREFIX);
  });
});
