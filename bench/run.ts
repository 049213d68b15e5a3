// `npm run bench -- [--count 1000000] [--seed 7] [--only indexing,search,pagination,export,relevance,digest]
// [--clients 10] [--requests 2000] [--enterprises 10000]`: benchmarks on the dev stack (started or reused), in a MongoDB database and an ES index
// prefix of their own (`bench`; the dev data `panhuo` is never touched). Seeds once and reuses the data
// between runs; prints tables and writes bench/results/<timestamp>.json. Not part of `npm test`.
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Client } from '@elastic/elasticsearch';
import mongoose from 'mongoose';
import { loadConfig } from '@panhuo/api/config';
import { PatentModel } from '@panhuo/api/features/patents/model';
import { createEsClient, indexNames, INDEX_MAINTENANCE_TIMEOUT_MS } from '@panhuo/api/infra/elasticsearch';
import { connectMongo, syncMongoIndexes } from '@panhuo/api/infra/mongo';
import { Progress } from '@panhuo/api/infra/progress';
import { patentIdFor } from '@panhuo/api/seed/generate-patents';
import { isStoreEmpty, seedPatents } from '@panhuo/api/seed/seed-store';
import { patentMappingVersion, servingMappingVersion } from '@panhuo/indexer/patent-index';
import { reindexPatents } from '@panhuo/indexer/reindex';
import { startStack } from '@panhuo/stack/stack';
import { startBenchApi } from './api-server';
import type { BenchApi } from './api-server';
import { runExportBench } from './export';
import { cleanLeftovers, runIndexingBench } from './indexing';
import { runPaginationBench } from './pagination';
import { runRegexBaseline } from './regex-baseline';
import { describeDigestBench, runDigestBench } from './digest';
import type { DigestBenchResult } from './digest';
import { runRelevanceBench } from './relevance';
import { runSearchBench } from './search';
import { describeLoad, LoadSampler } from './stats';
import type { LoadSummary } from './stats';
import { printReport } from './report';
import type { BenchResults } from './report';

/** The benchmark's own database and index prefix: never the dev data. */
const DB = 'bench';
const PREFIX = 'bench';
const PHASES = ['indexing', 'search', 'pagination', 'export', 'relevance', 'digest'] as const;
type Phase = (typeof PHASES)[number];

const root = join(import.meta.dirname, '..');
const workDir = join(root, '.stack', 'bench', 'ndjson');
const resultsDir = join(root, 'bench', 'results');

