import mongoose from 'mongoose';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../test/test-database';
import { EnterpriseModel } from '../features/accounts/model';
import { EnterpriseEvaluationModel } from '../features/evaluations/enterprise-evaluation-model';
import {
  EvaluationAssignmentModel,
  EvaluationReviewModel,
  EvaluationSlotModel,
  ExpertEvaluationModel,
} from '../features/evaluations/model';
import type { EvaluationReviewDoc, EvaluationSlotDoc } from '../features/evaluations/model';
import { deriveEvaluations } from '../features/evaluations/presenter';
import { PatentModel } from '../features/patents/model';
import { seedDemoAccounts } from './accounts';
import { demoUniversities } from './demo-accounts-data';
import { seedDemoEvaluations } from './demo-evaluations';
import { institutionIdFor } from './generate-patents';
import { seedPatents } from './seed-store';

useTestDatabase('seed_evaluations');

async function counts(): Promise<Record<string, number>> {
  const names = [
    'evaluation_slots',
    'expert_evaluations',
    'expert_evaluation_reviews',
    'enterprise_evaluations',
    'evaluation_assignments',
  ];
  const db = mongoose.connection.db!;
  return Object.fromEntries(
    await Promise.all(names.map(async (name) => [name, await db.collection(name).countDocuments()])),
  );
}

describe('seedDemoEvaluations', () => {
  it('fills each demo enterprise’s 评价库 with evaluations in every state, and a second run adds nothing', async () => {
    await seedPatents({ count: 240, seed: 42 });
    await seedDemoAccounts();
    const first = await seedDemoEvaluations();
    expect(first.pushed).toBe(36);

    const universities = new Set(demoUniversities.map((u) => institutionIdFor(u.institution).toHexString()));
    for (const enterprise of await EnterpriseModel.find({}, { name: 1 }).lean()) {
      const key = { enterpriseId: enterprise._id };
      const pushed = await PatentModel.find({ 'pushes.enterpriseId': enterprise._id }, { _id: 1 }).lean();
      expect(pushed, enterprise.name).toHaveLength(12);
      const evaluations = await ExpertEvaluationModel.find(key).lean();
      expect(new Set(evaluations.map((e) => e.state)), enterprise.name).toEqual(
        new Set(['pending', 'approved', 'returned']),
      );
      expect(evaluations.some((e) => e.revision === 2 && e.state === 'pending')).toBe(true);
      const official = await EnterpriseEvaluationModel.find(key).lean();
      expect(official).toHaveLength(2);
      for (const doc of official) expect(universities.has(doc.institutionId.toHexString())).toBe(true);
      expect(await EvaluationAssignmentModel.countDocuments(key)).toBe(1);
      // The projections say what the slots and reviews say (what the API's panel derives).
      for (const evaluation of evaluations) {
        const slots = await EvaluationSlotModel.find({ ...key, patentId: evaluation.patentId }).lean<
          EvaluationSlotDoc[]
        >();
        const reviews = await EvaluationReviewModel.find({ ...key, patentId: evaluation.patentId }).lean<
          EvaluationReviewDoc[]
        >();
        const derived = deriveEvaluations(
          slots.sort((a, b) => a.seq - b.seq),
          reviews,
        );
        expect(derived.get(evaluation.expertId.toHexString())).toMatchObject({
          stars: evaluation.stars,
          revision: evaluation.revision,
          state: evaluation.state,
        });
      }
    }

    const before = await counts();
    expect(await seedDemoEvaluations()).toEqual({ pushed: 0, evaluatedPatents: 0 });
    expect(await counts()).toEqual(before);
  }, 120_000);
});
