import { exponential } from 'agenda';
import { z } from 'zod';
import { runBatch } from '@panhuo/api/features/digest/service';
import { defineJob } from '../job';

/**
 * How long a batch keeps its lock, and so how long a batch whose worker died waits before another worker
 * runs it again (skipping every recipient already claimed): longer than a batch of 50 enterprises takes
 * with SMTP retries, or a second worker would run it at the same time. DIGEST_BATCH_LOCK_MS shortens it
 * for the crash test.
 */
export const BATCH_LOCK_MS = Number(process.env.DIGEST_BATCH_LOCK_MS ?? 10 * 60_000);

const hitSchema = z.object({
  id: z.string(),
  title: z.string(),
  institutionName: z.string(),
  registeredAt: z.string(),
  reasons: z.array(z.string()),
});

/** The payload planDigest builds. */
export const digestBatchPayload = z.object({
  runId: z.string(),
  batchId: z.string(),
  frequency: z.enum(['weekly', 'daily']),
  period: z.string(),
  match: z.object({ total: z.number().int(), hits: z.array(hitSchema) }),
  enterpriseIds: z.array(z.string().regex(/^[0-9a-f]{24}$/)).max(200),
});

/** One batch of a day's 关注库 digest: up to 50 enterprises of one settings group (service.ts runBatch). */
export const digestBatchJob = defineJob({
  name: 'digest-batch',
  payload: digestBatchPayload,
  backoff: exponential({ delay: 30_000, maxRetries: 5, jitter: 0.2 }),
  lockLifetimeMs: BATCH_LOCK_MS,
  concurrency: 2,
  removeOnComplete: true,
  handler: async (batch, deps) => {
    const pauseMs = Number(process.env.DIGEST_SEND_PAUSE_MS ?? 0);
    const counts = await runBatch(deps, batch, { pauseMs });
    deps.logger.info({ batch: batch.batchId, ...counts }, 'digest batch done');
  },
});
