import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { MongoClient } from 'mongodb';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN_DIR } from './layout';
import { postgresUrl } from './services/postgres';

/**
 * FerretDB 1.24 deadlocks once its PostgreSQL pool runs dry: a findAndModify keeps its query's connection
 * while it waits for the metadata registry's lock, and a collection creation holds that lock while it waits
 * for a connection. Under six parallel test runs it hung the test stack for good (all 50 pooled connections
 * held, 316 requests queued). stack/ferretdb's front lets only `-max-in-flight` requests into FerretDB at
 * once, fewer than half the pool, so a connection is always free. This runs a second instance of our
 * FerretDB with a pool of 8 and 3 requests in flight, under the mix that hung it: without the bound it
 * stops within seconds; with it every client keeps going.
 */
const servers: ChildProcess[] = [];

async function freePort(): Promise<number> {
  const probe = createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

async function startSmallPoolFerretDb(): Promise<string> {
  const port = await freePort();
  const server = spawn(
    join(BIN_DIR, 'panhuo-ferretdb'),
    [
      '-listen',
      `127.0.0.1:${port}`,
      '-max-in-flight',
      '3',
      '-log-level',
      'error',
      '-postgresql-url',
      `${postgresUrl('test')}?pool_max_conns=8`,
    ],
    { stdio: 'ignore' },
  );
  servers.push(server);
  const uri = `mongodb://127.0.0.1:${port}/`;
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const client = new MongoClient(uri, { serverSelectionTimeoutMS: 500 });
    const ok = await client
      .db('admin')
      .command({ ping: 1 })
      .then(() => true)
      .catch(() => false);
    await client.close();
    if (ok) return uri;
    await sleep(200);
  }
  throw new Error('the small-pool FerretDB did not start');
}

afterAll(() => {
  for (const server of servers) server.kill('SIGKILL');
});

/** A deadlock is no progress at all: this long without one finished operation, on a loaded machine too. */
const STALL_MS = 20_000;

/**
 * Runs `work`, which calls `progress()` after each finished operation, and resolves with its result, or
 * with 'stalled' once STALL_MS pass without progress. Not a time limit on the whole: a busy machine may
 * take its time, a deadlocked FerretDB never moves again.
 */
async function unlessStalled<T>(work: (progress: () => void) => Promise<T>): Promise<T | 'stalled'> {
  let last = Date.now();
  let settled = false;
  const done = work(() => (last = Date.now())).finally(() => (settled = true));
  const watch = (async () => {
    while (!settled && Date.now() - last <= STALL_MS) await sleep(1000);
    return 'stalled' as const;
  })();
  return Promise.race([done, watch]);
}

describe('FerretDB under a storm of collection creations and findAndModify upserts', () => {
  it('keeps answering with a pool of 8 connections', async () => {
    const uri = await startSmallPoolFerretDb();
    const clients = await Promise.all(
      Array.from({ length: 40 }, () => new MongoClient(uri, { maxPoolSize: 10 }).connect()),
    );
    const run = `t_ferret_pool_${process.pid}`;
    const ROUNDS = 60;
    // Each client runs a fixed amount of work; a deadlocked FerretDB stops making progress on it.
    const finished = await unlessStalled((progress) =>
      Promise.all(
        clients.map(async (client, i) => {
          for (let round = 0; round < ROUNDS; round += 1) {
            const db = client.db(`${run}_${i}_${round % 7}`);
            await Promise.all([
              db.createCollection(`c${round % 13}`).catch(() => undefined),
              db
                .collection<{ _id: number }>('x')
                .findOneAndUpdate({ _id: round % 5 }, { $inc: { n: 1 } }, { upsert: true }),
              db.collection('y').insertOne({ a: round }),
              db.collection('x').find({}).limit(3).toArray(),
            ]);
            progress();
          }
          return ROUNDS;
        }),
      ).then((done) => done.length),
    );
    expect(finished, 'clients that finished their rounds (or stalled)').toBe(clients.length);
    const names = (await clients[0]!.db('admin').admin().listDatabases({ nameOnly: true })).databases;
    for (const { name } of names) if (name.startsWith(run)) await clients[0]!.db(name).dropDatabase();
    await Promise.all(clients.map((client) => client.close()));
  }, 600_000);
});

describe('FerretDB under bulk updates of many statements', () => {
  // Upstream FerretDB 1.24 kept every statement's query (and its pooled connection) open until the whole
  // update command returned, then asked for one more connection per statement: a bulkWrite of more
  // updateOne statements than the pool has connections hung for good, even alone (the test stack hung on
  // a push job's bulk update of patents). stack/ferretdb/patches/msg_update.go closes each statement's
  // query as it ends.
  it('answers two parallel 30-statement bulk updates with a pool of 8 connections', async () => {
    const uri = await startSmallPoolFerretDb();
    const client = await new MongoClient(uri, { maxPoolSize: 4 }).connect();
    const collection = client
      .db(`t_ferret_bulk_${process.pid}`)
      .collection<{ _id: number; n: number }>('docs');
    await collection.insertMany(Array.from({ length: 60 }, (_, _id) => ({ _id, n: -1 })));
    const bulk = (from: number) =>
      collection.bulkWrite(
        Array.from({ length: 30 }, (_, i) => ({
          updateOne: { filter: { _id: from + i }, update: { $set: { n: from + i } } },
        })),
      );
    // No progress to report inside one bulk write: each must finish within the stall window.
    const modified = await unlessStalled(() =>
      Promise.all([bulk(0), bulk(30)]).then((results) => results.map((r) => r.modifiedCount)),
    );
    expect(modified, 'statements modified by the two bulk writes (or stalled)').toEqual([30, 30]);
    const docs = await collection.find({}).toArray();
    expect(docs.every((doc) => doc.n === doc._id)).toBe(true);
    await collection.db.dropDatabase();
    await client.close();
  }, 60_000);
});
