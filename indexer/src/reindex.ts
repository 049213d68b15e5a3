import type { Client } from '@elastic/elasticsearch';
import { indexNames } from '@panhuo/api/infra/elasticsearch';
import { PatentModel } from '@panhuo/api/features/patents/model';
import type { PatentDoc } from '@panhuo/api/features/patents/model';
import { applyPatentChanges } from './apply-changes';
import { BulkWriter, indexJsonOp } from './bulk';
import { entriesToReplay } from './outbox';
import { createPatentIndex, loadPatentMapping, newIndexName, swapAlias } from './patent-index';
import {
  beginStoreRebuild,
  decodeSearchDoc,
  finishStoreRebuild,
  STORED_DOCS_COLLECTION,
  StoreRebuildWriter,
  storedDocCursor,
  storeIsUsable,
} from './search-doc-store';
import { loadAllPushEntries } from '@panhuo/api/features/pushes/entries';
import {
  evaluationCount,
  loadAllEvaluations,
  loadAllPortfolioRefs,
  NO_EVALUATIONS,
  searchVersion,
  toEsDoc,
} from './to-es-doc';
import { currentVector, loadAllVectors, withEmbedding } from './vector-store';
import type { StoredVector } from './vector-store';

export interface ReindexResult {
  index: string;
  count: number;
  /** Seconds in all: the copy, the refresh, the force merge, the alias swap and the replay. */
  seconds: number;
  /** Seconds until the new index was filled and refreshed: the part a raw `_bulk` load also does. */
  loadSeconds: number;
  replaced: string[];
  /** Where the documents came from: the patents (the store rebuilt too) or the search-doc store. */
  source: 'patents' | 'stored-docs';
}

export interface ReindexOptions {
  /** Called with the number of documents written so far, and the expected total. */
  onProgress?: (done: number, total: number) => void;
  bulkBytes?: number;
  concurrency?: number;
  /**
   * Read the search-doc store when it is complete and in this code's format (about twice as fast on
   * FerretDB), else the patents. Off by default: only the patents see writes that bypassed the outbox
   * (seeding, tests), and reading them also rebuilds the store.
   */
  useStoredDocs?: boolean;
}

/**
 * The number of documents in `collection`, only for the progress bar. collStats answers from metadata; a
 * count would make FerretDB decode every document (about 10 minutes at 1M, past the socket timeout).
 * Unknown is 0.
 */
async function expectedCount(collection: string): Promise<number> {
  try {
    const stats = await PatentModel.db.db!.command({ collStats: collection }, { timeoutMS: 10_000 });
    return typeof stats.count === 'number' ? stats.count : 0;
  } catch {
    return 0;
  }
}

/** Streams every patent into `writer` as its search document, and rebuilds the search-doc store. */
async function copyPatents(
  writer: BulkWriter,
  index: string,
  vectors: ReadonlyMap<string, StoredVector>,
): Promise<number> {
  await beginStoreRebuild();
  const store = new StoreRebuildWriter();
  const [portfolios, evaluations, entries] = await Promise.all([
    loadAllPortfolioRefs(),
    loadAllEvaluations(),
    loadAllPushEntries(),
  ]);
  let count = 0;
  // One streaming cursor, no sort: a range-and-sort per batch would rescan on FerretDB.
  const cursor = PatentModel.find({}).lean<PatentDoc[]>().cursor({ batchSize: 1000 });
  for await (const stored of cursor) {
    // Withdrawn (撤回): no search document, as in applyPatentChanges.
    if ((stored as PatentDoc).withdrawnAt) continue;
    // Its own pushes joined with its push entries (pushes/entry-model.ts).
    const library = await entries.libraryOf(stored as PatentDoc);
    const patent = { ...(stored as PatentDoc), pushes: library.pushes };
    const own = evaluations.get(patent._id.toHexString()) ?? NO_EVALUATIONS;
    const json = JSON.stringify(toEsDoc(patent, portfolios, own));
    const version = searchVersion(patent.rev, evaluationCount(own) + library.entries);
    await store.add({ id: patent._id, rev: version, json });
    // The stored vector when it matches the current text: a reindex never calls the embeddings server.
    const vector = currentVector(patent, vectors.get(patent._id.toHexString()));
    await writer.add(indexJsonOp(index, patent._id.toHexString(), version, withEmbedding(json, vector)));
    count += 1;
  }
  await store.close();
  await finishStoreRebuild();
  return count;
}

