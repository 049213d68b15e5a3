import type { Agenda, BackoffStrategy } from 'agenda';
import type { z } from 'zod';
import type { AppDeps } from '@panhuo/api/app';

/** A background job: a name, a typed payload and an idempotent handler, retried with back-off. */
export interface JobDefinition<S extends z.ZodType = z.ZodType> {
  name: string;
  payload: S;
  /**
   * Runs the job; must be safe to run twice with the same payload. `context.agenda` lets an orchestrating
   * job enqueue the jobs it plans (as unique jobs, so a re-run enqueues nothing twice).
   */
  handler: (payload: z.output<S>, deps: AppDeps, context: JobContext) => Promise<void>;
  backoff: BackoffStrategy;
  /**
   * When set, the worker schedules the job to repeat at this interval (human-interval or cron). Cron
   * expressions are read in China time (SCHEDULE_TIME_ZONE), whatever the server's clock.
   */
  every?: string;
  /**
   * How long a running job keeps its lock before another worker may take it over (Agenda's lockLifetime,
   * default 10 min). Set it longer than one run: a lock that expires mid-run lets a second worker start
   * the same run.
   */
  lockLifetimeMs?: number;
  /** How many runs of this job one worker processes at once (default 1). */
  concurrency?: number;
  /** Remove a one-time run's record once it succeeded, so finished batches do not pile up (default false). */
  removeOnComplete?: boolean;
}

/** What a running job gets besides its payload and the dependencies. */
export interface JobContext {
  agenda: Agenda;
}

/** The time zone of every schedule: the platform's users live by China time. */
export const SCHEDULE_TIME_ZONE = 'Asia/Shanghai';

/** Keeps the payload type of one job when it is put into the list of all jobs. */
export function defineJob<S extends z.ZodType>(job: JobDefinition<S>): JobDefinition {
  return job as unknown as JobDefinition;
}
