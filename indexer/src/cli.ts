// `npm run reindex [-- --from-patents]`: rebuild the patents index behind its alias from MongoDB, with a
// progress bar. It reads the search-doc store when that is complete and current; `--from-patents` reads
// every patent instead (and rebuilds the store), which also repairs writes that bypassed the outbox.
// `npm run sync`: mirror the pending outbox entries once (the worker does this continuously).
// Both use the environment's servers, or the dev stack that `npm start` runs.
import mongoose from 'mongoose';
import { ConfigError, loadCliConfig } from '@panhuo/api/config';
import { createEsClient, INDEX_MAINTENANCE_TIMEOUT_MS } from '@panhuo/api/infra/elasticsearch';
import { connectMongo } from '@panhuo/api/infra/mongo';
import { Progress } from '@panhuo/api/infra/progress';
import { ensurePatentIndex } from './patent-index';
import { reindexPatents } from './reindex';
import { syncOnce } from './sync';

async function main(command: string | undefined, flags: string[]): Promise<void> {
  const fromPatents = flags.includes('--from-patents');
  if ((command !== 'reindex' && command !== 'sync') || flags.some((f) => f !== '--from-patents')) {
    console.error('usage: tsx indexer/src/cli.ts <reindex [--from-patents] | sync>');
    process.exit(2);
  }
  const config = loadCliConfig();
  const es = createEsClient(config, { requestTimeoutMs: INDEX_MAINTENANCE_TIMEOUT_MS });
  await connectMongo(config);
  try {
    if (command === 'reindex') {
      const progress = new Progress('[reindex] patents', 0);
      const result = await reindexPatents(es, config.ES_INDEX_PREFIX, {
        useStoredDocs: !fromPatents,
        onProgress: (done, total) => {
          progress.setTotal(total);
          progress.update(done);
        },
      });
      progress.finish(result.count);
      console.log(
        `[reindex] alias ${config.ES_INDEX_PREFIX}-patents → ${result.index} (read from the ${result.source === 'patents' ? 'patents' : 'search-doc store'}, ${Math.round(result.count / result.seconds)} docs/s); removed ${result.replaced.join(', ') || 'none'}`,
      );
    } else {
      await ensurePatentIndex(es, config.ES_INDEX_PREFIX);
      const mirrored = await syncOnce(es, config.ES_INDEX_PREFIX, { refresh: true });
      console.log(`[sync] mirrored ${mirrored} outbox entries`);
    }
  } finally {
    await mongoose.disconnect();
    await es.close();
  }
}

main(process.argv[2], process.argv.slice(3)).catch((err: unknown) => {
  console.error(err instanceof ConfigError ? err.message : err instanceof Error ? err.message : err);
  process.exit(1);
});
