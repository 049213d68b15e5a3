import { randomBytes } from 'node:crypto';
import mongoose, { Schema } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { connectMongo, isDuplicateKey } from './mongo';

const dbName = `t_mongo_${randomBytes(4).toString('hex')}`;
const config = loadConfig({ ...process.env, MONGODB_DB: dbName });
const Probe = mongoose.model(
  'Probe',
  new Schema({ title: { type: String, required: true }, tags: [String], at: Date }, { collection: 'probes' }),
);

beforeAll(async () => {
  await connectMongo(config);
});
afterAll(async () => {
  await mongoose.connection.dropDatabase();
  await mongoose.disconnect();
});

describe('the MongoDB wire server', () => {
  it('returns through the raw driver what mongoose wrote', async () => {
    const written = await Probe.create({
      title: '一种石墨烯锂离子电池正极材料',
      tags: ['H01M'],
      at: new Date('2024-01-21T15:17:51Z'),
    });
    const client = new mongoose.mongo.MongoClient(config.MONGODB_URI);
    try {
      const raw = await client.db(dbName).collection('probes').findOne({ _id: written._id });
      expect(raw).toMatchObject({ title: '一种石墨烯锂离子电池正极材料', tags: ['H01M'] });
      expect(raw?.at).toEqual(new Date('2024-01-21T15:17:51Z'));
    } finally {
      await client.close();
    }
  });

  it('enforces a unique index with a duplicate-key error (code 11000)', async () => {
    const Unique = mongoose.model('UniqueProbe', new Schema({ key: { type: String, unique: true } }));
    await Unique.createIndexes();
    await Unique.create({ key: 'a' });
    await expect(Unique.create({ key: 'a' })).rejects.toMatchObject({ code: 11000 });
  });

  it('tells a duplicate key from other failures, for single writes and unordered bulk writes', async () => {
    const Keyed = mongoose.model('KeyedProbe', new Schema({ key: { type: String, unique: true } }));
    await Keyed.createIndexes();
    await Keyed.create({ key: 'taken' });
    const single = await Keyed.create({ key: 'taken' }).catch((err: unknown) => err);
    expect(isDuplicateKey(single)).toBe(true);

    const bulk = await Keyed.collection
      .insertMany([{ key: 'taken' }, { key: 'fresh' }, { key: 'taken' }], { ordered: false })
      .catch((err: unknown) => err);
    expect(isDuplicateKey(bulk)).toBe(true);
    expect(await Keyed.countDocuments({ key: 'fresh' })).toBe(1);

    const otherServerError = await Keyed.collection
      .updateOne({ key: 'fresh' }, { $notAnOperator: { key: 'x' } } as never)
      .catch((err: unknown) => err);
    expect(otherServerError).toBeInstanceOf(mongoose.mongo.MongoServerError);
    expect(isDuplicateKey(otherServerError)).toBe(false);
    expect(isDuplicateKey(new Error('E11000 duplicate key'))).toBe(false);
    expect(isDuplicateKey(undefined)).toBe(false);
  });
});
