// `npm run seed -- --count 20000 --seed 42 [--batch-size 1000] [--dry-run]`: writes deterministic demo
// institutions, patents and portfolios into MongoDB (the dev stack's FerretDB unless MONGODB_URI is set).
// The Elasticsearch reindex afterwards is the caller's job (npm run reindex).
import { parseArgs } from 'node:util';
import mongoose from 'mongoose';
import { ConfigError, loadCliConfig } from '../config';
import { connectMongo, syncMongoIndexes } from '../infra/mongo';
import { Progress } from '../infra/progress';
import { generatePatents } from './generate-patents';
import { isStoreEmpty, seedPatents } from './seed-store';

function positiveInt(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new ConfigError(`--${name} must be a non-negative integer, got "${value}"`);
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      count: { type: 'string' },
      seed: { type: 'string' },
      'batch-size': { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
    },
  });
  const count = positiveInt('count', values.count, 20_000);
  const seed = positiveInt('seed', values.seed, 42);
  const batchSize = Math.max(1, positiveInt('batch-size', values['batch-size'], 1000));

  if (values['dry-run']) {
    // Generation alone, for measuring the generator without the database.
    const progress = new Progress('[seed] generate', count);
    let done = 0;
    for (const patent of generatePatents({ seed, count })) {
      if (patent.title) done += 1;
      if (done % 5000 === 0) progress.update(done);
    }
    progress.finish(done);
    return;
  }

  const config = loadCliConfig();
  console.log(
    `[seed] ${count} patents, seed ${seed}, into ${config.MONGODB_URI.replace(/\/\/[^@/]*@/, '//***@')} db ${config.MONGODB_DB}`,
  );
  await connectMongo(config);
  try {
    await syncMongoIndexes();
    if (!(await isStoreEmpty())) {
      console.log(
        '[seed] the store already holds patents: new ones are added, records of the same seed are skipped',
      );
    }
    const progress = new Progress('[seed] patents', count);
    const result = await seedPatents({ count, seed, batchSize, onProgress: (done) => progress.update(done) });
    progress.finish(count);
    console.log(
      `[seed] ${result.institutions} institutions, ${result.patents} patents, ${result.portfolios} portfolios` +
        `${result.duplicates ? `, ${result.duplicates} already present` : ''} in ${result.seconds.toFixed(1)} s` +
        ` (${result.patentsPerSecond} patents/s)`,
    );
  } finally {
    await mongoose.disconnect();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
