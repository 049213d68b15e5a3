import mongoose from 'mongoose';
import type { Config } from '../config';

/**
 * Connects the process-wide mongoose connection.
 *
 * `bufferCommands: false` and a short server-selection timeout make a query fail within
 * DEPENDENCY_TIMEOUT_MS when MongoDB (or FerretDB) is down, instead of queueing forever; the
 * driver reconnects by itself when the server comes back.
 */
export async function connectMongo(config: Config): Promise<typeof mongoose> {
  mongoose.set('strictQuery', true);
  return mongoose.connect(config.MONGODB_URI, {
    dbName: config.MONGODB_DB,
    bufferCommands: false,
    autoIndex: false,
    serverSelectionTimeoutMS: config.DEPENDENCY_TIMEOUT_MS,
    connectTimeoutMS: config.DEPENDENCY_TIMEOUT_MS,
    socketTimeoutMS: 30_000,
    heartbeatFrequencyMS: 2_000,
  });
}

/**
 * True for a unique index's refusal, E11000 (MongoDB and FerretDB both answer it; FerretDB does not say
 * which index): a single write's error, or an unordered bulk write's whose every failed write is one, so a
 * batch that also failed for another reason is never taken for "already stored". The one check for every
 * workspace (the indexer and the seeders too); duck-typed because a bulk error reports its failures in
 * `writeErrors`, one object or a list depending on the driver path.
 */
export function isDuplicateKey(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const { code, writeErrors } = err as { code?: unknown; writeErrors?: unknown };
  const failed: unknown[] = Array.isArray(writeErrors) ? writeErrors : writeErrors ? [writeErrors] : [];
  if (failed.length === 0) return code === 11000;
  return failed.every((e) => typeof e === 'object' && e !== null && (e as { code?: unknown }).code === 11000);
}

/** Creates every registered model's indexes; unique indexes hold the invariants (no transactions on FerretDB). */
export async function syncMongoIndexes(): Promise<void> {
  for (const model of Object.values(mongoose.models)) {
    await model.createIndexes();
  }
}

/** Pings MongoDB; resolves to the round-trip time in ms. */
export async function pingMongo(timeoutMs: number): Promise<number> {
  const started = performance.now();
  const db = mongoose.connection.db;
  if (!db || mongoose.connection.readyState !== 1) throw new Error('not connected');
  await db.command({ ping: 1 }, { timeoutMS: timeoutMs });
  return Math.round(performance.now() - started);
}
