import type { AccountStatus } from '@panhuo/domain/accounts/roles';
import { consolePageSize } from '@panhuo/domain/operator/console';
import type {
  AccountListQuery,
  AccountRow,
  AssignedAccountResult,
  ConsolePage,
  CreateEnterpriseBody,
  CreateInstitutionAccountBody,
  CreatedEnterprise,
  EnterpriseListQuery,
  EnterpriseSummary,
  InstitutionListQuery,
  InstitutionSummary,
} from '@panhuo/domain/operator/console';
import type { Types } from 'mongoose';
import { AppError, conflict, notFound } from '../../errors';
import type { EnterpriseDoc, UserRecord } from '../accounts/model';
import { toUserDto } from '../accounts/presenter';
import { createEnterprise, createUser, findUserInScope, setUserStatus } from '../accounts/store';
import type { NewEnterprise } from '../accounts/store';
import { isDuplicateKey } from '../../infra/mongo';
import { hashPassword } from '../auth/password';
import type { PlatformScope } from '../auth/scope';
import { generateInitialPassword } from './initial-password';
import { toAccountRow, toEnterpriseSummary, toInstitutionSummary } from './presenter';
import {
  accountNameTaken,
  countEnterpriseAccounts,
  countInstitutionAccounts,
  deleteNewEnterprise,
  findEnterpriseClash,
  findInstitution,
  findTenantNames,
  listAccounts,
  listEnterprises,
  listInstitutions,
} from './store';

const windowOf = (page: number) => ({ offset: (page - 1) * consolePageSize, limit: consolePageSize });

/** A 409 naming the field whose value is taken, so the form can show it there. */
export const taken = (path: string, message: string) =>
  new AppError(409, 'conflict', message, [{ path, message }]);

/** Which unique key an enterprise and its first admin ran into. */
export type OpeningClash = 'name' | 'creditCode' | 'account';

/** An opened enterprise, its first 企业管理员 and the initial password (in clear, to be handed over once). */
export type OpenedEnterprise = { enterprise: EnterpriseDoc; admin: UserRecord; initialPassword: string };

/**
 * Opens an enterprise with its first 企业管理员 account (operator assignment and 实名认证 approval alike).
 * Without transactions (FerretDB) the two inserts are made in order: the enterprise (unique name and credit
 * code), then the admin (unique account); if the admin cannot be created the new enterprise is removed
 * again. Taken keys are checked first for a quick answer; the unique indexes decide under concurrency.
 */
export async function openEnterprise(
  scope: PlatformScope,
  input: { enterprise: NewEnterprise; admin: { account: string; name: string } },
): Promise<{ ok: true; opened: OpenedEnterprise } | { ok: false; clash: OpeningClash }> {
  const clashOf = async (): Promise<OpeningClash | null> => {
    const clash = await findEnterpriseClash(scope, input.enterprise);
    if (clash.creditCode) return 'creditCode';
    if (clash.name) return 'name';
    return (await accountNameTaken(scope, input.admin.account)) ? 'account' : null;
  };
  const early = await clashOf();
  if (early) return { ok: false, clash: early };

  const initialPassword = generateInitialPassword();
  const passwordHash = await hashPassword(initialPassword);
  let enterprise: EnterpriseDoc;
  try {
    enterprise = await createEnterprise(scope, input.enterprise);
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    // FerretDB's duplicate-key error does not name the index: look which key is taken now.
    return { ok: false, clash: (await clashOf()) ?? 'name' };
  }
  try {
    const admin = await createUser(scope, {
      account: input.admin.account,
      name: input.admin.name,
      passwordHash,
      role: 'enterprise_admin',
      enterpriseId: enterprise._id,
      mustChangePassword: true,
    });
    return { ok: true, opened: { enterprise, admin, initialPassword } };
  } catch (err) {
    await deleteNewEnterprise(scope, enterprise._id);
    if (isDuplicateKey(err)) return { ok: false, clash: 'account' };
    throw err;
  }
}

/** Enterprises with their admin and expert counts (counted per page with one `$group`). */
export async function listEnterprisesPage(
  scope: PlatformScope,
  query: EnterpriseListQuery,
): Promise<ConsolePage<EnterpriseSummary>> {
  const { rows, total } = await listEnterprises(scope, {
    ...windowOf(query.page),
    ...(query.q ? { q: query.q } : {}),
    ...(query.category ? { category: query.category } : {}),
  });
  const counts = await countEnterpriseAccounts(
    scope,
    rows.map((row) => row._id),
  );
  return {
    items: rows.map((row) =>
      toEnterpriseSummary(row, counts.get(row._id.toHexString()) ?? { admins: 0, experts: 0 }),
    ),
    page: query.page,
    pageSize: consolePageSize,
    total,
  };
}

