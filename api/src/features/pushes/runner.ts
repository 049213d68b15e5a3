import type { Client } from '@elastic/elasticsearch';
import { Types } from 'mongoose';
import type { AnyBulkWriteOperation, Document, UpdateFilter } from 'mongodb';
import { emitPatentChanges } from '../outbox/model';
import { PatentModel } from '../patents/model';
import type { PatentPush } from '../patents/model';
import { PushModel } from './model';
import type { PushDoc } from './model';
import { buildBatchRequest, overlaps } from './query';
import type { MatchRule, SavedSearch } from './query';

/** Patents per batch: one ES page, its bulkWrites, one outbox insert. */
export const PUSH_BATCH_SIZE = 1000;
/**
 * Updates per bulkWrite, and bulkWrites in flight. A patent with 200 new entries is a ~20 KB rewrite on
 * FerretDB, several milliseconds each: chunks keep every request well inside the socket timeout, and two
 * in flight use both of PostgreSQL's cores.
 */
const WRITE_CHUNK = 100;
const WRITES_IN_FLIGHT = 2;

/** Runs the updates in chunks, a few at a time; returns how many documents they modified. */
async function writeChunks(ops: AnyBulkWriteOperation[]): Promise<number> {
  const chunks: AnyBulkWriteOperation[][] = [];
  for (let i = 0; i < ops.length; i += WRITE_CHUNK) chunks.push(ops.slice(i, i + WRITE_CHUNK));
  let modified = 0;
  for (let i = 0; i < chunks.length; i += WRITES_IN_FLIGHT) {
    const results = await Promise.all(
      chunks
        .slice(i, i + WRITES_IN_FLIGHT)
        .map((chunk) => PatentModel.collection.bulkWrite(chunk, { ordered: false })),
    );
    modified += results.reduce((n, r) => n + r.modifiedCount, 0);
  }
  return modified;
}
const KEEP_ALIVE = '5m';

interface BatchSource {
  id?: string;
  rev?: number;
  strategicIndustries?: string[];
  economicIndustries?: string[];
  library?: { enterpriseId: string }[];
}

/** What one run of a push wrote. */
export interface PushRunResult {
  processed: number;
  added: number;
  patents: number;
}

/** The saved search of a stored push, as query.ts takes it. */
export function savedSearchOf(push: Pick<PushDoc, 'search'>): SavedSearch {
  return {
    ...(push.search?.q ? { q: push.search.q } : {}),
    filters: (push.search?.filters ?? {}) as SavedSearch['filters'],
    ...(push.search?.patentIds ? { patentIds: push.search.patentIds.map((id) => id.toHexString()) } : {}),
  };
}

/** A push by 关注领域: each target's industries as the push keeps them; null for a push to picked enterprises. */
export function matchRulesOf(push: Pick<PushDoc, 'matchRules' | 'targets'>): MatchRule[] | null {
  if (push.targets !== 'matching' || !push.matchRules) return null;
  return push.matchRules.map((r) => ({
    enterpriseId: r.enterpriseId.toHexString(),
    strategicIndustries: [...r.strategicIndustries],
    economicIndustries: [...r.economicIndustries],
  }));
}

/**
 * One patent's write: append the entries of the enterprises it lacks, by `_id` and `rev` equality (top-level
 * scalars: the only conditions FerretDB pushes down; a condition on `pushes.enterpriseId` made it scan the
 * collection for every update). The enterprises it lacks were read from its search document, built from
 * revision `rev`: if the patent changed since (a push the indexer has not mirrored yet), the filter misses
 * and reconcile() re-reads the patent, so nothing is appended twice.
 */
function appendOp(patentId: Types.ObjectId, rev: number, entries: PatentPush[]): AnyBulkWriteOperation {
  return {
    updateOne: {
      filter: { _id: patentId, rev },
      // The driver's types do not follow an array of subdocuments through $each.
      update: {
        $push: { pushes: { $each: entries } },
        $inc: { rev: 1 },
      } as unknown as UpdateFilter<Document>,
    },
  };
}

/**
 * After a stale read: each wanted patent as stored now (read by `_id`). Entries of this push already there
 * (the first write landed, or an earlier run of the same push) count as landed; what is still missing is
 * written now. Returns what landed in all and which patents received anything.
 */
async function reconcile(
  wanted: Map<string, PatentPush[]>,
  pushedAt: Date,
): Promise<{ entries: number; ids: Types.ObjectId[] }> {
  const ops: AnyBulkWriteOperation[] = [];
  const ids: Types.ObjectId[] = [];
  let entries = 0;
  const list = [...wanted];
  for (let i = 0; i < list.length; i += 16) {
    await Promise.all(
      list.slice(i, i + 16).map(async ([hex, want]) => {
        const id = new Types.ObjectId(hex);
        const stored = await PatentModel.findById(id, { pushes: 1, rev: 1 }).lean<{
          pushes?: PatentPush[];
          rev: number;
        }>();
        if (!stored) return;
        const have = new Map((stored.pushes ?? []).map((p) => [p.enterpriseId.toHexString(), p]));
        const ours = want.filter(
          (e) => have.get(e.enterpriseId.toHexString())?.pushedAt.getTime() === pushedAt.getTime(),
        );
        const missing = want.filter((e) => !have.has(e.enterpriseId.toHexString()));
        if (missing.length > 0) ops.push(appendOp(id, stored.rev, missing));
        if (ours.length + missing.length > 0) ids.push(id);
        entries += ours.length + missing.length;
      }),
    );
  }
  if (ops.length > 0) await writeChunks(ops);
  return { entries, ids };
}

