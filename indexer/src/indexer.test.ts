import mongoose from 'mongoose';
import { describe, expect, it } from 'vitest';
import { emitPatentChanges, OutboxModel } from '@panhuo/api/features/outbox/model';
import { PatentModel } from '@panhuo/api/features/patents/model';
import { indexNames } from '@panhuo/api/infra/elasticsearch';
import { buildPatent, buildPortfolio } from '@panhuo/api/test/factories';
import { useTestDatabaseAndIndex } from '@panhuo/api/test/test-database';
import { aliasTargets, ensurePatentIndex, patentMappingVersion, servingMappingVersion } from './patent-index';
import { reindexPatents } from './reindex';
import { syncOnce } from './sync';

const { config, es } = useTestDatabaseAndIndex('indexer');
const prefix = config.ES_INDEX_PREFIX;
const alias = indexNames(prefix).patents;

async function indexed(id: mongoose.Types.ObjectId) {
  const res = await es.get<{ title: string; rev: number }>(
    { index: alias, id: id.toHexString() },
    { ignore: [404] },
  );
  return res.found ? res._source : null;
}

describe('incremental sync through the outbox', () => {
  it('mirrors a create, an update and a delete, and acknowledges each entry', async () => {
    await ensurePatentIndex(es, prefix);
    const patent = await buildPatent({ title: '一种海水淡化装置' });
    expect(await syncOnce(es, prefix, { refresh: true })).toBe(1);
    expect(await indexed(patent._id)).toMatchObject({ title: '一种海水淡化装置', rev: 1 });

    await PatentModel.updateOne(
      { _id: patent._id },
      { $set: { title: '一种太阳能海水淡化装置' }, $inc: { rev: 1 } },
    );
    await emitPatentChanges([{ entityId: patent._id, rev: 2, op: 'upsert' }]);
    await syncOnce(es, prefix, { refresh: true });
    expect(await indexed(patent._id)).toMatchObject({ title: '一种太阳能海水淡化装置', rev: 2 });

    await PatentModel.deleteOne({ _id: patent._id });
    await emitPatentChanges([{ entityId: patent._id, rev: 3, op: 'delete' }]);
    await syncOnce(es, prefix, { refresh: true });
    expect(await indexed(patent._id)).toBeNull();
    expect(await OutboxModel.countDocuments({ done: false })).toBe(0);
  });

  it('never lets an old version overwrite a newer one (external versions)', async () => {
    const patent = await buildPatent({ title: '新标题', rev: 5 });
    await syncOnce(es, prefix, { refresh: true });
    // A stale entry replayed later re-reads the current state, and the index keeps rev 5.
    await emitPatentChanges([{ entityId: patent._id, rev: 1, op: 'upsert' }]);
    await syncOnce(es, prefix, { refresh: true });
    expect(await indexed(patent._id)).toMatchObject({ title: '新标题', rev: 5 });
  });
});

describe('portfolios in the search document', () => {
  it('carries each portfolio’s name and description, through sync and through a reindex', async () => {
    await ensurePatentIndex(es, prefix);
    const patent = await buildPatent({ title: '一种钠离子电池负极材料' });
    const portfolio = await buildPortfolio(patent, {
      name: '钠电池材料组合',
      description: '负极与电解液配套',
    });
    await emitPatentChanges([{ entityId: patent._id, rev: 2, op: 'upsert' }]);
    await syncOnce(es, prefix, { refresh: true });
    const expected = [
      { id: portfolio._id.toHexString(), name: '钠电池材料组合', description: '负极与电解液配套' },
    ];
    expect(await indexed(patent._id)).toMatchObject({
      portfolioIds: [portfolio._id.toHexString()],
      portfolios: expected,
    });

    await reindexPatents(es, prefix);
    expect(await indexed(patent._id)).toMatchObject({ portfolios: expected });
  });
});

describe('full reindex behind the alias', () => {
  it('fills a new versioned index, swaps the alias atomically and drops the old index', async () => {
    const before = await aliasTargets(es, alias);
    const result = await reindexPatents(es, prefix);
    const after = await aliasTargets(es, alias);
    expect(after).toEqual([result.index]);
    expect(result.replaced).toEqual(before);
    expect(await es.indices.exists({ index: before })).toBe(false);
    expect(result.count).toBe(await PatentModel.countDocuments());
    expect((await es.count({ index: alias })).count).toBe(result.count);
  });

  it('reports the mapping version the alias serves, so npm start can tell when to rebuild', async () => {
    expect(patentMappingVersion()).toBeGreaterThanOrEqual(2);
    expect(await servingMappingVersion(es, `${prefix}-nothing`)).toBe(0);
    await reindexPatents(es, prefix);
    expect(await servingMappingVersion(es, alias)).toBe(patentMappingVersion());
  });

  it('is idempotent: a second run serves the same documents from a fresh index', async () => {
    const first = await reindexPatents(es, prefix);
    const second = await reindexPatents(es, prefix);
    expect(second.index).not.toBe(first.index);
    expect(second.count).toBe(first.count);
    expect((await es.count({ index: alias })).count).toBe(first.count);
  });

  it('leaves the old index serving when the new one cannot be filled', async () => {
    const serving = await aliasTargets(es, alias);
    const count = (await es.count({ index: alias })).count;
    // A record Elasticsearch must refuse (not a date): the bulk fails, the reindex throws.
    const broken = await PatentModel.collection.insertOne({
      ...(await PatentModel.findOne().lean()),
      _id: new mongoose.Types.ObjectId(),
      applicationNumber: '202011111111.1',
      applicationDate: 'not a date',
    });
    await expect(reindexPatents(es, prefix)).rejects.toThrow(/bulk operations failed/);
    expect(await aliasTargets(es, alias)).toEqual(serving);
    expect((await es.count({ index: alias })).count).toBe(count);
    const leftovers = Object.keys(await es.indices.get({ index: `${alias}-*` }));
    expect(leftovers).toEqual(serving);
    await PatentModel.deleteOne({ _id: broken.insertedId });
  });
});
