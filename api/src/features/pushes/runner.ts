import type { Client } from '@elastic/elasticsearch';
import { Types } from 'mongoose';
import { emitPatentChanges } from '../outbox/model';
import { insertPushEntries } from './entries';
import type { NewPushEntry } from './entries';
import { PushModel } from './model';
import type { PushDoc } from './model';
import { buildBatchRequest, overlaps } from './query';
import type { MatchRule, SavedSearch } from './query';

/** Patents per batch: one ES page, one insertMany of push entries, one outbox insert. */
export const PUSH_BATCH_SIZE = 1000;
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
 * Runs one push to the end: walks its saved search's pushable matches in Elasticsearch (point in time,
 * search_after, PUSH_BATCH_SIZE at a time), and for each patent lacking some target enterprise in its
 * search document inserts one small push entry (entry-model.ts; one insertMany per batch, the patent
 * itself is never written), then the outbox entries the indexer mirrors, and records progress and a
 * checkpoint after every batch. Idempotent: run again (a retry, a restart from the checkpoint or from the
 * start) a batch's entries collide on their ids and add nothing; an enterprise that already holds the
 * patent keeps its first 推送时间 (readers keep the earliest entry per enterprise). Only the push job calls
 * it, one push at a time.
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
      const entries: NewPushEntry[] = [];
      let added = 0;
      for (const hit of hits) {
        const id = hit._source?.id ?? hit._id;
        if (!id) continue;
        const have = new Set((hit._source?.library ?? []).map((e) => e.enterpriseId));
        const targetsHere = targetsOf(hit._source);
        const missing = targetsHere.filter((e) => !have.has(e.toHexString()));
        if (missing.length === 0) continue;
        // null: every target of the push (stored once, on the push), the usual case.
        const everyTarget = !rules && missing.length === targets.length;
        entries.push({ patentId: new Types.ObjectId(id), enterprises: everyTarget ? null : missing });
        added += missing.length;
      }
      if (entries.length > 0) {
        await insertPushEntries(push, pushedAt, entries);
        // rev 0: an upsert entry's rev is not read (the indexer re-reads the patent and its entries).
        await emitPatentChanges(
          entries.map((entry) => ({ entityId: entry.patentId, rev: 0, op: 'upsert' as const })),
        );
        result.added += added;
      }
      result.processed += hits.length;
      result.patents += entries.length;
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
