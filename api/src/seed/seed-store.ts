import type mongoose from 'mongoose';
import { InstitutionModel } from '../features/institutions/model';
import { PatentModel } from '../features/patents/model';
import { PortfolioModel } from '../features/patents/portfolio-model';
import { generatePatents, institutionIdFor } from './generate-patents';
import { generatePortfolios } from './generate-portfolios';
import { isDuplicateKey } from '../infra/mongo';
import { seedInstitutions } from './institutions';

type ObjectId = mongoose.Types.ObjectId;

/** Options of `seedPatents`. */
export interface SeedOptions {
  /** Patents to write (default 20 000). */
  count?: number;
  /** PRNG seed: the same seed writes the same data (default 42). */
  seed?: number;
  /** Documents per insertMany (default 1000). */
  batchSize?: number;
  /** Batches in flight at once; the next batch is generated while earlier ones are written (default 3). */
  concurrency?: number;
  /** Called after each written batch with the patents written so far and the total. */
  onProgress?: (done: number, total: number) => void;
}

/** What `seedPatents` wrote. */
export interface SeedResult {
  institutions: number;
  patents: number;
  portfolios: number;
  /** Documents skipped because they already existed (same application number or portfolio name). */
  duplicates: number;
  seconds: number;
  /** Patents written per second. */
  patentsPerSecond: number;
}

/** True when no patent is stored yet (start-up seeds demo data only then). */
export async function isStoreEmpty(): Promise<boolean> {
  return (await PatentModel.findOne({}, { _id: 1 }).lean()) === null;
}

/**
 * Adds the seed institutions that are not stored yet (by name; existing ones keep their id, kind and
 * region) and returns the id of each, so patents point at what is really stored.
 *
 * Find-then-insert instead of a bulk upsert: FerretDB 1.24 keeps one PostgreSQL connection per matched
 * statement of an `update` command until the whole command ends, so a bulkWrite of more than ~50 upserts
 * that match existing documents exhausts its pool of 50 and hangs the server.
 */
export async function upsertSeedInstitutions(): Promise<Map<string, ObjectId>> {
  const names = seedInstitutions.map((inst) => inst.name);
  const existing = new Set(
    (await InstitutionModel.find({ name: { $in: names } }, { name: 1 }).lean()).map((doc) => doc.name),
  );
  const now = new Date();
  const missing = seedInstitutions
    .filter((inst) => !existing.has(inst.name))
    .map((inst) => ({
      _id: institutionIdFor(inst.name),
      name: inst.name,
      kind: inst.kind,
      region: inst.region,
      createdAt: now,
      updatedAt: now,
    }));
  // A concurrent seeder may insert the same names meanwhile: the unique index turns that into duplicates.
  if (missing.length > 0) await insertRaw(InstitutionModel.collection, missing);
  const stored = await InstitutionModel.find({ name: { $in: names } }, { name: 1 }).lean();
  return new Map(stored.map((doc) => [doc.name, doc._id]));
}

interface BulkErrorLike {
  writeErrors?: readonly { code?: number }[] | { code?: number };
  result?: { insertedCount?: number };
  insertedCount?: number;
}

type RawDoc = mongoose.mongo.OptionalId<mongoose.mongo.Document>;

/**
 * Inserts raw documents without validation or hydration (they come straight from the generator), unordered
 * so one duplicate does not stop the batch. Returns how many were inserted; duplicate keys are tolerated
 * (re-seeding the same seed), any other error is thrown.
 */
async function insertRaw(collection: mongoose.mongo.Collection, docs: RawDoc[]): Promise<number> {
  try {
    const result = await collection.insertMany(docs, { ordered: false });
    return result.insertedCount;
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    const bulk = err as BulkErrorLike;
    const writeErrors = Array.isArray(bulk.writeErrors)
      ? bulk.writeErrors
      : bulk.writeErrors
        ? [bulk.writeErrors]
        : [];
    return bulk.result?.insertedCount ?? bulk.insertedCount ?? docs.length - writeErrors.length;
  }
}

/** Writes a stream in batches (with timestamps), keeping at most `concurrency` inserts in flight. */
async function writeStream<T extends object>(
  collection: mongoose.mongo.Collection,
  docs: Iterable<T>,
  batchSize: number,
  concurrency: number,
  onBatch: (inserted: number, attempted: number) => void,
): Promise<void> {
  const inflight: Promise<void>[] = [];
  let batch: RawDoc[] = [];
  const flush = async () => {
    const toWrite = batch;
    batch = [];
    const written = insertRaw(collection, toWrite).then((inserted) => onBatch(inserted, toWrite.length));
    // Awaited below; the no-op handler only keeps a failure from counting as unhandled while we generate.
    written.catch(() => undefined);
    inflight.push(written);
    if (inflight.length >= concurrency) await inflight.shift();
  };
  let now = new Date();
  for (const doc of docs) {
    batch.push({ ...doc, createdAt: now, updatedAt: now });
    if (batch.length >= batchSize) {
      await flush();
      now = new Date();
    }
  }
  if (batch.length > 0) await flush();
  await Promise.all(inflight);
}

/**
 * Seeds demo data into the connected database: the institutions (upserted by name), then `count` patents
 * and their portfolios, streamed from the deterministic generator in batches (never all in memory). Works
 * on FerretDB: no transactions, no $lookup; the unique indexes (created beforehand by syncMongoIndexes)
 * make re-running the same seed skip what exists.
 */
export async function seedPatents(options: SeedOptions = {}): Promise<SeedResult> {
  const count = options.count ?? 20_000;
  const seed = options.seed ?? 42;
  const batchSize = options.batchSize ?? 1000;
  const concurrency = options.concurrency ?? 3;
  const started = performance.now();

  const institutionIds = await upsertSeedInstitutions();
  const generateOptions = { seed, count, institutionIds };

  let patents = 0;
  let attempted = 0;
  let duplicates = 0;
  options.onProgress?.(0, count);
  await writeStream(
    PatentModel.collection,
    generatePatents(generateOptions),
    batchSize,
    concurrency,
    (inserted, tried) => {
      patents += inserted;
      attempted += tried;
      duplicates += tried - inserted;
      options.onProgress?.(attempted, count);
    },
  );
  const patentSeconds = (performance.now() - started) / 1000;

  let portfolios = 0;
  await writeStream(
    PortfolioModel.collection,
    generatePortfolios(generateOptions),
    batchSize,
    concurrency,
    (inserted, tried) => {
      portfolios += inserted;
      duplicates += tried - inserted;
    },
  );

  const seconds = (performance.now() - started) / 1000;
  return {
    institutions: institutionIds.size,
    patents,
    portfolios,
    duplicates,
    seconds,
    patentsPerSecond: patentSeconds > 0 ? Math.round(patents / patentSeconds) : 0,
  };
}
