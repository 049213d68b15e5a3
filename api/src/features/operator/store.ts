import type { AccountStatus, Role } from '@panhuo/domain/accounts/roles';
import type { InstitutionKind } from '@panhuo/domain/institutions/institution';
import type { EnterpriseCategory } from '@panhuo/domain/taxonomies/enterprise-categories';
import { isObjectId } from '@panhuo/domain/object-id';
import { Types } from 'mongoose';
import type { QueryFilter } from 'mongoose';
import { EnterpriseModel, UserModel } from '../accounts/model';
import type { EnterpriseDoc, UserDoc, UserRecord } from '../accounts/model';
import type { PlatformScope } from '../auth/scope';
import { InstitutionModel } from '../institutions/model';
import type { InstitutionDoc } from '../institutions/model';

/** A page of stored rows and how many match in all. */
export interface StoredPage<T> {
  rows: T[];
  total: number;
}

/** Where a page starts and how long it is. */
export interface PageWindow {
  offset: number;
  limit: number;
}

/** A case-insensitive "contains" pattern for user text (regex characters taken literally). */
function containing(text: string): { $regex: string; $options: string } {
  return { $regex: text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), $options: 'i' };
}

/** An ObjectId from an id taken from a URL, or null when it is not one (callers answer 404). */
function toObjectId(id: string): Types.ObjectId | null {
  return isObjectId(id) ? new Types.ObjectId(id) : null;
}

/**
 * Counts accounts per tenant and role for the given tenants in one `$match` + `$group` (FerretDB has no
 * `$lookup`): `<tenant id hex>:<role>` → count.
 */
async function countAccountsBy(
  field: 'enterpriseId' | 'institutionId',
  ids: Types.ObjectId[],
): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map();
  const groups = await UserModel.aggregate<{ _id: { tenant: Types.ObjectId; role: Role }; n: number }>([
    { $match: { [field]: { $in: ids } } },
    { $group: { _id: { tenant: `$${field}`, role: '$role' }, n: { $sum: 1 } } },
  ]);
  return new Map(groups.map((group) => [`${group._id.tenant.toHexString()}:${group._id.role}`, group.n]));
}

// ---- Enterprises ----

/** Enterprises whose name or credit code contains `q`, of one category, newest first. */
export async function listEnterprises(
  _scope: PlatformScope,
  options: PageWindow & { q?: string; category?: EnterpriseCategory },
): Promise<StoredPage<EnterpriseDoc>> {
  const filter: QueryFilter<EnterpriseDoc> = {
    ...(options.category ? { category: options.category } : {}),
    ...(options.q ? { $or: [{ name: containing(options.q) }, { creditCode: containing(options.q) }] } : {}),
  };
  const [rows, total] = await Promise.all([
    EnterpriseModel.find(filter)
      .sort({ createdAt: -1, _id: -1 })
      .skip(options.offset)
      .limit(options.limit)
      .lean<EnterpriseDoc[]>(),
    EnterpriseModel.countDocuments(filter),
  ]);
  return { rows, total };
}

/** 企业管理员 and 专家 accounts of each enterprise (id hex → counts), for one page of enterprises. */
export async function countEnterpriseAccounts(
  _scope: PlatformScope,
  enterpriseIds: Types.ObjectId[],
): Promise<Map<string, { admins: number; experts: number }>> {
  const counts = await countAccountsBy('enterpriseId', enterpriseIds);
  return new Map(
    enterpriseIds.map((id) => {
      const hex = id.toHexString();
      return [
        hex,
        { admins: counts.get(`${hex}:enterprise_admin`) ?? 0, experts: counts.get(`${hex}:expert`) ?? 0 },
      ];
    }),
  );
}

/** Which of an enterprise's unique keys are taken already (name; credit code when given). */
export async function findEnterpriseClash(
  _scope: PlatformScope,
  keys: { name: string; creditCode?: string | undefined },
): Promise<{ name: boolean; creditCode: boolean }> {
  const [byName, byCode] = await Promise.all([
    EnterpriseModel.exists({ name: keys.name }),
    keys.creditCode ? EnterpriseModel.exists({ creditCode: keys.creditCode }) : null,
  ]);
  return { name: Boolean(byName), creditCode: Boolean(byCode) };
}

