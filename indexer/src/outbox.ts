import { randomBytes } from 'node:crypto';
import type { Types } from 'mongoose';
import { OutboxModel } from '@panhuo/api/features/outbox/model';
import type { OutboxDoc } from '@panhuo/api/features/outbox/model';
import { backoff } from './bulk';

/** Identifies this process's claims, so two workers never process the same entry at once. */
export const workerId = `${process.pid}-${randomBytes(3).toString('hex')}`;

/**
 * Claims up to `limit` pending entries whose lease has expired. Two steps, both single-collection and
 * conditional (no transactions, so it runs on FerretDB): mark candidates as ours with a lease, then
 * read back exactly the ones we won.
 */
export async function claimBatch(limit: number, leaseMs = 60_000): Promise<OutboxDoc[]> {
  const now = new Date();
  const candidates = await OutboxModel.find({ done: false, claimedUntil: { $lte: now } }, { _id: 1 })
    .limit(limit)
    .lean();
  if (candidates.length === 0) return [];
  const claim = `${workerId}:${randomBytes(4).toString('hex')}`;
  await OutboxModel.updateMany(
    { _id: { $in: candidates.map((c) => c._id) }, done: false, claimedUntil: { $lte: now } },
    { $set: { claimedBy: claim, claimedUntil: new Date(now.getTime() + leaseMs) }, $inc: { attempts: 1 } },
  );
  return OutboxModel.find({ claimedBy: claim }).lean<OutboxDoc[]>();
}

/** Marks entries processed. */
export async function ackEntries(ids: Types.ObjectId[]): Promise<void> {
  if (ids.length === 0) return;
  await OutboxModel.updateMany({ _id: { $in: ids } }, { $set: { done: true, doneAt: new Date(), claimedBy: null } });
}

/** Releases entries for a later attempt, backing off by how often they failed. */
export async function releaseEntries(entries: OutboxDoc[], error: string): Promise<void> {
  for (const entry of entries) {
    await OutboxModel.updateOne(
      { _id: entry._id },
      {
        $set: {
          claimedBy: null,
          claimedUntil: new Date(Date.now() + backoff(entry.attempts ?? 1)),
          lastError: error.slice(0, 500),
        },
      },
    );
  }
}

/**
 * What a reindex must replay into the new index: entries created or processed since `since`, and the
 * pending ones. A reindex from the search-doc store reads documents only as current as the sync left them,
 * so a change still pending when it started reaches the new index only through this replay.
 */
export async function entriesToReplay(since: Date): Promise<OutboxDoc[]> {
  return OutboxModel.find({
    $or: [{ createdAt: { $gte: since } }, { doneAt: { $gte: since } }, { done: false }],
  }).lean<OutboxDoc[]>();
}

/** Removes processed entries older than `olderThanMs` (a reindex only replays recent ones). */
export async function purgeDone(olderThanMs = 24 * 3600_000): Promise<number> {
  const res = await OutboxModel.deleteMany({ done: true, doneAt: { $lt: new Date(Date.now() - olderThanMs) } });
  return res.deletedCount;
}
