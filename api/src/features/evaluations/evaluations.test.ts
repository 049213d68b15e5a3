import type { EnterpriseEvaluation, EvaluationPanel, ExpertEvaluation } from '@panhuo/domain/evaluations/dto';
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestSession } from '../../../test/auth-helpers';
import { startTestApp } from '../../../test/test-app';
import type { TestApp } from '../../../test/test-app';
import { EnterpriseEvaluationModel } from './enterprise-evaluation-model';
import { evaluationEnterprise, paths, pushedPatent } from './fixtures';
import { EvaluationReviewModel, EvaluationSlotModel, ExpertEvaluationModel } from './model';

let app: TestApp;
let admin: TestSession;
let expert: TestSession;
let enterpriseId: string;

beforeAll(async () => {
  app = await startTestApp('evaluations');
  const world = await evaluationEnterprise(app);
  admin = world.admin;
  expert = world.expert.session;
  enterpriseId = world.enterpriseId;
}, 60_000);
afterAll(() => app.close());

const rate = (patentId: string, stars: unknown, advice: unknown = '技术路线清晰，可小试验证') =>
  expert.request(paths(patentId).mine, { method: 'PUT', json: { stars, advice } });
const panelOf = async (session: TestSession, patentId: string) => {
  const res = await session.request(paths(patentId).panel);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as EvaluationPanel;
};

describe('专家 我要评价', () => {
  it('stores one evaluation per expert and patent, revised in place, 待审核 after each change', async () => {
    const patentId = await pushedPatent(enterpriseId);
    const first = await rate(patentId, 3, '有一定潜力');
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    const created = first.body as ExpertEvaluation;
    expect(created).toMatchObject({ stars: 3, advice: '有一定潜力', state: 'pending', expertName: '李专家' });

    const second = await rate(patentId, 5, '  可直接用于产线\r\n建议尽快对接  ');
    expect(second.status).toBe(200);
    const revised = second.body as ExpertEvaluation;
    expect(revised.id).toBe(created.id);
    expect(revised).toMatchObject({ stars: 5, advice: '可直接用于产线\n建议尽快对接' });
    expect(revised.revision).toBeGreaterThan(created.revision);
    expect(revised.submittedAt).toBe(created.submittedAt);
    expect(await ExpertEvaluationModel.countDocuments({ patentId: new Types.ObjectId(patentId) })).toBe(1);

    const mine = await panelOf(expert, patentId);
    expect(mine.mine).toMatchObject({ id: created.id, stars: 5 });
    expect(mine.expertEvaluations).toEqual([]);
    expect(mine.abilities).toEqual({ rate: true, review: false, submitEnterprise: false });

    const adminPanel = await panelOf(admin, patentId);
    expect(adminPanel.expertEvaluations.map((e) => [e.expertName, e.stars, e.advice])).toEqual([
      ['李专家', 5, '可直接用于产线\n建议尽快对接'],
    ]);
    expect(adminPanel.summary).toEqual({ count: 1, mean: 5, distribution: [0, 0, 0, 0, 1] });
    expect(adminPanel.abilities).toEqual({ rate: false, review: true, submitEnterprise: true });
  });

  it('refuses an enterprise admin (他提交企业自评) and a patent not pushed to the enterprise, storing nothing', async () => {
    const patentId = await pushedPatent(enterpriseId);
    const byAdmin = await admin.request(paths(patentId).mine, {
      method: 'PUT',
      json: { stars: 4, advice: '好' },
    });
    expect(byAdmin.status).toBe(403);
    expect(byAdmin.body).toMatchObject({ error: 'forbidden' });

    const elsewhere = await pushedPatent(new Types.ObjectId().toHexString());
    const notPushed = await rate(elsewhere, 4);
    expect(notPushed.status).toBe(404);
    expect(notPushed.body).toMatchObject({ error: 'not_found' });
    const missing = await rate(new Types.ObjectId().toHexString(), 4);
    expect(missing.body).toEqual(notPushed.body);
    expect(
      await EvaluationSlotModel.countDocuments({
        patentId: { $in: [patentId, elsewhere].map((id) => new Types.ObjectId(id)) },
      }),
    ).toBe(0);
  });
});

