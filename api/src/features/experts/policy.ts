import type { AccountStatus } from '@panhuo/domain/accounts/roles';
import { allowsAction } from '@panhuo/domain/experts/status';
import type { ExpertStatus } from '@panhuo/domain/experts/status';
import type { Actor } from '../../policies/abilities';
import { can } from '../../policies/abilities';

/** What the per-record rules look at: the expert's 信息完善状态 and his account's 账号状态. */
export interface ExpertState {
  status: ExpertStatus;
  accountStatus: AccountStatus;
}

const manages = (actor: Pick<Actor, 'role'>) => can(actor, 'experts.manage');

/**
 * The 操作 buttons of a row of 账号管理, as the manual's list shows them: 禁用 on an active account, 启用
 * on a frozen one, 证书 and 查看 once the expert is approved. All false for someone who may not manage
 * experts. Sent with each row; the web never re-derives them.
 */
export function accountRowAbilities(actor: Pick<Actor, 'role'>, expert: ExpertState) {
  const admin = manages(actor);
  const approved = expert.status === 'approved';
  return {
    freeze: admin && expert.accountStatus === 'active',
    unfreeze: admin && expert.accountStatus === 'frozen',
    certificate: admin && approved,
    view: admin && approved,
  };
}

/** The buttons of a row of 专家审核: 审核 while the expert waits for review; 查看 always. */
export function reviewRowAbilities(actor: Pick<Actor, 'role'>, expert: Pick<ExpertState, 'status'>) {
  const admin = manages(actor);
  return { review: admin && allowsAction('review', expert.status), view: admin };
}

/** The buttons of a row of 专家库. */
export function libraryRowAbilities(actor: Pick<Actor, 'role'>, expert: Pick<ExpertState, 'status'>) {
  const admin = manages(actor) && expert.status === 'approved';
  return { certificate: admin, view: admin };
}

/** The buttons of the admin's 查看 page: the row's plus 审核. */
export function detailAbilities(actor: Pick<Actor, 'role'>, expert: ExpertState) {
  return {
    ...accountRowAbilities(actor, expert),
    review: reviewRowAbilities(actor, expert).review,
  };
}

/**
 * The expert's own 保存 and 申请入库 buttons: editing while 待完善信息 or 未通过; applying from there once the
 * info has been saved (the form is saved only when complete).
 */
export function ownExpertAbilities(
  actor: Pick<Actor, 'role'>,
  expert: { status: ExpertStatus; hasInfo: boolean },
) {
  const mayEdit = can(actor, 'expert_profile.edit');
  return {
    edit: mayEdit && allowsAction('edit', expert.status),
    apply: mayEdit && expert.hasInfo && allowsAction('apply', expert.status),
  };
}
