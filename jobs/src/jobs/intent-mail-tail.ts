import { exponential } from 'agenda';
import { z } from 'zod';
import { mailHeldSteps } from '@panhuo/api/features/intents/mail';
import { defineJob } from '../job';

/**
 * 合作意向 mail: sends what the ten-minute batching held back (api intents/mail.ts mailHeldSteps), so the
 * last messages of a burst reach the other side within about eleven minutes even when nobody writes again.
 * Idempotent: each mail is claimed by its sequence number before it goes.
 */
export const intentMailTailJob = defineJob({
  name: 'intent-mail-tail',
  payload: z.object({}),
  every: '1 minute',
  concurrency: 1,
  backoff: exponential({ delay: 30_000, maxRetries: 3, jitter: 0.2 }),
  handler: async (_payload, deps) => {
    const sent = await mailHeldSteps(deps);
    if (sent > 0) deps.logger.info({ sent }, 'held intent mails sent');
  },
});
