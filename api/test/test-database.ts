import { randomBytes } from 'node:crypto';
import type { Client } from '@elastic/elasticsearch';
import mongoose from 'mongoose';
import { afterAll, beforeAll } from 'vitest';
import { loadConfig } from '../src/config';
import type { Config } from '../src/config';
import { createEsClient, deleteIndicesMatching } from '../src/infra/elasticsearch';
import { connectMongo, syncMongoIndexes } from '../src/infra/mongo';

/**
 * A MongoDB database of the calling test file's own (`t_<name>_<random>`) on the real test server:
 * connected with its indexes before the file's tests, dropped after them. The config's index prefix
 * (`t-<name>-<random>`) is the file's own too. For tests of the store without the HTTP app
 * (startTestApp sets up its own).
 */
export function useTestDatabase(name: string): Config {
  const suffix = randomBytes(4).toString('hex');
  const config = loadConfig({
    ...process.env,
    MONGODB_DB: `t_${name}_${suffix}`,
    ES_INDEX_PREFIX: `t-${name}-${suffix}`,
  });
  beforeAll(async () => {
    await connectMongo(config);
    await syncMongoIndexes();
  });
  afterAll(async () => {
    await mongoose.connection.dropDatabase();
    await mongoose.disconnect();
  });
  return config;
}

/**
 * useTestDatabase and a client of the real Elasticsearch test node; the file's indices (its prefix) are
 * deleted after its tests.
 */
export function useTestDatabaseAndIndex(name: string): { config: Config; es: Client } {
  const config = useTestDatabase(name);
  const es = createEsClient(config);
  afterAll(async () => {
    await deleteIndicesMatching(es, `${config.ES_INDEX_PREFIX}-*`);
    await es.close();
  });
  return { config, es };
}
