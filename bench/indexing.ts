// Indexing throughput: the project's indexer (reindexPatents) reading the patents (cursor → toEsDoc →
// BulkWriter, and the search-doc store rebuilt) and reading the search-doc store, against the node's raw
// `_bulk` speed for the very same documents and operations, in the same run.
import { createWriteStream } from 'node:fs';
import { mkdir, open, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Client, estypes } from '@elastic/elasticsearch';
import { Progress } from '@panhuo/api/infra/progress';
import { createPatentIndex } from '@panhuo/indexer/patent-index';
import { reindexPatents } from '@panhuo/indexer/reindex';
import type { ReindexResult } from '@panhuo/indexer/reindex';
import { decodeSearchDoc, storedDocCursor } from '@panhuo/indexer/search-doc-store';
import { round } from './stats';

/** Bytes per `_bulk` request, for both the indexer and the raw sender (the anchors used 5 MB). */
export const BULK_BYTES = 5 * 1024 * 1024;
/** Requests in flight at once, for both. */
export const SENDERS = 2;

interface IndexerRun {
  index: string;
  /** Until the index was filled and refreshed, as the raw load is timed. */
  loadSeconds: number;
  docsPerSecond: number;
  /** With the force merge to one segment, the alias swap and the outbox replay. */
  seconds: number;
  docsPerSecondInAll: number;
}

/** What the indexing benchmark measured. */
export interface IndexingResult {
  docs: number;
  /** reindexPatents reading the search-doc store: what `npm run reindex` does once the store exists. */
  indexer: IndexerRun;
  /** reindexPatents reading every patent and rebuilding the store (first build, new document format). */
  fromPatents: IndexerRun;
  raw: { docs: number; requests: number; seconds: number; docsPerSecond: number; fileBytes: number };
  /** indexer (store) docs/s ÷ raw docs/s (goal ≥ 0.8), both until the index is refreshed. */
  ratio: number;
  /** indexer (patents) docs/s ÷ raw docs/s. */
  ratioFromPatents: number;
  /** Untimed preparation: writing the NDJSON file, waiting for background merges. */
  prep: { exportSeconds: number; mergeWaitSeconds: number[] };
}

interface NdjsonFile {
  path: string;
  bytes: number;
  docs: number;
  /** Byte offsets where each `_bulk` request starts, plus the file size at the end. */
  boundaries: number[];
}

/**
 * Writes the search-doc store's documents (exactly what toEsDoc built from each patent) as `_bulk` NDJSON,
 * with the indexer's action line minus the index name, recording where each ~5 MB request starts so the
 * timed phase only reads bytes.
 */
