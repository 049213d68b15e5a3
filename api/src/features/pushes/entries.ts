import { Types } from 'mongoose';
import { isDuplicateKey } from '../../infra/mongo';
import type { PatentPush } from '../patents/model';
import { PushEntryModel } from './entry-model';
import type { PushEntryDoc } from './entry-model';
import { PushModel } from './model';

/** One patent's entry of one push, to insert. `enterprises` null: every target of the push. */
export interface NewPushEntry {
  patentId: Types.ObjectId;
  enterprises: readonly Types.ObjectId[] | null;
}

/** The id of a push's entry for a patent (see entry-model.ts). */
export const pushEntryId = (pushId: Types.ObjectId, patentId: Types.ObjectId) =>
  `${pushId.toHexString()}:${patentId.toHexString()}`;

/**
 * Inserts one batch's entries of a push, in one unordered insertMany: an entry already there (a replayed
 * batch) is a duplicate key and is skipped, the others land.
 */
export async function insertPushEntries(
  push: { _id: Types.ObjectId },
  pushedAt: Date,
  entries: readonly NewPushEntry[],
): Promise<void> {
  if (entries.length === 0) return;
  const docs = entries.map((entry) => ({
    _id: pushEntryId(push._id, entry.patentId),
    patentId: entry.patentId,
    pushId: push._id,
    pushedAt,
    enterprises: entry.enterprises ? entry.enterprises.map((id) => id.toHexString()).join('') : null,
  }));
  try {
    // A string `_id` (entry-model.ts): the driver's default collection type expects an ObjectId.
    await PushEntryModel.db
      .collection<(typeof docs)[number]>(PushEntryModel.collection.collectionName)
      .insertMany(docs, { ordered: false });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
  }
}

/** A push as entries need it: its targets, and whether it is a rule push (shown as the entry's push). */
interface PushTargets {
  enterpriseIds: Types.ObjectId[];
  rule: boolean;
}

/** Reads pushes by `_id` (equality, FerretDB pushes it down), each once per cache. */
class PushCache {
  private readonly byId = new Map<string, Promise<PushTargets | null>>();

  get(id: Types.ObjectId): Promise<PushTargets | null> {
    const key = id.toHexString();
    let found = this.byId.get(key);
    if (!found) {
      found = PushModel.findById(id, { enterpriseIds: 1, kind: 1 })
        .lean<{ enterpriseIds: Types.ObjectId[]; kind: string }>()
        .then((push) => (push ? { enterpriseIds: push.enterpriseIds, rule: push.kind === 'rule' } : null));
      this.byId.set(key, found);
    }
    return found;
  }
}

function splitIds(packed: string): Types.ObjectId[] {
  const out: Types.ObjectId[] = [];
  for (let i = 0; i + 24 <= packed.length; i += 24) out.push(new Types.ObjectId(packed.slice(i, i + 24)));
  return out;
}

/** A patent's library: Patent.pushes and its push entries, one per enterprise (the earliest wins). */
export interface PatentLibrary {
  pushes: PatentPush[];
  /** How many push entries the patent has (only grows: part of the search document's version). */
  entries: number;
}

async function resolve(
  own: readonly PatentPush[],
  entries: readonly PushEntryDoc[],
  cache: PushCache,
): Promise<PatentLibrary> {
  const all: PatentPush[] = [...own];
  for (const entry of entries) {
    const push = await cache.get(entry.pushId);
    if (!push) continue;
    const targets = entry.enterprises ? splitIds(entry.enterprises) : push.enterpriseIds;
    for (const enterpriseId of targets) {
      all.push({ enterpriseId, pushId: push.rule ? entry.pushId : null, pushedAt: entry.pushedAt });
    }
  }
  const first = new Map<string, PatentPush>();
  for (const push of all) {
    const key = push.enterpriseId.toHexString();
    const seen = first.get(key);
    if (!seen || push.pushedAt.getTime() < seen.pushedAt.getTime()) first.set(key, push);
  }
  return { pushes: [...first.values()], entries: entries.length };
}

/**
 * The libraries of the given patents (by hex id): their own `pushes` joined with their push entries, read
 * by equality on patentId, a few at a time.
 */
export async function loadLibrariesOf(
  patents: readonly { _id: Types.ObjectId; pushes?: PatentPush[] }[],
): Promise<Map<string, PatentLibrary>> {
  const cache = new PushCache();
  const out = new Map<string, PatentLibrary>();
  const CONCURRENCY = 8;
  for (let i = 0; i < patents.length; i += CONCURRENCY) {
    await Promise.all(
      patents.slice(i, i + CONCURRENCY).map(async (patent) => {
        const entries = await PushEntryModel.find({ patentId: patent._id }).lean<PushEntryDoc[]>();
        out.set(patent._id.toHexString(), await resolve(patent.pushes ?? [], entries, cache));
      }),
    );
  }
  return out;
}

/**
 * Every push entry, by patent hex id (a reindex from the patents reads them all once, streaming); resolve
 * each patent with `libraryOfPatent`.
 */
export async function loadAllPushEntries(): Promise<{
  entries: Map<string, PushEntryDoc[]>;
  libraryOf: (patent: { _id: Types.ObjectId; pushes?: PatentPush[] }) => Promise<PatentLibrary>;
}> {
  const entries = new Map<string, PushEntryDoc[]>();
  const cursor = PushEntryModel.find({}).lean<PushEntryDoc[]>().cursor({ batchSize: 1000 });
  for await (const entry of cursor) {
    const doc = entry as PushEntryDoc;
    const key = doc.patentId.toHexString();
    const list = entries.get(key);
    if (list) list.push(doc);
    else entries.set(key, [doc]);
  }
  const cache = new PushCache();
  return {
    entries,
    libraryOf: (patent) => resolve(patent.pushes ?? [], entries.get(patent._id.toHexString()) ?? [], cache),
  };
}
