import { once } from 'node:events';
import mongoose from 'mongoose';
import { createHttpServer } from './app';
import { ConfigError, loadConfig } from './config';
import type { Config } from './config';
import type { Logger } from 'pino';
import { createEsClient } from './infra/elasticsearch';
import { createLogger } from './infra/logger';
import { createMailer } from './infra/mailer';
import { connectMongo, syncMongoIndexes } from './infra/mongo';

/**
 * The driver reconnects by itself after a drop, but not after a failed first connect: keep trying, so the
 * API can start before MongoDB (requests answer 503 meanwhile).
 */
async function connectWithRetry(config: Config, logger: Logger): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await connectMongo(config);
      await syncMongoIndexes();
      if (attempt > 1) logger.info('MongoDB connected');
      return;
    } catch (err) {
      if (attempt === 1) logger.error({ err: (err as Error).message }, 'MongoDB not reachable; retrying every 2 s');
      await mongoose.disconnect().catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 2_000));
    }
  }
}

/** Starts the API: validate config, connect, listen; on SIGTERM/SIGINT drain and close everything. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config, 'api');
  const es = createEsClient(config);
  const mailer = createMailer(config);
  // Start listening even if MongoDB is down at boot: requests answer 503 until it is back.
  void connectWithRetry(config, logger);
  mongoose.connection.on('disconnected', () => logger.warn('MongoDB disconnected'));
  mongoose.connection.on('reconnected', () => logger.info('MongoDB reconnected'));

  const server = createHttpServer({ config, logger, es, mailer }).listen(config.PORT, config.HOST);
  await once(server, 'listening');
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  logger.info({ port }, `API listening on http://${config.HOST}:${port}`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      logger.error('shutdown took longer than 10 s; exiting');
      process.exit(1);
    }, 10_000);
    force.unref();
    server.close();
    server.closeIdleConnections();
    await once(server, 'close').catch(() => undefined);
    await Promise.allSettled([mongoose.disconnect(), es.close()]);
    mailer.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) console.error(err.message);
  else console.error(err);
  process.exit(1);
});
