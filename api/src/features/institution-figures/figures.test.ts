import { ensurePatentIndex } from '@panhuo/indexer/patent-index';
import { reindexPatents } from '@panhuo/indexer/reindex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dashboard, InstitutionFiguresPage } from '@panhuo/domain/university/figures';
import { signIn } from '../../../test/auth-helpers';
import type { TestSession } from '../../../test/auth-helpers';
import { buildInstitution, buildPatent } from '../../../test/factories';
import { startTestApp } from '../../../test/test-app';
import type { TestApp } from '../../../test/test-app';
import { approvedExpert, paths, pushedPatent, pushTo } from '../evaluations/fixtures';
import { intentBody } from '../intents/fixtures';

// 数据看板 and the operator's 高校院所 figures against the real Elasticsearch and FerretDB: an institution
// with three patents (two pushed, one evaluated by two enterprises, one expert's 5 stars that must never
// count), intents (one withdrawn before it was read), and another institution whose figures stay apart.

const advice = '看板测试专家建议QQ9';
let app: TestApp;
let university: TestSession;
let operator: TestSession;
let admin: TestSession;
let expert: TestSession;
const ids: Record<string, string> = {};
const thisMonth = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);

async function ok(res: { status: number; body: unknown }, status = 200) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  return res.body as { id: string };
}

beforeAll(async () => {
  app = await startTestApp('h16c_institution_figures');
  await ensurePatentIndex(app.deps.es, app.deps.config.ES_INDEX_PREFIX);
  const institution = await buildInstitution({ name: '数据看板测试大学' });
  const other = await buildInstitution({ name: '另一所看板测试学院' });
  ids.institution = institution._id.toHexString();
  ids.other = other._id.toHexString();
  university = (await signIn(app, { role: 'university', institutionId: ids.institution })).session;
  operator = (await signIn(app, { role: 'operator' })).session;
  const a = await signIn(app, { role: 'enterprise_admin' });
  const b = await signIn(app, { role: 'enterprise_admin' });
  admin = a.session;
  const rater = await approvedExpert(app, a.session);
  expert = rater.session;
  const own = { institutionName: institution.name };
  ids.first = await pushedPatent(a.user.enterpriseId!, {
    ...own,
    strategicIndustries: ['5', '5.2'],
    registeredAt: new Date('2026-01-10T04:00:00Z'),
  });
  await pushTo(ids.first, b.user.enterpriseId!);
  ids.second = await pushedPatent(a.user.enterpriseId!, {
    ...own,
    strategicIndustries: ['1', '1.5'],
    registeredAt: new Date('2026-03-02T04:00:00Z'),
  });
  const third = await buildPatent({
    ...own,
    strategicIndustries: ['5'],
    registeredAt: new Date('2026-03-20T04:00:00Z'),
  });
  ids.third = third._id.toHexString();
  // The expert's 5 stars, then the two enterprises' 企业自评 (2 and 4 stars) of the first patent.
  await ok(await expert.request(paths(ids.first).mine, { method: 'PUT', json: { stars: 5, advice } }));
  await ok(
    await admin.request(paths(ids.first).enterprise, { method: 'POST', json: { stars: 2, opinion: '甲' } }),
    201,
  );
  await ok(
    await b.session.request(paths(ids.first).enterprise, {
      method: 'POST',
      json: { stars: 4, opinion: '乙' },
    }),
    201,
  );
  // Another institution's patent, pushed and evaluated: none of it is this institution's.
  const foreign = await pushedPatent(a.user.enterpriseId!, { institutionName: other.name });
  await ok(
    await admin.request(paths(foreign).enterprise, { method: 'POST', json: { stars: 1, opinion: '丙' } }),
    201,
  );
  // Intents: one open (待查看), one withdrawn before it was read (the inbox never shows it).
  await ok(await admin.request('/api/intents', { method: 'POST', json: intentBody(ids.third) }), 201);
  const gone = await ok(
    await b.session.request('/api/intents', { method: 'POST', json: intentBody(ids.second) }),
    201,
  );
  await ok(await b.session.request(`/api/intents/${gone.id}/withdraw`, { method: 'POST' }));
  await reindexPatents(app.deps.es, app.deps.config.ES_INDEX_PREFIX);
}, 120_000);
afterAll(() => app.close());

