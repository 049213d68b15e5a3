// `npx tsx bench/push.ts [--patents 50000] [--enterprises 200] [--seed 11] [--skip-catch-up]`: the 推送 goal (issue 13):
// one push of every pushable patent of a library of `patents` to `enterprises` enterprises, run by the
// push job's own code (runPendingPushes), timed. In a database and index prefix of its own (`bench_push`);
// uses the servers of MONGODB_URI / ELASTICSEARCH_URL when set, else starts the dev stack. Seeds once and
// reuses the patents; every run first drops the previous run's push entries. Prints the figures.
import { parseArgs } from 'node:util';
import mongoose from 'mongoose';
import { loadConfig } from '@panhuo/api/config';
import { EnterpriseModel } from '@panhuo/api/features/accounts/model';
import { OutboxModel } from '@panhuo/api/features/outbox/model';
import { PushEntryModel } from '@panhuo/api/features/pushes/entry-model';
import { PushModel } from '@panhuo/api/features/pushes/model';
import { runPendingPushes } from '@panhuo/api/features/pushes/service';
import { createEsClient, indexNames, INDEX_MAINTENANCE_TIMEOUT_MS } from '@panhuo/api/infra/elasticsearch';
import { connectMongo, syncMongoIndexes } from '@panhuo/api/infra/mongo';
import { seedPatents } from '@panhuo/api/seed/seed-store';
import { reindexPatents } from '@panhuo/indexer/reindex';
import { syncOnce } from '@panhuo/indexer/sync';
import { startStack } from '@panhuo/stack/stack';

const DB = 'bench_push';
const PREFIX = 'bench-push';

function options() {
  const { values } = parseArgs({
    options: {
      patents: { type: 'string' },
      enterprises: { type: 'string' },
      seed: { type: 'string' },
      // Leaves the outbox for a later run of the indexer (the catch-up is not part of the goal).
      'skip-catch-up': { type: 'boolean' },
    },
  });
  const int = (value: string | undefined, fallback: number) => {
    const n = value === undefined ? fallback : Number(value.replace(/_/g, ''));
    if (!Number.isInteger(n) || n <= 0) throw new Error(`expected a positive integer, got "${value}"`);
    return n;
  };
  return {
    patents: int(values.patents, 50_000),
    enterprises: int(values.enterprises, 200),
    seed: int(values.seed, 11),
    skipCatchUp: values['skip-catch-up'] === true,
  };
}

async function main(): Promise<void> {
  const opts = options();
  const stackEnv = await startStack('dev', { log: (line) => console.log(`[stack] ${line}`) });
  const config = loadConfig({
    ...process.env,
    ...stackEnv,
    NODE_ENV: 'development',
    LOG_LEVEL: 'silent',
    MONGODB_DB: DB,
    ES_INDEX_PREFIX: PREFIX,
  });
  await connectMongo(config);
  const es = createEsClient(config, { requestTimeoutMs: INDEX_MAINTENANCE_TIMEOUT_MS });
  const index = indexNames(PREFIX).patents;
  const meta = mongoose.connection.db!.collection<{
    _id: string;
    patents: number;
    seed: number;
    format?: string;
  }>('bench_meta');
  const recorded = await meta.findOne({ _id: 'seed' });
  // `entries`: pushes are push entries (api pushes/entry-model.ts); a database of an older run holds
  // patents with pushes inside them, and clearing those rewrote every patent (it timed out): reseeded.
  if (recorded?.patents !== opts.patents || recorded.seed !== opts.seed || recorded.format !== 'entries') {
    console.log(`[push] seeding ${opts.patents} patents (seed ${opts.seed})…`);
    await mongoose.connection.dropDatabase();
    await syncMongoIndexes();
    await seedPatents({ count: opts.patents, seed: opts.seed });
    await meta.replaceOne(
      { _id: 'seed' },
      { patents: opts.patents, seed: opts.seed, format: 'entries' },
      { upsert: true },
    );
  } else {
    // A previous run's push entries: dropped so this one writes every entry again.
    await PushEntryModel.collection.drop().catch(() => undefined);
    await PushEntryModel.createIndexes();
  }
  await PushModel.deleteMany({});
  await OutboxModel.deleteMany({});
  await EnterpriseModel.deleteMany({});
  console.log('[push] reindexing (untimed)…');
  await reindexPatents(es, PREFIX);
  const enterprises = await EnterpriseModel.insertMany(
    Array.from({ length: opts.enterprises }, (_, i) => ({ name: `推送基准企业${i + 1}` })),
  );
  const pushable = (
    await es.count({ index, query: { bool: { must_not: [{ term: { legalStatus: 'invalid' } }] } } })
  ).count;
  const push = await PushModel.create({
    kind: 'rule',
    name: '基准：全部可推送专利',
    search: { filters: {} },
    enterpriseIds: enterprises.map((e) => e._id),
    status: 'queued',
    confirmedAt: new Date(),
    createdBy: new mongoose.Types.ObjectId(),
  });

  console.log(`[push] pushing ${pushable} patents to ${opts.enterprises} enterprises…`);
  const started = performance.now();
  await runPendingPushes(es, index);
  const seconds = (performance.now() - started) / 1000;
  const done = await PushModel.findById(push._id).lean();
  const entries = done?.counts?.added ?? 0;

  let mirrored = 0;
  let indexSeconds = 0;
  if (!opts.skipCatchUp) {
    console.log('[push] indexer catching up (untimed for the goal)…');
    const indexStarted = performance.now();
    mirrored = await syncOnce(es, PREFIX, { refresh: true });
    indexSeconds = (performance.now() - indexStarted) / 1000;
  }
  console.log('');
  console.log(
    `push of ${done?.progress?.processed} patents to ${opts.enterprises} enterprises (goal ≤ 60 s)`,
  );
  console.log(`  status              ${done?.status}`);
  console.log(
    `  job time            ${seconds.toFixed(1)} s  (${(pushable / seconds).toFixed(0)} patents/s)`,
  );
  console.log(`  library entries     ${entries}  (${(entries / seconds).toFixed(0)} entries/s)`);
  if (!opts.skipCatchUp) {
    console.log(`  indexer catch-up    ${indexSeconds.toFixed(1)} s for ${mirrored} outbox entries`);
    const sample = await es.count({
      index,
      query: {
        nested: {
          path: 'library',
          query: { term: { 'library.enterpriseId': enterprises[0]!._id.toHexString() } },
        },
      },
    });
    console.log(`  first enterprise's 评价库 in ES: ${sample.count} patents`);
  }
  await mongoose.disconnect();
  await es.close();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
