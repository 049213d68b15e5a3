import { setTimeout as sleep } from 'node:timers/promises';
import { chinaTime } from '@panhuo/domain/china-time';
import type { EnterpriseEvaluation, EvaluationPanel, ExpertEvaluation } from '@panhuo/domain/evaluations/dto';
import type {
  EnterpriseEvaluationBody,
  EvaluationReviewBody,
  ExpertEvaluationBody,
} from '@panhuo/domain/evaluations/forms';
import type { Types } from 'mongoose';
import { AppError, conflict, forbidden, notFound } from '../../errors';
import type { Actor } from '../../policies/abilities';
import { authorizeRecord } from '../../policies/tenant';
import { findEnterprise } from '../accounts/store';
import type { EnterpriseScope } from '../auth/scope';
import { findOwnExpert } from '../experts/store';
import type { EvaluationReviewDoc, EvaluationSlotDoc, ExpertEvaluationDoc } from './model';
import { panelAbilities } from './policy';
import {
  deriveEvaluations,
  lockOf,
  presentEnterpriseEvaluation,
  presentExpertEvaluation,
  summarize,
} from './presenter';
import type { DerivedEvaluation } from './presenter';
import {
  findEnterpriseEvaluation,
  findEvaluation,
  findLibraryPatent,
  insertEnterpriseEvaluation,
  insertReview,
  listPatentAssignments,
  listPatentEvaluations,
  listPatentReviews,
  readSlots,
  saveProjection,
  takeSlot,
} from './store';
import { touchPatentsForIndex } from '../patents/index-touch';
import type { LibraryPatent, SlotContent } from './store';

/** Who is calling: the signed-in admin or expert, and the enterprise scope minted from the session. */
export interface Caller {
  actor: Actor & { name: string };
  scope: EnterpriseScope;
}

/** 409 `evaluation_locked`, saying who submitted the 企业自评 and when. */
export function lockedError(lock: Pick<EvaluationSlotDoc, 'actorName' | 'at'>): AppError {
  return new AppError(
    409,
    'evaluation_locked',
    `企业管理员${lock.actorName}已于${chinaTime(lock.at.toISOString())}提交企业自评，专家评价已锁定，不能再评价或修改`,
  );
}

const enterpriseEvaluationExists = () =>
  new AppError(409, 'enterprise_evaluation_exists', '本企业已提交该专利的企业自评，不能重复提交');

/** The patent of the caller's 评价库 (a missing patent and one never pushed here: the same 404). */
export async function loadLibraryPatent(caller: Caller, id: string): Promise<LibraryPatent> {
  const patent = await findLibraryPatent(caller.scope, id);
  if (!patent) throw notFound('评价库中没有该专利');
  return patent;
}

/** How often a writer re-reads the order after another writer took the slot it wanted. */
const MAX_SLOT_ATTEMPTS = 40;

/**
 * Takes the next slot of the patent's order (see model.ts): reads the slots, lets `check` refuse (the
 * lock), and inserts at highest + 1; when another writer took that number, reads again. A slot taken here
 * is ordered after every slot read, and the lock, if any, after it.
 */
async function takeNextSlot(
  scope: EnterpriseScope,
  patentId: Types.ObjectId,
  content: SlotContent,
  check: (slots: EvaluationSlotDoc[]) => EvaluationSlotDoc | undefined,
): Promise<EvaluationSlotDoc> {
  for (let attempt = 0; attempt < MAX_SLOT_ATTEMPTS; attempt++) {
    const slots = await readSlots(scope, patentId);
    const settled = check(slots);
    if (settled) return settled;
    const slot = await takeSlot(scope, patentId, (slots.at(-1)?.seq ?? 0) + 1, content);
    if (slot) return slot;
    // Another writer of the same patent: back off a little so two writers do not collide in step.
    await sleep(Math.floor(Math.random() * 5 * (attempt + 1)));
  }
  throw conflict('该专利的评价正在被同时修改，请稍后重试');
}

/**
 * Rewrites the projection of one expert's evaluation from the slots and reviews (read after the write),
 * so the lists show what the order says.
 */
async function syncProjection(
  scope: EnterpriseScope,
  patent: Pick<LibraryPatent, '_id' | 'title' | 'applicationNumber'>,
  evaluation: DerivedEvaluation,
): Promise<ExpertEvaluationDoc> {
  return saveProjection(scope, {
    ...evaluation,
    patentId: patent._id,
    patentTitle: patent.title,
    applicationNumber: patent.applicationNumber,
  });
}

