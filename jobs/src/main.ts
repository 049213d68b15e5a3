import mongoose from 'mongoose';
import { ConfigError, loadConfig } from '@panhuo/api/config';
import { createEsClient } from '@panhuo/api/infra/elasticsearch';
import { createLogger } from '@panhuo/api/infra/logger';
import { createMailer } from '@panhuo/api/infra/mailer';
import { connectMongo } from '@panhuo/api/infra/mongo';
import { runSyncLoop } from '@panhuo/indexer/sync';
import { createAgenda, scheduleRepeating } from './agenda';
import { jobs } from './registry';

/** The worker: Agenda jobs plus the continuous MongoDB → Elasticsearch sync. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config, 'worker');
  const es = createEsClient(config);
  const mailer = createMailer(config);
  await connectMongo(config);
  const agenda = createAgenda({ config, logger, es, mailer }, jobs);
  await agenda.start();
  await scheduleRepeating(agenda, jobs);
  const abort = new AbortController();
  const sync = runSyncLoop(es, config.ES_INDEX_PREFIX, logger, abort.signal);
  logger.info('worker started: jobs and index sync');

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'worker shutting down');
    abort.abort();
    await Promise.allSettled([sync, agenda.drain(10_000)]);
    await agenda.stop(false).catch(() => undefined);
    await Promise.allSettled([mongoose.disconnect(), es.close()]);
    mailer.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