describe('数据看板 (GET /api/university/dashboard)', () => {
  it('counts the institution’s patents, pushes, official evaluations and intents', async () => {
    const res = await university.request('/api/university/dashboard');
    const body = (await ok(res)) as unknown as Dashboard;
    expect(body.institutionId).toBe(ids.institution);
    expect(body.institutionName).toBe('数据看板测试大学');
    expect(body.figures).toEqual({
      registered: 3,
      pushed: { patents: 2, enterprises: 2 },
      evaluated: { evaluations: 2, patents: 1, meanStars: 3, starCounts: [0, 1, 0, 1, 0] },
      intents: {
        total: 1,
        byState: [
          { state: 'pending', count: 1 },
          { state: 'viewed', count: 0 },
          { state: 'negotiating', count: 0 },
          { state: 'declined', count: 0 },
          { state: 'agreed', count: 0 },
          { state: 'closed', count: 0 },
        ],
      },
    });
    expect(JSON.stringify(body)).not.toContain(advice);
  });

  it('splits by 战略性新兴产业 category and by month', async () => {
    const body = (await ok(await university.request('/api/university/dashboard'))) as unknown as Dashboard;
    expect(body.byIndustry).toEqual([
      { code: '5', name: '新能源汽车产业', registered: 2, pushed: 1, evaluated: 1 },
      { code: '1', name: '新一代信息技术产业', registered: 1, pushed: 1, evaluated: 0 },
    ]);
    const months = new Map(body.byMonth.map((row) => [row.month, row]));
    expect(body.byMonth[0]!.month).toBe('2026-01');
    expect(months.get('2026-01')).toMatchObject({ registered: 1 });
    expect(months.get('2026-02')).toEqual({
      month: '2026-02',
      registered: 0,
      pushed: 0,
      evaluated: 0,
      intents: 0,
    });
    expect(months.get('2026-03')).toMatchObject({ registered: 2 });
    // Pushed today: three 评价库 entries; two official evaluations; the one intent the inbox shows.
    expect(months.get(thisMonth)).toMatchObject({ pushed: 3, evaluated: 2, intents: 1 });
  });

  it('is the university’s own: enterprise users, experts and the operator are refused', async () => {
    for (const session of [admin, expert, operator]) {
      const res = await session.request('/api/university/dashboard');
      expect(res.status).toBe(403);
      expect(JSON.stringify(res.body)).not.toContain(ids.institution);
    }
  });
});

describe('the operator’s 高校院所 figures (GET /api/operator/institution-figures)', () => {
  it('gives each institution of the page its own figures', async () => {
    const res = await operator.request('/api/operator/institution-figures?q=看板测试');
    const page = (await ok(res)) as unknown as InstitutionFiguresPage;
    expect(page.total).toBe(2);
    const mine = page.items.find((row) => row.id === ids.institution)!;
    const theirs = page.items.find((row) => row.id === ids.other)!;
    expect(mine.figures).toMatchObject({
      registered: 3,
      pushed: { patents: 2, enterprises: 2 },
      evaluated: { evaluations: 2, meanStars: 3 },
      intents: { total: 1 },
    });
    expect(theirs.figures).toMatchObject({
      registered: 1,
      pushed: { patents: 1, enterprises: 1 },
      evaluated: { evaluations: 1, meanStars: 1, starCounts: [1, 0, 0, 0, 0] },
      intents: { total: 0 },
    });
  });

  it('is the operator’s only', async () => {
    for (const session of [university, admin, expert]) {
      expect((await session.request('/api/operator/institution-figures')).status).toBe(403);
    }
  });
});
