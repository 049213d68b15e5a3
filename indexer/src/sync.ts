import type { Client } from '@elastic/elasticsearch';
import type { Logger } from 'pino';
import { indexNames } from '@panhuo/api/infra/elasticsearch';
import { applyPatentChanges } from './apply-changes';
import { ackEntries, claimBatch, purgeDone, releaseEntries } from './outbox';
import { ensurePatentIndex } from './patent-index';

/** Processes pending outbox entries until none are left; returns how many were mirrored. */
export async function syncOnce(es: Client, prefix: string, opts: { batchSize?: number; refresh?: boolean } = {}) {
  const alias = indexNames(prefix).patents;
  let total = 0;
  for (;;) {
    const entries = await claimBatch(opts.batchSize ?? 500);
    if (entries.length === 0) break;
    try {
      await applyPatentChanges(es, alias, entries);
      await ackEntries(entries.map((e) => e._id));
      total += entries.length;
    } catch (err) {
      await releaseEntries(entries, err instanceof Error ? err.message : String(err));
      throw err;
    }
  }
  if (opts.refresh && total > 0) await es.indices.refresh({ index: alias });
  return total;
}

/**
 * The worker's continuous sync: drains the outbox, then polls every `idleMs`. Failures are logged and
 * retried with back-off (the entries were released with a delay); stops when `signal` aborts.
 */
export async function runSyncLoop(
  es: Client,
  prefix: string,
  logger: Logger,
  signal: AbortSignal,
  idleMs = 500,
): Promise<void> {
  await ensurePatentIndex(es, prefix);
  let lastPurge = 0;
  let failures = 0;
  while (!signal.aborted) {
    try {
      const n = await syncOnce(es, prefix);
      if (n > 0) logger.info({ mirrored: n }, 'outbox synced');
      failures = 0;
      if (Date.now() - lastPurge > 3600_000) {
        lastPurge = Date.now();
        await purgeDone();
      }
    } catch (err) {
      failures += 1;
      logger.warn({ err: err instanceof Error ? err.message : err, failures }, 'outbox sync failed; will retry');
    }
    const wait = failures > 0 ? Math.min(30_000, idleMs * 2 ** failures) : idleMs;
    await new Promise((resolve) => {
      const timer = setTimeout(resolve, wait);
      signal.addEventListener('abort', () => { clearTimeout(timer); resolve(undefined); }, { once: true });
    });
  }
}
