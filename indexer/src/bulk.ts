import { errors } from '@elastic/elasticsearch';
import type { Client, estypes } from '@elastic/elasticsearch';

/** One bulk operation, already serialised: the action line and, for index, the document line. */
export interface BulkOp {
  id: string;
  lines: string;
}

/** Index a document at an external version: an older or replayed write is refused with 409, which is fine. */
export function indexOp(index: string, id: string, version: number, doc: object): BulkOp {
  return indexJsonOp(index, id, version, JSON.stringify(doc));
}

/**
 * indexOp for a document already serialised (one line of JSON). `external_gte` lets a document of the same
 * version replace the indexed one (the embed-patents job adds a vector to a document without changing its
 * version; a newer version still refuses it).
 */
export function indexJsonOp(
  index: string,
  id: string,
  version: number,
  json: string,
  versionType: 'external' | 'external_gte' = 'external',
): BulkOp {
  const action = JSON.stringify({ index: { _index: index, _id: id, version, version_type: versionType } });
  return { id, lines: `${action}\n${json}\n` };
}

/** Delete a document unless a newer version is already indexed. */
export function deleteOp(index: string, id: string, version: number): BulkOp {
  return {
    id,
    lines: `${JSON.stringify({ delete: { _index: index, _id: id, version, version_type: 'external' } })}\n`,
  };
}

export interface BulkWriterOptions {
  /** Flush when the pending request reaches this many bytes (Elasticsearch works best at 5–15 MB). */
  maxBytes?: number;
  /** Requests in flight at once. */
  concurrency?: number;
  /** Attempts for a request or an item refused with 429 before giving up. */
  maxAttempts?: number;
  onFlushed?: (done: number) => void;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Batches operations into `_bulk` requests sized by bytes, keeps a few in flight, and backs off
 * exponentially on 429 (whole request or single items). Item failures other than version conflicts and
 * deletes of missing documents are collected; `close()` throws if any remain.
 */
export class BulkWriter {
  private pending: BulkOp[] = [];
  private pendingBytes = 0;
  private inFlight = new Set<Promise<void>>();
  private failures: string[] = [];
  private written = 0;
  private readonly maxBytes: number;
  private readonly concurrency: number;
  private readonly maxAttempts: number;

  constructor(
    private readonly es: Client,
    private readonly options: BulkWriterOptions = {},
  ) {
    this.maxBytes = options.maxBytes ?? 5 * 1024 * 1024;
    this.concurrency = options.concurrency ?? 2;
    this.maxAttempts = options.maxAttempts ?? 8;
  }

  /** Adds an operation; resolves once there is room (back-pressure for the producer). */
  async add(op: BulkOp): Promise<void> {
    this.pending.push(op);
    this.pendingBytes += Buffer.byteLength(op.lines);
    if (this.pendingBytes >= this.maxBytes) await this.flush();
  }

  /** Sends what is pending; waits while the maximum number of requests is in flight. */
  async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    this.pendingBytes = 0;
    while (this.inFlight.size >= this.concurrency) await Promise.race(this.inFlight);
    const request = this.send(batch).finally(() => this.inFlight.delete(request));
    this.inFlight.add(request);
  }

  /** Flushes, waits for every request, and throws if any operation failed for good. */
  async close(): Promise<number> {
    await this.flush();
    await Promise.all(this.inFlight);
    if (this.failures.length > 0) {
      throw new Error(
        `${this.failures.length} bulk operations failed, e.g.: ${this.failures.slice(0, 3).join('; ')}`,
      );
    }
    return this.written;
  }

  private async send(batch: BulkOp[], attempt = 1): Promise<void> {
    let response: estypes.BulkResponse;
    try {
      response = await this.es.transport.request<estypes.BulkResponse>(
        {
          method: 'POST',
          path: '/_bulk',
          bulkBody: batch.map((op) => op.lines).join(''),
          querystring: { filter_path: 'errors,items.*.status,items.*.error' },
        },
        { requestTimeout: 120_000, maxRetries: 0 },
      );
    } catch (err) {
      const retriable =
        (err instanceof errors.ResponseError && err.statusCode === 429) ||
        err instanceof errors.ConnectionError ||
        err instanceof errors.TimeoutError;
      if (!retriable || attempt >= this.maxAttempts) throw err;
      await sleep(backoff(attempt));
      return this.send(batch, attempt + 1);
    }
    const retry: BulkOp[] = [];
    if (response.errors) {
      response.items.forEach((item, i) => {
        const result = Object.values(item)[0] as estypes.BulkResponseItem | undefined;
        const op = batch[i];
        if (!result || !op || !result.error) return;
        if (result.status === 409 || result.status === 404) return; // newer version present, or already deleted
        if (result.status === 429) retry.push(op);
        else this.failures.push(`${op.id}: ${result.error.type}: ${result.error.reason ?? ''}`);
      });
    }
    this.written += batch.length - retry.length;
    this.options.onFlushed?.(this.written);
    if (retry.length > 0) {
      if (attempt >= this.maxAttempts) {
        this.failures.push(
          ...retry.map((op) => `${op.id}: still rejected with 429 after ${attempt} attempts`),
        );
        return;
      }
      await sleep(backoff(attempt));
      await this.send(retry, attempt + 1);
    }
  }
}

/** 200 ms, 400 ms, 800 ms … capped at 10 s, with jitter so concurrent senders do not retry in step. */
export function backoff(attempt: number): number {
  const base = Math.min(10_000, 200 * 2 ** (attempt - 1));
  return Math.round(base / 2 + Math.random() * (base / 2));
}
