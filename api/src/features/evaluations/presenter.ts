import type {
  EnterpriseEvaluation,
  EvaluationReview,
  ExpertEvaluation,
  ReceivedEvaluation,
  StarSummary,
} from '@panhuo/domain/evaluations/dto';
import { stateAfterReview } from '@panhuo/domain/evaluations/state';
import type { ExpertEvaluationState } from '@panhuo/domain/evaluations/state';
import type { Types } from 'mongoose';
import type { EnterpriseEvaluationDoc } from './enterprise-evaluation-model';
import type { EvaluationReviewDoc, EvaluationSlotDoc } from './model';

/** One expert's evaluation of a patent as the slots and reviews say it is (before it has a projection id). */
export interface DerivedEvaluation {
  expertId: Types.ObjectId;
  expertName: string;
  stars: number;
  advice: string;
  /** The seq of the expert's latest slot. */
  revision: number;
  state: ExpertEvaluationState;
  submittedAt: Date;
  updatedAt: Date;
}

/** The lock slot of a patent's order, if the 企业自评 took one. */
export function lockOf(slots: readonly EvaluationSlotDoc[]): EvaluationSlotDoc | undefined {
  return slots.find((slot) => slot.kind === 'lock');
}

/**
 * Each expert's evaluation from the patent's slots (in order) and reviews: his latest revision, its
 * review if it has one (else 待审核), and his first submission's date. Only slots ordered before the lock
 * count (none can come after it: the writer re-reads the order; this is the reader's side of the rule).
 */
export function deriveEvaluations(
  slots: readonly EvaluationSlotDoc[],
  reviews: readonly EvaluationReviewDoc[],
): Map<string, DerivedEvaluation> {
  const lockSeq = lockOf(slots)?.seq ?? Number.POSITIVE_INFINITY;
  const byExpert = new Map<string, DerivedEvaluation>();
  for (const slot of slots) {
    if (slot.kind !== 'expert' || slot.seq > lockSeq) continue;
    const key = slot.actorId.toHexString();
    const first = byExpert.get(key);
    byExpert.set(key, {
      expertId: slot.actorId,
      expertName: slot.actorName,
      stars: slot.stars ?? 0,
      advice: slot.advice ?? '',
      revision: slot.seq,
      state: 'pending',
      submittedAt: first?.submittedAt ?? slot.at,
      updatedAt: slot.at,
    });
  }
  for (const review of reviews) {
    const evaluation = byExpert.get(review.expertId.toHexString());
    if (evaluation && evaluation.revision === review.revision)
      evaluation.state = stateAfterReview(review.decision);
  }
  return byExpert;
}

/** Count, mean (one decimal) and distribution of the stars given. */
export function summarize(stars: readonly number[]): StarSummary {
  const distribution = [0, 0, 0, 0, 0];
  for (const value of stars) distribution[value - 1] = (distribution[value - 1] ?? 0) + 1;
  const mean =
    stars.length === 0
      ? null
      : Math.round((stars.reduce((sum, value) => sum + value, 0) / stars.length) * 10) / 10;
  return { count: stars.length, mean, distribution };
}

/** One review of the history. */
export function presentReview(review: EvaluationReviewDoc): EvaluationReview {
  return {
    revision: review.revision,
    decision: review.decision,
    comment: review.comment ?? '',
    reviewerName: review.reviewerName,
    reviewedAt: review.at.toISOString(),
  };
}

/** An expert evaluation with its review history (the enterprise's eyes only). */
export function presentExpertEvaluation(
  id: Types.ObjectId,
  patentId: Types.ObjectId,
  evaluation: DerivedEvaluation,
  reviews: readonly EvaluationReviewDoc[],
): ExpertEvaluation {
  return {
    id: id.toHexString(),
    patentId: patentId.toHexString(),
    expertId: evaluation.expertId.toHexString(),
    expertName: evaluation.expertName,
    stars: evaluation.stars,
    advice: evaluation.advice,
    revision: evaluation.revision,
    state: evaluation.state,
    submittedAt: evaluation.submittedAt.toISOString(),
    updatedAt: evaluation.updatedAt.toISOString(),
    reviews: reviews.filter((review) => review.evaluationId.equals(id)).map(presentReview),
  };
}

/** The enterprise's 企业自评 as the enterprise sees it. */
export function presentEnterpriseEvaluation(doc: EnterpriseEvaluationDoc): EnterpriseEvaluation {
  return {
    id: doc._id.toHexString(),
    patentId: doc.patentId.toHexString(),
    patentTitle: doc.patentTitle ?? '',
    applicationNumber: doc.applicationNumber ?? '',
    stars: doc.stars,
    opinion: doc.opinion,
    submittedByName: doc.submittedByName ?? '',
    submittedAt: doc.submittedAt.toISOString(),
  };
}

/**
 * A 企业自评 as the patent's institution receives it: the enterprise's name, stars, opinion and date, and
 * which patent. Built field by field so nothing else of the document (who at the enterprise submitted it,
 * the lock's slot) can reach the university.
 */
export function presentReceivedEvaluation(doc: EnterpriseEvaluationDoc): ReceivedEvaluation {
  return {
    id: doc._id.toHexString(),
    patentId: doc.patentId.toHexString(),
    patentTitle: doc.patentTitle ?? '',
    applicationNumber: doc.applicationNumber ?? '',
    enterpriseName: doc.enterpriseName ?? '',
    stars: doc.stars,
    opinion: doc.opinion,
    submittedAt: doc.submittedAt.toISOString(),
  };
}
