import type { Ability } from '@panhuo/domain/accounts/abilities';
import type { Role } from '@panhuo/domain/accounts/roles';
import type { MeResponse } from '@panhuo/domain/accounts/user';

/** The four kinds of account the platform knows (see the roles in the enterprise manual). */
export type UserRole = Role;

/**
 * What the web app keeps about the signed-in user for one request, from GET /api/auth/me: enough to render
 * the shell and decide which menu items and actions to offer. The API remains the authority on every
 * permission; `abilities` are the API's own list, never re-derived here.
 */
export interface SessionUser {
  id: string;
  name: string;
  account: string;
  role: Role;
  enterpriseId: string | null;
  institutionId: string | null;
  abilities: Ability[];
  /** True until 部门职务, 手机号, 单位邮箱 are completed (first login). */
  mustCompleteProfile: boolean;
  /** The session's token for the `x-csrf-token` header of state-changing API calls (server side only). */
  csrfToken: string;
}

/** The session user of a /api/auth/me answer. */
export function toSessionUser(me: MeResponse): SessionUser {
  return {
    id: me.user.id,
    name: me.user.name,
    account: me.user.account,
    role: me.user.role,
    enterpriseId: me.user.enterpriseId,
    institutionId: me.user.institutionId,
    abilities: me.abilities,
    mustCompleteProfile: me.mustCompleteProfile,
    csrfToken: me.csrfToken,
  };
}

/** What pages may see of the user: everything but the CSRF token, which stays on the server. */
export type PublicUser = Omit<SessionUser, 'csrfToken'>;

/** Strips the CSRF token before the user goes into page data. */
export function toPublicUser(user: SessionUser): PublicUser {
  const { csrfToken: _token, ...rest } = user;
  return rest;
}

/** True when the user holds the ability (as the API listed it). */
export function hasAbility(user: Pick<SessionUser, 'abilities'> | null, ability: Ability): boolean {
  return user?.abilities.includes(ability) ?? false;
}
