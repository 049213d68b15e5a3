import { MongoBackend } from '@agendajs/mongo-backend';
import { Agenda } from 'agenda';
import type { Db } from 'mongodb';
import mongoose from 'mongoose';
import type { AppDeps } from '@panhuo/api/app';
import { SCHEDULE_TIME_ZONE } from './job';
import type { JobDefinition } from './job';

/**
 * One Agenda 6 instance on the process's MongoDB connection, with every job defined. Each payload is
 * validated with the job's zod schema before the handler runs; an invalid payload fails without retry.
 */
export function createAgenda(
  deps: AppDeps,
  jobs: JobDefinition[],
  opts: { processEveryMs?: number } = {},
): Agenda {
  const db = mongoose.connection.db as unknown as Db | undefined;
  if (!db) throw new Error('connect MongoDB before creating Agenda');
  const agenda = new Agenda({
    backend: new MongoBackend({ mongo: db, collection: 'jobs' }),
    // A number: FerretDB-era note in local-stack.md — a string such as '200 milliseconds' was read as seconds.
    processEvery: opts.processEveryMs ?? 2_000,
    maxConcurrency: 4,
    defaultConcurrency: 1,
  });
  for (const job of jobs) {
    agenda.define(
      job.name,
      async (run) => {
        const parsed = job.payload.safeParse(run.attrs.data ?? {});
        if (!parsed.success) {
          deps.logger.error({ job: job.name, issues: parsed.error.issues }, 'invalid job payload');
          return;
        }
        await job.handler(parsed.data, deps, { agenda });
      },
      {
        backoff: job.backoff,
        ...(job.lockLifetimeMs ? { lockLifetime: job.lockLifetimeMs } : {}),
        ...(job.concurrency ? { concurrency: job.concurrency } : {}),
        ...(job.removeOnComplete ? { removeOnComplete: true } : {}),
      },
    );
  }
  return agenda;
}

/**
 * Schedules every repeating job in China time (idempotent: Agenda keeps one record per repeating job
 * name). Without the time zone a cron such as "every Monday 08:00" would follow the server's clock.
 */
export async function scheduleRepeating(agenda: Agenda, jobs: JobDefinition[]): Promise<void> {
  for (const job of jobs) {
    if (job.every) {
      await agenda.every(job.every, job.name, job.payload.parse({}), { timezone: SCHEDULE_TIME_ZONE });
    }
  }
}
