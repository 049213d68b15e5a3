import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Types } from 'mongoose';
import { emitPatentChanges } from '@panhuo/api/features/outbox/model';
import { PatentModel } from '@panhuo/api/features/patents/model';
import { indexNames } from '@panhuo/api/infra/elasticsearch';
import { createEmbeddingsClient } from '@panhuo/api/infra/embeddings';
import { createLogger } from '@panhuo/api/infra/logger';
import { buildPatent } from '@panhuo/api/test/factories';
import { useTestDatabaseAndIndex } from '@panhuo/api/test/test-database';
import { ensurePatentIndex } from '@panhuo/indexer/patent-index';
import { reindexPatents } from '@panhuo/indexer/reindex';
import { syncOnce } from '@panhuo/indexer/sync';
import { loadVectorsOf, passageHash } from '@panhuo/indexer/vector-store';
import { embedMissingPatents, missingEmbeddingsQuery } from './embed-patents';

const { config, es } = useTestDatabaseAndIndex('embed-17v');
const prefix = config.ES_INDEX_PREFIX;
const alias = indexNames(prefix).patents;
const logger = createLogger({ LOG_LEVEL: 'silent' }, 'embed-test');
const url = process.env.EMBEDDINGS_URL;
if (!url) throw new Error('EMBEDDINGS_URL is not set: run with the test stack');
const real = createEmbeddingsClient({ url });
// Port 9 (discard) has no listener: every call fails as "unreachable".
const dead = createEmbeddingsClient({ url: 'http://127.0.0.1:9/v1', timeoutMs: 2_000 });

// An OpenAI-compatible server answering vectors of 3 numbers: the wrong dimension for e5-small.
const garbage = createServer((req, res) => {
  let body = '';
  req.on('data', (chunk: Buffer) => (body += chunk.toString()));
  req.on('end', () => {
    const { input } = JSON.parse(body) as { input: string[] };
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ data: input.map((_, index) => ({ index, embedding: [0.1, 0.2, 0.3] })) }));
  });
});
beforeAll(() => new Promise<void>((resolve) => garbage.listen(0, '127.0.0.1', resolve)));
afterAll(() => new Promise<void>((resolve) => garbage.close(() => resolve())));
const garbageUrl = () => `http://127.0.0.1:${(garbage.address() as AddressInfo).port}/v1`;

/** Whether the indexed document of `id` has a vector. */
async function hasVector(id: Types.ObjectId): Promise<boolean> {
  const res = await es.count({
    index: alias,
    query: {
      bool: { filter: [{ ids: { values: [id.toHexString()] } }, { exists: { field: 'embedding' } }] },
    },
  });
  return res.count === 1;
}

describe('the search for documents without a vector', () => {
  it('asks for documents with no embedding, newest 注册时间 first, with their versions', () => {
    expect(missingEmbeddingsQuery(32)).toEqual({
      size: 32,
      version: true,
      query: { bool: { must_not: [{ exists: { field: 'embedding' } }] } },
      sort: [{ registeredAt: { order: 'desc' } }, { id: { order: 'asc' } }],
    });
  });
});

describe('embed-patents on the real stack', () => {
  it('vectors, a title edit, a reindex, a server down and a wrong dimension', async () => {
    await ensurePatentIndex(es, prefix);
    const a = await buildPatent({ title: '一种海水淡化反渗透膜组件' });
    const b = await buildPatent({ title: '一种锂电池负极材料的制备方法' });
    await syncOnce(es, prefix, { refresh: true });
    expect(await hasVector(a._id)).toBe(false);

    // A registered patent gets its vector, stored with the hash of its text.
    const first = await embedMissingPatents(es, prefix, real, logger);
    expect(first).toEqual({ written: 2, embedded: 2 });
    expect(await hasVector(a._id)).toBe(true);
    expect(await hasVector(b._id)).toBe(true);
    const stored = await loadVectorsOf([a._id, b._id]);
    expect(stored.get(a._id.toHexString())?.hash).toBe(passageHash(a));
    expect(stored.get(a._id.toHexString())?.vector).toHaveLength(384);
    // Nothing left: a second run writes nothing and calls no server.
    expect(await embedMissingPatents(es, prefix, dead, logger)).toEqual({ written: 0, embedded: 0 });

    // An edit of the title drops the vector at the next sync, and the job computes the new one.
    await PatentModel.updateOne(
      { _id: a._id },
      { $set: { title: '一种太阳能海水淡化装置' }, $inc: { rev: 1 } },
    );
    await emitPatentChanges([{ entityId: a._id, rev: 2, op: 'upsert' }]);
    await syncOnce(es, prefix, { refresh: true });
    expect(await hasVector(a._id)).toBe(false);
    expect(await hasVector(b._id)).toBe(true);
    expect(await embedMissingPatents(es, prefix, real, logger)).toEqual({ written: 1, embedded: 1 });
    const edited = await PatentModel.findById(a._id).lean();
    expect((await loadVectorsOf([a._id])).get(a._id.toHexString())?.hash).toBe(passageHash(edited!));
    expect(await hasVector(a._id)).toBe(true);

    // A reindex (from the patents, then from the search-doc store) carries the stored vectors over: it
    // takes no embeddings client at all, and afterwards the dead server is never needed.
    await reindexPatents(es, prefix);
    expect([await hasVector(a._id), await hasVector(b._id)]).toEqual([true, true]);
    await reindexPatents(es, prefix, { useStoredDocs: true });
    expect([await hasVector(a._id), await hasVector(b._id)]).toEqual([true, true]);
    expect(await embedMissingPatents(es, prefix, dead, logger)).toEqual({ written: 0, embedded: 0 });

    // Server down: logged, no throw, nothing stored, the document still without a vector.
    const c = await buildPatent({ title: '一种智能温室大棚控制系统' });
    await syncOnce(es, prefix, { refresh: true });
    const down = await embedMissingPatents(es, prefix, dead, logger);
    expect(down).toEqual({ written: 0, embedded: 0, failure: 'unreachable' });
    expect((await loadVectorsOf([c._id])).size).toBe(0);
    expect(await hasVector(c._id)).toBe(false);

    // A wrong dimension: refused by the client, no vector stored or written.
    const wrong = createEmbeddingsClient({ url: garbageUrl() });
    expect(await embedMissingPatents(es, prefix, wrong, logger)).toEqual({
      written: 0,
      embedded: 0,
      failure: 'dimension',
    });
    expect((await loadVectorsOf([c._id])).size).toBe(0);
    expect(await hasVector(c._id)).toBe(false);
    // The vectors of the others are untouched.
    expect((await loadVectorsOf([a._id])).get(a._id.toHexString())?.hash).toBe(passageHash(edited!));

    // The server back: the waiting patent gets its vector.
    expect(await embedMissingPatents(es, prefix, real, logger)).toEqual({ written: 1, embedded: 1 });
    expect(await hasVector(c._id)).toBe(true);
  });
});
