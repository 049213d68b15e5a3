import { randomInt } from 'node:crypto';
import type { AccountStatus } from '@panhuo/domain/accounts/roles';
import type { ExpertCreated, ExpertDetail, ExpertListPage, MyExpert } from '@panhuo/domain/experts/dto';
import type { ExpertCreateBody, ExpertInfoBody, ExpertListQuery } from '@panhuo/domain/experts/forms';
import { allowsAction, expertTransitions } from '@panhuo/domain/experts/status';
import { AppError, conflict, notFound } from '../../errors';
import type { Actor } from '../../policies/abilities';
import { authorizeRecord } from '../../policies/tenant';
import { createUser, findEnterprise, setUserStatus } from '../accounts/store';
import { isDuplicateKey } from '../../infra/mongo';
import { hashPassword } from '../auth/password';
import type { EnterpriseScope } from '../auth/scope';
import type { ExpertDoc } from './model';
import { presentDetail, presentListItem, presentMyExpert } from './presenter';
import { listExperts } from './roster';
import {
  accountStatusesOf,
  deleteOrphanExpertAccount,
  findCertificate,
  findExpert,
  findOwnExpert,
  insertExpert,
  listReviews,
  markSubmitted,
  saveOwnInfo,
} from './store';

/** Who is calling: the signed-in admin or expert, and the enterprise scope minted from the session. */
export interface Caller {
  actor: Actor & { name: string };
  scope: EnterpriseScope;
}

/** 409 with a stable code for a step the 信息完善状态 does not allow. */
export const statusConflict = (message: string) => new AppError(409, 'expert_status_conflict', message);

/** The 所属单位 of the caller's enterprise. */
export async function enterpriseNameOf(scope: EnterpriseScope): Promise<string> {
  return (await findEnterprise(scope, scope.enterpriseId.toHexString()))?.name ?? '';
}

/**
 * An expert the admin manages: loaded within the caller's enterprise (another enterprise's expert is not
 * found: 404, as if it did not exist), then the tenant rule (same enterprise, wrong role: 403).
 */
export async function loadManagedExpert(caller: Caller, id: string): Promise<ExpertDoc> {
  const expert = await findExpert(caller.scope, id);
  if (!expert) throw notFound('专家不存在');
  authorizeRecord(caller.actor, expert, 'experts.manage');
  return expert;
}

/** 账号状态 of one expert's account. */
async function accountStatusOf(scope: EnterpriseScope, expert: ExpertDoc): Promise<AccountStatus> {
  return (await accountStatusesOf(scope, [expert._id])).get(expert._id.toHexString()) ?? 'frozen';
}

// Generated passwords avoid characters that are easily misread (0/O, 1/l/I).
const letters = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ';
const digits = '23456789';

/** A 12-character password with letters and digits (it satisfies the password rule), for 新增 without one. */
export function generatePassword(): string {
  const pick = (set: string) => set[randomInt(set.length)] ?? 'a';
  const chars = [pick(letters), pick(digits), ...Array.from({ length: 10 }, () => pick(letters + digits))];
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j] ?? '', chars[i] ?? ''];
  }
  return chars.join('');
}

const accountTaken = () =>
  new AppError(409, 'conflict', '该账号已存在，请更换账号', [
    { path: 'body.account', message: '该账号已被使用' },
  ]);

/**
 * 新增: creates the expert's account in the admin's enterprise (the scope decides the enterprise, never
 * the input), then its expert record in 待完善信息. A taken account is a 409 with a field error. Without
 * transactions the two inserts are not atomic: when the second fails the account is removed again.
 */
export async function createExpert(caller: Caller, body: ExpertCreateBody): Promise<ExpertCreated> {
  const password = body.password ?? generatePassword();
  let account;
  try {
    account = await createUser(caller.scope, {
      account: body.account,
      name: body.name,
      passwordHash: await hashPassword(password),
      role: 'expert',
      // The admin knows the password (generated or typed): the expert replaces it at first login.
      mustChangePassword: true,
      profileDraft: { department: body.department ?? null, position: body.position, phone: body.phone },
    });
  } catch (err) {
    if (isDuplicateKey(err)) throw accountTaken();
    throw err;
  }
  let expert: ExpertDoc;
  try {
    expert = await insertExpert(caller.scope, {
      _id: account._id,
      name: body.name,
      account: body.account,
      phone: body.phone,
      position: body.position,
      department: body.department ?? null,
      createdAt: account.createdAt,
    });
  } catch (err) {
    await deleteOrphanExpertAccount(caller.scope, account._id);
    if (isDuplicateKey(err)) throw accountTaken();
    throw err;
  }
  const row = presentListItem(expert, {
    actor: caller.actor,
    seq: 1,
    enterpriseName: await enterpriseNameOf(caller.scope),
    accountStatus: account.status,
  });
  return { expert: row, ...(body.password ? {} : { initialPassword: password }) };
}

