import type { Actor } from '../../policies/abilities';
import { can } from '../../policies/abilities';

/** What the per-patent rules look at. */
export interface PanelState {
  /** The 企业自评 took the lock. */
  locked: boolean;
  /** The 企业自评 is stored (a lock without one is a submission to complete). */
  hasEnterpriseEvaluation: boolean;
  /** The caller is an expert whose 专家信息 was approved (已通过). */
  approvedExpert: boolean;
}

/**
 * The buttons of a patent's evaluation panel: 我要评价 for an approved expert until the lock; 专家评价审核
 * and 提交企业评价 for the admin (审核 stays open after the lock; the 企业自评 is submitted once). Sent with
 * the panel; the web never re-derives them.
 */
export function panelAbilities(actor: Pick<Actor, 'role'>, state: PanelState) {
  return {
    rate:
      actor.role === 'expert' &&
      can(actor, 'evaluation_library.evaluate') &&
      state.approvedExpert &&
      !state.locked,
    review: can(actor, 'evaluation_library.review'),
    submitEnterprise: can(actor, 'evaluations.manage') && !state.hasEnterpriseEvaluation,
  };
}

/** The buttons of a row of 专利评价管理: 专家评价审核 on a 待审核 revision; 企业自评 until it is submitted. */
export function rowAbilities(
  actor: Pick<Actor, 'role'>,
  row: { pending: boolean; hasEnterpriseEvaluation: boolean },
) {
  return {
    review: can(actor, 'evaluation_library.review') && row.pending,
    submitEnterprise: can(actor, 'evaluations.manage') && !row.hasEnterpriseEvaluation,
  };
}
