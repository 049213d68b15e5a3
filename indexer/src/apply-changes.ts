import type { Client } from '@elastic/elasticsearch';
import type { Types } from 'mongoose';
import { PatentModel } from '@panhuo/api/features/patents/model';
import { loadLibrariesOf } from '@panhuo/api/features/pushes/entries';
import type { PatentDoc } from '@panhuo/api/features/patents/model';
import { BulkWriter, deleteOp, indexJsonOp } from './bulk';
import { removeSearchDocs, saveSearchDocs } from './search-doc-store';
import {
  evaluationCount,
  loadEvaluationsOf,
  loadPortfolioRefsOf,
  NO_EVALUATIONS,
  searchVersion,
  toEsDoc,
  VERSION_STRIDE,
} from './to-es-doc';
import { currentVector, loadVectorsOf, withEmbedding } from './vector-store';

/** A change to mirror: which patent, and the version a deletion tombstone gets. */
export interface PatentChange {
  entityId: Types.ObjectId;
  rev: number;
  op: 'upsert' | 'delete';
}

/** Patents read at once by `_id` equality. */
const READ_CONCURRENCY = 16;

/**
 * The stored patents of `ids` (missing ones left out), each read by `_id` equality, a few at a time: the
 * one condition FerretDB pushes down. An `$in` made it decode the whole collection for every batch
 * (6.5 s per 500 changes at 5,000 patents; minutes at a million), which a push of 50,000 patents turned
 * into 100 batches.
 */
async function readPatentsById(ids: readonly Types.ObjectId[]): Promise<PatentDoc[]> {
  const out: PatentDoc[] = [];
  for (let i = 0; i < ids.length; i += READ_CONCURRENCY) {
    const found = await Promise.all(
      ids.slice(i, i + READ_CONCURRENCY).map((id) => PatentModel.findById(id).lean<PatentDoc>()),
    );
    for (const patent of found) if (patent) out.push(patent);
  }
  return out;
}

/**
 * Mirrors changed patents into `index` and the search-doc store: re-reads each by `_id` (and the
 * enterprise evaluations and expert-evaluation counts of the pushed ones) and indexes its current state at
 * its searchVersion (external version), or deletes it when it no longer exists or was withdrawn. Replays
 * are harmless.
 */
export async function applyPatentChanges(
  es: Client,
  index: string,
  changes: PatentChange[],
): Promise<number> {
  if (changes.length === 0) return 0;
  const ids = [...new Map(changes.map((c) => [c.entityId.toHexString(), c.entityId])).values()];
  const stored = await readPatentsById(ids);
  // A withdrawn patent (撤回) is mirrored as absent: its document is deleted at the withdrawal's rev, so
  // it leaves every library, feed and export through this one rule instead of a filter in each query.
  const current = stored.filter((p) => !p.withdrawnAt);
  // Each patent's library: its own pushes joined with its push entries (pushes/entry-model.ts).
  const libraries = await loadLibrariesOf(current);
  const entriesOf = (p: PatentDoc) => libraries.get(p._id.toHexString())?.entries ?? 0;
  const patents = current.map((p) => ({ ...p, pushes: libraries.get(p._id.toHexString())?.pushes ?? [] }));
  const byId = new Map(patents.map((p) => [p._id.toHexString(), p]));
  const tombstone = new Map<string, number>();
  for (const change of changes) {
    const id = change.entityId.toHexString();
    if (!byId.has(id)) tombstone.set(id, Math.max(tombstone.get(id) ?? 0, change.rev));
  }
  const [portfolios, evaluations, vectors] = await Promise.all([
    loadPortfolioRefsOf(patents),
    loadEvaluationsOf(patents),
    loadVectorsOf(patents.map((p) => p._id)),
  ]);
  const docs = patents.map((p) => {
    const own = evaluations.get(p._id.toHexString()) ?? NO_EVALUATIONS;
    // `rev` of a stored document is its external version (searchVersion), not the patent's rev.
    return {
      id: p._id,
      rev: searchVersion(p.rev, evaluationCount(own) + entriesOf(p)),
      json: JSON.stringify(toEsDoc(p, portfolios, own)),
      // The stored vector when it was computed from the current title and abstract; else none (stale).
      vector: currentVector(p, vectors.get(p._id.toHexString())),
    };
  });
  // The store first: if indexing then fails, the entries are retried and both are written again.
  await saveSearchDocs(docs);
  await removeSearchDocs(ids.filter((id) => tombstone.has(id.toHexString())));
  const writer = new BulkWriter(es, { concurrency: 1 });
  for (const doc of docs)
    await writer.add(
      indexJsonOp(index, doc.id.toHexString(), doc.rev, withEmbedding(doc.json, doc.vector), 'external_gte'),
    );
  for (const [id, rev] of tombstone) await writer.add(deleteOp(index, id, rev * VERSION_STRIDE));
  return writer.close();
}