function positiveInt(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value.replace(/_/g, ''));
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive integer, got "${value}"`);
  return n;
}

function parseOptions() {
  const { values } = parseArgs({
    options: {
      count: { type: 'string' },
      seed: { type: 'string' },
      only: { type: 'string' },
      clients: { type: 'string' },
      requests: { type: 'string' },
      enterprises: { type: 'string' },
    },
  });
  const only = values.only
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean) ?? [...PHASES];
  const unknown = only.filter((p) => !(PHASES as readonly string[]).includes(p));
  if (unknown.length > 0)
    throw new Error(`--only: unknown phase(s) ${unknown.join(', ')}; known: ${PHASES.join(', ')}`);
  return {
    count: positiveInt('count', values.count, 1_000_000),
    seed: positiveInt('seed', values.seed, 7),
    only: new Set(only as Phase[]),
    clients: positiveInt('clients', values.clients, 10),
    requests: positiveInt('requests', values.requests, 2000),
    enterprises: positiveInt('enterprises', values.enterprises, 10_000),
  };
}

interface SeedMeta {
  _id: string;
  count: number;
  seed: number;
  seededAt: Date;
}

/**
 * Makes the bench database hold exactly `count` patents of `seed`: reused when a completed seeding of the
 * same size and seed is recorded and its first and last patent are there, otherwise the bench database is
 * dropped and seeded again. No count: on FerretDB 1.24 counting decodes every document (minutes at 1M).
 */
async function ensureSeeded(count: number, seed: number): Promise<BenchResults['seeding']> {
  const db = mongoose.connection.db;
  if (!db) throw new Error('not connected to MongoDB');
  const meta = db.collection<SeedMeta>('bench_meta');
  const recorded = await meta.findOne({ _id: 'seed' });
  if (recorded?.count === count && recorded.seed === seed) {
    // One _id equality per lookup: FerretDB pushes that down to PostgreSQL, but scans for `$in`.
    const ends = await Promise.all(
      [0, count - 1].map((i) => PatentModel.findOne({ _id: patentIdFor(seed, i) }, { _id: 1 }).lean()),
    );
    if (ends.every((doc) => doc !== null)) {
      console.log(`[bench] reusing ${count} patents (seed ${seed}) in database ${DB}`);
      return { reused: true, patents: count };
    }
  }
  if (recorded || !(await isStoreEmpty())) {
    console.log(`[bench] database ${DB} does not hold the ${count} patents of seed ${seed}: dropping it`);
    await mongoose.connection.dropDatabase();
  }
  await syncMongoIndexes();
  const progress = new Progress('[bench] seed patents', count, process.stdout);
  const result = await seedPatents({ count, seed, onProgress: (done) => progress.update(done) });
  progress.finish(result.patents);
  if (result.patents !== count) throw new Error(`seeded ${result.patents} patents, expected ${count}`);
  await meta.replaceOne({ _id: 'seed' }, { count, seed, seededAt: new Date() }, { upsert: true });
  return {
    reused: false,
    patents: result.patents,
    seconds: result.seconds,
    patentsPerSecond: result.patentsPerSecond,
  };
}

/** When indexing is skipped, makes sure the alias serves all seeded patents (untimed reindex otherwise). */
async function ensureIndexed(es: Client, count: number): Promise<void> {
  const alias = indexNames(PREFIX).patents;
  const indexed = await es.count({ index: alias }).then(
    (r) => r.count,
    () => -1,
  );
  // An index built under an older mapping refuses today's documents (a strict mapping without a new field).
  const [serving, current] = [await servingMappingVersion(es, alias), patentMappingVersion()];
  if (indexed === count && serving === current) return;
  console.log(
    indexed === count
      ? `[bench] ${alias} has mapping version ${serving}, not ${current}: reindexing (untimed)`
      : `[bench] ${alias} holds ${indexed < 0 ? 'nothing' : indexed}, not ${count}: reindexing (untimed)`,
  );
  const progress = new Progress('[bench] reindex', count, process.stdout);
  const result = await reindexPatents(es, PREFIX, { onProgress: (done) => progress.update(done) });
  progress.finish(result.count);
}

async function indexStats(es: Client): Promise<BenchResults['index']> {
  const alias = indexNames(PREFIX).patents;
  const stats = await es.indices.stats({ index: alias, metric: ['store', 'docs', 'segments'] });
  const total = stats._all.primaries;
  return {
    name: Object.keys(stats.indices ?? {}).join(','),
    docs: total?.docs?.count ?? 0,
    storeBytes: total?.store?.size_in_bytes ?? 0,
    segments: total?.segments?.count ?? 0,
  };
}

/** Runs `work` with a load sampler around it; the summary goes into `load[phase]`. */
async function withLoad<T>(
  phase: string,
  load: Record<string, LoadSummary>,
  work: () => Promise<T>,
): Promise<T> {
  const sampler = new LoadSampler();
  try {
    return await work();
  } finally {
    load[phase] = sampler.stop();
    console.log(`[bench] ${phase}: ${describeLoad(load[phase])}`);
  }
}

async function main(): Promise<void> {
  const opts = parseOptions();
  const startedAt = new Date();
  console.log(
    `[bench] ${opts.count} patents, phases: ${[...opts.only].join(', ')}; load1 now ${loadavg()[0]?.toFixed(2)}`,
  );
  const stackEnv = await startStack('dev', { log: (line) => console.log(`[stack] ${line}`) });
  const config = loadConfig({
    ...process.env,
    ...stackEnv,
    NODE_ENV: 'development',
    PORT: '0',
    LOG_LEVEL: 'silent',
    MONGODB_DB: DB,
    ES_INDEX_PREFIX: PREFIX,
  });
  await connectMongo(config);
  // Index management and bulk loads wait longer than the API's per-request timeout.
  const es = createEsClient(config, { requestTimeoutMs: INDEX_MAINTENANCE_TIMEOUT_MS });
  const load: Record<string, LoadSummary> = {};
  const results: BenchResults & { digest?: DigestBenchResult } = {
    startedAt: startedAt.toISOString(),
    finishedAt: '',
    options: {
      count: opts.count,
      seed: opts.seed,
      only: [...opts.only],
      clients: opts.clients,
      requests: opts.requests,
    },
    machine: {
      cpus: cpus().length,
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      node: process.version,
      loadAtStart: loadavg(),
    },
    database: DB,
    indexPrefix: PREFIX,
    seeding: { reused: true, patents: 0 },
    load,
    errors: {},
  };
  let api: BenchApi | null = null;
  try {
    await cleanLeftovers(es, PREFIX, workDir);
    results.seeding = await withLoad('seeding', load, () => ensureSeeded(opts.count, opts.seed));
    if (opts.only.has('indexing')) {
      results.indexing = await withLoad('indexing', load, () =>
        runIndexingBench(es, {
          esUrl: config.ELASTICSEARCH_URL,
          prefix: PREFIX,
          workDir,
          expectedDocs: opts.count,
        }),
      );
    } else {
      await ensureIndexed(es, opts.count);
    }
    results.index = await indexStats(es);
    api = await startBenchApi(config);
    const running = api;
    const phase = async (name: string, work: () => Promise<void>) => {
      try {
        await withLoad(name, load, work);
      } catch (err) {
        results.errors[name] = err instanceof Error ? err.message : String(err);
        console.error(`[bench] ${name} failed: ${results.errors[name]}`);
      }
    };
    if (opts.only.has('search')) {
      await phase('search', async () => {
        results.search = await runSearchBench(running, es, indexNames(PREFIX).patents, {
          warmup: 50,
          concurrentWarmup: 500,
          singleRequests: 200,
          clients: opts.clients,
          requests: opts.requests,
        });
      });
      await phase('regex', async () => {
        results.regex = await runRegexBaseline(running, {
          mongoUri: config.MONGODB_URI,
          dbName: DB,
          maxQueries: 5,
          timeoutMs: 120_000,
        });
      });
    }
    if (opts.only.has('pagination')) {
      await phase('pagination', async () => {
        results.pagination = await runPaginationBench(running, { numberedRepeats: 5, walks: 3 });
      });
    }
    if (opts.only.has('export')) {
      await phase('export', async () => {
        results.export = await runExportBench(running, { runs: 30 });
      });
    }
    if (opts.only.has('relevance')) {
      await phase('relevance', async () => {
        results.relevance = await runRelevanceBench(running, es, indexNames(PREFIX).patents);
      });
    }
    if (opts.only.has('digest')) {
      await phase('digest', async () => {
        results.digest = await runDigestBench(running, es, config, indexNames(PREFIX).patents, opts);
        console.log(describeDigestBench(results.digest));
      });
    }
  } catch (err) {
    results.errors.fatal = err instanceof Error ? (err.stack ?? err.message) : String(err);
    console.error(`[bench] stopped: ${results.errors.fatal}`);
  } finally {
    results.finishedAt = new Date().toISOString();
    await api?.close().catch(() => undefined);
    await mongoose.disconnect().catch(() => undefined);
    await es.close().catch(() => undefined);
  }
  printReport(results);
  await mkdir(resultsDir, { recursive: true });
  const file = join(resultsDir, `${startedAt.toISOString().replace(/[:.]/g, '-')}.json`);
  await writeFile(file, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\n[bench] results: ${file}`);
  if (Object.keys(results.errors).length > 0) process.exitCode = 1;
}

main().catch((err: unknown) => {
  console.error(`[bench] ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  process.exit(1);
});
