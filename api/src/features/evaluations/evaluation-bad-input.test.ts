import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUserStatus } from '../accounts/store';
import { operatorScope } from '../../../test/auth-helpers';
import type { TestSession } from '../../../test/auth-helpers';
import { submittedExpert } from '../../../test/expert-factories';
import { startTestApp } from '../../../test/test-app';
import type { TestApp } from '../../../test/test-app';
import { EnterpriseEvaluationModel } from './enterprise-evaluation-model';
import { approvedExpert, evaluationEnterprise, paths, pushedPatent } from './fixtures';
import { EvaluationReviewModel, EvaluationSlotModel, ExpertEvaluationModel } from './model';

// The bad input: each answer is a 4xx with a stable code (and the field, where there is one),
// and nothing stored changes.

let app: TestApp;
let admin: TestSession;
let expert: TestSession;
let enterpriseId: string;
let patentId: string;
let evaluationId: string;

/** Everything stored about the patent's evaluations, to compare before and after a refused request. */
async function storedState(id = patentId) {
  const patent = new Types.ObjectId(id);
  const strip = (docs: object[]) => JSON.stringify(docs);
  return {
    slots: strip(await EvaluationSlotModel.find({ patentId: patent }).sort({ seq: 1 }).lean()),
    evaluations: strip(await ExpertEvaluationModel.find({ patentId: patent }).lean()),
    reviews: strip(await EvaluationReviewModel.find({ patentId: patent }).lean()),
    official: strip(await EnterpriseEvaluationModel.find({ patentId: patent }).lean()),
  };
}

beforeAll(async () => {
  app = await startTestApp('evaluation_bad_input');
  const world = await evaluationEnterprise(app);
  ({ admin, enterpriseId } = world);
  expert = world.expert.session;
  patentId = await pushedPatent(enterpriseId);
  const rated = await expert.request(paths(patentId).mine, {
    method: 'PUT',
    json: { stars: 3, advice: '原评价' },
  });
  expect(rated.status).toBe(200);
  evaluationId = (rated.body as { id: string }).id;
}, 60_000);
afterAll(() => app.close());

const tooLong = '评'.repeat(1001);

describe('bad input to 我要评价', () => {
  it.each([
    ['stars 0', { stars: 0, advice: '好' }, 'body.stars', '专利评分最低1星'],
    ['stars 6', { stars: 6, advice: '好' }, 'body.stars', '专利评分最高5星'],
    ['stars 4.5', { stars: 4.5, advice: '好' }, 'body.stars', '专利评分应为1至5的整数'],
    ['stars as text', { stars: '4', advice: '好' }, 'body.stars', '专利评分应为1至5的整数'],
    ['no stars', { advice: '好' }, 'body.stars', '请选择专利评分'],
    ['empty advice', { stars: 4, advice: '' }, 'body.advice', '请填写评价建议'],
    ['blank advice', { stars: 4, advice: ' \u200b ' }, 'body.advice', '请填写评价建议'],
    ['oversized advice', { stars: 4, advice: tooLong }, 'body.advice', '评价建议最多1000个字'],
    ['a control character', { stars: 4, advice: '好\u0000' }, 'body.advice', '评价建议不能包含控制字符'],
    ['a bidi override', { stars: 4, advice: '好\u202e' }, 'body.advice', '评价建议不能包含文字方向控制字符'],
  ])('%s: 400 validation_failed on the field, nothing stored', async (_name, json, path, message) => {
    const before = await storedState();
    const res = await expert.request(paths(patentId).mine, { method: 'PUT', json });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: 'validation_failed', fieldErrors: [{ path, message }] });
    expect(await storedState()).toEqual(before);
  });

  it('a malformed patent id: 400 on params.id', async () => {
    const res = await expert.request(paths('not-an-id').mine, {
      method: 'PUT',
      json: { stars: 4, advice: '好' },
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ fieldErrors: [{ path: 'params.id' }] });
  });

  it('an expert not yet approved (待审核): 403 expert_not_approved, nothing stored', async () => {
    const pending = await submittedExpert(app, admin);
    const before = await storedState();
    const res = await pending.session.request(paths(patentId).mine, {
      method: 'PUT',
      json: { stars: 4, advice: '好' },
    });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ error: 'expert_not_approved' });
    expect(await storedState()).toEqual(before);
  }, 30_000);

  it('a frozen expert: the session ends (401 account_frozen), nothing stored', async () => {
    const frozen = await approvedExpert(app, admin);
    await setUserStatus(operatorScope(), frozen.id, 'frozen');
    const before = await storedState();
    const res = await frozen.session.request(paths(patentId).mine, {
      method: 'PUT',
      json: { stars: 4, advice: '好' },
    });
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ error: 'account_frozen' });
    expect(await storedState()).toEqual(before);
  }, 30_000);

  it('an expert of another enterprise: 404, nothing stored', async () => {
    const other = await evaluationEnterprise(app);
    const before = await storedState();
    const res = await other.expert.session.request(paths(patentId).mine, {
      method: 'PUT',
      json: { stars: 4, advice: '好' },
    });
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ error: 'not_found' });
    expect(await storedState()).toEqual(before);
    const review = await other.admin.request(`/api/expert-evaluations/${evaluationId}/review`, {
      method: 'POST',
      json: { decision: 'return', comment: '不合格', revision: 1 },
    });
    expect(review.status).toBe(404);
    expect(await storedState()).toEqual(before);
  }, 30_000);
});

describe('bad input to 专家评价审核 and 企业自评', () => {
  it.each([
    ['an unknown decision', { decision: 'maybe', comment: '', revision: 1 }, 'body.decision'],
    ['no revision', { decision: 'approve', comment: '' }, 'body.revision'],
    ['an oversized comment', { decision: 'return', comment: '评'.repeat(501), revision: 1 }, 'body.comment'],
  ])('review with %s: 400 on the field, nothing stored', async (_name, json, path) => {
    const before = await storedState();
    const res = await admin.request(`/api/expert-evaluations/${evaluationId}/review`, {
      method: 'POST',
      json,
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: 'validation_failed', fieldErrors: [{ path }] });
    expect(await storedState()).toEqual(before);
  });

  it.each([
    ['no stars', { opinion: '好' }, 'body.stars'],
    ['stars 7', { stars: 7, opinion: '好' }, 'body.stars'],
    ['an empty opinion', { stars: 3, opinion: '' }, 'body.opinion'],
    ['no opinion', { stars: 3 }, 'body.opinion'],
    ['an oversized opinion', { stars: 3, opinion: tooLong }, 'body.opinion'],
  ])('企业自评 with %s: 400 on the field, no lock taken', async (_name, json, path) => {
    const before = await storedState();
    const res = await admin.request(paths(patentId).enterprise, { method: 'POST', json });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: 'validation_failed', fieldErrors: [{ path }] });
    expect(await storedState()).toEqual(before);
    // Not locked: the expert may still revise.
    expect((await expert.request(paths(patentId).panel)).body).toMatchObject({ lock: null });
  });

  it('an expert cannot submit the 企业自评 or review (403), nothing stored', async () => {
    const before = await storedState();
    const submit = await expert.request(paths(patentId).enterprise, {
      method: 'POST',
      json: { stars: 3, opinion: '好' },
    });
    expect(submit.status).toBe(403);
    const review = await expert.request(`/api/expert-evaluations/${evaluationId}/review`, {
      method: 'POST',
      json: { decision: 'approve', comment: '', revision: 1 },
    });
    expect(review.status).toBe(403);
    expect(await storedState()).toEqual(before);
  });
});
