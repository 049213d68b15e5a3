import { setTimeout as sleep } from 'node:timers/promises';
import type { EvaluationPanel } from '@panhuo/domain/evaluations/dto';
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, TestSession } from '../../../test/auth-helpers';
import { startTestApp } from '../../../test/test-app';
import type { TestApp } from '../../../test/test-app';
import { approvedExpert, evaluationEnterprise, paths, pushedPatent } from './fixtures';
import { EvaluationSlotModel } from './model';
import type { EvaluationSlotDoc } from './model';

// The race: an expert's request racing the admin's 企业自评 either lands before it (and is shown
// with it) or is refused with evaluation_locked, never half. Real HTTP requests against the real FerretDB,
// whose conditional updates of one document are not atomic: the invariant must come from the unique index.

const ROUNDS = 40;

let app: TestApp;
let admin: TestSession;
let enterpriseId: string;
const experts: { id: string; session: TestSession }[] = [];

beforeAll(async () => {
  app = await startTestApp('evaluation_race');
  const world = await evaluationEnterprise(app);
  admin = world.admin;
  enterpriseId = world.enterpriseId;
  experts.push({ id: world.expert.id, session: world.expert.session });
  const second = await approvedExpert(app, admin);
  experts.push({ id: second.id, session: second.session });
}, 60_000);
afterAll(() => app.close());

describe('an expert racing the 企业自评', () => {
  it(`lands before the lock and is shown with it, or is refused and leaves nothing (${ROUNDS} rounds)`, async () => {
    const outcomes = { landed: 0, refused: 0 };
    for (let round = 0; round < ROUNDS; round++) {
      const patentId = await pushedPatent(enterpriseId);
      // Odd rounds: the first expert revises an evaluation he made earlier; even rounds: a first rating.
      if (round % 2 === 1) {
        const earlier = await experts[0]!.session.request(paths(patentId).mine, {
          method: 'PUT',
          json: { stars: 2, advice: '早先的评价' },
        });
        expect(earlier.status).toBe(200);
      }
      // Spread the experts' start over the admin's submission, so some land before it and some after.
      // Negative offsets start the admin later, positive ones the experts.
      const offset = ((round % 9) - 5) * 4;
      const advice = (expert: number) => `第${round}轮专家${expert}`;
      const [submitted, ...rated] = await Promise.all([
        sleep(Math.max(0, -offset)).then(() =>
          admin.request(paths(patentId).enterprise, {
            method: 'POST',
            json: { stars: 3, opinion: `第${round}轮企业自评` },
          }),
        ),
        ...experts.map(async (expert, i) => {
          await sleep(Math.max(0, offset) + i * 2);
          return expert.session.request(paths(patentId).mine, {
            method: 'PUT',
            json: { stars: 5, advice: advice(i) },
          });
        }),
      ]);
      expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);

      const slots = await EvaluationSlotModel.find({ patentId: new Types.ObjectId(patentId) }).lean<
        EvaluationSlotDoc[]
      >();
      const locks = slots.filter((slot) => slot.kind === 'lock');
      expect(locks, `round ${round}: one lock`).toHaveLength(1);
      const lockSeq = locks[0]!.seq;
      // No expert write is ordered after the lock, whatever its answer was.
      expect(
        slots.filter((s) => s.kind === 'expert' && s.seq > lockSeq),
        `round ${round}`,
      ).toEqual([]);

      const panelRes = await admin.request(paths(patentId).panel);
      const panel = panelRes.body as EvaluationPanel;
      expect(panel.enterpriseEvaluation?.opinion).toBe(`第${round}轮企业自评`);
      for (const [i, res] of rated.entries()) {
        const shown = panel.expertEvaluations.find((e) => e.expertId === experts[i]!.id);
        const stored = slots.filter(
          (s) => s.actorId.toHexString() === experts[i]!.id && s.advice === advice(i),
        );
        if (res.status === 200) {
          outcomes.landed += 1;
          expect(shown, `round ${round} expert ${i}: landed, so shown with the 企业自评`).toMatchObject({
            stars: 5,
            advice: advice(i),
          });
          expect(stored).toHaveLength(1);
          expect(stored[0]!.seq).toBeLessThan(lockSeq);
        } else {
          outcomes.refused += 1;
          expect(res.status, `round ${round} expert ${i}: ${JSON.stringify(res.body)}`).toBe(409);
          expect(res.body).toMatchObject({ error: 'evaluation_locked' });
          expect(stored, `round ${round} expert ${i}: refused, so nothing of it stored`).toEqual([]);
          if (i === 0 && round % 2 === 1) expect(shown).toMatchObject({ stars: 2, advice: '早先的评价' });
          else expect(shown).toBeUndefined();
        }
      }
    }
    // The spread of start times must have produced both outcomes, or the race was not exercised.
    expect(outcomes.landed, JSON.stringify(outcomes)).toBeGreaterThan(0);
    expect(outcomes.refused, JSON.stringify(outcomes)).toBeGreaterThan(0);
  }, 180_000);

  it('lets exactly one of two admins submitting at once store the 企业自评', async () => {
    const other = await createTestUser({ role: 'enterprise_admin', enterpriseId });
    const second = new TestSession(app);
    expect((await second.login(other.account, other.password)).status).toBe(200);
    for (let round = 0; round < 10; round++) {
      const patentId = await pushedPatent(enterpriseId);
      const answers = await Promise.all(
        [admin, second].map((session, i) =>
          session.request(paths(patentId).enterprise, {
            method: 'POST',
            json: { stars: i + 1, opinion: `管理员${i}` },
          }),
        ),
      );
      expect(answers.map((a) => a.status).sort(), JSON.stringify(answers.map((a) => a.body))).toEqual([
        201, 409,
      ]);
      const loser = answers.find((a) => a.status === 409)!;
      expect(loser.body).toMatchObject({ error: 'enterprise_evaluation_exists' });
    }
  }, 60_000);
});
