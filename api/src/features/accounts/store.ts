import type { AccountStatus, Role } from '@panhuo/domain/accounts/roles';
import type { ProfileBody } from '@panhuo/domain/accounts/user';
import type { EnterpriseCategory } from '@panhuo/domain/taxonomies/enterprise-categories';
import { isObjectId } from '@panhuo/domain/object-id';
import { Types } from 'mongoose';
import type { QueryFilter } from 'mongoose';
import type { EnterpriseScope, PlatformScope, TenantScope } from '../auth/scope';
import { EnterpriseModel, UserModel } from './model';
import type { EnterpriseDoc, UserDoc, UserRecord } from './model';
import { markRosterChanged } from '../experts/roster';
import { bumpSessionToken } from '../auth/session-token';

/** Everything but the hash: what every read except the login lookup returns. */
const withoutHash = { passwordHash: 0 } as const;

/**
 * Drops the hash from a document returned by findOneAndUpdate, which cannot project on FerretDB
 * (`findAndModify` refuses `fields`).
 */
function stripHash(user: UserDoc | null): UserRecord | null {
  if (!user) return null;
  const { passwordHash: _hash, ...record } = user;
  return record;
}

/** The filter that keeps a query inside the scope's tenant. */
function tenantFilter(scope: TenantScope): QueryFilter<UserDoc> {
  switch (scope.kind) {
    case 'enterprise':
      return { enterpriseId: scope.enterpriseId };
    case 'institution':
      return { institutionId: scope.institutionId };
    case 'platform':
      return {};
  }
}

/** An ObjectId from an id taken from a URL, or null when it is not one (callers answer 404). */
function toObjectId(id: string): Types.ObjectId | null {
  return isObjectId(id) ? new Types.ObjectId(id) : null;
}

// ---- Reads that authentication itself needs (it is what mints scopes, so it cannot take one) ----

/** The account with its password hash, for the login check only. */
export async function findUserForLogin(account: string): Promise<UserDoc | null> {
  return UserModel.findOne({ account }).lean<UserDoc>();
}

/**
 * The account behind a session, by _id (auth/session-cache keeps a copy per process). Every write below
 * that changes an account bumps its session token after it, which retires those copies everywhere.
 */
export async function findSessionUser(id: string): Promise<UserRecord | null> {
  const _id = toObjectId(id);
  return _id ? UserModel.findById(_id, withoutHash).lean<UserRecord>() : null;
}

// ---- The signed-in user's own account (scope.actorId) ----

/** The signed-in user's password hash, to check the current password before a change. */
export async function findOwnPasswordHash(scope: TenantScope): Promise<string | null> {
  const user = await UserModel.findOne(
    { _id: scope.actorId, status: 'active' },
    { passwordHash: 1 },
  ).lean<UserDoc>();
  return user?.passwordHash ?? null;
}

/**
 * Replaces the password if the stored hash is still the one that was verified (no concurrent change) and
 * bumps sessionEpoch, which ends every other session of the account. Returns the updated account, or null
 * when the condition failed.
 */
export async function replaceOwnPassword(
  scope: TenantScope,
  verifiedHash: string,
  newHash: string,
): Promise<UserRecord | null> {
  const updated = await UserModel.findOneAndUpdate(
    { _id: scope.actorId, status: 'active', passwordHash: verifiedHash },
    {
      $set: { passwordHash: newHash, passwordChangedAt: new Date(), mustChangePassword: false },
      $inc: { sessionEpoch: 1 },
    },
    { returnDocument: 'after' },
  ).lean<UserDoc>();
  if (updated) await bumpSessionToken(updated._id);
  return stripHash(updated);
}

/**
 * Stores the first-login profile (or an edit of it). profileCompletedAt is set the first time only
 * (`$min` on an absent field sets it; later dates are larger). Null when the account is not active or
 * must still replace its one-time password (updateOwnProfileAndPassword then).
 */
export async function updateOwnProfile(scope: TenantScope, profile: ProfileBody): Promise<UserRecord | null> {
  const updated = await UserModel.findOneAndUpdate(
    { _id: scope.actorId, status: 'active', mustChangePassword: { $ne: true } },
    { $set: { profile }, $min: { profileCompletedAt: new Date() } },
    { returnDocument: 'after' },
  ).lean<UserDoc>();
  if (updated) await bumpSessionToken(updated._id);
  return stripHash(updated);
}

/**
 * The first-login profile together with a new password, in one update: conditional on the stored hash
 * being the one that was verified (as replaceOwnPassword), clearing mustChangePassword and bumping
 * sessionEpoch (the caller logs this session in again). Null when the condition failed.
 */