async function exportNdjson(path: string, total: number): Promise<NdjsonFile> {
  const out = createWriteStream(path);
  const boundaries = [0];
  let bytes = 0;
  let pending = 0;
  let docs = 0;
  const progress = new Progress('[bench] export NDJSON', total, process.stdout);
  for await (const doc of storedDocCursor()) {
    const action = { index: { _id: doc._id.toHexString(), version: doc.rev, version_type: 'external' } };
    const lines = `${JSON.stringify(action)}\n${decodeSearchDoc(doc.z.buffer)}\n`;
    const size = Buffer.byteLength(lines);
    bytes += size;
    pending += size;
    docs += 1;
    // Same rule as BulkWriter: a request is sent once it reaches BULK_BYTES.
    if (pending >= BULK_BYTES) {
      boundaries.push(bytes);
      pending = 0;
    }
    if (!out.write(lines)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
    if (docs % 5000 === 0) progress.update(docs);
  }
  if (pending > 0) boundaries.push(bytes);
  await new Promise<void>((resolve, reject) =>
    out.end((err?: Error | null) => (err ? reject(err) : resolve())),
  );
  progress.finish(docs);
  return { path, bytes, docs, boundaries };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits (untimed) until the node runs no merges on `index` so one load does not pay for the other's. */
async function waitForMerges(es: Client, index: string, maxSeconds = 300): Promise<number> {
  const started = performance.now();
  let quiet = 0;
  while ((performance.now() - started) / 1000 < maxSeconds) {
    const stats = await es.indices.stats({ index, metric: 'merge' });
    quiet = (stats._all.total?.merges?.current ?? 0) === 0 ? quiet + 1 : 0;
    if (quiet >= 2) break;
    await sleep(1000);
  }
  return round((performance.now() - started) / 1000);
}

interface BulkResponseLite {
  errors: boolean;
  items?: Record<string, { status: number; error?: { type: string; reason?: string } }>[];
}

/** Sends one request body; retries on 429 (whole request) like BulkWriter. Returns failed items. */
async function sendBulk(url: string, body: Buffer): Promise<string[]> {
  for (let attempt = 1; ; attempt++) {
    const res = await fetch(url, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/x-ndjson' },
    });
    const text = await res.text();
    if (res.status === 429 && attempt < 8) {
      await sleep(200 * 2 ** (attempt - 1));
      continue;
    }
    if (res.status !== 200) throw new Error(`raw _bulk answered ${res.status}: ${text.slice(0, 300)}`);
    const parsed = JSON.parse(text) as BulkResponseLite;
    if (!parsed.errors) return [];
    return (parsed.items ?? []).flatMap((item) =>
      Object.values(item).flatMap((r) =>
        r.error ? [`${r.status} ${r.error.type}: ${r.error.reason ?? ''}`] : [],
      ),
    );
  }
}

/**
 * Streams the file to `index` in its recorded ~5 MB requests from SENDERS concurrent senders, then turns
 * refresh back on and refreshes (as the indexer does before swapping its alias). Timed.
 */
async function rawBulkLoad(
  es: Client,
  esUrl: string,
  index: string,
  file: NdjsonFile,
): Promise<{ seconds: number; requests: number }> {
  const handle = await open(file.path, 'r');
  const url = `${esUrl.replace(/\/$/, '')}/${index}/_bulk?filter_path=errors,items.*.status,items.*.error`;
  const requests = file.boundaries.length - 1;
  const progress = new Progress('[bench] raw _bulk requests', requests, process.stdout);
  const failures: string[] = [];
  let next = 0;
  let done = 0;
  const started = performance.now();
  try {
    const sender = async () => {
      for (let i = next++; i < requests; i = next++) {
        const from = file.boundaries[i] ?? 0;
        const to = file.boundaries[i + 1] ?? file.bytes;
        const body = Buffer.allocUnsafe(to - from);
        await handle.read(body, 0, body.length, from);
        failures.push(...(await sendBulk(url, body)));
        progress.update(++done);
      }
    };
    await Promise.all(Array.from({ length: SENDERS }, sender));
    await es.indices.putSettings({ index, settings: { refresh_interval: '1s' } });
    await es.indices.refresh({ index });
  } finally {
    await handle.close();
  }
  const seconds = (performance.now() - started) / 1000;
  progress.finish(done);
  if (failures.length > 0)
    throw new Error(`${failures.length} raw bulk items failed, e.g. ${failures.slice(0, 3).join('; ')}`);
  return { seconds, requests };
}

/** One timed reindexPatents from `source`, checked to have read from there and written every patent. */
async function timedReindex(
  es: Client,
  prefix: string,
  source: ReindexResult['source'],
  expectedDocs: number,
): Promise<IndexerRun> {
  const progress = new Progress(`[bench] indexer from the ${source}`, expectedDocs, process.stdout);
  const result = await reindexPatents(es, prefix, {
    useStoredDocs: source === 'stored-docs',
    onProgress: (done) => progress.update(done),
  });
  progress.finish(result.count);
  if (result.source !== source) throw new Error(`the reindex read the ${result.source}, not the ${source}`);
  if (result.count !== expectedDocs)
    throw new Error(`indexer wrote ${result.count}, expected ${expectedDocs}`);
  return {
    index: result.index,
    loadSeconds: round(result.loadSeconds),
    docsPerSecond: Math.round(result.count / result.loadSeconds),
    seconds: round(result.seconds),
    docsPerSecondInAll: Math.round(result.count / result.seconds),
  };
}

/**
 * (a) reindexPatents from the patents, which also rebuilds the search-doc store; (b) reindexPatents from
 * that store (the alias `<prefix>-patents` then serves the search benchmarks); (c) the same documents from
 * an NDJSON file into a fresh index with the same mapping and load settings (refresh off, no replica), in
 * 5 MB requests from 2 senders. The file lives in `workDir`; the raw index is deleted afterwards.
 */
export async function runIndexingBench(
  es: Client,
  opts: { esUrl: string; prefix: string; workDir: string; expectedDocs: number },
): Promise<IndexingResult> {
  await mkdir(opts.workDir, { recursive: true });
  const file = join(opts.workDir, `bench-${Date.now()}.ndjson`);
  const rawIndex = `${opts.prefix}-raw-${Date.now()}`;
  try {
    const mergeWaitSeconds = [await waitForMerges(es, `${opts.prefix}-*`)];
    const fromPatents = await timedReindex(es, opts.prefix, 'patents', opts.expectedDocs);
    mergeWaitSeconds.push(await waitForMerges(es, `${opts.prefix}-*`));
    const indexer = await timedReindex(es, opts.prefix, 'stored-docs', opts.expectedDocs);

    const exportStarted = performance.now();
    const ndjson = await exportNdjson(file, opts.expectedDocs);
    const exportSeconds = round((performance.now() - exportStarted) / 1000);
    const fileBytes = (await stat(file)).size;
    console.log(
      `[bench] NDJSON: ${ndjson.docs} docs, ${(fileBytes / 1e9).toFixed(2)} GB, ${exportSeconds} s (untimed)`,
    );
    if (ndjson.docs !== opts.expectedDocs)
      throw new Error(`the NDJSON has ${ndjson.docs} docs, expected ${opts.expectedDocs}`);

    mergeWaitSeconds.push(await waitForMerges(es, `${opts.prefix}-*`));
    await createPatentIndex(es, rawIndex, { bulkLoad: true });
    const raw = await rawBulkLoad(es, opts.esUrl, rawIndex, ndjson);
    const counted = await es.count({ index: rawIndex });
    if (counted.count !== ndjson.docs)
      throw new Error(`raw index holds ${counted.count}, expected ${ndjson.docs}`);

    const rawRate = ndjson.docs / raw.seconds;
    return {
      docs: ndjson.docs,
      indexer,
      fromPatents,
      raw: {
        docs: ndjson.docs,
        requests: raw.requests,
        seconds: round(raw.seconds),
        docsPerSecond: Math.round(rawRate),
        fileBytes,
      },
      ratio: round(indexer.docsPerSecond / rawRate, 3),
      ratioFromPatents: round(fromPatents.docsPerSecond / rawRate, 3),
      prep: { exportSeconds, mergeWaitSeconds },
    };
  } finally {
    await es.indices.delete({ index: rawIndex, ignore_unavailable: true }).catch(() => undefined);
    await rm(file, { force: true });
  }
}

/** Deletes raw indices and NDJSON files an interrupted earlier run may have left. */
export async function cleanLeftovers(es: Client, prefix: string, workDir: string): Promise<void> {
  const stale: estypes.IndicesGetResponse = await es.indices.get({
    index: `${prefix}-raw-*`,
    ignore_unavailable: true,
    allow_no_indices: true,
  });
  const names = Object.keys(stale);
  if (names.length > 0) await es.indices.delete({ index: names, ignore_unavailable: true });
  await mkdir(workDir, { recursive: true });
  for (const name of await readdir(workDir)) {
    if (/^bench-\d+\.ndjson$/.test(name)) await rm(join(workDir, name), { force: true });
  }
}
