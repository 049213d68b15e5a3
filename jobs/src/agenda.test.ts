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
import { createAgenda } from './agenda';
import { defineJob } from './job';

const config = loadConfig({ ...process.env, MONGODB_DB: `t_jobs_${randomBytes(4).toString('hex')}`, LOG_LEVEL: 'silent' });
const deps: AppDeps = { config, logger: createLogger(config, 'jobs-test'), es: createEsClient(config), mailer: createMailer(config) };
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
});
