import type { ExpertEvaluationState, ReviewOutcome } from '@panhuo/domain/evaluations/state';
import { Types } from 'mongoose';
import { EnterpriseModel, UserModel } from '../features/accounts/model';
import { EnterpriseEvaluationModel } from '../features/evaluations/enterprise-evaluation-model';
import {
  EvaluationAssignmentModel,
  EvaluationReviewModel,
  EvaluationSlotModel,
  ExpertEvaluationModel,
} from '../features/evaluations/model';
import { emitPatentChanges } from '../features/outbox/model';
import { PatentModel } from '../features/patents/model';
import type { PatentDoc } from '../features/patents/model';
import { demoEnterprises, demoUniversities } from './demo-accounts-data';
import { institutionIdFor, patentIdFor } from './generate-patents';

/**
 * Demo data of the evaluation workflow, so a new user sees a lived-in 专利转化评价库 and 专利评价管理:
 * each demo enterprise's 评价库 holds twelve seeded patents (pushed here by hand, as the push feature's
 * 推送 would), and its approved expert's evaluations are in every state — 待审核, 已通过, 已退回, revised
 * after 退回 — beside a locked patent with both kinds of evaluation, a 企业自评 without expert evaluations
 * (both of patents of the demo universities, which receive them), an assignment (指派给我) and patents
 * not yet evaluated. Written through the evaluation models in the order the API writes them (slots, then
 * projection, reviews, 企业自评); a patent that already has evaluation slots is left as it is, so the seed
 * is idempotent and never undoes what someone did in the demo.
 */

const SEED = 42;
/** Seeded patents looked at to pick each enterprise's twelve (the demo universities' ones are preferred). */
const CANDIDATES = 240;
const PER_ENTERPRISE = 12;

type Plan =
  | { kind: 'expert'; revisions: { stars: number; advice: string }[]; reviews: (ReviewOutcome | null)[] }
  | { kind: 'expert+official'; stars: number; advice: string; official: { stars: number; opinion: string } }
  | { kind: 'official'; official: { stars: number; opinion: string } }
  | { kind: 'assigned' }
  | { kind: 'none' };

/** What happens to the enterprise's patents, in order; the first two `official` ones go to universities. */
const plans: Plan[] = [
  {
    kind: 'expert',
    revisions: [{ stars: 4, advice: '技术路线清晰，中试数据较完整，建议进一步评估与现有产线的兼容性。' }],
    reviews: [null],
  },
  {
    kind: 'expert',
    revisions: [{ stars: 5, advice: '技术成熟度高，核心指标优于现有方案，可直接导入量产验证。' }],
    reviews: ['approve'],
  },
  { kind: 'expert', revisions: [{ stars: 2, advice: '实施例偏少。' }], reviews: ['return'] },
  {
    kind: 'expert',
    revisions: [
      { stars: 3, advice: '有一定应用潜力。' },
      {
        stars: 3,
        advice: '有一定应用潜力：实验室样品性能达标，但放大工艺未验证，建议先小批量试制再决定是否许可。',
      },
    ],
    reviews: ['return', null],
  },
  {
    kind: 'expert+official',
    stars: 4,
    advice: '与我司主营产品高度相关，专利权利要求保护范围较宽，建议洽谈独占许可。',
    official: {
      stars: 4,
      opinion: '该专利与本企业产品线契合度高，具有较高的潜在价值和产业化前景，拟与权利人洽谈许可合作。',
    },
  },
  {
    kind: 'official',
    official: {
      stars: 2,
      opinion: '该专利技术方向与本企业当前需求关联度较低，产业化前景尚不明朗，暂不开展合作。',
    },
  },
  { kind: 'assigned' },
  ...Array.from({ length: PER_ENTERPRISE - 7 }, () => ({ kind: 'none' }) as const),
];

const returnComment = '请结合本企业产线情况补充评价依据，说明产业化的主要障碍。';
const day = 86_400_000;

