import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import mongoose from 'mongoose';
import { createHttpServer } from '../src/app';
import type { AppDeps } from '../src/app';
import { loadConfig } from '../src/config';
import { createEsClient, deleteIndicesMatching } from '../src/infra/elasticsearch';
import { createLogger } from '../src/infra/logger';
import { createMailer } from '../src/infra/mailer';
import { connectMongo, syncMongoIndexes } from '../src/infra/mongo';

export interface TestApp {
  baseUrl: string;
  deps: AppDeps;
  /** The MongoDB database of this app; pass it to a second startTestApp to restart on the same data. */
  database: string;
  /** GET/POST helper returning status, parsed JSON body and headers. */
  request: (path: string, init?: RequestInit) => Promise<{ status: number; body: unknown; headers: Headers }>;
  /** Stops the server; drops its database and indexes unless `keepData` (for a restart on the same data). */
  close: (options?: { keepData?: boolean }) => Promise<void>;
}

export interface TestAppOptions {
  /** Reuse this database (from a closed app's `database`) instead of a fresh one: a simulated restart. */
  database?: string;
}

/**
 * Starts the real API on a free port against the real test servers (env set by scripts/test.ts), with a
 * MongoDB database and an Elasticsearch index prefix of its own, so test files never see each other's data.
 */
export async function startTestApp(name: string, options: TestAppOptions = {}): Promise<TestApp> {
  const suffix = `${name}_${randomBytes(4).toString('hex')}`.toLowerCase().replace(/[^a-z0-9_]/g, '_');
  const config = loadConfig({
    ...process.env,
    PORT: '0',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
    MONGODB_DB: options.database ?? `t_${suffix}`,
    ES_INDEX_PREFIX: `t-${suffix.replace(/_/g, '-')}`,
  });
  const logger = createLogger(config, 'api-test');
  const es = createEsClient(config);
  const mailer = createMailer(config);
  await connectMongo(config);
  await syncMongoIndexes();
  const deps: AppDeps = { config, logger, es, mailer };
  const server = createHttpServer(deps).listen(0, '127.0.0.1');
  await once(server, 'listening');
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    baseUrl,
    deps,
    database: config.MONGODB_DB,
    request: async (path, init) => {
      const res = await fetch(`${baseUrl}${path}`, init);
      const text = await res.text();
      let body: unknown = text;
      if (res.headers.get('content-type')?.includes('json')) body = JSON.parse(text);
      return { status: res.status, body, headers: res.headers };
    },
    close: async ({ keepData = false } = {}) => {
      server.closeAllConnections();
      server.close();
      if (!keepData) {
        await mongoose.connection.dropDatabase().catch(() => undefined);
        await deleteIndicesMatching(es, `${config.ES_INDEX_PREFIX}-*`);
      }
      await mongoose.disconnect();
      await es.close();
      mailer.close();
    },
  };
}
