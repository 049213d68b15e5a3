import { exponential } from 'agenda';
import { z } from 'zod';
import { chinaToday, markEnqueued, planDigest } from '@panhuo/api/features/digest/service';
import { defineJob } from '../job';

/**
 * The day's 关注库 digest, every day at 08:00 China time: one orchestrating job plans the run (settings
 * grouped, groups matched in batched msearch requests) and enqueues one unique `digest-batch` job per 50
 * enterprises with something new. A re-run of the same date (a crash, a second worker) re-enqueues the
 * same batch ids, which the unique constraint turns into no new jobs.
 */
export const digestRunJob = defineJob({
  name: 'digest-run',
  payload: z.object({ date: z.iso.date().optional() }),
  every: '0 8 * * *',
  backoff: exponential({ delay: 60_000, maxRetries: 5, jitter: 0.2 }),
  lockLifetimeMs: 10 * 60_000,
  handler: async ({ date }, deps, { agenda }) => {
    const plan = await planDigest(deps, date ?? chinaToday());
    for (const batch of plan.batches) {
      await agenda.create('digest-batch', batch).unique({ 'data.batchId': batch.batchId }).save();
    }
    await markEnqueued(plan.runId);
    deps.logger.info(
      { run: plan.runId, enterprises: plan.enterprises, groups: plan.groups, batches: plan.batches.length },
      'digest run planned',
    );
  },
});