/** Removes an enterprise created a moment ago whose first admin account could not be created. */
export async function deleteNewEnterprise(_scope: PlatformScope, id: Types.ObjectId): Promise<void> {
  await EnterpriseModel.deleteOne({ _id: id });
}

// ---- Universities and research institutes ----

/** Institutions whose name contains `q`, of one kind, by name. */
export async function listInstitutions(
  _scope: PlatformScope,
  options: PageWindow & { q?: string; kind?: InstitutionKind },
): Promise<StoredPage<InstitutionDoc>> {
  const filter: QueryFilter<InstitutionDoc> = {
    ...(options.kind ? { kind: options.kind } : {}),
    ...(options.q ? { name: containing(options.q) } : {}),
  };
  const [rows, total] = await Promise.all([
    InstitutionModel.find(filter)
      .sort({ name: 1, _id: 1 })
      .skip(options.offset)
      .limit(options.limit)
      .lean<InstitutionDoc[]>(),
    InstitutionModel.countDocuments(filter),
  ]);
  return { rows, total };
}

/** 高校院所用户 accounts of each institution (id hex → count), for one page of institutions. */
export async function countInstitutionAccounts(
  _scope: PlatformScope,
  institutionIds: Types.ObjectId[],
): Promise<Map<string, number>> {
  const counts = await countAccountsBy('institutionId', institutionIds);
  return new Map(
    institutionIds.map((id) => [id.toHexString(), counts.get(`${id.toHexString()}:university`) ?? 0]),
  );
}

/** One institution, or null. */
export async function findInstitution(_scope: PlatformScope, id: string): Promise<InstitutionDoc | null> {
  const _id = toObjectId(id);
  return _id ? InstitutionModel.findById(_id).lean<InstitutionDoc>() : null;
}

// ---- Accounts ----

/** True when an account name is taken. */
export async function accountNameTaken(_scope: PlatformScope, account: string): Promise<boolean> {
  return Boolean(await UserModel.exists({ account }));
}

/** Every account of a role and status whose account or name contains `q`, newest first (no hashes). */
export async function listAccounts(
  _scope: PlatformScope,
  options: PageWindow & { role?: Role; status?: AccountStatus; q?: string },
): Promise<StoredPage<UserRecord>> {
  const filter: QueryFilter<UserDoc> = {
    ...(options.role ? { role: options.role } : {}),
    ...(options.status ? { status: options.status } : {}),
    ...(options.q ? { $or: [{ account: containing(options.q) }, { name: containing(options.q) }] } : {}),
  };
  const [rows, total] = await Promise.all([
    UserModel.find(filter, { passwordHash: 0 })
      .sort({ createdAt: -1, _id: -1 })
      .skip(options.offset)
      .limit(options.limit)
      .lean<UserRecord[]>(),
    UserModel.countDocuments(filter),
  ]);
  return { rows, total };
}

/** Names of the enterprises and institutions of a page of accounts (id hex → name), two `$in` reads. */
export async function findTenantNames(
  _scope: PlatformScope,
  tenants: { enterpriseIds: Types.ObjectId[]; institutionIds: Types.ObjectId[] },
): Promise<Map<string, string>> {
  const [enterprises, institutions] = await Promise.all([
    tenants.enterpriseIds.length
      ? EnterpriseModel.find({ _id: { $in: tenants.enterpriseIds } }, { name: 1 }).lean<EnterpriseDoc[]>()
      : [],
    tenants.institutionIds.length
      ? InstitutionModel.find({ _id: { $in: tenants.institutionIds } }, { name: 1 }).lean<InstitutionDoc[]>()
      : [],
  ]);
  return new Map([...enterprises, ...institutions].map((doc) => [doc._id.toHexString(), doc.name]));
}
