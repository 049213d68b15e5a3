import ExcelJS from 'exceljs';
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensurePatentIndex } from '@panhuo/indexer/patent-index';
import { syncOnce } from '@panhuo/indexer/sync';
import type { LibraryRow } from '@panhuo/domain/search/library-row';
import type { TestSession } from '../../../test/auth-helpers';
import { startTestApp } from '../../../test/test-app';
import type { TestApp } from '../../../test/test-app';
import { indexNames } from '../../infra/elasticsearch';
import { approvedExpert, evaluationEnterprise, paths, pushedPatent } from '../evaluations/fixtures';
import { touchPatentsForIndex } from '../patents/index-touch';

// 评价库 row state for the caller: 待评价 / 专家已评 N / 企业已评 on every row and as a facet counted by
// Elasticsearch over the whole result set, and 我已评 / 我未评 for an expert.
let app: TestApp;
let admin: TestSession;
let li: { id: string; session: TestSession };
let wang: { id: string; session: TestSession };
let other: TestSession;
/** p1: rated by both experts; p2: by 王 only; p3: 企业自评 without experts; p4: nothing. */
let p: string[];

interface Page {
  hits: LibraryRow[];
  total: { value: number };
  facets: Record<string, { key: string; label: string; count: number }[] | undefined>;
}
const list = async (session: TestSession, query = '') => {
  const res = await session.request(`/api/evaluation-library/patents?size=50${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as Page;
};
const idsOf = (page: Page) => page.hits.map((h) => h.id).sort();
const rate = async (session: TestSession, patentId: string, stars: number) => {
  const res = await session.request(paths(patentId).mine, {
    method: 'PUT',
    json: { stars, advice: `专家意见${stars}星，秘密建议` },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
};
const sync = () => syncOnce(app.deps.es, app.deps.config.ES_INDEX_PREFIX, { refresh: true });

beforeAll(async () => {
  app = await startTestApp('evaluation_library_state');
  await ensurePatentIndex(app.deps.es, app.deps.config.ES_INDEX_PREFIX);
  const world = await evaluationEnterprise(app);
  admin = world.admin;
  li = world.expert;
  wang = await approvedExpert(app, admin, { name: '王专家' });
  other = (await evaluationEnterprise(app)).admin;
  p = [];
  for (let i = 0; i < 4; i++) p.push(await pushedPatent(world.enterpriseId));
  // The fixture pushes without a rev bump (as a test stand-in for the push job): index what is stored.
  await touchPatentsForIndex(p.map((id) => new Types.ObjectId(id)));
  await sync();
  await rate(li.session, p[0]!, 4);
  await rate(wang.session, p[0]!, 2);
  await rate(wang.session, p[1]!, 5);
  await rate(wang.session, p[1]!, 3); // a revision: still one expert
  const official = await admin.request(paths(p[2]!).enterprise, {
    method: 'POST',
    json: { stars: 4, opinion: '可产业化' },
  });
  expect(official.status, JSON.stringify(official.body)).toBe(201);
  await sync();
}, 90_000);
afterAll(() => app.close());

describe('评价库 evaluation state', () => {
  it('shows 专家已评 N and the state on every row and counts the states as a facet, for the admin', async () => {
    const page = await list(admin);
    expect(page.total.value).toBe(4);
    const byId = new Map(page.hits.map((h) => [h.id, h]));
    expect(p.map((id) => byId.get(id)?.decoration?.evaluationState)).toEqual([
      'expert_evaluated',
      'expert_evaluated',
      'enterprise_evaluated',
      'pending',
    ]);
    expect(p.map((id) => byId.get(id)?.decoration?.expertEvaluations)).toEqual([2, 1, 0, 0]);
    expect(p.map((id) => byId.get(id)?.entry?.expertEvaluations)).toEqual([2, 1, 0, 0]);
    expect(byId.get(p[0]!)?.decoration?.actions).toEqual(['review', 'submit']);
    expect(byId.get(p[2]!)?.decoration?.actions).toEqual([]);
    expect(page.facets.evaluationState).toEqual([
      { key: 'pending', label: '待评价', count: 1 },
      { key: 'expert_evaluated', label: '专家已评', count: 2 },
      { key: 'enterprise_evaluated', label: '企业已评', count: 1 },
    ]);
    // 我已评 is an expert's facet: the admin has none, and his `mine` filter is ignored.
    expect(page.facets.mine).toBeUndefined();
    expect(page.hits.every((h) => h.decoration?.mine === undefined)).toBe(true);
    expect((await list(admin, '&mine=true')).total.value).toBe(4);

    const experts = await list(admin, '&evaluationState=expert_evaluated');
    expect(idsOf(experts)).toEqual([p[0]!, p[1]!].sort());
    // A facet with a selection still counts every state (under the other selections only).
    expect(experts.facets.evaluationState?.map((b) => b.count)).toEqual([1, 2, 1]);
    expect(idsOf(await list(admin, '&evaluationState=pending'))).toEqual([p[3]!]);
  });

  it('gives an expert 我已评 / 我未评 on every row, as a facet and a filter, with his own stars', async () => {
    const page = await list(li.session);
    expect(page.facets.mine).toEqual([
      { key: 'true', label: '我已评', count: 1 },
      { key: 'false', label: '我未评', count: 3 },
    ]);
    const byId = new Map(page.hits.map((h) => [h.id, h]));
    expect(p.map((id) => byId.get(id)?.decoration?.mine ?? null)).toEqual([{ stars: 4 }, null, null, null]);
    expect(byId.get(p[0]!)?.decoration?.actions).toEqual(['evaluate']);
    expect(byId.get(p[2]!)?.decoration?.actions).toEqual([]); // locked by the 企业自评

    expect(idsOf(await list(li.session, '&mine=true'))).toEqual([p[0]!]);
    const notMine = await list(li.session, '&mine=false');
    expect(idsOf(notMine)).toEqual([p[1]!, p[2]!, p[3]!].sort());
    expect(notMine.facets.mine?.map((b) => b.count)).toEqual([1, 3]);

    const wangs = await list(wang.session, '&mine=true&evaluationState=expert_evaluated');
    expect(idsOf(wangs)).toEqual([p[0]!, p[1]!].sort());
    expect(wangs.facets.mine?.map((b) => b.count)).toEqual([2, 0]);
    const detail = await wang.session.request(`/api/evaluation-library/patents/${p[1]}`);
    expect(detail.body).toMatchObject({ decoration: { mine: { stars: 3 }, expertEvaluations: 1 } });
  });

  it('puts only a count on the search document, and another enterprise sees nothing of it', async () => {
    const index = indexNames(app.deps.config.ES_INDEX_PREFIX).patents;
    const doc = await app.deps.es.get({ index, id: p[0]! });
    const text = JSON.stringify(doc._source);
    expect(text).toContain('"expertCount":2');
    for (const secret of [li.id, wang.id, '王专家', '李专家', '秘密建议']) expect(text).not.toContain(secret);
    const foreign = await list(other, '&evaluationState=expert_evaluated');
    expect(foreign.total.value).toBe(0);
    expect(foreign.facets.evaluationState?.every((b) => b.count === 0)).toBe(true);
  });

  it('exports this enterprise’s evaluation columns after the patent’s, read back from the XLSX', async () => {
    const res = await admin.fetchRaw('/api/evaluation-library/export');
    expect(res.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    const text = (value: ExcelJS.CellValue) => (value === null || value === undefined ? '' : String(value));
    const headers = (sheet.getRow(2).values as ExcelJS.CellValue[]).map(text);
    const evaluationHeaders = [
      '评价状态',
      '专家评价数',
      '专家平均星级',
      '企业自评星级',
      '企业评价意见',
      '企业自评时间',
    ];
    const first = headers.indexOf('评价状态');
    // After every patent column (the 建档信息 group ends with 交易条件), in this order, under their group.
    expect(first).toBe(headers.indexOf('交易条件') + 1);
    expect(headers.slice(first)).toEqual(evaluationHeaders);
    expect(text(sheet.getRow(1).getCell(first).value)).toBe('本企业评价信息');
    const numbers = new Map((await list(admin)).hits.map((h) => [h.id, h.applicationNumber]));
    const column = headers.indexOf('申请号');
    const rowOf = (patentId: string) => {
      for (let r = 3; r <= sheet.rowCount; r++) {
        const row = sheet.getRow(r);
        if (text(row.getCell(column).value) === numbers.get(patentId)) {
          return evaluationHeaders.map((_, i) => text(row.getCell(first + i).value));
        }
      }
      throw new Error(`no row for ${patentId}`);
    };
    expect(rowOf(p[0]!)).toEqual(['专家已评', '2', '3', '', '', '']);
    expect(rowOf(p[1]!)).toEqual(['专家已评', '1', '3', '', '', '']);
    const official = rowOf(p[2]!);
    expect(official.slice(0, 5)).toEqual(['企业已评', '0', '', '4', '可产业化']);
    expect(official[5]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    expect(rowOf(p[3]!)).toEqual(['待评价', '0', '', '', '', '']);
    // The experts' names and advice are not in it: only their count and mean.
    const cells = JSON.stringify(sheet.getSheetValues());
    for (const secret of ['王专家', '李专家', '秘密建议']) expect(cells).not.toContain(secret);
  });
});
