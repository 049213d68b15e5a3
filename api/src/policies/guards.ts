import type { Ability } from '@panhuo/domain/accounts/abilities';
import type { Request, RequestHandler } from 'express';
import { AppError, dependencyUnavailable, forbidden, unauthenticated } from '../errors';
import { can, isProfileExempt } from './abilities';
import type { RoutePolicy } from './route-policy';

/**
 * The signed-in user, or an error. `req.user` is set by the session middleware (features/auth/passport.ts)
 * after it re-read the account by _id and checked that it is active and the session's epoch is current.
 * `req.session` is missing only while the session store has never reached MongoDB (API started first).
 */
function signedInUser(req: Request): Express.User | AppError {
  if (!req.session) return dependencyUnavailable('MongoDB');
  if (req.user) return req.user;
  // Still a 401 (not signed in any more), with the code that lets the web say why on its login page.
  return req.sessionEndedBy === 'frozen'
    ? new AppError(401, 'account_frozen', '账号已冻结，请联系管理员')
    : unauthenticated();
}

/** 401 `unauthenticated` unless a signed-in, active user makes the request. */
export const requireUser: RequestHandler = (req, _res, next) => {
  const user = signedInUser(req);
  next(user instanceof AppError ? user : undefined);
};

/** 403 `profile_incomplete` until the user has completed 部门职务, 手机号 and 单位邮箱 (first login). */
export const requireCompletedProfile: RequestHandler = (req, _res, next) => {
  const user = signedInUser(req);
  if (user instanceof AppError) return next(user);
  if (!user.profileComplete)
    return next(new AppError(403, 'profile_incomplete', '请先完善部门职务、手机号和单位邮箱'));
  next();
};

/** 403 `forbidden` unless the user's role holds the ability (policies/abilities.ts). */
export function requireAbility(ability: Ability): RequestHandler {
  return (req, _res, next) => {
    const user = signedInUser(req);
    if (user instanceof AppError) return next(user);
    next(can(user, ability) ? undefined : forbidden());
  };
}

/** The guards a route's policy stands for, in order: who (401), first-login gate (403), may (403). */
export function policyGuards(policy: RoutePolicy): RequestHandler[] {
  if ('public' in policy) return [];
  const gate = isProfileExempt(policy.ability) ? [] : [requireCompletedProfile];
  return [requireUser, ...gate, requireAbility(policy.ability)];
}
