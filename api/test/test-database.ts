import { randomBytes } from 'node:crypto';
import mongoose from 'mongoose';
import { afterAll, beforeAll } from 'vitest';
import { loadConfig } from '../src/config';
import type { Config } from '../src/config';
import { connectMongo, syncMongoIndexes } from '../src/infra/mongo';

/**
 * A MongoDB database of the calling test file's own (`t_<name>_<random>`) on the real test server:
 * connected with its indexes before the file's tests, dropped after them. For tests of the store without
 * the HTTP app (startTestApp sets up its own).
 */
export function useTestDatabase(name: string): Config {
  const config = loadConfig({ ...process.env, MONGODB_DB: `t_${name}_${randomBytes(4).toString('hex')}` });
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
