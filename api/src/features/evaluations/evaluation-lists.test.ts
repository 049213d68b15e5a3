import { chinaTime } from '@panhuo/domain/china-time';
import type {
  AssignedPatentList,
  EnterpriseEvaluationPage,
  ExpertEvaluation,
  ExpertEvaluationPage,
  ExpertSuggestionList,
} from '@panhuo/domain/evaluations/dto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestSession } from '../../../test/auth-helpers';
import { validExpertInfo } from '../../../test/expert-factories';
import { startTestApp } from '../../../test/test-app';
import type { TestApp } from '../../../test/test-app';
import { matchExpert } from './assignments-service';
import { approvedExpert, evaluationEnterprise, paths, pushedPatent } from './fixtures';

let app: TestApp;
let admin: TestSession;
let enterpriseId: string;
const experts: { id: string; session: TestSession }[] = [];
const patents: string[] = [];
const evaluations: ExpertEvaluation[] = [];

const rate = async (expert: number, patent: number, stars: number) => {
  const res = await experts[expert]!.session.request(paths(patents[patent]!).mine, {
    method: 'PUT',
    json: { stars, advice: `专家${expert}评专利${patent}` },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as ExpertEvaluation;
};

beforeAll(async () => {
  app = await startTestApp('evaluation_lists');
  const world = await evaluationEnterprise(app);
  ({ admin, enterpriseId } = world);
  experts.push({ id: world.expert.id, session: world.expert.session });
  // A second expert working on information networks: no field of his matches the battery patents.
  const other = await approvedExpert(app, admin, {
    name: '赵专家',
    info: { ...validExpertInfo, strategicIndustries: ['1.1'], economicIndustries: ['01'] },
  });
  experts.push({ id: other.id, session: other.session });
  for (let i = 0; i < 3; i++) patents.push(await pushedPatent(enterpriseId, { title: `电池专利${i}` }));
  evaluations.push(await rate(0, 0, 5), await rate(0, 1, 3), await rate(1, 0, 2), await rate(1, 2, 3));
  const review = (evaluation: ExpertEvaluation, decision: string, comment = '') =>
    admin.request(`/api/expert-evaluations/${evaluation.id}/review`, {
      method: 'POST',
      json: { decision, comment, revision: evaluation.revision },
    });
  expect((await review(evaluations[0]!, 'approve')).status).toBe(200);
  expect((await review(evaluations[2]!, 'return', '理由不充分')).status).toBe(200);
  const official = await admin.request(paths(patents[0]!).enterprise, {
    method: 'POST',
    json: { stars: 4, opinion: '企业认为值得转化' },
  });
  expect(official.status).toBe(201);
}, 90_000);
afterAll(() => app.close());

const list = async (query: string) => {
  const res = await admin.request(`/api/expert-evaluations${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as ExpertEvaluationPage;
};

describe('专利评价管理', () => {
  it('lists every expert evaluation of the enterprise, newest change first, with patent, state and buttons', async () => {
    const page = await list('');
    expect(page.total).toBe(4);
    expect(page.items.map((row) => row.id)).toEqual([...evaluations].reverse().map((e) => e.id));
    const first = page.items.find((row) => row.id === evaluations[0]!.id)!;
    expect(first).toMatchObject({ patentTitle: '电池专利0', state: 'approved', locked: true });
    expect(first.abilities).toEqual({ review: false, submitEnterprise: false });
    const pending = page.items.find((row) => row.id === evaluations[1]!.id)!;
    expect(pending.abilities).toEqual({ review: true, submitEnterprise: true });
    const returned = page.items.find((row) => row.id === evaluations[2]!.id)!;
    expect(returned.reviews).toMatchObject([{ decision: 'return', comment: '理由不充分' }]);
  });

  it('filters by expert, state, stars and date, and pages', async () => {
    expect((await list(`?expertId=${experts[1]!.id}`)).items.map((r) => r.id)).toEqual([
      evaluations[3]!.id,
      evaluations[2]!.id,
    ]);
    expect((await list('?state=pending')).items.map((r) => r.id)).toEqual([
      evaluations[3]!.id,
      evaluations[1]!.id,
    ]);
    expect((await list('?state=returned')).items.map((r) => r.id)).toEqual([evaluations[2]!.id]);
    expect((await list('?stars=3')).total).toBe(2);
    expect((await list('?stars=3&state=pending&expertId=' + experts[0]!.id)).items.map((r) => r.id)).toEqual([
      evaluations[1]!.id,
    ]);
    const today = chinaTime(new Date().toISOString()).slice(0, 10);
    expect((await list(`?from=${today}&to=${today}`)).total).toBe(4);
    expect((await list('?to=2000-01-01')).total).toBe(0);
    expect((await list('?q=赵专家')).total).toBe(2);
    const second = await list('?size=3&page=2');
    expect(second).toMatchObject({ total: 4, page: 2, size: 3 });
    expect(second.items.map((r) => r.id)).toEqual([evaluations[0]!.id]);
  });

  it.each([
    ['?state=done', 'query.state'],
    ['?stars=9', 'query.stars'],
    ['?from=2024-13-45', 'query.from'],
    ['?expertId=zzz', 'query.expertId'],
    ['?size=1000', 'query.size'],
  ])('refuses %s with a field error', async (query, path) => {
    const res = await admin.request(`/api/expert-evaluations${query}`);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: 'validation_failed', fieldErrors: [{ path }] });
  });

  it('lists the enterprise’s own 企业自评 with their dates', async () => {
    const res = await admin.request('/api/enterprise-evaluations');
    expect(res.status).toBe(200);
    const page = res.body as EnterpriseEvaluationPage;
    expect(page.items).toMatchObject([{ patentId: patents[0], stars: 4, opinion: '企业认为值得转化' }]);
    expect(Date.parse(page.items[0]!.submittedAt)).toBeGreaterThan(Date.now() - 120_000);
    expect(
      (
        (await admin.request(`/api/enterprise-evaluations?patentId=${patents[1]}`))
          .body as EnterpriseEvaluationPage
      ).total,
    ).toBe(0);
  });

  it('refuses an expert (403)', async () => {
    expect((await experts[0]!.session.request('/api/expert-evaluations')).status).toBe(403);
  });
});

describe('建议评价专家 and 指派给我', () => {
  it('scores a research field named on the patent above one derived from its IPC, and unrelated ones at 0', () => {
    const patent = {
      strategicIndustries: ['5', '5.2'],
      economicIndustries: ['C', '38'],
      ipcMain: 'H01M 4/36',
      ipcCodes: [],
    };
    const named = matchExpert(patent, { strategicIndustries: ['5.2'], economicIndustries: ['38'] });
    const related = matchExpert(patent, { strategicIndustries: ['5.1'], economicIndustries: [] });
    const none = matchExpert(patent, { strategicIndustries: ['1.1'], economicIndustries: ['01'] });
    expect(named.score).toBeGreaterThan(related.score);
    expect(related.score).toBeGreaterThan(0);
    expect(none).toEqual({ score: 0, matchedFields: [] });
    expect(named.matchedFields).toHaveLength(2);
  });

  it('ranks the matching expert first, assigns, and shows the assignment to the expert', async () => {
    const patentId = patents[2]!;
    const suggested = (await admin.request(paths(patentId).suggestions)).body as ExpertSuggestionList;
    expect(suggested.items.map((s) => s.expertId)).toEqual([experts[0]!.id, experts[1]!.id]);
    expect(suggested.items[0]!.score).toBeGreaterThan(suggested.items[1]!.score);
    expect(suggested.items[1]).toMatchObject({ evaluated: true, assigned: false });

    const assigned = await admin.request(paths(patentId).assignments, {
      method: 'PUT',
      json: { expertIds: [experts[0]!.id] },
    });
    expect(assigned.status).toBe(200);
    expect((assigned.body as ExpertSuggestionList).items[0]).toMatchObject({ assigned: true });
    const mine = (await experts[0]!.session.request('/api/me/evaluation-assignments'))
      .body as AssignedPatentList;
    expect(mine.items).toMatchObject([
      { patentId, patentTitle: '电池专利2', evaluated: false, locked: false },
    ]);
    const panel = await experts[0]!.session.request(paths(patentId).panel);
    expect(panel.body).toMatchObject({ assignedToMe: true });
    expect(
      ((await experts[1]!.session.request('/api/me/evaluation-assignments')).body as AssignedPatentList)
        .items,
    ).toEqual([]);

    // Replacing the list withdraws the first expert's assignment.
    await admin.request(paths(patentId).assignments, {
      method: 'PUT',
      json: { expertIds: [experts[1]!.id] },
    });
    expect(
      ((await experts[0]!.session.request('/api/me/evaluation-assignments')).body as AssignedPatentList)
        .items,
    ).toEqual([]);
  });

  it('refuses to assign someone who is not an approved expert of the enterprise, changing nothing', async () => {
    const patentId = patents[1]!;
    const res = await admin.request(paths(patentId).assignments, {
      method: 'PUT',
      json: { expertIds: [experts[0]!.id, enterpriseId] },
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ fieldErrors: [{ path: 'body.expertIds.1' }] });
    const suggested = (await admin.request(paths(patentId).suggestions)).body as ExpertSuggestionList;
    expect(suggested.items.every((s) => !s.assigned)).toBe(true);
  });
});