/** Streams the search-doc store into `writer`, each document with its current stored vector. */
async function copyStoredDocs(
  writer: BulkWriter,
  index: string,
  vectors: ReadonlyMap<string, StoredVector>,
): Promise<number> {
  let count = 0;
  for await (const doc of storedDocCursor()) {
    const json = decodeSearchDoc(doc.z.buffer);
    const stored = vectors.get(doc._id.toHexString());
    // Parsed only when there is a vector to check against the document's title and abstract.
    const vector = stored
      ? currentVector(JSON.parse(json) as { title: string; abstract?: string }, stored)
      : undefined;
    await writer.add(indexJsonOp(index, doc._id.toHexString(), doc.rev, withEmbedding(json, vector)));
    count += 1;
  }
  return count;
}

/**
 * Rebuilds the patents index without downtime: fills a new versioned index (refresh off) from the patents
 * or the search-doc store (opts.useStoredDocs), swaps the alias atomically, replays what the outbox
 * recorded meanwhile or still holds, and drops the old index. If anything fails before the swap, the new
 * index is deleted and the old one keeps serving.
 * `es` must wait as long as the work takes (createEsClient with INDEX_MAINTENANCE_TIMEOUT_MS): the first
 * refresh and the force merge of a million documents answer after minutes, and a client with the API's
 * short timeout rolled back a finished 1M reindex.
 */
export async function reindexPatents(
  es: Client,
  prefix: string,
  opts: ReindexOptions = {},
): Promise<ReindexResult> {
  const started = new Date();
  const alias = indexNames(prefix).patents;
  const index = newIndexName(prefix, started);
  const source = opts.useStoredDocs && (await storeIsUsable()) ? 'stored-docs' : 'patents';
  await createPatentIndex(es, index, { bulkLoad: true });
  let count = 0;
  let loadSeconds = 0;
  let replaced: string[] = [];
  try {
    const total = await expectedCount(
      source === 'patents' ? PatentModel.collection.collectionName : STORED_DOCS_COLLECTION,
    );
    opts.onProgress?.(0, total);
    const writer = new BulkWriter(es, {
      maxBytes: opts.bulkBytes ?? 5 * 1024 * 1024,
      concurrency: opts.concurrency ?? 2,
      onFlushed: (done) => opts.onProgress?.(done, total),
    });
    const vectors = await loadAllVectors();
    count =
      source === 'patents'
        ? await copyPatents(writer, index, vectors)
        : await copyStoredDocs(writer, index, vectors);
    await writer.close();
    const { settings } = loadPatentMapping();
    await es.indices.putSettings({
      index,
      settings: { refresh_interval: settings.refresh_interval ?? '1s' },
    });
    await es.indices.refresh({ index });
    loadSeconds = (Date.now() - started.getTime()) / 1000;
    // Before it serves: the freshly loaded index is read-mostly, and one segment makes each search about a
    // third cheaper (1M patents: 24 → 17 ms in ES per result page). Merging 1M takes about a minute.
    await es.indices.forcemerge({ index, max_num_segments: 1 });
    replaced = await swapAlias(es, alias, index);
  } catch (err) {
    await es.indices.delete({ index, ignore_unavailable: true }).catch(() => undefined);
    throw err;
  }
  // Writes that landed in the old index while we copied, and changes still pending: replay them (re-read
  // by _id, versioned).
  await applyPatentChanges(es, alias, await entriesToReplay(new Date(started.getTime() - 5_000)));
  await es.indices.refresh({ index: alias });
  if (replaced.length > 0) await es.indices.delete({ index: replaced, ignore_unavailable: true });
  return { index, count, seconds: (Date.now() - started.getTime()) / 1000, loadSeconds, replaced, source };
}
