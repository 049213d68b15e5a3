import { Types } from 'mongoose';
import type { AppDeps } from '../../app';
import { indexNames } from '../../infra/elasticsearch';
import { EnterpriseModel, UserModel } from '../accounts/model';
import { AttentionSettingsModel } from '../attention-settings/model';
import { regionInstitutions } from '../attention-settings/regions';
import { initialSettingsOf, isEmptySettings } from '../attention-settings/service';
import { ExpertModel } from '../experts/model';
import { sendWithRetry } from '../mail/delivery';
import type { RetryPolicy } from '../mail/delivery';
import { digestMail } from './digest-mail';
import { groupBySettings, matchGroups } from './matching';
import type { GroupMatch } from './matching';
import {
  DigestBatchModel,
  DigestOptOutModel,
  DigestOutcomeModel,
  DigestRunModel,
  DigestSendModel,
} from './model';
import { OPEN_LINK_TTL_MS, signToken, UNSUBSCRIBE_TTL_MS } from './tokens';

/** Enterprises per batch job: small enough that a batch ends well within its lock lifetime. */
export const ENTERPRISES_PER_BATCH = 50;

export type DigestFrequency = 'weekly' | 'daily';

/** One batch job's payload: the group's matches and the enterprises to mail them to. */
export interface DigestBatch {
  runId: string;
  batchId: string;
  frequency: DigestFrequency;
  /** The send key's period, e.g. `weekly:2026-12-07`. */
  period: string;
  match: GroupMatch;
  enterpriseIds: string[];
}

const isDuplicate = (err: unknown) => (err as { code?: number }).code === 11000;

/**
 * The day's window: mail goes at 08:00 China time on `date` (00:00 UTC), covering the patents registered
 * in the 7 days (每周) or the day (每日) before. Fixed per date, so a re-run after a crash sees the same.
 */
export function windowOf(date: string, frequency: DigestFrequency): { since: Date; until: Date } {
  const until = new Date(`${date}T00:00:00.000Z`);
  const days = frequency === 'weekly' ? 7 : 1;
  return { since: new Date(until.getTime() - days * 24 * 3600_000), until };
}

