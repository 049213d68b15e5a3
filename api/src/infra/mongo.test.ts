import { randomBytes } from 'node:crypto';
import mongoose, { Schema } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { connectMongo } from './mongo';

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
    const written = await Probe.create({ title: '一种石墨烯锂离子电池正极材料', tags: ['H01M'], at: new Date('2024-01-21T15:17:51Z') });
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
});
