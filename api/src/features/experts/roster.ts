import type { AccountStatus } from '@panhuo/domain/accounts/roles';
import type { ExpertStatus } from '@panhuo/domain/experts/status';
import { Types } from 'mongoose';
import { EnterpriseModel, UserModel } from '../accounts/model';
import type { EnterpriseScope } from '../auth/scope';
import { ExpertModel } from './model';
import type { ExpertDoc } from './model';

/**
 * An enterprise's experts with their 账号状态, as the three expert lists (账号管理, 专家审核, 专家库) page
 * through them, kept in this process's memory.
 *
 * Why: a page of those lists needs a sort, a count and the account statuses. FerretDB (the local MongoDB
 * stand-in) cannot push a sort or a count down to PostgreSQL, so each of those queries decoded every expert
 * of the enterprise: ~60 ms per query for 500 experts, and a 账号管理 page cost three of them. A cached
 * roster costs one primary-key read of the enterprise per request.
 *
 * Freshness: every write that changes an expert or an expert's account sets a new random `rosterToken` on
 * the enterprise after the write (`markRosterChanged`), and drops this process's copy at once. Another
 * API process notices within ROSTER_RECHECK_MS: it re-reads the token at most that often per enterprise
 * and reloads the roster when the token differs from the one its copy was loaded under. The lists only
 * display; what an account may do is checked on its own record on every request (a frozen expert is
 * signed out at once whatever a list shows). A random token rather than a counter because FerretDB's
 * read-modify-write `$inc` can lose one of two concurrent increments.
 */
export interface Roster {
  enterpriseName: string;
  /** Every expert of the enterprise, newest first (账号管理's order). */
  experts: ExpertDoc[];
  /** 账号状态 by expert id (hex); an expert without an account row counts as frozen. */
  accountStatus: ReadonlyMap<string, AccountStatus>;
}

interface Cached extends Roster {
  token: string;
  /** When this process last confirmed `token` against the enterprise (ms since the epoch). */
  checkedAt: number;
}

/** How stale another process's write may look here, at most: the token is re-read this often. */
export const ROSTER_RECHECK_MS = 1000;

/** Rosters kept at once; the least recently used goes first. 500 experts take ~0.5 MB. */
const MAX_CACHED = 200;
const cache = new Map<string, Cached>();
/**
 * Local writes per enterprise, counted: a roster read while this process wrote is not kept (it may predate
 * the write, and the writer's own next request must see it).
 */
const localWrites = new Map<string, number>();

function remember(key: string, roster: Cached): void {
  cache.delete(key);
  cache.set(key, roster);
  if (cache.size > MAX_CACHED) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
}

async function loadFromStore(scope: EnterpriseScope, token: string, enterpriseName: string): Promise<Cached> {
  const [experts, accounts] = await Promise.all([
    ExpertModel.find({ enterpriseId: scope.enterpriseId }).lean<ExpertDoc[]>(),
    UserModel.find({ enterpriseId: scope.enterpriseId, role: 'expert' }, { status: 1 }).lean<
      { _id: Types.ObjectId; status: AccountStatus }[]
    >(),
  ]);
  // Newest first, ties by id (descending), as the index { enterpriseId, createdAt: -1 } would give.
  experts.sort(
    (a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b._id.toHexString().localeCompare(a._id.toHexString()),
  );
  return {
    token,
    checkedAt: Date.now(),
    enterpriseName,
    experts,
    accountStatus: new Map(accounts.map((a) => [a._id.toHexString(), a.status])),
  };
}

/**
 * Records that an enterprise's experts or their accounts changed: a new random token invalidates every API
 * process's copy (this one's at once). Call after the write.
 */
export async function markRosterChanged(enterpriseId: Types.ObjectId): Promise<void> {
  await EnterpriseModel.updateOne({ _id: enterpriseId }, { $set: { rosterToken: new Types.ObjectId() } });
  const key = enterpriseId.toHexString();
  localWrites.set(key, (localWrites.get(key) ?? 0) + 1);
  cache.delete(key);
}

/** The caller's enterprise roster: from memory while its token is confirmed, else freshly read. */
export async function loadRoster(scope: EnterpriseScope): Promise<Roster> {
  const key = scope.enterpriseId.toHexString();
  const cached = cache.get(key);
  if (cached && Date.now() - cached.checkedAt < ROSTER_RECHECK_MS) return cached;
  const writesBefore = localWrites.get(key) ?? 0;
  const enterprise = await EnterpriseModel.findById(scope.enterpriseId, { name: 1, rosterToken: 1 }).lean<{
    name: string;
    rosterToken?: Types.ObjectId | null;
  }>();
  if (!enterprise) return { enterpriseName: '', experts: [], accountStatus: new Map() };
  const token = enterprise.rosterToken?.toHexString() ?? 'initial';
  const unchangedHere = () => (localWrites.get(key) ?? 0) === writesBefore;
  if (cached && cached.token === token && cached.enterpriseName === enterprise.name && unchangedHere()) {
    cached.checkedAt = Date.now();
    remember(key, cached);
    return cached;
  }
  const fresh = await loadFromStore(scope, token, enterprise.name);
  if (unchangedHere()) remember(key, fresh);
  return fresh;
}

/** Filters of the expert lists. */
export interface ExpertFilter {
  /** Substring of 姓名, 账号 or 手机号, ignoring case. */
  q?: string;
  status?: ExpertStatus;
  accountStatus?: AccountStatus;
}

/** List orders: 账号管理 newest first; 专家审核 pending first; 专家库 latest approvals first. */
export type ExpertOrder = 'newest' | 'review_queue' | 'latest_decision';

const byIdDesc = (a: ExpertDoc, b: ExpertDoc) => b._id.toHexString().localeCompare(a._id.toHexString());
const time = (d: Date | null | undefined) => d?.getTime() ?? Number.NEGATIVE_INFINITY;
const comparators: Readonly<Record<Exclude<ExpertOrder, 'newest'>, (a: ExpertDoc, b: ExpertDoc) => number>> = {
  review_queue: (a, b) =>
    a.queueRank - b.queueRank || time(b.statusChangedAt) - time(a.statusChangedAt) || byIdDesc(a, b),
  latest_decision: (a, b) => time(b.decidedAt) - time(a.decidedAt) || byIdDesc(a, b),
};

/** One page of an expert list, its total, and what each row shows besides the expert. */
export interface ExpertListResult {
  docs: ExpertDoc[];
  total: number;
  accountStatus: ReadonlyMap<string, AccountStatus>;
  enterpriseName: string;
}

/** One page of the scope's experts matching `filter`, in `order`, and how many match in all. */
export async function listExperts(
  scope: EnterpriseScope,
  filter: ExpertFilter,
  order: ExpertOrder,
  page: { offset: number; limit: number },
): Promise<ExpertListResult> {
  const roster = await loadRoster(scope);
  const needle = filter.q?.toLowerCase();
  const statusOf = (e: ExpertDoc) => roster.accountStatus.get(e._id.toHexString()) ?? 'frozen';
  const matches = roster.experts.filter(
    (e) =>
      (!filter.status || e.status === filter.status) &&
      (!filter.accountStatus || statusOf(e) === filter.accountStatus) &&
      (!needle || [e.name, e.account, e.phone].some((v) => v?.toLowerCase().includes(needle))),
  );
  const sorted = order === 'newest' ? matches : matches.sort(comparators[order]);
  return {
    docs: sorted.slice(page.offset, page.offset + page.limit),
    total: matches.length,
    accountStatus: roster.accountStatus,
    enterpriseName: roster.enterpriseName,
  };
}
