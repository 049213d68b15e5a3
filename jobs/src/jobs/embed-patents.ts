import type { Client, estypes } from '@elastic/elasticsearch';
import { exponential } from 'agenda';
import type { Logger } from 'pino';
import { z } from 'zod';
import { indexNames } from '@panhuo/api/infra/elasticsearch';
import { EmbeddingsError, embeddingsClientFromConfig } from '@panhuo/api/infra/embeddings';
import type { EmbeddingsClient } from '@panhuo/api/infra/embeddings';
import { BulkWriter, indexJsonOp } from '@panhuo/indexer/bulk';
import {
  currentVector,
  loadVectorsOf,
  passageHash,
  passageText,
  saveVectors,
  withEmbedding,
} from '@panhuo/indexer/vector-store';
import { Types } from 'mongoose';
import { defineJob } from '../job';

/*
 * Fills the search documents' `embedding` (语义检索, 相似专利) behind the outbox, never in a request. The
 * queue is Elasticsearch itself: documents with no `embedding`, newest 注册时间 first. Why no queue of
 * our own: the indexer drops a stale vector by writing a document without one (vector-store.ts), so
 * "must_not exists embedding" is exactly the set of patents whose current text has no vector, after any
 * edit, import or reindex, with nothing to keep in step.
 */

/** The fields read of each waiting document; the rest of `_source` is written back unchanged. */
interface WaitingDoc {
  title: string;
  abstract?: string;
  [field: string]: unknown;
}

/** The search for one batch of documents still without a vector (exported for the exact-body test). */
export function missingEmbeddingsQuery(size: number): estypes.SearchRequest {
  return {
    size,
    version: true,
    query: { bool: { must_not: [{ exists: { field: 'embedding' } }] } },
    sort: [{ registeredAt: { order: 'desc' } }, { id: { order: 'asc' } }],
  };
}

export interface EmbedRunResult {
  /** Documents given a vector in Elasticsearch (refused writes of a newer version not counted). */
  written: number;
  /** Vectors computed by the embeddings server (the rest were already stored for the same text). */
  embedded: number;
  /** Why the run stopped early, when the embeddings server failed. */
  failure?: EmbeddingsError['reason'];
}

/**
 * Embeds up to `maxBatches` batches of documents without a vector in `prefix`'s patents index: vectors
 * already stored for the same text are reused, the others computed (one request per batch), saved in the
 * vector store and only then written onto the documents, each re-indexed whole at the version it was read
 * at (external_gte): a document the indexer rewrote meanwhile has a higher version and refuses it (the
 * indexer's write already carried the stored vector if its text was the same). An EmbeddingsError ends the
 * run with nothing stored or written for that batch; the next run tries again.
 */
export async function embedMissingPatents(
  es: Client,
  prefix: string,
  client: EmbeddingsClient,
  logger: Logger,
  opts: { batchSize?: number; maxBatches?: number } = {},
): Promise<EmbedRunResult> {
  const index = indexNames(prefix).patents;
  const batchSize = opts.batchSize ?? 32;
  const result: EmbedRunResult = { written: 0, embedded: 0 };
  for (let batch = 0; batch < (opts.maxBatches ?? 20); batch += 1) {
    const found = await es.search<WaitingDoc>({ index, ...missingEmbeddingsQuery(batchSize) });
    const hits = found.hits.hits.filter((h) => h._source && h._id && typeof h._version === 'number');
    if (hits.length === 0) break;
    const ids = hits.map((h) => new Types.ObjectId(h._id));
    const stored = await loadVectorsOf(ids);
    const vectors = new Map<string, number[]>();
    const toEmbed: { id: Types.ObjectId; hash: string; text: string }[] = [];
    for (const [i, hit] of hits.entries()) {
      const source = hit._source!;
      const known = currentVector(source, stored.get(hit._id!));
      if (known) vectors.set(hit._id!, known);
      else toEmbed.push({ id: ids[i]!, hash: passageHash(source), text: passageText(source) });
    }
    if (toEmbed.length > 0) {
      let computed: number[][];
      try {
        computed = await client.embed(
          toEmbed.map((t) => t.text),
          'passage',
          { timeoutMs: 120_000 },
        );
      } catch (error) {
        if (!(error instanceof EmbeddingsError)) throw error;
        logger.warn({ reason: error.reason, err: error.message }, 'embeddings unavailable; retrying later');
        return { ...result, failure: error.reason };
      }
      // Stored before any document carries it, so the indexer's next write of the patent keeps it.
      await saveVectors(toEmbed.map((t, i) => ({ id: t.id, hash: t.hash, vector: computed[i]! })));
      toEmbed.forEach((t, i) => vectors.set(t.id.toHexString(), computed[i]!));
      result.embedded += toEmbed.length;
    }
    const writer = new BulkWriter(es, { concurrency: 1 });
    for (const hit of hits) {
      const json = withEmbedding(JSON.stringify(hit._source), vectors.get(hit._id!));
      await writer.add(indexJsonOp(index, hit._id!, hit._version!, json, 'external_gte'));
    }
    await writer.close();
    // The next batch's search must not find these again.
    await es.indices.refresh({ index });
    result.written += hits.length;
    if (hits.length < batchSize) break;
  }
  return result;
}

/** Every few seconds: vectors for the documents still without one (none configured: nothing to do). */
export const embedPatentsJob = defineJob({
  name: 'embed-patents',
  payload: z.object({
    batchSize: z.number().int().min(1).max(256).default(32),
    maxBatches: z.number().int().min(1).max(100).default(20),
  }),
  every: '10 seconds',
  // 20 batches of 32 at ~9 docs/s on 2 cores is about 70 s; the lock outlives a run.
  lockLifetimeMs: 10 * 60_000,
  backoff: exponential({ delay: 10_000, maxRetries: 5, jitter: 0.2 }),
  handler: async (payload, deps) => {
    const client = embeddingsClientFromConfig(deps.config);
    if (!client) return;
    const run = await embedMissingPatents(deps.es, deps.config.ES_INDEX_PREFIX, client, deps.logger, payload);
    if (run.written > 0) deps.logger.info(run, 'patent vectors written');
  },
});