/** The seeded patents looked at, read by `_id` (the demo seed's ids are known). */
async function candidatePatents(): Promise<PatentDoc[]> {
  const found: PatentDoc[] = [];
  for (let start = 0; start < CANDIDATES; start += 40) {
    const batch = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        PatentModel.findById(patentIdFor(SEED, start + i)).lean<PatentDoc>(),
      ),
    );
    found.push(...batch.filter((patent): patent is PatentDoc => patent !== null));
  }
  return found;
}

/**
 * The twelve patents of enterprise `n`, distinct: university patents where the plan releases a 企业自评,
 * the others from the rest (or from anything left when a pool runs short).
 */
function patentsFor(n: number, university: PatentDoc[], others: PatentDoc[]): PatentDoc[] {
  const picked = new Set<string>();
  const take = (pool: PatentDoc[], from: number) => {
    for (let i = 0; i < pool.length; i++) {
      const patent = pool[(from + i) % pool.length]!;
      if (!picked.has(patent._id.toHexString())) {
        picked.add(patent._id.toHexString());
        return patent;
      }
    }
    return undefined;
  };
  return plans.flatMap((plan, i) => {
    const official = plan.kind === 'official' || plan.kind === 'expert+official';
    const patent =
      (official ? take(university, n * 2) : undefined) ??
      take(others, n * PER_ENTERPRISE + i) ??
      take(university, 0);
    return patent ? [patent] : [];
  });
}

interface Actors {
  enterpriseId: Types.ObjectId;
  enterpriseName: string;
  admin: { _id: Types.ObjectId; name: string };
  expert: { _id: Types.ObjectId; name: string };
}

/** Writes one patent's plan; the dates run over the last weeks, older for earlier patents. */
async function writePlan(actors: Actors, patent: PatentDoc, plan: Plan, at: Date): Promise<boolean> {
  const key = { enterpriseId: actors.enterpriseId, patentId: patent._id };
  if ((await EvaluationSlotModel.exists(key)) || (await EvaluationAssignmentModel.exists(key))) return false;
  let seq = 0;
  let when = at.getTime();
  const tick = () => new Date((when += 3_600_000));
  const expertRevisions =
    plan.kind === 'expert' ? plan.revisions : plan.kind === 'expert+official' ? [plan] : [];
  const reviews =
    plan.kind === 'expert' ? plan.reviews : plan.kind === 'expert+official' ? ['approve' as const] : [];
  let first: Date | null = null;
  let state: ExpertEvaluationState = 'pending';
  const decided: { revision: number; decision: ReviewOutcome; at: Date }[] = [];
  for (const [i, revision] of expertRevisions.entries()) {
    const slotAt = tick();
    first ??= slotAt;
    seq += 1;
    await EvaluationSlotModel.create({
      ...key,
      seq,
      kind: 'expert',
      actorId: actors.expert._id,
      actorName: actors.expert.name,
      stars: revision.stars,
      advice: revision.advice,
      at: slotAt,
    });
    const decision = reviews[i] ?? null;
    state = decision ? (decision === 'approve' ? 'approved' : 'returned') : 'pending';
    if (decision) decided.push({ revision: seq, decision, at: tick() });
  }
  const last = expertRevisions.at(-1);
  if (last && first) {
    const projection = await ExpertEvaluationModel.create({
      ...key,
      expertId: actors.expert._id,
      expertName: actors.expert.name,
      patentTitle: patent.title,
      applicationNumber: patent.applicationNumber,
      stars: last.stars,
      advice: last.advice,
      revision: seq,
      state,
      submittedAt: first,
      updatedAt: new Date(when),
    });
    for (const review of decided) {
      await EvaluationReviewModel.create({
        ...key,
        expertId: actors.expert._id,
        evaluationId: projection._id,
        revision: review.revision,
        decision: review.decision,
        comment: review.decision === 'return' ? returnComment : '',
        reviewerId: actors.admin._id,
        reviewerName: actors.admin.name,
        at: review.at,
      });
    }
  }
  if (plan.kind === 'official' || plan.kind === 'expert+official') {
    const lockAt = tick();
    seq += 1;
    await EvaluationSlotModel.create({
      ...key,
      seq,
      kind: 'lock',
      actorId: actors.admin._id,
      actorName: actors.admin.name,
      at: lockAt,
    });
    await EnterpriseEvaluationModel.create({
      ...key,
      institutionId: patent.institutionId,
      stars: plan.official.stars,
      opinion: plan.official.opinion,
      submittedBy: actors.admin._id,
      submittedAt: lockAt,
      submittedByName: actors.admin.name,
      enterpriseName: actors.enterpriseName,
      patentTitle: patent.title,
      applicationNumber: patent.applicationNumber,
      lockSeq: seq,
    });
  }
  if (plan.kind === 'assigned') {
    await EvaluationAssignmentModel.create({
      ...key,
      expertId: actors.expert._id,
      patentTitle: patent.title,
      applicationNumber: patent.applicationNumber,
      assignedBy: actors.admin._id,
      assignedAt: tick(),
    });
  }
  return plan.kind !== 'none';
}

