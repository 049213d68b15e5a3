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
let server: ChildProcess | undefined;

async function freePort(): Promise<number> {
  const probe = createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

async function startSmallPoolFerretDb(): Promise<string> {
  const port = await freePort();
  server = spawn(
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
  server?.kill('SIGKILL');
});

describe('FerretDB under a storm of collection creations and findAndModify upserts', () => {
  it('keeps answering with a pool of 8 connections', async () => {
    const uri = await startSmallPoolFerretDb();
    const clients = await Promise.all(
      Array.from({ length: 40 }, () => new MongoClient(uri, { maxPoolSize: 10 }).connect()),
    );
    const run = `t_ferret_pool_${process.pid}`;
    const ROUNDS = 60;
    // Each client runs a fixed amount of work; a deadlocked FerretDB never finishes it.
    const storm = Promise.all(
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
        }
        return ROUNDS;
      }),
    );
    const finished = await Promise.race([storm.then((done) => done.length), sleep(90_000).then(() => 0)]);
    expect(finished, 'clients that finished their rounds within 90 s').toBe(clients.length);
    const names = (await clients[0]!.db('admin').admin().listDatabases({ nameOnly: true })).databases;
    for (const { name } of names) if (name.startsWith(run)) await clients[0]!.db(name).dropDatabase();
    await Promise.all(clients.map((client) => client.close()));
  }, 150_000);
});
