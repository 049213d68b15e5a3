import { z } from 'zod';

/**
 * 审核状态 of an expert evaluation, as 专利评价管理 filters it: 待审核 until the admin reviews its current
 * revision; 已通过 or 已退回 after. A revision by the expert (allowed while the patent is not locked) is
 * 待审核 again.
 */
export const expertEvaluationStates = ['pending', 'approved', 'returned'] as const;

/** One review state. */
export type ExpertEvaluationState = (typeof expertEvaluationStates)[number];

/** The manual's words. */
export const expertEvaluationStateLabels: Readonly<Record<ExpertEvaluationState, string>> = {
  pending: '待审核',
  approved: '已通过',
  returned: '已退回',
};

/** 专家评价审核 decisions: 通过 or 退回. */
export const reviewOutcomes = ['approve', 'return'] as const;

/** One review decision. */
export type ReviewOutcome = (typeof reviewOutcomes)[number];

/** Labels of the decisions. */
export const reviewOutcomeLabels: Readonly<Record<ReviewOutcome, string>> = {
  approve: '通过',
  return: '退回',
};

/** The state a review decision leaves its revision in. */
export function stateAfterReview(decision: ReviewOutcome): ExpertEvaluationState {
  return decision === 'approve' ? 'approved' : 'returned';
}

/** Zod schema of a state. */
export const expertEvaluationStateSchema = z.enum(expertEvaluationStates);