/** The patent's evaluations as the order says, with their projection ids (missing projections repaired). */
async function readPatentEvaluations(scope: EnterpriseScope, patent: LibraryPatent) {
  const [slots, reviews, projections] = await Promise.all([
    readSlots(scope, patent._id),
    listPatentReviews(scope, patent._id),
    listPatentEvaluations(scope, patent._id),
  ]);
  const derived = deriveEvaluations(slots, reviews);
  const byExpert = new Map(projections.map((doc) => [doc.expertId.toHexString(), doc]));
  const evaluations: { id: Types.ObjectId; evaluation: DerivedEvaluation }[] = [];
  for (const [expertKey, evaluation] of derived) {
    let doc = byExpert.get(expertKey);
    // A writer that stopped between its slot and its projection: the reader finishes the projection.
    if (!doc || doc.revision !== evaluation.revision || doc.state !== evaluation.state) {
      doc = await syncProjection(scope, patent, evaluation);
    }
    evaluations.push({ id: doc._id, evaluation });
  }
  evaluations.sort((a, b) => b.evaluation.updatedAt.getTime() - a.evaluation.updatedAt.getTime());
  return { slots, reviews, evaluations };
}

function present(
  patent: Pick<LibraryPatent, '_id'>,
  entry: { id: Types.ObjectId; evaluation: DerivedEvaluation },
  reviews: readonly EvaluationReviewDoc[],
): ExpertEvaluation {
  return presentExpertEvaluation(entry.id, patent._id, entry.evaluation, reviews);
}

/** An approved (已通过) expert of the caller's enterprise, or the 403 that says why not. */
async function requireApprovedExpert(caller: Caller): Promise<void> {
  if (caller.actor.role !== 'expert') throw forbidden('企业管理员请通过企业自评评价专利');
  const expert = await findOwnExpert(caller.scope);
  if (expert?.status !== 'approved') {
    throw new AppError(403, 'expert_not_approved', '专家信息审核通过（已通过）后才能评价专利');
  }
}

/**
 * 专家 我要评价: stores the expert's stars and 评价建议 as a new revision (the first one creates his one
 * evaluation of the patent; later ones change it and send it back to 待审核), unless the 企业自评 has
 * locked the patent: then 409 `evaluation_locked` and nothing is stored. See takeNextSlot for why a
 * revision racing the lock either lands before it or is refused.
 */
export async function rateAsExpert(
  caller: Caller,
  patentId: string,
  body: ExpertEvaluationBody,
): Promise<ExpertEvaluation> {
  const patent = await loadLibraryPatent(caller, patentId);
  await requireApprovedExpert(caller);
  const content: SlotContent = {
    kind: 'expert',
    actorId: caller.scope.actorId,
    actorName: caller.actor.name,
    stars: body.stars,
    advice: body.advice,
    at: new Date(),
  };
  await takeNextSlot(caller.scope, patent._id, content, (slots) => {
    const lock = lockOf(slots);
    if (lock) throw lockedError(lock);
    return undefined;
  });
  // The row's 专家已评 N (a count on the enterprise's library entry): re-indexed, the patent not written.
  await touchPatentsForIndex([patent._id]);
  const { reviews, evaluations } = await readPatentEvaluations(caller.scope, patent);
  const mine = evaluations.find((entry) => entry.evaluation.expertId.equals(caller.scope.actorId));
  if (!mine) throw new Error('the expert’s slot is missing from the order just written');
  return present(patent, mine, reviews);
}

/**
 * The evaluation panel of a patent of the 评价库: an expert sees his own evaluation, the admin every
 * expert's with their distribution and mean; both see the lock and the 企业自评.
 */
export async function getPanel(caller: Caller, patentId: string): Promise<EvaluationPanel> {
  const patent = await loadLibraryPatent(caller, patentId);
  const isExpert = caller.actor.role === 'expert';
  const [{ slots, reviews, evaluations }, enterpriseEvaluation, expert, assignments] = await Promise.all([
    readPatentEvaluations(caller.scope, patent),
    findEnterpriseEvaluation(caller.scope, patent._id),
    isExpert ? findOwnExpert(caller.scope) : Promise.resolve(null),
    isExpert ? listPatentAssignments(caller.scope, patent._id) : Promise.resolve([]),
  ]);
  const lock = lockOf(slots);
  const mine = evaluations.find((entry) => entry.evaluation.expertId.equals(caller.scope.actorId));
  return {
    patentId: patent._id.toHexString(),
    role: isExpert ? 'expert' : 'enterprise_admin',
    lock: lock
      ? {
          byName: enterpriseEvaluation?.submittedByName || lock.actorName,
          at: (enterpriseEvaluation?.submittedAt ?? lock.at).toISOString(),
        }
      : null,
    enterpriseEvaluation: enterpriseEvaluation ? presentEnterpriseEvaluation(enterpriseEvaluation) : null,
    mine: isExpert && mine ? present(patent, mine, reviews) : null,
    expertEvaluations: isExpert ? [] : evaluations.map((entry) => present(patent, entry, reviews)),
    summary: isExpert ? null : summarize(evaluations.map((entry) => entry.evaluation.stars)),
    assignedToMe: assignments.some((assignment) => assignment.expertId.equals(caller.scope.actorId)),
    abilities: panelAbilities(caller.actor, {
      locked: lock !== undefined,
      hasEnterpriseEvaluation: enterpriseEvaluation !== null,
      approvedExpert: expert?.status === 'approved',
    }),
  };
}