/** The operator assigns an enterprise and its first 企业管理员 account (分配的账号). */
export async function createEnterpriseWithAdmin(
  scope: PlatformScope,
  body: CreateEnterpriseBody,
): Promise<CreatedEnterprise> {
  const result = await openEnterprise(scope, {
    enterprise: {
      name: body.name,
      category: body.category,
      ...(body.creditCode ? { creditCode: body.creditCode } : {}),
    },
    admin: body.admin,
  });
  if (!result.ok) {
    switch (result.clash) {
      case 'name':
        throw taken('body.name', '该企业名称已存在');
      case 'creditCode':
        throw taken('body.creditCode', '该统一社会信用代码的企业已存在');
      case 'account':
        throw taken('body.admin.account', '该账号已被占用，请更换');
    }
  }
  const { enterprise, admin, initialPassword } = result.opened;
  return {
    enterprise: toEnterpriseSummary(enterprise, { admins: 1, experts: 0 }),
    admin: toUserDto(admin),
    initialPassword,
  };
}

/** Universities and institutes with their account counts. */
export async function listInstitutionsPage(
  scope: PlatformScope,
  query: InstitutionListQuery,
): Promise<ConsolePage<InstitutionSummary>> {
  const { rows, total } = await listInstitutions(scope, {
    ...windowOf(query.page),
    ...(query.q ? { q: query.q } : {}),
    ...(query.kind ? { kind: query.kind } : {}),
  });
  const counts = await countInstitutionAccounts(
    scope,
    rows.map((row) => row._id),
  );
  return {
    items: rows.map((row) => toInstitutionSummary(row, counts.get(row._id.toHexString()) ?? 0)),
    page: query.page,
    pageSize: consolePageSize,
    total,
  };
}

/** Opens a 高校院所用户 account for a university or institute, with a generated initial password. */
export async function createInstitutionAccount(
  scope: PlatformScope,
  institutionId: string,
  body: CreateInstitutionAccountBody,
): Promise<AssignedAccountResult> {
  const institution = await findInstitution(scope, institutionId);
  if (!institution) throw notFound('高校院所不存在');
  const accountTaken = () => taken('body.account', '该账号已被占用，请更换');
  if (await accountNameTaken(scope, body.account)) throw accountTaken();
  const initialPassword = generateInitialPassword();
  try {
    const account = await createUser(scope, {
      account: body.account,
      name: body.name,
      passwordHash: await hashPassword(initialPassword),
      role: 'university',
      institutionId: institution._id,
      mustChangePassword: true,
    });
    return { account: toUserDto(account), initialPassword };
  } catch (err) {
    if (isDuplicateKey(err)) throw accountTaken();
    throw err;
  }
}

/** Account rows with the names of their enterprises or institutions. */
async function toAccountRows(scope: PlatformScope, users: UserRecord[]): Promise<AccountRow[]> {
  const ids = (pick: (user: UserRecord) => Types.ObjectId | null | undefined) =>
    users.map(pick).filter((id): id is Types.ObjectId => Boolean(id));
  const names = await findTenantNames(scope, {
    enterpriseIds: ids((user) => user.enterpriseId),
    institutionIds: ids((user) => user.institutionId),
  });
  return users.map((user) => toAccountRow(user, names));
}

/** Every account of the platform, filtered by role, status and account/name text. */
export async function listAccountsPage(
  scope: PlatformScope,
  query: AccountListQuery,
): Promise<ConsolePage<AccountRow>> {
  const { rows, total } = await listAccounts(scope, {
    ...windowOf(query.page),
    ...(query.role ? { role: query.role } : {}),
    ...(query.status ? { status: query.status } : {}),
    ...(query.q ? { q: query.q } : {}),
  });
  return { items: await toAccountRows(scope, rows), page: query.page, pageSize: consolePageSize, total };
}

/**
 * 冻结 / 解冻 any account. Freezing bumps the account's session epoch (accounts/store setUserStatus), so
 * every open session of it ends on its next request. 404 for no such account; 409 when it already has
 * that status, and for the operator's own account (freezing oneself would lock the console out).
 */
export async function changeAccountStatus(
  scope: PlatformScope,
  id: string,
  status: AccountStatus,
): Promise<AccountRow> {
  const user = await findUserInScope(scope, id);
  if (!user) throw notFound('账号不存在');
  if (status === 'frozen' && user._id.equals(scope.actorId)) throw conflict('不能冻结当前登录的账号');
  if (!(await setUserStatus(scope, id, status))) {
    throw conflict(status === 'frozen' ? '该账号已是冻结状态' : '该账号已是正常状态');
  }
  const updated = await findUserInScope(scope, id);
  if (!updated) throw notFound('账号不存在');
  const [row] = await toAccountRows(scope, [updated]);
  return row!;
}
