import { exponential } from 'agenda';
import { z } from 'zod';
import { runPendingPushes } from '@panhuo/api/features/pushes/service';
import { indexNames } from '@panhuo/api/infra/elasticsearch';
import { defineJob } from '../job';

/**
 * 推送: runs the confirmed pushes (api/src/features/pushes), one at a time. It is the only writer of
 * push entries (api pushes/entry-model.ts), and Agenda runs one instance of it at a time (concurrency 1,
 * a lock longer than a push of 50,000 patents), so a push's read-then-insert never races another. It repeats every few seconds and
 * drains the queue; a failed run is retried with back-off and continues from the push's checkpoint.
 * Idempotent: a patent that already holds an enterprise's entry gets nothing more.
 */
export const pushPatentsJob = defineJob({
  name: 'push-patents',
  payload: z.object({}),
  every: '5 seconds',
  concurrency: 1,
  lockLifetimeMs: 30 * 60_000,
  backoff: exponential({ delay: 5_000, maxRetries: 5, jitter: 0.2 }),
  handler: async (_payload, deps) => {
    const finished = await runPendingPushes(deps.es, indexNames(deps.config.ES_INDEX_PREFIX).patents);
    if (finished > 0) deps.logger.info({ finished }, 'pushes finished');
  },
});