/** The enterprise's admin and its approved, active expert, by the demo accounts' logins; null if missing. */
async function actorsOf(spec: (typeof demoEnterprises)[number]): Promise<Actors | null> {
  const enterprise = await EnterpriseModel.findOne({ name: spec.name }, { name: 1 }).lean();
  const expertSpec = spec.experts.find((expert) => expert.status === 'approved' && !expert.frozen);
  if (!enterprise || !expertSpec) return null;
  const [admin, expert] = await Promise.all([
    UserModel.findOne({ account: spec.admin.account }, { name: 1 }).lean(),
    UserModel.findOne({ account: expertSpec.account }, { name: 1 }).lean(),
  ]);
  if (!admin || !expert) return null;
  return {
    enterpriseId: enterprise._id,
    enterpriseName: enterprise.name,
    admin: { _id: admin._id, name: admin.name },
    expert: { _id: expert._id, name: expert.name },
  };
}

/** What the seed wrote. */
export interface DemoEvaluationResult {
  pushed: number;
  evaluatedPatents: number;
}

/**
 * Pushes twelve seeded patents into each demo enterprise's 评价库 and writes the evaluations of the plan
 * (after seedDemoAccounts and the patent seed; an enterprise or patent that is missing is skipped). The
 * patents it changes get a new rev and an outbox entry, so the indexer shows their state.
 */
export async function seedDemoEvaluations(now = new Date()): Promise<DemoEvaluationResult> {
  const candidates = await candidatePatents();
  const universities = new Set(demoUniversities.map((u) => institutionIdFor(u.institution).toHexString()));
  const fromUniversity = candidates.filter((p) => universities.has(p.institutionId.toHexString()));
  const others = candidates.filter((p) => !universities.has(p.institutionId.toHexString()));
  const result: DemoEvaluationResult = { pushed: 0, evaluatedPatents: 0 };
  const touched = new Set<string>();
  for (const [n, spec] of demoEnterprises.entries()) {
    const actors = await actorsOf(spec);
    if (!actors) continue;
    const patents = patentsFor(n, fromUniversity, others);
    for (const [i, patent] of patents.entries()) {
      const pushedAt = new Date(now.getTime() - (30 - i) * day);
      // Only a patent not yet in this enterprise's 评价库 gets the entry (one per enterprise).
      const pushed = await PatentModel.updateOne(
        { _id: patent._id, 'pushes.enterpriseId': { $ne: actors.enterpriseId } },
        { $push: { pushes: { enterpriseId: actors.enterpriseId, pushId: null, pushedAt } } },
      );
      if (pushed.modifiedCount === 1) {
        result.pushed += 1;
        touched.add(patent._id.toHexString());
      }
      const plan = plans[i] ?? { kind: 'none' as const };
      if (await writePlan(actors, patent, plan, new Date(pushedAt.getTime() + day))) {
        result.evaluatedPatents += 1;
        touched.add(patent._id.toHexString());
      }
    }
  }
  for (const id of touched) {
    const bumped = await PatentModel.findOneAndUpdate(
      { _id: new Types.ObjectId(id) },
      { $inc: { rev: 1 } },
      { returnDocument: 'after' },
    ).lean<{ _id: Types.ObjectId; rev: number }>();
    if (bumped) await emitPatentChanges([{ entityId: bumped._id, rev: bumped.rev, op: 'upsert' }]);
  }
  return result;
}
