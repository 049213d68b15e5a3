import mongoose from 'mongoose';
import { beforeEach, describe, expect, it } from 'vitest';
import { emitPatentChanges, OutboxModel } from '@panhuo/api/features/outbox/model';
import { PatentModel } from '@panhuo/api/features/patents/model';
import { indexNames } from '@panhuo/api/infra/elasticsearch';
import { syncMongoIndexes } from '@panhuo/api/infra/mongo';
import { buildPatent } from '@panhuo/api/test/factories';
import { useTestDatabaseAndIndex } from '@panhuo/api/test/test-database';
import { reindexPatents } from './reindex';
import {
  decodeSearchDoc,
  encodeSearchDoc,
  saveSearchDocs,
  STORE_STATE_COLLECTION,
  STORED_DOCS_COLLECTION,
  storeIsUsable,
} from './search-doc-store';
import { syncOnce } from './sync';

const { config, es } = useTestDatabaseAndIndex('docstore');
const prefix = config.ES_INDEX_PREFIX;
const alias = indexNames(prefix).patents;
const stored = () =>
  mongoose.connection.db!.collection<{
    _id: mongoose.Types.ObjectId;
    rev: number;
    z: { buffer: Uint8Array };
  }>(STORED_DOCS_COLLECTION);

/** The stored document of a patent, parsed (null when there is none). */
async function storedDoc(id: mongoose.Types.ObjectId) {
  const doc = await stored().findOne({ _id: id });
  return doc ? (JSON.parse(decodeSearchDoc(doc.z.buffer)) as { title: string; rev: number }) : null;
}

/** Every document the alias serves, by id. */
async function served(): Promise<Map<string, unknown>> {
  const res = await es.search({ index: alias, size: 100, sort: ['_doc'] });
  return new Map(res.hits.hits.map((hit) => [hit._id!, hit._source]));
}

/** A patent, indexed and stored: reindexed from the patents, its create entry synced. */
async function indexedPatent(title: string) {
  const patent = await buildPatent({ title });
  await reindexPatents(es, prefix);
  await syncOnce(es, prefix);
  return patent;
}

/** Retitles a patent as the services write: the change with rev 2, then its outbox entry. */
async function retitle(id: mongoose.Types.ObjectId, title: string): Promise<void> {
  await PatentModel.updateOne({ _id: id }, { $set: { title }, $inc: { rev: 1 } });
  await emitPatentChanges([{ entityId: id, rev: 2, op: 'upsert' }]);
}

beforeEach(async () => {
  await mongoose.connection.dropDatabase();
  await syncMongoIndexes();
});

