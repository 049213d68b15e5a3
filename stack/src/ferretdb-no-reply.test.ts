import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * An unacknowledged write (writeConcern w: 0) is sent with moreToCome: the driver reads no reply. FerretDB
 * answers it anyway, and stack/ferretdb's front drops that answer (more-to-come.go). Without the front the
 * unread reply stayed in the pooled connection and every later command on it read the reply of the command
 * before: the API's 500s ("BSON element cursor is missing") and records served to the wrong request.
 * One pooled connection makes every command share it, so a shifted reply cannot hide.
 */
const uri = process.env.MONGODB_URI;
if (!uri) throw new Error('MONGODB_URI is not set: run through npm test');
const client = new MongoClient(uri, { maxPoolSize: 1 });
const items = client.db(`t_no_reply_${process.pid}`).collection<{ _id: number; name: string }>('items');

beforeAll(async () => {
  await items.insertMany([
    { _id: 1, name: 'one' },
    { _id: 2, name: 'two' },
  ]);
});

afterAll(async () => {
  await items.db.dropDatabase();
  await client.close();
});

describe('the MongoDB stand-in and unacknowledged writes', () => {
  it('answers each later command on the same connection with its own reply', async () => {
    // What connect-mongo's session sweep sends every 10 minutes.
    await items.deleteMany({ name: 'nobody' }, { writeConcern: { w: 0 } });
    await items.updateOne({ _id: 2 }, { $set: { name: 'two' } }, { writeConcern: { w: 0 } });
    expect(await items.findOne({ _id: 1 })).toEqual({ _id: 1, name: 'one' });
    expect(await items.findOne({ _id: 2 })).toEqual({ _id: 2, name: 'two' });
    expect(await items.countDocuments({})).toBe(2);
  });

  it('still applies the unacknowledged write', async () => {
    await items.insertOne({ _id: 3, name: 'three' }, { writeConcern: { w: 0 } });
    // The insert was sent before the find on the one connection, and FerretDB serves a connection in order.
    expect(await items.findOne({ _id: 3 })).toEqual({ _id: 3, name: 'three' });
  });
});