export async function updateOwnProfileAndPassword(
  scope: TenantScope,
  profile: ProfileBody,
  password: { verifiedHash: string; newHash: string },
): Promise<UserRecord | null> {
  const updated = await UserModel.findOneAndUpdate(
    { _id: scope.actorId, status: 'active', passwordHash: password.verifiedHash },
    {
      $set: {
        profile,
        passwordHash: password.newHash,
        passwordChangedAt: new Date(),
        mustChangePassword: false,
      },
      $min: { profileCompletedAt: new Date() },
      $inc: { sessionEpoch: 1 },
    },
    { returnDocument: 'after' },
  ).lean<UserDoc>();
  if (updated) await bumpSessionToken(updated._id);
  return stripHash(updated);
}

// ---- Accounts of a tenant ----

/** A new account; its tenant comes from the scope unless the operator (platform scope) names one. */
export interface NewUser {
  account: string;
  name: string;
  passwordHash: string;
  role: Role;
  /** Platform scope only: the enterprise of an admin/expert or the institution of a university user. */
  enterpriseId?: Types.ObjectId | null;
  institutionId?: Types.ObjectId | null;
  /** The password is a one-time one that someone else knows: the user sets a new one at first login. */
  mustChangePassword?: boolean;
  /** What the opener entered about the user, to prefill the first-login profile. */
  profileDraft?: { department: string | null; position: string | null; phone: string | null };
}

/**
 * Creates an account in the scope's tenant: an enterprise scope can only create accounts of its own
 * enterprise, an institution scope of its own institution. A taken account name is an E11000 (409).
 */
export async function createUser(scope: TenantScope, input: NewUser): Promise<UserRecord> {
  const tenant =
    scope.kind === 'enterprise'
      ? { enterpriseId: scope.enterpriseId, institutionId: null }
      : scope.kind === 'institution'
        ? { enterpriseId: null, institutionId: scope.institutionId }
        : { enterpriseId: input.enterpriseId ?? null, institutionId: input.institutionId ?? null };
  const created = await UserModel.create({ ...input, ...tenant });
  return stripHash(created.toObject() as UserDoc) as UserRecord;
}

/** One account of the scope's tenant, or null (missing or another tenant's: callers answer 404 for both). */
export async function findUserInScope(scope: TenantScope, id: string): Promise<UserRecord | null> {
  const _id = toObjectId(id);
  return _id ? UserModel.findOne({ _id, ...tenantFilter(scope) }, withoutHash).lean<UserRecord>() : null;
}

/** The scope's accounts, optionally of one role, newest first (账号管理; index enterpriseId+role+createdAt). */
export async function listUsers(
  scope: TenantScope,
  options: { role?: Role; limit: number; offset?: number },
): Promise<UserRecord[]> {
  const filter: QueryFilter<UserDoc> = {
    ...tenantFilter(scope),
    ...(options.role ? { role: options.role } : {}),
  };
  return UserModel.find(filter, withoutHash)
    .sort({ createdAt: -1, _id: -1 })
    .skip(options.offset ?? 0)
    .limit(options.limit)
    .lean<UserRecord[]>();
}

/**
 * 禁用/启用: moves an account of the scope's tenant to `status` if it is not there yet. Freezing bumps
 * sessionEpoch, which ends the account's open sessions on their next request. False when the account is
 * missing, another tenant's, or already in that status.
 */
export async function setUserStatus(scope: TenantScope, id: string, status: AccountStatus): Promise<boolean> {
  const _id = toObjectId(id);
  if (!_id) return false;
  const changed = await UserModel.findOneAndUpdate(
    { _id, ...tenantFilter(scope), status: { $ne: status } },
    status === 'frozen' ? { $set: { status }, $inc: { sessionEpoch: 1 } } : { $set: { status } },
  ).lean<UserDoc>();
  if (changed) await bumpSessionToken(changed._id);
  // An expert's 账号状态 shows in its enterprise's expert lists.
  if (changed?.role === 'expert' && changed.enterpriseId) await markRosterChanged(changed.enterpriseId);
  return changed !== null;
}

// ---- Enterprises ----

/** A new enterprise (the operator opens enterprise accounts; 实名认证 will add its own path). */
export interface NewEnterprise {
  name: string;
  creditCode?: string;
  category: EnterpriseCategory;
  /** The 实名认证 application the enterprise is opened from. */
  verificationId?: Types.ObjectId;
}

/** Creates an enterprise; a taken name or credit code is an E11000 (409). */
export async function createEnterprise(_scope: PlatformScope, input: NewEnterprise): Promise<EnterpriseDoc> {
  return (await EnterpriseModel.create(input)).toObject() as EnterpriseDoc;
}

/** An enterprise the scope may see: its own for enterprise users, any for the operator; else null. */
export async function findEnterprise(
  scope: EnterpriseScope | PlatformScope,
  id: string,
): Promise<EnterpriseDoc | null> {
  const _id = toObjectId(id);
  if (!_id || (scope.kind === 'enterprise' && !scope.enterpriseId.equals(_id))) return null;
  return EnterpriseModel.findById(_id).lean<EnterpriseDoc>();
}