/**
 * Runs one push to the end: walks its saved search's pushable matches in Elasticsearch (point in time,
 * search_after, PUSH_BATCH_SIZE at a time), appends to each patent the entries of the target enterprises
 * its search document does not list yet (one bulkWrite of `_id`-equality updates per batch), bumps `rev`,
 * writes the outbox entries the indexer mirrors, and records progress and a checkpoint after every batch.
 * Idempotent: run again (a retry, a restart from the checkpoint or from the start) it adds nothing twice.
 * Only the push job calls it, one push at a time, so its read-then-append never races itself.
 */
export async function runPush(
  es: Client,
  index: string,
  push: PushDoc,
  batchSize = PUSH_BATCH_SIZE,
): Promise<PushRunResult> {
  const search = savedSearchOf(push);
  const targets = push.enterpriseIds.map((id) => new Types.ObjectId(id.toHexString()));
  const rules = matchRulesOf(push);
  // By 关注领域: each patent goes to the targets whose industries overlap its own.
  const targetsOf = (source: BatchSource | undefined) =>
    rules
      ? targets.filter((t) => {
          const rule = rules.find((r) => r.enterpriseId === t.toHexString());
          return rule !== undefined && overlaps(rule, source ?? {});
        })
      : targets;
  // One date for the whole push: what each library shows as 推送时间.
  const pushedAt = push.startedAt ?? new Date();
  const pushId = push.kind === 'rule' ? push._id : null;
  const result: PushRunResult = {
    processed: push.progress?.processed ?? 0,
    added: push.counts?.added ?? 0,
    patents: push.counts?.patents ?? 0,
  };
  let after = (push.checkpoint as (string | number)[] | undefined) ?? null;
  let { id: pit } = await es.openPointInTime({ index, keep_alive: KEEP_ALIVE });
  const page = async (countTotal: boolean) => {
    const res = await es.search<BatchSource>(
      buildBatchRequest(search, { size: batchSize, pit, keepAlive: KEEP_ALIVE, after, countTotal }),
    );
    pit = res.pit_id ?? pit;
    return res;
  };
  try {
    let res = await page(true);
    // Every pushable match (search_after does not narrow the count): a resumed push keeps its denominator.
    const total = typeof res.hits.total === 'number' ? res.hits.total : (res.hits.total?.value ?? 0);
    await PushModel.updateOne({ _id: push._id }, { $set: { 'progress.total': total, startedAt: pushedAt } });
    while (res.hits.hits.length > 0) {
      const hits = res.hits.hits;
      const last = hits.at(-1)?.sort as (string | number)[] | undefined;
      after = last ?? null;
      // The next page is read while this one is written.
      const next = hits.length === batchSize ? page(false) : null;
      const wanted = new Map<string, PatentPush[]>();
      /** The rev each search document was built from. */
      const revs = new Map<string, number>();
      for (const hit of hits) {
        const id = hit._source?.id ?? hit._id;
        if (!id) continue;
        const have = new Set((hit._source?.library ?? []).map((e) => e.enterpriseId));
        const missing = targetsOf(hit._source)
          .filter((e) => !have.has(e.toHexString()))
          .map((enterpriseId) => ({ enterpriseId, pushId, pushedAt }));
        if (missing.length > 0) {
          wanted.set(id, missing);
          revs.set(id, hit._source?.rev ?? 0);
        }
      }
      let changed: Types.ObjectId[] = [];
      if (wanted.size > 0) {
        const ops = [...wanted].map(([hex, entries]) =>
          appendOp(new Types.ObjectId(hex), revs.get(hex) ?? 0, entries),
        );
        const modified = await writeChunks(ops);
        if (modified === ops.length) {
          changed = [...wanted.keys()].map((hex) => new Types.ObjectId(hex));
          result.added += [...wanted.values()].reduce((n, entries) => n + entries.length, 0);
        } else {
          // Some search documents lagged behind the patents (or a retried batch): the stored patents decide.
          const again = await reconcile(wanted, pushedAt);
          changed = again.ids;
          result.added += again.entries;
        }
        // The rev each change reached, as far as this batch knows (an upsert entry's rev is not read).
        await emitPatentChanges(
          changed.map((entityId) => ({
            entityId,
            rev: (revs.get(entityId.toHexString()) ?? 0) + 1,
            op: 'upsert',
          })),
        );
      }
      result.processed += hits.length;
      result.patents += changed.length;
      await PushModel.updateOne(
        { _id: push._id },
        {
          $set: {
            'progress.processed': result.processed,
            'counts.added': result.added,
            'counts.patents': result.patents,
            checkpoint: after,
          },
        },
      );
      if (!next) break;
      res = await next;
    }
  } finally {
    await es.closePointInTime({ id: pit }).catch(() => undefined);
  }
  return result;
}