describe('专家评价审核', () => {
  it('returns with a comment, lets the expert revise (待审核 again), approves; the history is kept', async () => {
    const patentId = await pushedPatent(enterpriseId);
    const first = (await rate(patentId, 2, '潜在价值低')).body as ExpertEvaluation;
    const review = (body: unknown) =>
      admin.request(`/api/expert-evaluations/${first.id}/review`, { method: 'POST', json: body });

    const noComment = await review({ decision: 'return', comment: '', revision: first.revision });
    expect(noComment.status).toBe(400);
    expect(noComment.body).toMatchObject({
      fieldErrors: [{ path: 'body.comment', message: '退回时请填写审核意见' }],
    });

    const returned = await review({
      decision: 'return',
      comment: '请补充产业化依据',
      revision: first.revision,
    });
    expect(returned.status, JSON.stringify(returned.body)).toBe(200);
    expect(returned.body).toMatchObject({
      state: 'returned',
      reviews: [{ decision: 'return', comment: '请补充产业化依据' }],
    });
    const again = await review({ decision: 'approve', comment: '', revision: first.revision });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: 'evaluation_already_reviewed' });

    const revised = (await rate(patentId, 3, '已补充：中试线可用')).body as ExpertEvaluation;
    expect(revised.state).toBe('pending');
    const stale = await review({ decision: 'approve', comment: '', revision: first.revision });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ error: 'conflict' });

    const approved = await review({ decision: 'approve', comment: '', revision: revised.revision });
    expect(approved.status).toBe(200);
    const body = approved.body as ExpertEvaluation;
    expect(body.state).toBe('approved');
    expect(body.reviews.map((r) => [r.decision, r.revision])).toEqual([
      ['return', first.revision],
      ['approve', revised.revision],
    ]);
    const list = await admin.request(`/api/expert-evaluations?patentId=${patentId}`);
    expect(list.body).toMatchObject({ total: 1, items: [{ id: first.id, state: 'approved', stars: 3 }] });
  });

  it("hides another enterprise's evaluation (404), and stores no review", async () => {
    const patentId = await pushedPatent(enterpriseId);
    const mine = (await rate(patentId, 4)).body as ExpertEvaluation;
    const other = await evaluationEnterprise(app);
    const res = await other.admin.request(`/api/expert-evaluations/${mine.id}/review`, {
      method: 'POST',
      json: { decision: 'approve', comment: '', revision: mine.revision },
    });
    expect(res.status).toBe(404);
    expect(await EvaluationReviewModel.countDocuments({ evaluationId: new Types.ObjectId(mine.id) })).toBe(0);
    const panel = await other.admin.request(paths(patentId).panel);
    expect(panel.status).toBe(404);
    expect(JSON.stringify(panel.body)).not.toContain('李专家');
  }, 30_000);
});

describe('企业自评 and the lock', () => {
  it('locks the experts at once: an edit answers 409 evaluation_locked naming who and when, nothing changes', async () => {
    const patentId = await pushedPatent(enterpriseId);
    const before = (await rate(patentId, 4, '具有较高潜在价值')).body as ExpertEvaluation;
    const submitted = await admin.request(paths(patentId).enterprise, {
      method: 'POST',
      json: { stars: 4, opinion: '与本企业产品线契合，建议洽谈许可' },
    });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
    const official = submitted.body as EnterpriseEvaluation;
    expect(official).toMatchObject({
      stars: 4,
      opinion: '与本企业产品线契合，建议洽谈许可',
      submittedByName: '测试用户',
    });

    const slots = await EvaluationSlotModel.countDocuments({ patentId: new Types.ObjectId(patentId) });
    const edit = await rate(patentId, 1, '改主意了');
    expect(edit.status).toBe(409);
    const error = edit.body as { error: string; message: string };
    expect(error.error).toBe('evaluation_locked');
    expect(error.message).toContain('测试用户');
    expect(error.message).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    expect(await EvaluationSlotModel.countDocuments({ patentId: new Types.ObjectId(patentId) })).toBe(slots);

    const panel = await panelOf(expert, patentId);
    expect(panel.lock).toEqual({ byName: '测试用户', at: official.submittedAt });
    expect(panel.mine).toMatchObject({ stars: 4, advice: '具有较高潜在价值', revision: before.revision });
    expect(panel.enterpriseEvaluation).toMatchObject({ stars: 4 });
    expect(panel.abilities.rate).toBe(false);

    const second = await admin.request(paths(patentId).enterprise, {
      method: 'POST',
      json: { stars: 2, opinion: '再评一次' },
    });
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ error: 'enterprise_evaluation_exists' });
    expect(
      await EnterpriseEvaluationModel.find({ patentId: new Types.ObjectId(patentId) }).lean(),
    ).toMatchObject([{ stars: 4, opinion: '与本企业产品线契合，建议洽谈许可' }]);
  });

  it('may be submitted with no expert evaluation, and the expert then cannot start one', async () => {
    const patentId = await pushedPatent(enterpriseId);
    const submitted = await admin.request(paths(patentId).enterprise, {
      method: 'POST',
      json: { stars: 1, opinion: '无潜在价值' },
    });
    expect(submitted.status).toBe(201);
    const first = await rate(patentId, 5);
    expect(first.status).toBe(409);
    expect(first.body).toMatchObject({ error: 'evaluation_locked' });
    expect(await ExpertEvaluationModel.countDocuments({ patentId: new Types.ObjectId(patentId) })).toBe(0);
    const panel = await panelOf(admin, patentId);
    expect(panel.summary).toEqual({ count: 0, mean: null, distribution: [0, 0, 0, 0, 0] });
    expect(panel.abilities.submitEnterprise).toBe(false);
  });
});
