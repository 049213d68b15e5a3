import { abilities } from '@panhuo/domain/accounts/abilities';
import type { Ability } from '@panhuo/domain/accounts/abilities';
import type { Role } from '@panhuo/domain/accounts/roles';

/**
 * Who is asking, as the policies see it: enough to decide any permission, nothing Express- or
 * mongoose-specific (so the rules are pure and unit-tested per role). `Express.User` satisfies it.
 */
export interface Actor {
  role: Role;
  enterpriseId: string | null;
  institutionId: string | null;
  /** False until the first-login profile (部门职务, 手机号, 单位邮箱) is completed. */
  profileComplete: boolean;
}

/** Every signed-in user manages their own account. */
const ownAccount = [
  'own_account.view',
  'own_account.complete_profile',
  'own_account.change_password',
] as const;

/**
 * The permission table: the manual's 多层次用户权限管理 table for the enterprise roles, plus the platform's
 * other two roles. This is the only place that says which role may do what; deny by default (an ability
 * a role does not list here is refused).
 */
const grants: Readonly<Record<Role, readonly Ability[]>> = {
  enterprise_admin: [
    ...ownAccount,
    'experts.manage', // 推荐技术专家: 账号管理 (新增/禁用/启用) and 专家审核
    'evaluations.manage', // 专利评价管理: 专家评价审核, 企业自评
    'evaluation_library.view',
    'evaluation_library.evaluate',
    'evaluation_library.review',
    'evaluation_library.publish_intent', // 我有合作意向 is admin-only in every library
    // 导出: the manual gives experts 仅查看 (view only), so taking data out is the admin's.
    'evaluation_library.export',
    'attention_library.view',
    'attention_library.set_focus',
    'attention_library.publish_intent',
    'attention_library.export',
    'resource_library.view',
    'resource_library.publish_intent',
    'resource_library.export',
    'demands.manage', // 企业需求发布管理
  ],
  expert: [
    ...ownAccount,
    'expert_profile.edit', // 我的空间—专家信息: complete it, 申请入库
    'evaluation_library.view',
    'evaluation_library.evaluate',
    'attention_library.view', // 仅查看
    'resource_library.view', // 仅查看
  ],
  university: [
    ...ownAccount,
    'resource_library.view',
    'university.register_patents',
    'university.evaluations', // the enterprises' official evaluations of its patents, never an expert's
    'university.intents', // 合作意向 addressed to its institution: the inbox and the conversation
    'university.dashboard', // its own institution's figures (企业自评 stars only, never an expert's)
  ],
  operator: [...ownAccount, 'resource_library.view', 'resource_library.export', 'operator.console'],
};

/**
 * Abilities a user may use before completing the first-login profile: only seeing who they are and
 * completing it. Everything else (even changing the password) answers 403 `profile_incomplete` first.
 */
const profileExempt: ReadonlySet<Ability> = new Set<Ability>([
  'own_account.view',
  'own_account.complete_profile',
]);

/** True when the actor's role holds the ability. Does not look at the profile gate or at tenants. */
export function can(actor: Pick<Actor, 'role'>, ability: Ability): boolean {
  return grants[actor.role].includes(ability);
}

/** True when the ability is usable before the first-login profile is completed. */
export function isProfileExempt(ability: Ability): boolean {
  return profileExempt.has(ability);
}

/**
 * The abilities to send with the user (/api/auth/me), in the canonical order: the web shows or hides
 * menus and buttons from this list and never re-derives a rule.
 */
export function abilitiesOf(actor: Pick<Actor, 'role'>): Ability[] {
  return abilities.filter((ability) => can(actor, ability));
}
