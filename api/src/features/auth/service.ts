import type { FirstLoginBody } from '@panhuo/domain/accounts/first-login';
import type { PasswordChangeBody } from '@panhuo/domain/accounts/user';
import { AppError, badRequest, conflict, unauthenticated } from '../../errors';
import type { UserRecord } from '../accounts/model';
import {
  findOwnPasswordHash,
  findUserForLogin,
  replaceOwnPassword,
  updateOwnProfile,
  updateOwnProfileAndPassword,
} from '../accounts/store';
import { hashPassword, verifyAgainstNothing, verifyPassword } from './password';
import type { TenantScope } from './scope';

/** Outcome of a login check; `invalid` covers unknown accounts and wrong passwords alike. */
export type CredentialCheck = { ok: true; user: UserRecord } | { ok: false; reason: 'invalid' | 'frozen' };

/** 401 for any failed login: the same words whether the account exists or not. */
export const invalidCredentials = () => new AppError(401, 'invalid_credentials', '账号或密码错误');

/** 403 for a frozen account, told only to someone who knows its password. */
export const accountFrozen = () => new AppError(403, 'account_frozen', '账号已冻结，请联系管理员');

/**
 * Checks an account and password (account already normalized). An unknown account costs the same
 * argon2 verification as a known one, and a frozen account is reported only after its password matched,
 * so neither timing nor wording tells whether an account exists.
 */
export async function checkCredentials(account: string, password: string): Promise<CredentialCheck> {
  const user = await findUserForLogin(account);
  if (!user) {
    await verifyAgainstNothing(password);
    return { ok: false, reason: 'invalid' };
  }
  if (!(await verifyPassword(user.passwordHash, password))) return { ok: false, reason: 'invalid' };
  if (user.status !== 'active') return { ok: false, reason: 'frozen' };
  const { passwordHash: _hash, ...record } = user;
  return { ok: true, user: record };
}

/**
 * Changes the signed-in user's password after checking the current one. The update is conditional on the
 * hash that was checked and bumps the session epoch: every session of the account ends, and the caller
 * logs the current one in again with the returned account.
 */
export async function changeOwnPassword(scope: TenantScope, body: PasswordChangeBody): Promise<UserRecord> {
  const currentHash = await findOwnPasswordHash(scope);
  if (!currentHash) throw unauthenticated();
  if (!(await verifyPassword(currentHash, body.currentPassword))) {
    throw badRequest('当前密码不正确', [{ path: 'body.currentPassword', message: '当前密码不正确' }]);
  }
  const updated = await replaceOwnPassword(scope, currentHash, await hashPassword(body.newPassword));
  if (!updated) throw conflict('密码已被修改，请重新登录后再试');
  return updated;
}

/** A completed profile, and whether the password changed with it (the session must then log in again). */
export interface CompletedProfile {
  user: UserRecord;
  passwordChanged: boolean;
}

/**
 * Stores the signed-in user's first-login profile; the account must still be active. An account opened
 * with a one-time password (`mustChangePassword`) must send that password and a new one with it: both
 * are stored in one conditional update, so the profile never completes with the one-time password left.
 */
export async function completeOwnProfile(
  scope: TenantScope,
  user: Pick<UserRecord, 'mustChangePassword'>,
  body: FirstLoginBody,
): Promise<CompletedProfile> {
  const { currentPassword, newPassword, ...profile } = body;
  if (newPassword === undefined) {
    if (user.mustChangePassword)
      throw badRequest('首次登录请修改初始密码', [{ path: 'body.newPassword', message: '请设置新密码' }]);
    const updated = await updateOwnProfile(scope, profile);
    if (!updated) throw unauthenticated();
    return { user: updated, passwordChanged: false };
  }
  const currentHash = await findOwnPasswordHash(scope);
  if (!currentHash) throw unauthenticated();
  if (!(await verifyPassword(currentHash, currentPassword ?? ''))) {
    throw badRequest('初始密码不正确', [{ path: 'body.currentPassword', message: '初始密码不正确' }]);
  }
  const updated = await updateOwnProfileAndPassword(scope, profile, {
    verifiedHash: currentHash,
    newHash: await hashPassword(newPassword),
  });
  if (!updated) throw conflict('密码已被修改，请重新登录后再试');
  return { user: updated, passwordChanged: true };
}
