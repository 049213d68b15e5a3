import ExcelJS from 'exceljs';
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensurePatentIndex } from '@panhuo/indexer/patent-index';
import { syncOnce } from '@panhuo/indexer/sync';
import type { LibraryRow } from '@panhuo/domain/search/library-row';
import { signIn } from '../../../test/auth-helpers';
import type { TestSession } from '../../../test/auth-helpers';
import { createExpertAs, expertSession } from '../../../test/expert-factories';
import { buildPatent } from '../../../test/factories';
import { startTestApp } from '../../../test/test-app';
import type { TestApp } from '../../../test/test-app';
import { indexNames } from '../../infra/elasticsearch';
import { EnterpriseEvaluationModel } from '../evaluations/enterprise-evaluation-model';
import { touchPatentsForIndex } from '../patents/index-touch';
import type { PatentDoc } from '../patents/model';
import { runPendingPushes } from '../pushes/service';

// The 评价库 end to end: the operator pushes (API + the push job), the indexer mirrors, the enterprise searches.
let app: TestApp;
let operator: TestSession;
let admin: TestSession;
let adminEnterprise: string;
let expert: TestSession;
let otherAdmin: TestSession;
let cars: PatentDoc[];
let water: PatentDoc;
let notPushed: PatentDoc;

const sync = () => syncOnce(app.deps.es, app.deps.config.ES_INDEX_PREFIX, { refresh: true });
async function pushAndRun(search: Record<string, string[]>, enterpriseIds: string[]) {
  const created = await operator.request('/api/operator/pushes', {
    method: 'POST',
    json: { search, enterpriseIds },
  });
  const id = (created.body as { id: string }).id;
  await operator.request(`/api/operator/pushes/${id}/confirm`, { method: 'POST' });
  await runPendingPushes(app.deps.es, indexNames(app.deps.config.ES_INDEX_PREFIX).patents);
  await sync();
  return id;
}
const ids = (body: unknown) => (body as { hits: LibraryRow[] }).hits.map((h) => h.id);

beforeAll(async () => {
  app = await startTestApp('evaluation_library');
  operator = (await signIn(app, { role: 'operator' })).session;
  const signedIn = await signIn(app, { role: 'enterprise_admin' });
  admin = signedIn.session;
  adminEnterprise = signedIn.user.enterpriseId!;
  expert = await expertSession(app, await createExpertAs(admin));
  otherAdmin = (await signIn(app, { role: 'enterprise_admin' })).session;
  await ensurePatentIndex(app.deps.es, app.deps.config.ES_INDEX_PREFIX);
  cars = [
    await buildPatent({ strategicIndustries: ['5', '5.2'], title: '一种电动汽车电池管理系统' }),
    await buildPatent({ strategicIndustries: ['5', '5.2'], title: '一种电动汽车充电桩' }),
  ];
  water = await buildPatent({ strategicIndustries: ['7', '7.2'], title: '一种污水处理方法' });
  notPushed = await buildPatent({ strategicIndustries: ['1'], title: '一种数据压缩方法' });
  await sync();
  await pushAndRun({ strategicIndustries: ['5.2'] }, [adminEnterprise]);
  await new Promise((resolve) => setTimeout(resolve, 10));
  await pushAndRun({ strategicIndustries: ['7.2'] }, [adminEnterprise]);
}, 60_000);
afterAll(() => app.close());

