import { z } from 'zod';

/**
 * Named abilities: the vocabulary of permissions. Which role holds which ability is decided only on the
 * server (api/src/policies/abilities.ts); the API sends each user's abilities with /api/auth/me so the web
 * can hide what the user may not do, without re-deriving any rule.
 */
export const abilities = [
  'own_account.view',
  'own_account.complete_profile',
  'own_account.change_password',
  'experts.manage',
  'expert_profile.edit',
  'evaluations.manage',
  'evaluation_library.view',
  'evaluation_library.evaluate',
  'evaluation_library.review',
  'evaluation_library.publish_intent',
  'evaluation_library.export',
  'attention_library.view',
  'attention_library.set_focus',
  'attention_library.publish_intent',
  'attention_library.export',
  'resource_library.view',
  'resource_library.publish_intent',
  'resource_library.export',
  'demands.manage',
  'operator.console',
  'university.register_patents',
  'university.evaluations',
  'university.intents',
  'university.dashboard',
] as const;

/** One ability name. */
export type Ability = (typeof abilities)[number];

/** Chinese labels, in the manual's terms (shown in the OpenAPI document and on permission errors). */
export const abilityLabels: Readonly<Record<Ability, string>> = {
  'own_account.view': '查看本人账号',
  'own_account.complete_profile': '完善注册信息',
  'own_account.change_password': '修改密码',
  'experts.manage': '推荐技术专家（账号管理、专家审核）',
  'expert_profile.edit': '我的空间：专家信息（完善、申请入库）',
  'evaluations.manage': '专利评价管理',
  'evaluation_library.view': '查看专利转化评价库',
  'evaluation_library.evaluate': '专利转化评价库：评价',
  'evaluation_library.review': '专利转化评价库：审核',
  'evaluation_library.publish_intent': '专利转化评价库：发布合作意向',
  'evaluation_library.export': '专利转化评价库：导出',
  'attention_library.view': '查看专利转化关注库',
  'attention_library.set_focus': '专利转化关注库：关注领域设置',
  'attention_library.publish_intent': '专利转化关注库：发布合作意向',
  'attention_library.export': '专利转化关注库：导出',
  'resource_library.view': '查看专利转化资源库',
  'resource_library.publish_intent': '专利转化资源库：发布合作意向',
  'resource_library.export': '专利转化资源库：导出',
  'demands.manage': '企业需求发布管理',
  'operator.console': '平台运营管理',
  'university.register_patents': '高校院所专利登记',
  'university.evaluations': '高校院所：收到的企业评价',
  'university.intents': '高校院所：收到的合作意向',
  'university.dashboard': '高校院所：数据看板',
};

/** Zod schema of an ability name. */
export const abilitySchema = z.enum(abilities);

/** True when `value` is a known ability name. */
export function isAbility(value: unknown): value is Ability {
  return typeof value === 'string' && (abilities as readonly string[]).includes(value);
}