/**
 * 企业自评: takes the lock slot of the patent's order (from then on no expert revision can land), then
 * stores the one official evaluation and has the patent re-indexed. A lock already taken by a submission
 * that stopped before its insert is completed here; a stored 企业自评 answers 409
 * `enterprise_evaluation_exists`. Allowed with no expert evaluation at all.
 */
export async function submitEnterpriseEvaluation(
  caller: Caller,
  patentId: string,
  body: EnterpriseEvaluationBody,
): Promise<EnterpriseEvaluation> {
  const patent = await loadLibraryPatent(caller, patentId);
  authorizeRecord(caller.actor, { enterpriseId: caller.scope.enterpriseId }, 'evaluations.manage');
  if (await findEnterpriseEvaluation(caller.scope, patent._id)) throw enterpriseEvaluationExists();
  const lock = await takeNextSlot(
    caller.scope,
    patent._id,
    { kind: 'lock', actorId: caller.scope.actorId, actorName: caller.actor.name, at: new Date() },
    lockOf,
  );
  const enterprise = await findEnterprise(caller.scope, caller.scope.enterpriseId.toHexString());
  const stored = await insertEnterpriseEvaluation(caller.scope, {
    patentId: patent._id,
    institutionId: patent.institutionId,
    stars: body.stars,
    opinion: body.opinion,
    submittedBy: caller.scope.actorId,
    submittedAt: lock.at,
    submittedByName: caller.actor.name,
    enterpriseName: enterprise?.name ?? '',
    patentTitle: patent.title,
    applicationNumber: patent.applicationNumber,
    lockSeq: lock.seq,
  });
  if (!stored) throw enterpriseEvaluationExists();
  await touchPatentsForIndex([patent._id]);
  return presentEnterpriseEvaluation(stored);
}

/**
 * 专家评价审核: 通过 or 退回 (with a comment) of the revision the admin read. A newer revision answers 409
 * `conflict` (the admin reviews what the expert wrote last); a revision decided already answers 409
 * `evaluation_already_reviewed`. Kept as history; a returned evaluation may be revised while unlocked.
 */
export async function reviewEvaluation(
  caller: Caller,
  evaluationId: string,
  body: EvaluationReviewBody,
): Promise<ExpertEvaluation> {
  const doc = await findEvaluation(caller.scope, evaluationId);
  if (!doc) throw notFound('专家评价不存在');
  authorizeRecord(caller.actor, doc, 'evaluation_library.review');
  const patent = { _id: doc.patentId, title: doc.patentTitle, applicationNumber: doc.applicationNumber };
  const [slots, reviews] = await Promise.all([
    readSlots(caller.scope, doc.patentId),
    listPatentReviews(caller.scope, doc.patentId),
  ]);
  const current = deriveEvaluations(slots, reviews).get(doc.expertId.toHexString());
  if (!current) throw notFound('专家评价不存在');
  if (current.revision !== body.revision) throw conflict('专家已修改该评价，请刷新后按最新内容审核');
  const review = await insertReview(caller.scope, {
    patentId: doc.patentId,
    expertId: doc.expertId,
    evaluationId: doc._id,
    revision: body.revision,
    decision: body.decision,
    comment: body.comment,
    reviewerId: caller.scope.actorId,
    reviewerName: caller.actor.name,
    at: new Date(),
  });
  if (!review) {
    throw new AppError(409, 'evaluation_already_reviewed', '该版本的评价已审核，请刷新后查看');
  }
  const after = [...reviews, review];
  const evaluation = deriveEvaluations(slots, after).get(doc.expertId.toHexString()) ?? current;
  const saved = await syncProjection(caller.scope, patent, evaluation);
  return presentExpertEvaluation(saved._id, doc.patentId, evaluation, after);
}