/** 账号管理: one page of the enterprise's experts with the manual's columns and each row's buttons. */
export async function listExpertAccounts(caller: Caller, query: ExpertListQuery): Promise<ExpertListPage> {
  const offset = (query.page - 1) * query.size;
  const { docs, total, accountStatus, enterpriseName } = await listExperts(
    caller.scope,
    { q: query.q, status: query.status, accountStatus: query.accountStatus },
    'newest',
    { offset, limit: query.size },
  );
  const items = docs.map((doc, index) =>
    presentListItem(doc, {
      actor: caller.actor,
      seq: offset + index + 1,
      enterpriseName,
      accountStatus: accountStatus.get(doc._id.toHexString()) ?? 'frozen',
    }),
  );
  return { items, total, page: query.page, size: query.size };
}

/** 查看: the expert with info, review history and certificate. */
export async function presentManagedExpert(caller: Caller, expert: ExpertDoc): Promise<ExpertDetail> {
  const [accountStatus, enterpriseName, reviews, certificate] = await Promise.all([
    accountStatusOf(caller.scope, expert),
    enterpriseNameOf(caller.scope),
    listReviews(caller.scope, [expert._id]),
    findCertificate(caller.scope, expert._id),
  ]);
  return presentDetail(expert, { actor: caller.actor, enterpriseName, accountStatus, reviews, certificate });
}

/** GET /api/experts/:id. */
export async function getExpertDetail(caller: Caller, id: string): Promise<ExpertDetail> {
  return presentManagedExpert(caller, await loadManagedExpert(caller, id));
}

/**
 * 禁用 / 启用. Freezing bumps the account's session epoch (accounts store), which ends the expert's open
 * sessions on their next request. 409 when the account is already in that state.
 */
export async function setExpertAccountStatus(
  caller: Caller,
  id: string,
  status: AccountStatus,
): Promise<ExpertDetail> {
  const expert = await loadManagedExpert(caller, id);
  if (!(await setUserStatus(caller.scope, id, status))) {
    throw conflict(status === 'frozen' ? '该账号已是冻结状态' : '该账号已是正常状态');
  }
  return presentManagedExpert(caller, expert);
}

// ---- 我的空间—专家信息 (the expert himself) ----

async function loadOwnExpert(caller: Caller): Promise<ExpertDoc> {
  const expert = await findOwnExpert(caller.scope);
  if (!expert) throw notFound('专家信息不存在');
  return expert;
}

/** The expert's own page: info, status, review opinions and certificate. */
export async function presentOwnExpert(caller: Caller, expert: ExpertDoc): Promise<MyExpert> {
  const [enterpriseName, reviews, certificate] = await Promise.all([
    enterpriseNameOf(caller.scope),
    listReviews(caller.scope, [expert._id]),
    findCertificate(caller.scope, expert._id),
  ]);
  return presentMyExpert(expert, { actor: caller.actor, enterpriseName, reviews, certificate });
}

/** GET /api/me/expert. */
export async function getOwnExpert(caller: Caller): Promise<MyExpert> {
  return presentOwnExpert(caller, await loadOwnExpert(caller));
}

/** PUT /api/me/expert: saves the complete 专家信息 while 待完善信息 or 未通过 (409 under review or approved). */
export async function saveOwnExpertInfo(caller: Caller, body: ExpertInfoBody): Promise<MyExpert> {
  const expert = await loadOwnExpert(caller);
  if (!allowsAction('edit', expert.status)) {
    throw statusConflict(
      expert.status === 'approved' ? '已入库的专家信息不能修改' : '专家信息审核中，暂不能修改',
    );
  }
  if (!(await saveOwnInfo(caller.scope, body, expertTransitions.edit))) {
    throw statusConflict('专家信息的状态已变化，请刷新后重试');
  }
  return getOwnExpert(caller);
}

/** 申请入库: 待完善信息 (with saved info) or 未通过 → 待审核. */
export async function applyOwnExpert(caller: Caller): Promise<MyExpert> {
  const expert = await loadOwnExpert(caller);
  if (!allowsAction('apply', expert.status)) {
    throw statusConflict(expert.status === 'approved' ? '您已入库，无需再次申请' : '已提交申请，请等待审核');
  }
  if (!expert.info) {
    throw new AppError(409, 'expert_info_incomplete', '请先完善专家信息再申请入库', [
      { path: 'info', message: '请先填写并保存专家信息' },
    ]);
  }
  if (!(await markSubmitted(caller.scope, { status: expert.status, round: expert.round }))) {
    throw statusConflict('专家信息的状态已变化，请刷新后重试');
  }
  return getOwnExpert(caller);
}
