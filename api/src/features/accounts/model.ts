import { accountStatuses, isEnterpriseRole, roles } from '@panhuo/domain/accounts/roles';
import type { Role } from '@panhuo/domain/accounts/roles';
import { enterpriseCategoryCodes } from '@panhuo/domain/taxonomies/enterprise-categories';
import mongoose, { Schema } from 'mongoose';
import type { InferSchemaType } from 'mongoose';

/** 部门职务, 手机号, 单位邮箱: what every user completes at first login. */
const profileSchema = new Schema(
  {
    department: { type: String, required: true },
    position: { type: String, required: true },
    phone: { type: String, required: true },
    email: { type: String, required: true },
  },
  { _id: false },
);

/**
 * 部门, 职务 and 手机号 as whoever opened the account entered them (an admin's 新增), each optional: they
 * prefill the first-login profile, which the user still confirms.
 */
const profileDraftSchema = new Schema(
  {
    department: { type: String, default: null },
    position: { type: String, default: null },
    phone: { type: String, default: null },
  },
  { _id: false },
);

/**
 * An account of any role. The tenant is `enterpriseId` for admins and experts, `institutionId` for
 * university users, neither for the operator (checked on create, below).
 */
const userSchema = new Schema(
  {
    /** Login name, normalized (normalizeAccount): unique across the platform. */
    account: { type: String, required: true },
    name: { type: String, required: true },
    /** argon2id PHC string. Never leaves the API (presenter.ts picks fields explicitly). */
    passwordHash: { type: String, required: true },
    role: { type: String, required: true, enum: roles },
    enterpriseId: { type: Schema.Types.ObjectId, default: null },
    institutionId: { type: Schema.Types.ObjectId, default: null },
    status: { type: String, required: true, enum: accountStatuses, default: 'active' },
    profile: { type: profileSchema, default: null },
    profileDraft: { type: profileDraftSchema, default: null },
    /**
     * Absent (not null) until the first-login profile is completed, so that a `$min` update sets it once
     * and later profile edits keep the first date.
     */
    profileCompletedAt: { type: Date },
    /**
     * Copied into the session at login and compared on every request: bumping it (freeze, password
     * change) ends every open session of the account at once.
     */
    sessionEpoch: { type: Number, required: true, default: 0 },
    passwordChangedAt: { type: Date, default: null },
    /**
     * Set when the account is opened with a one-time password (generated, or chosen by the admin who
     * opened it): someone else knows it, so the first-login profile also sets a new one. Cleared by any
     * password change.
     */
    mustChangePassword: { type: Boolean, default: false },
  },
  // createdAt is the account list's 开通时间.
  { collection: 'users', timestamps: true, versionKey: false },
);

// Login looks accounts up by name; one name is one account.
userSchema.index({ account: 1 }, { unique: true });
// 账号管理: an enterprise's accounts (optionally of one role), newest first.
userSchema.index({ enterpriseId: 1, role: 1, createdAt: -1 });
// A university's or institute's accounts, newest first.
userSchema.index({ institutionId: 1, createdAt: -1 });
// The operator's lists across tenants (e.g. every enterprise admin), newest first.
userSchema.index({ role: 1, createdAt: -1 });

/** The tenant an account of `role` must carry, as an error message, or null when the pair is consistent. */
export function tenantProblem(role: Role, enterpriseId: unknown, institutionId: unknown): string | null {
  const hasEnterprise = enterpriseId != null;
  const hasInstitution = institutionId != null;
  if (isEnterpriseRole(role))
    return hasEnterprise && !hasInstitution ? null : `${role} needs an enterpriseId only`;
  if (role === 'university')
    return hasInstitution && !hasEnterprise ? null : 'university needs an institutionId only';
  return hasEnterprise || hasInstitution ? 'operator belongs to no tenant' : null;
}

// No transactions on FerretDB: the role/tenant pairing is checked on every document written with save/create.
userSchema.pre('validate', function checkTenant() {
  const problem = tenantProblem(this.role as Role, this.enterpriseId, this.institutionId);
  if (problem) this.invalidate('enterpriseId', problem);
});

/** A stored account. */
export type UserDoc = InferSchemaType<typeof userSchema> & {
  _id: mongoose.Types.ObjectId;
  createdAt: Date;
  updatedAt: Date;
};
/** A stored account without its password hash: what leaves the store except for login. */
export type UserRecord = Omit<UserDoc, 'passwordHash'>;
export const UserModel = mongoose.model('User', userSchema);

/**
 * An enterprise (企业). Minimal for now: real-name verification (实名认证) extends it with its documents
 * and review state.
 */
const enterpriseSchema = new Schema(
  {
    name: { type: String, required: true },
    /** 统一社会信用代码, normalized (creditCodeSchema); absent for accounts the operator opened without one. */
    creditCode: { type: String },
    category: { type: String, required: true, enum: enterpriseCategoryCodes, default: 'other' },
    status: { type: String, required: true, enum: accountStatuses, default: 'active' },
    /** The 实名认证 application it was opened from (features/verification); absent when the operator assigned it. */
    verificationId: { type: Schema.Types.ObjectId },
    /** Changes whenever one of its experts or expert accounts does (accounts/store markRosterChanged). */
    rosterToken: { type: Schema.Types.ObjectId },
  },
  { collection: 'enterprises', timestamps: true, versionKey: false },
);

// One enterprise per name and per credit code (sparse: many enterprises have no code yet). FerretDB has
// no partialFilterExpression; sparse unique indexes work there (checked).
enterpriseSchema.index({ name: 1 }, { unique: true });
enterpriseSchema.index({ creditCode: 1 }, { unique: true, sparse: true });

/** A stored enterprise. */
export type EnterpriseDoc = InferSchemaType<typeof enterpriseSchema> & {
  _id: mongoose.Types.ObjectId;
  createdAt: Date;
  updatedAt: Date;
};
export const EnterpriseModel = mongoose.model('Enterprise', enterpriseSchema);