describe('the search-doc store', () => {
  it('compresses a document losslessly, CJK and astral characters included', () => {
    const json = JSON.stringify({ title: '一种𠀋石墨烯电池', abstract: '本发明公开了一种……'.repeat(40) });
    const z = encodeSearchDoc(json);
    expect(z.length).toBeLessThan(Buffer.byteLength(json) / 3);
    expect(decodeSearchDoc(z)).toBe(json);
  });

  it('is rebuilt by a reindex from the patents, and a reindex from it serves the very same documents', async () => {
    const patents = [
      await buildPatent({ title: '一种海水淡化装置' }),
      await buildPatent({ title: '一种钠离子电池负极材料' }),
      await buildPatent({ title: '基于深度学习的缺陷检测方法' }),
    ];
    expect(await storeIsUsable()).toBe(false);
    // Asked for, but nothing is stored yet: the patents are read.
    const first = await reindexPatents(es, prefix, { useStoredDocs: true });
    expect(first.source).toBe('patents');
    expect(await storeIsUsable()).toBe(true);
    expect(await stored().countDocuments()).toBe(3);
    const fromPatents = await served();

    const second = await reindexPatents(es, prefix, { useStoredDocs: true });
    expect(second).toMatchObject({ source: 'stored-docs', count: 3 });
    expect(second.index).not.toBe(first.index);
    expect(await served()).toEqual(fromPatents);
    expect(fromPatents.get(patents[1]!._id.toHexString())).toMatchObject({ title: '一种钠离子电池负极材料' });
  });

  it('is kept current by the outbox sync: an update replaces the document, a deletion removes it', async () => {
    const dropped = await buildPatent({ title: '一种钠离子电池负极材料' });
    const kept = await indexedPatent('一种海水淡化装置');

    await retitle(kept._id, '一种太阳能海水淡化装置');
    await PatentModel.deleteOne({ _id: dropped._id });
    await emitPatentChanges([{ entityId: dropped._id, rev: 2, op: 'delete' }]);
    await syncOnce(es, prefix);
    expect(await storedDoc(kept._id)).toMatchObject({ title: '一种太阳能海水淡化装置', rev: 2 });
    expect(await storedDoc(dropped._id)).toBeNull();

    const result = await reindexPatents(es, prefix, { useStoredDocs: true });
    expect(result).toMatchObject({ source: 'stored-docs', count: 1 });
    expect([...(await served()).values()]).toEqual([
      expect.objectContaining({ title: '一种太阳能海水淡化装置' }),
    ]);
  });

  it('lets a change still pending in the outbox reach the index a reindex from the store builds', async () => {
    const patent = await indexedPatent('一种海水淡化装置');
    await retitle(patent._id, '一种风光互补海水淡化系统');
    // An hour old, as is the processed entry of the create: only the pending state can bring the change in.
    const hourAgo = new Date(Date.now() - 3600_000);
    await OutboxModel.updateMany({}, { $set: { createdAt: hourAgo } });
    await OutboxModel.updateMany({ done: true }, { $set: { doneAt: hourAgo } });

    const result = await reindexPatents(es, prefix, { useStoredDocs: true });
    expect(result.source).toBe('stored-docs');
    expect((await served()).get(patent._id.toHexString())).toMatchObject({
      title: '一种风光互补海水淡化系统',
      rev: 2,
    });
  });

  it('never lets an older revision replace a newer stored document', async () => {
    const id = new mongoose.Types.ObjectId();
    await saveSearchDocs([{ id, rev: 5, json: JSON.stringify({ title: '第五版', rev: 5 }) }]);
    await saveSearchDocs([{ id, rev: 4, json: JSON.stringify({ title: '第四版', rev: 4 }) }]);
    expect(await storedDoc(id)).toEqual({ title: '第五版', rev: 5 });
    await saveSearchDocs([{ id, rev: 6, json: JSON.stringify({ title: '第六版', rev: 6 }) }]);
    expect(await storedDoc(id)).toEqual({ title: '第六版', rev: 6 });
  });

  it('is not read when another document format built it, nor when a rebuild did not finish', async () => {
    await indexedPatent('一种海水淡化装置');
    const state = mongoose.connection.db!.collection<{ _id: string }>(STORE_STATE_COLLECTION);

    await state.updateOne({ _id: 'patents' }, { $set: { format: 'written-by-older-code' } });
    expect(await storeIsUsable()).toBe(false);
    expect((await reindexPatents(es, prefix, { useStoredDocs: true })).source).toBe('patents');
    expect(await storeIsUsable()).toBe(true);

    await state.updateOne({ _id: 'patents' }, { $set: { complete: false } });
    expect((await reindexPatents(es, prefix, { useStoredDocs: true })).source).toBe('patents');
  });

  it('reads the patents unless asked for the store, so writes that bypassed the outbox are indexed', async () => {
    await buildPatent({ title: '一种海水淡化装置' });
    await reindexPatents(es, prefix);
    const { _id: _drop, ...copy } = (await PatentModel.findOne().lean())!;
    await PatentModel.collection.insertOne({
      ...copy,
      applicationNumber: '202011111111.1',
      title: '直接写入的专利',
    });

    const result = await reindexPatents(es, prefix);
    expect(result).toMatchObject({ source: 'patents', count: 2 });
    expect(await stored().countDocuments()).toBe(2);
  });
});
