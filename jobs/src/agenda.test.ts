import { randomBytes } from 'node:crypto';
import { constant } from 'agenda';
import type { Agenda } from 'agenda';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { AppDeps } from '@panhuo/api/app';
import { loadConfig } from '@panhuo/api/config';
import { createEsClient } from '@panhuo/api/infra/elasticsearch';
import { createLogger } from '@panhuo/api/infra/logger';
import { createMailer } from '@panhuo/api/infra/mailer';
import { connectMongo } from '@panhuo/api/infra/mongo';
import { createAgenda, scheduleRepeating } from './agenda';
import { defineJob, SCHEDULE_TIME_ZONE } from './job';
import { jobs } from './registry';

const config = loadConfig({
  ...process.env,
  MONGODB_DB: `t_jobs_${randomBytes(4).toString('hex')}`,
  LOG_LEVEL: 'silent',
});
const deps: AppDeps = {
  config,
  logger: createLogger(config, 'jobs-test'),
  es: createEsClient(config),
  mailer: createMailer(config),
};
const runs = () => mongoose.connection.collection<{ key: string; attempt: number }>('job_runs');
let flaky = 0;

const recordJob = defineJob({
  name: 'record',
  payload: z.object({ key: z.string() }),
  backoff: constant({ delay: 100, maxRetries: 3 }),
  handler: async ({ key }) => {
    // Idempotent on purpose: an upsert keyed by the payload, so a second run changes nothing.
    await runs().updateOne({ key }, { $setOnInsert: { key, attempt: 1 } }, { upsert: true });
  },
});
const flakyJob = defineJob({
  name: 'flaky',
  payload: z.object({ key: z.string() }),
  backoff: constant({ delay: 100, maxRetries: 3 }),
  handler: async ({ key }) => {
    flaky += 1;
    if (flaky < 3) throw new Error(`transient failure ${flaky}`);
    await runs().insertOne({ key, attempt: flaky });
  },
});

let agenda: Agenda;
beforeAll(async () => {
  await connectMongo(config);
  agenda = createAgenda(deps, [recordJob, flakyJob], { processEveryMs: 100 });
  await agenda.start();
});
afterAll(async () => {
  await agenda.stop(false);
  await mongoose.connection.dropDatabase();
  await mongoose.disconnect();
  await deps.es.close();
  deps.mailer.close();
});

async function waitFor<T>(probe: () => Promise<T | null>, ms = 20_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('Agenda on the MongoDB-wire server', () => {
  it('locks and runs a job with its typed payload', async () => {
    await agenda.now('record', { key: 'a' });
    const run = await waitFor(() => runs().findOne({ key: 'a' }));
    expect(run.attempt).toBe(1);
  });

  it('retries a failing job with back-off until it succeeds', async () => {
    await agenda.now('flaky', { key: 'b' });
    const run = await waitFor(() => runs().findOne({ key: 'b' }));
    expect(run.attempt).toBe(3);
  });

  it('refuses an invalid payload without running the handler', async () => {
    await agenda.now('record', { key: 42 });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await runs().countDocuments({ key: 42 as unknown as string })).toBe(0);
  });

  it('schedules a weekly cron in China time, whatever the server clock says', async () => {
    const weekly = defineJob({
      name: 'weekly-probe',
      payload: z.object({}),
      every: '0 8 * * 1',
      backoff: constant({ delay: 100, maxRetries: 0 }),
      handler: async () => undefined,
    });
    const local = createAgenda(deps, [weekly]);
    await scheduleRepeating(local, [weekly]);
    const {
      jobs: [job],
    } = await local.queryJobs({ name: 'weekly-probe' });
    expect(job?.repeatTimezone).toBe(SCHEDULE_TIME_ZONE);
    // 08:00 on a Monday in Shanghai is 00:00 UTC that Monday.
    const next = new Date(job?.nextRunAt as Date);
    expect(next.getUTCDay()).toBe(1);
    expect(next.getUTCHours()).toBe(0);
    expect(next.getUTCMinutes()).toBe(0);
  });

  it('defines every job of the registry, each repeating one scheduled once', async () => {
    const local = createAgenda(deps, jobs);
    await scheduleRepeating(local, jobs);
    await scheduleRepeating(local, jobs);
    for (const job of jobs.filter((j) => j.every)) {
      const stored = await local.queryJobs({ name: job.name });
      expect(stored.total, job.name).toBe(1);
      expect(stored.jobs[0]?.repeatTimezone).toBe(SCHEDULE_TIME_ZONE);
    }
  });
});
