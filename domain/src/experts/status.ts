import { z } from 'zod';

/**
 * 信息完善状态 of an expert (the account list's column): the account is opened with 待完善信息; the expert
 * completes 专家信息 and clicks 申请入库 (待审核); the admin's 审核 approves (已通过: the expert enters the
 * enterprise's 专家库 and gets a certificate) or rejects with an opinion (未通过: the expert may edit and apply
 * again).
 */
export const expertStatuses = ['pending_info', 'pending_review', 'approved', 'rejected'] as const;

/** One expert status. */
export type ExpertStatus = (typeof expertStatuses)[number];

/** Chinese labels, the manual's words. */
export const expertStatusLabels: Readonly<Record<ExpertStatus, string>> = {
  pending_info: '待完善信息',
  pending_review: '待审核',
  approved: '已通过',
  rejected: '未通过',
};

/** Zod schema of an expert status. */
export const expertStatusSchema = z.enum(expertStatuses, { error: '未知的信息完善状态' });

/** 审核 decisions. */
export const reviewDecisions = ['approve', 'reject'] as const;

/** One review decision. */
export type ReviewDecision = (typeof reviewDecisions)[number];

/** Chinese labels of the decisions. */
export const reviewDecisionLabels: Readonly<Record<ReviewDecision, string>> = {
  approve: '通过',
  reject: '不通过',
};

/**
 * The status machine, as data (the API enforces it; the web reads abilities the API sends, never this):
 * - edit 专家信息: while 待完善信息 or 未通过 (locked under review and once in the library);
 * - 申请入库: from 待完善信息 once the info is complete, or from 未通过 (→ 待审核);
 * - 审核: from 待审核 only (→ 已通过 or 未通过).
 */
export const expertTransitions = {
  edit: ['pending_info', 'rejected'],
  apply: ['pending_info', 'rejected'],
  review: ['pending_review'],
} as const satisfies Record<string, readonly ExpertStatus[]>;

/** An action of the status machine. */
export type ExpertAction = keyof typeof expertTransitions;

/** True when `action` is allowed from `status`. */
export function allowsAction(action: ExpertAction, status: ExpertStatus): boolean {
  return (expertTransitions[action] as readonly ExpertStatus[]).includes(status);
}

/** The status a decision leads to. */
export function statusAfterDecision(decision: ReviewDecision): ExpertStatus {
  return decision === 'approve' ? 'approved' : 'rejected';
}