describe('专利转化评价库', () => {
  it('lists what was pushed to the enterprise, latest push first, with 推送时间 on each row', async () => {
    for (const session of [admin, expert]) {
      const res = await session.request('/api/evaluation-library/patents');
      expect(res.status).toBe(200);
      const body = res.body as { hits: LibraryRow[]; sort: string; total: { value: number } };
      expect(body.sort).toBe('pushedAt:desc');
      expect(body.total.value).toBe(3);
      expect(body.hits[0]!.id).toBe(water._id.toHexString());
      expect(ids(body).slice(1).sort()).toEqual(cars.map((c) => c._id.toHexString()).sort());
      expect(body.hits.every((h) => h.entry?.pushedAt && h.decoration?.evaluationState === 'pending')).toBe(
        true,
      );
    }
    // The 资源库's facets, on the enterprise's patents only.
    const res = await admin.request('/api/evaluation-library/patents?strategicIndustries=5.2');
    expect(ids(res.body).sort()).toEqual(cars.map((c) => c._id.toHexString()).sort());
    expect((res.body as { facets: { enterpriseEvaluated: unknown } }).facets.enterpriseEvaluated).toEqual([
      { key: 'false', label: '企业未评', count: 2 },
    ]);
  });

  it('another enterprise sees none of it; the detail is a 404 outside the library', async () => {
    const other = await otherAdmin.request('/api/evaluation-library/patents');
    expect(other.status).toBe(200);
    expect((other.body as { total: { value: number } }).total.value).toBe(0);
    const foreign = await otherAdmin.request(`/api/evaluation-library/patents/${water._id.toHexString()}`);
    expect(foreign.status).toBe(404);
    const outside = await admin.request(`/api/evaluation-library/patents/${notPushed._id.toHexString()}`);
    expect(outside.status).toBe(404);
    expect(outside.body).toEqual(foreign.body);
    const mine = await admin.request(`/api/evaluation-library/patents/${water._id.toHexString()}`);
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({
      patent: { id: water._id.toHexString(), title: '一种污水处理方法' },
      entry: { pushId: expect.any(String), evaluatedAt: null },
      decoration: { evaluationState: 'pending' },
    });
    expect(JSON.stringify(mine.body)).not.toContain('facetCodes');
  });

  it('shows the 企业自评 state once submitted, as a facet and a filter', async () => {
    await EnterpriseEvaluationModel.create({
      enterpriseId: new Types.ObjectId(adminEnterprise),
      patentId: cars[0]!._id,
      institutionId: cars[0]!.institutionId,
      stars: 4,
      opinion: '较高的产业化前景',
      submittedBy: new Types.ObjectId(),
      submittedAt: new Date(),
    });
    await touchPatentsForIndex([cars[0]!._id]);
    await sync();
    const evaluated = await admin.request('/api/evaluation-library/patents?enterpriseEvaluated=true');
    expect(ids(evaluated.body)).toEqual([cars[0]!._id.toHexString()]);
    const row = (evaluated.body as { hits: LibraryRow[] }).hits[0]!;
    expect(row.entry?.enterpriseStars).toBe(4);
    expect(row.decoration?.evaluationState).toBe('enterprise_evaluated');
  });

  it('sorts by 登记入库时间 too; refuses an unknown sort with a field message', async () => {
    const res = await admin.request('/api/evaluation-library/patents?sort=registeredAt:asc');
    expect((res.body as { sort: string }).sort).toBe('registeredAt:asc');
    const bad = await admin.request('/api/evaluation-library/patents?sort=stars');
    expect(bad.status).toBe(400);
    expect((bad.body as { fieldErrors: { path: string }[] }).fieldErrors[0]?.path).toBe('query.sort');
  });

  it('exports the enterprise’s library for its admin; experts only look', async () => {
    const res = await admin.fetchRaw('/api/evaluation-library/export');
    expect(res.status).toBe(200);
    expect(res.headers.get('x-export-rows')).toBe('3');
    expect(res.headers.get('content-disposition')).toContain(encodeURIComponent('专利转化评价库'));
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
    const cells = JSON.stringify(book.worksheets[0]!.getSheetValues());
    for (const patent of [...cars, water]) expect(cells).toContain(patent.applicationNumber);
    expect(cells).not.toContain(notPushed.applicationNumber);
    expect((await expert.request('/api/evaluation-library/export')).status).toBe(403);
  });
});
