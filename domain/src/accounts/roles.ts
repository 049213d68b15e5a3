import { z } from 'zod';

/**
 * Account roles. An enterprise has admins (企业管理员) and the experts they recommend (专家); universities and
 * research institutes have their own users (高校院所用户); the platform operator (平台运营) runs the platform.
 * What each role may do is decided on the server (api/src/policies); these are only the names.
 */
export const roles = ['operator', 'enterprise_admin', 'expert', 'university'] as const;

/** One account role. */
export type Role = (typeof roles)[number];

/** Chinese labels of the roles, as the manual names them. */
export const roleLabels: Readonly<Record<Role, string>> = {
  operator: '平台运营',
  enterprise_admin: '企业管理员',
  expert: '专家',
  university: '高校院所用户',
};

/** Zod schema of a role. */
export const roleSchema = z.enum(roles);

/** Roles that belong to an enterprise (their accounts carry an enterpriseId). */
export const enterpriseRoles = ['enterprise_admin', 'expert'] as const satisfies readonly Role[];

/** True for a role whose accounts belong to an enterprise. */
export function isEnterpriseRole(role: Role): role is (typeof enterpriseRoles)[number] {
  return (enterpriseRoles as readonly Role[]).includes(role);
}

/** 账号状态: a frozen (冻结) account cannot log in and its open sessions end at once. */
export const accountStatuses = ['active', 'frozen'] as const;

/** One account status. */
export type AccountStatus = (typeof accountStatuses)[number];

/** Chinese labels of the account statuses (the account list's 账号状态 column). */
export const accountStatusLabels: Readonly<Record<AccountStatus, string>> = {
  active: '正常',
  frozen: '冻结',
};

/** Zod schema of an account status. */
export const accountStatusSchema = z.enum(accountStatuses);
