import { ensurePatentIndex } from '@panhuo/indexer/patent-index';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReceivedEvaluationList } from '@panhuo/domain/university/received-evaluations';
import { signIn } from '../../../test/auth-helpers';
import type { TestSession } from '../../../test/auth-helpers';
import { buildInstitution } from '../../../test/factories';
import { startTestApp } from '../../../test/test-app';
import type { TestApp } from '../../../test/test-app';
import { approvedExpert, paths, pushedPatent, pushTo } from '../evaluations/fixtures';

// 企业评价: what the institution reads of the official evaluations of its patents, with its filters, the
// 已撤回 mark, and the rule that an expert's stars and advice never reach it.

const expertName = '看不见的专家丙';
const advice = '专家内部建议ZQ41仅限企业';
let app: TestApp;
let university: TestSession;
let otherUniversity: TestSession;
const world: Record<string, string> = {};
const sessions: Record<string, TestSession> = {};

async function submit(admin: TestSession, patentId: string, stars: number, opinion: string) {
  const res = await admin.request(paths(patentId).enterprise, { method: 'POST', json: { stars, opinion } });
  if (res.status !== 201) throw new Error(`企业自评 answered ${res.status}: ${JSON.stringify(res.body)}`);
  return (res.body as { id: string }).id;
}

beforeAll(async () => {
  app = await startTestApp('h16c_university_evaluations');
  await ensurePatentIndex(app.deps.es, app.deps.config.ES_INDEX_PREFIX);
  const institution = await buildInstitution({ name: '企业评价测试大学' });
  const institutionId = institution._id.toHexString();
  university = (await signIn(app, { role: 'university', institutionId })).session;
  otherUniversity = (await signIn(app, { role: 'university' })).session;

  const a = await signIn(app, { role: 'enterprise_admin' });
  const b = await signIn(app, { role: 'enterprise_admin' });
  const expert = await approvedExpert(app, a.session, { name: expertName });
  const first = await pushedPatent(a.user.enterpriseId!, { institutionName: institution.name });
  const second = await pushedPatent(b.user.enterpriseId!, { institutionName: institution.name });
  await pushTo(first, b.user.enterpriseId!);
  // The expert rates 5 stars first; the admin's 企业自评 is 2 stars. Only the 2 may reach the university.
  const rated = await expert.session.request(paths(first).mine, {
    method: 'PUT',
    json: { stars: 5, advice },
  });
  expect(rated.status).toBe(200);
  world.expertEvaluation = (rated.body as { id: string }).id;
  world.aFirst = await submit(a.session, first, 2, '企业甲的正式评价');
  world.bFirst = await submit(b.session, first, 4, '企业乙的正式评价');
  world.bSecond = await submit(b.session, second, 4, '企业乙对第二件的评价');
  Object.assign(world, {
    first,
    second,
    enterpriseA: a.user.enterpriseId!,
    enterpriseB: b.user.enterpriseId!,
    expertId: expert.id,
  });
  Object.assign(sessions, { admin: a.session, expert: expert.session });
  // 撤回 of the second patent by its institution: its evaluation stays readable, marked.
  const withdrawn = await university.request(`/api/university/patents/${second}/withdraw`, {
    method: 'POST',
  });
  expect(withdrawn.status).toBe(200);
}, 120_000);
afterAll(() => app.close());

const list = async (query = '') => {
  const res = await university.request(`/api/university/evaluations${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as ReceivedEvaluationList;
};

describe('企业评价 (GET /api/university/evaluations)', () => {
  it('lists every official evaluation of the institution’s patents, newest first, 已撤回 marked', async () => {
    const page = await list();
    expect(page.total).toBe(3);
    expect(page.items.map((item) => item.id)).toEqual([world.bSecond, world.bFirst, world.aFirst]);
    const bySecond = page.items.find((item) => item.id === world.bSecond)!;
    expect(bySecond).toMatchObject({ patentId: world.second, stars: 4, withdrawn: true });
    expect(page.items.find((item) => item.id === world.aFirst)).toMatchObject({
      patentId: world.first,
      enterpriseId: world.enterpriseA,
      stars: 2,
      opinion: '企业甲的正式评价',
      withdrawn: false,
    });
    expect(page.enterprises.map((e) => e.id).sort()).toEqual([world.enterpriseA, world.enterpriseB].sort());
  });

  it('filters by enterprise, stars, patent and date, and pages', async () => {
    expect((await list(`?enterpriseId=${world.enterpriseA}`)).items.map((i) => i.id)).toEqual([world.aFirst]);
    expect((await list('?stars=4')).items.map((i) => i.id)).toEqual([world.bSecond, world.bFirst]);
    expect((await list('?stars=5')).total).toBe(0);
    expect((await list(`?patentId=${world.second}`)).items.map((i) => i.id)).toEqual([world.bSecond]);
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    expect((await list(`?from=${today}&to=${today}`)).total).toBe(3);
    expect((await list('?to=2020-01-01')).total).toBe(0);
    const second = await list('?size=2&page=2');
    expect(second).toMatchObject({ total: 3, page: 2, size: 2 });
    expect(second.items.map((i) => i.id)).toEqual([world.aFirst]);
  });

  it('never carries an expert’s stars, advice, name or evaluation', async () => {
    const raw = JSON.stringify(await list('?size=100'));
    for (const secret of [advice, expertName, world.expertEvaluation, world.expertId]) {
      expect(raw).not.toContain(secret);
    }
    expect((await list('?stars=5')).items).toEqual([]);
    expect((await list()).items.map((item) => item.stars).sort()).toEqual([2, 4, 4]);
  });

  it('refuses bad filters with field errors', async () => {
    const res = await university.request(
      '/api/university/evaluations?stars=6&enterpriseId=nope&from=2025-13-40',
    );
    expect(res.status).toBe(400);
    const body = res.body as { error: string; fieldErrors: { path: string; message: string }[] };
    expect(body.error).toBe('validation_failed');
    expect(body.fieldErrors.map((f) => f.path).sort()).toEqual([
      'query.enterpriseId',
      'query.from',
      'query.stars',
    ]);
    expect(body.fieldErrors.find((f) => f.path === 'query.stars')?.message).toBe('专利评分最高5星');
  });

  it('shows another institution none of them; enterprise users, experts and the operator are refused', async () => {
    const other = await otherUniversity.request('/api/university/evaluations');
    expect(other.status).toBe(200);
    expect(other.body).toMatchObject({ total: 0, items: [], enterprises: [] });
    const operator = (await signIn(app, { role: 'operator' })).session;
    for (const session of [sessions.admin!, sessions.expert!, operator]) {
      const res = await session.request('/api/university/evaluations');
      expect(res.status).toBe(403);
      expect(JSON.stringify(res.body)).not.toContain(world.aFirst);
    }
  });
});
