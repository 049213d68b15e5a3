import { exponential } from 'agenda';
import { z } from 'zod';
import { purgeDone } from '@panhuo/indexer/outbox';
import { defineJob } from '../job';

/** Removes outbox entries mirrored more than `olderThanHours` ago; a reindex only replays recent ones. */
export const purgeOutboxJob = defineJob({
  name: 'purge-outbox',
  payload: z.object({ olderThanHours: z.number().int().min(1).max(24 * 30).default(24) }),
  every: '1 hour',
  backoff: exponential({ delay: 60_000, maxRetries: 5, jitter: 0.2 }),
  handler: async ({ olderThanHours }, deps) => {
    const removed = await purgeDone(olderThanHours * 3600_000);
    if (removed > 0) deps.logger.info({ removed }, 'purged mirrored outbox entries');
  },
});