/** ISO weekday (1 = Monday) of a calendar date. */
function isoWeekday(date: string): number {
  const day = new Date(`${date}T00:00:00.000Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

/** Today's date in China (the run's date when none is given). */
export function chinaToday(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/**
 * The orchestrating step of a day's digest: claims the run (`digest_runs`, `_id` = date), reads the
 * settings of the enterprises due (每日, and 每周 whose weekday it is: pushed-down equality reads; the
 * active enterprises without stored settings get their initial ones, as their 关注库 does), resolves 地区
 * picks to institutions once,
 * groups identical settings, matches every group in batched msearch requests and returns one batch per
 * ENTERPRISES_PER_BATCH enterprises of a group with something new. Nothing new → no batch, no mail.
 * Running it twice for a date returns the same batch ids (the caller enqueues them as unique jobs).
 */
export async function planDigest(
  deps: Pick<AppDeps, 'es' | 'config'>,
  date: string,
  now = new Date(),
): Promise<{
  runId: string;
  batches: DigestBatch[];
  esRequests: number;
  enterprises: number;
  groups: number;
}> {
  const runId = date;
  const index = indexNames(deps.config.ES_INDEX_PREFIX).patents;
  const week = windowOf(date, 'weekly');
  await DigestRunModel.create({
    _id: runId,
    date,
    since: week.since,
    until: week.until,
    startedAt: now,
  }).catch((err: unknown) => {
    if (!isDuplicate(err)) throw err;
  });
  const due: Record<DigestFrequency, { enterpriseId: string; criteria: GroupCriteria }[]> = {
    weekly: [],
    daily: [],
  };
  const [weekly, daily, storedIds, active] = await Promise.all([
    AttentionSettingsModel.find({ mailFrequency: 'weekly', mailWeekday: isoWeekday(date) }).lean(),
    AttentionSettingsModel.find({ mailFrequency: 'daily' }).lean(),
    AttentionSettingsModel.find({}, { _id: 1 }).lean(),
    EnterpriseModel.find({ status: 'active' }, { _id: 1 }).lean(),
  ]);
  const stored = new Set(storedIds.map((d) => d._id.toHexString()));
  // An enterprise that never saved settings is mailed from its initial ones (registration data, 每周 on
  // Monday), exactly as its 关注库 shows them.
  const unsaved = active.map((e) => e._id).filter((id) => !stored.has(id.toHexString()));
  const initial = (await initialSettingsOf(unsaved)).filter(
    (s) => s.mailFrequency === 'weekly' && s.mailWeekday === isoWeekday(date),
  );
  const settingsOf = (doc: (typeof weekly)[number]) => ({
    enterpriseId: doc._id.toHexString(),
    strategicIndustries: doc.strategicIndustries,
    economicIndustries: doc.economicIndustries,
    cooperationModes: doc.cooperationModes,
    keywords: doc.keywords,
    institutionIds: doc.institutionIds.map((id) => id.toHexString()),
    regions: doc.regions ?? [],
  });
  const lists = {
    weekly: [...weekly.map(settingsOf), ...initial],
    daily: daily.map(settingsOf),
  };
  const regionOf = await regionInstitutions([
    ...new Set([...lists.weekly, ...lists.daily].flatMap((s) => s.regions)),
  ]);
  for (const frequency of ['weekly', 'daily'] as const) {
    for (const s of lists[frequency]) {
      const { enterpriseId, strategicIndustries, economicIndustries, cooperationModes, keywords } = s;
      const picked = Object.fromEntries(
        Object.entries(regionOf).filter(([, province]) => s.regions.includes(province)),
      );
      const criteria = {
        strategicIndustries,
        economicIndustries,
        cooperationModes,
        keywords,
        institutionIds: s.institutionIds,
        regions: s.regions,
        regionOf: picked,
      };
      if (isEmptySettings(criteria)) continue;
      due[frequency].push({ enterpriseId, criteria });
    }
  }
  const batches: DigestBatch[] = [];
  let esRequests = 0;
  let groupCount = 0;
  let matched = 0;
  for (const frequency of ['weekly', 'daily'] as const) {
    const groups = groupBySettings(due[frequency]);
    groupCount += groups.length;
    const { since, until } = windowOf(date, frequency);
    const { matches, requests } = await matchGroups(deps.es, index, groups, since, until);
    esRequests += requests;
    groups.forEach((group, g) => {
      const match = matches[g];
      if (!match || match.total === 0) return;
      matched += group.enterpriseIds.length;
      // Sorted, so the batch ids of a re-run are the same whatever order the settings were read in.
      const ids = [...group.enterpriseIds].sort();
      for (let start = 0; start < ids.length; start += ENTERPRISES_PER_BATCH) {
        const slice = ids.slice(start, start + ENTERPRISES_PER_BATCH);
        batches.push({
          runId,
          batchId: `${runId}:${frequency}:${slice[0]}`,
          frequency,
          period: `${frequency}:${date}`,
          match,
          enterpriseIds: slice,
        });
      }
    });
  }
  const enterprises = due.weekly.length + due.daily.length;
  await DigestRunModel.updateOne(
    { _id: runId },
    {
      $set: {
        enterprises,
        groups: groupCount,
        matchedEnterprises: matched,
        batches: batches.length,
        esRequests,
      },
    },
  );
  return { runId, batches, esRequests, enterprises, groups: groupCount };
}

type GroupCriteria = Parameters<typeof groupBySettings>[0][number]['criteria'];

/** Marks the run as fully enqueued. */
export async function markEnqueued(runId: string, at = new Date()): Promise<void> {
  await DigestRunModel.updateOne({ _id: runId }, { $set: { enqueuedAt: at } });
}

interface Recipient {
  userId: Types.ObjectId;
  name: string;
  email: string;
}

/** The enterprise's active admins and approved experts with a 单位邮箱, minus those who unsubscribed. */
async function recipientsOf(enterpriseId: Types.ObjectId): Promise<Recipient[]> {
  const [users, experts] = await Promise.all([
    UserModel.find({ enterpriseId }, { name: 1, role: 1, status: 1, profile: 1 }).lean(),
    ExpertModel.find({ enterpriseId }, { status: 1 }).lean(),
  ]);
  const approved = new Set(experts.filter((e) => e.status === 'approved').map((e) => e._id.toHexString()));
  const candidates = users.filter(
    (u) =>
      u.status === 'active' &&
      u.profile?.email &&
      (u.role === 'enterprise_admin' || (u.role === 'expert' && approved.has(u._id.toHexString()))),
  );
  const optedOut = await Promise.all(candidates.map((u) => DigestOptOutModel.exists({ _id: u._id })));
  return candidates
    .filter((_, i) => !optedOut[i])
    .map((u) => ({ userId: u._id, name: u.name, email: u.profile?.email ?? '' }));
}

/**
 * Claims the send key, the last step before SMTP: inserted under the unique `_id`, so of two workers (or a
 * worker and its restart) exactly one wins, and a key once claimed is never mailed again. A worker killed
 * between this insert and SMTP's answer leaves a claim without an outcome; that mail may or may not have
 * gone, and sending it again could mail twice, so it is not re-sent (the window is one SMTP exchange: the
 * message is rendered before the claim). Proof: jobs/src/jobs/digest-crash.test.ts.
 */
async function claimSend(
  key: string,
  base: { runId: string; enterpriseId: Types.ObjectId; userId: Types.ObjectId; to: string },
  now: Date,
): Promise<boolean> {
  return DigestSendModel.create({ _id: key, key, attempt: 0, claimedAt: now, ...base }).then(
    () => true,
    (err: unknown) => {
      if (isDuplicate(err)) return false;
      throw err;
    },
  );
}

/** Options of a batch run (tests shorten them). */
export interface BatchOptions {
  retry?: RetryPolicy;
  /** Pause after each send, ms (the crash test uses it to be killed mid-run). */
  pauseMs?: number;
}

/**
 * One batch: for each enterprise, each recipient's mail is rendered with links signed for him, the send
 * key (enterprise, period, recipient) is claimed, the mail goes, and the outcome (sent, or failed after its
 * retries) is recorded. Idempotent: a batch that finished is recorded under its id and a re-run does nothing; a re-run
 * after a crash skips every recipient already claimed.
 */
export async function runBatch(
  deps: Pick<AppDeps, 'config' | 'mailer' | 'logger'>,
  batch: DigestBatch,
  options: BatchOptions,
): Promise<{ sent: number; failed: number; retried: number; skipped: number }> {
  const counts = { sent: 0, failed: 0, retried: 0, skipped: 0 };
  if (await DigestBatchModel.exists({ _id: batch.batchId })) return counts;
  const base = deps.config.PUBLIC_URL;
  const secret = deps.config.SESSION_SECRET;
  for (const id of batch.enterpriseIds) {
    const enterpriseId = new Types.ObjectId(id);
    const enterprise = await EnterpriseModel.findById(enterpriseId, { name: 1, status: 1 }).lean();
    if (!enterprise || enterprise.status !== 'active') continue;
    for (const recipient of await recipientsOf(enterpriseId)) {
      const now = new Date();
      const key = `${id}|${batch.period}|${recipient.userId.toHexString()}`;
      // Cheap check first: a re-run after a crash renders nothing for the recipients already claimed.
      if (await DigestSendModel.exists({ _id: key })) {
        counts.skipped += 1;
        continue;
      }
      const u = recipient.userId.toHexString();
      const open = (path: string) =>
        `${base}/attention-library/open?t=${signToken(secret, 'open', { u, p: path, e: now.getTime() + OPEN_LINK_TTL_MS })}`;
      const unsubscribe = signToken(secret, 'unsubscribe', { u, e: now.getTime() + UNSUBSCRIBE_TTL_MS });
      const mail = await digestMail({
        to: recipient.email,
        name: recipient.name,
        enterpriseName: enterprise.name,
        frequency: batch.frequency,
        total: batch.match.total,
        hits: batch.match.hits.map((hit) => ({ ...hit, href: open(`/patents/${hit.id}`) })),
        allHref: open('/attention-library'),
        unsubscribePostUrl: `${base}/api/digest/unsubscribe/${unsubscribe}`,
        unsubscribePageUrl: `${base}/unsubscribe?t=${unsubscribe}`,
      });
      const claimed = await claimSend(
        key,
        { runId: batch.runId, enterpriseId, userId: recipient.userId, to: recipient.email },
        now,
      );
      if (!claimed) {
        counts.skipped += 1;
        continue;
      }
      const outcome = await sendWithRetry(deps, mail, options.retry);
      await DigestOutcomeModel.create({
        _id: key,
        runId: batch.runId,
        ok: outcome.ok,
        attempts: outcome.attempts,
        error: outcome.error ?? null,
        at: new Date(),
      }).catch((err: unknown) => {
        if (!isDuplicate(err)) throw err;
      });
      if (outcome.ok) counts.sent += 1;
      else counts.failed += 1;
      if (outcome.attempts > 1) counts.retried += 1;
      if (options.pauseMs) await new Promise((resolve) => setTimeout(resolve, options.pauseMs));
    }
  }
  await DigestBatchModel.create({
    _id: batch.batchId,
    runId: batch.runId,
    ...counts,
    finishedAt: new Date(),
  }).catch((err: unknown) => {
    if (!isDuplicate(err)) throw err;
  });
  return counts;
}
