import type { BackoffStrategy } from 'agenda';
import type { z } from 'zod';
import type { AppDeps } from '@panhuo/api/app';

/** A background job: a name, a typed payload and an idempotent handler, retried with back-off. */
export interface JobDefinition<S extends z.ZodType = z.ZodType> {
  name: string;
  payload: S;
  /** Runs the job; must be safe to run twice with the same payload. */
  handler: (payload: z.output<S>, deps: AppDeps) => Promise<void>;
  backoff: BackoffStrategy;
  /** When set, the worker schedules the job to repeat at this interval (human-interval or cron). */
  every?: string;
}

/** Keeps the payload type of one job when it is put into the list of all jobs. */
export function defineJob<S extends z.ZodType>(job: JobDefinition<S>): JobDefinition {
  return job as unknown as JobDefinition;
}
