import mongoose from 'mongoose';
import { describe, expect, it } from 'vitest';
import { EnterpriseEvaluationModel } from '@panhuo/api/features/evaluations/enterprise-evaluation-model';
import { EvaluationSlotModel } from '@panhuo/api/features/evaluations/model';
import { touchPatentsForIndex } from '@panhuo/api/features/patents/index-touch';
import { PatentModel } from '@panhuo/api/features/patents/model';
import { indexNames } from '@panhuo/api/infra/elasticsearch';
import { buildPatent } from '@panhuo/api/test/factories';
import { useTestDatabaseAndIndex } from '@panhuo/api/test/test-database';
import { ensurePatentIndex } from './patent-index';
import { reindexPatents } from './reindex';
import { syncOnce } from './sync';
import { searchVersion } from './to-es-doc';

const { config, es } = useTestDatabaseAndIndex('indexer_library');
const prefix = config.ES_INDEX_PREFIX;
const alias = indexNames(prefix).patents;
const oid = () => new mongoose.Types.ObjectId();

interface Entry {
  enterpriseId: string;
  pushedAt: string;
  pushId: string | null;
  evaluatedAt?: string;
  enterpriseStars?: number;
  expertCount: number;
}

async function library(id: mongoose.Types.ObjectId): Promise<{ entries: Entry[]; version: number }> {
  const res = await es.get<{ library: Entry[] }>({ index: alias, id: id.toHexString() });
  return { entries: res._source?.library ?? [], version: res._version ?? 0 };
}

function evaluate(
  patent: { _id: mongoose.Types.ObjectId; institutionId: mongoose.Types.ObjectId },
  enterpriseId: mongoose.Types.ObjectId,
  stars: number,
) {
  return EnterpriseEvaluationModel.create({
    enterpriseId,
    patentId: patent._id,
    institutionId: patent.institutionId,
    stars,
    opinion: '具有较高的产业化前景',
    submittedBy: oid(),
    submittedAt: new Date('2026-11-02T08:00:00Z'),
  });
}

describe("the search document's 评价库 entries", () => {
  it('carries one entry per push and, after touchPatentsForIndex, that enterprise’s verdict only', async () => {
    await ensurePatentIndex(es, prefix);
    const [e1, e2, push] = [oid(), oid(), oid()];
    const patent = await buildPatent({
      pushes: [
        { enterpriseId: e1, pushId: push, pushedAt: new Date('2026-11-01T00:00:00Z') },
        { enterpriseId: e2, pushId: null, pushedAt: new Date('2026-11-01T01:00:00Z') },
      ],
    });
    await syncOnce(es, prefix, { refresh: true });
    const before = await library(patent._id);
    expect(before.entries).toEqual([
      {
        enterpriseId: e1.toHexString(),
        pushedAt: '2026-11-01T00:00:00.000Z',
        pushId: push.toHexString(),
        expertCount: 0,
      },
      { enterpriseId: e2.toHexString(), pushedAt: '2026-11-01T01:00:00.000Z', pushId: null, expertCount: 0 },
    ]);

    // Two enterprises evaluate at once: the patent itself is never written, its rev stays.
    await Promise.all([evaluate(patent, e1, 4), evaluate(patent, e2, 2)]);
    await Promise.all([touchPatentsForIndex([patent._id]), touchPatentsForIndex([patent._id])]);
    await syncOnce(es, prefix, { refresh: true });
    const after = await library(patent._id);
    expect(after.entries.map((e) => [e.enterpriseId, e.enterpriseStars, e.evaluatedAt])).toEqual([
      [e1.toHexString(), 4, '2026-11-02T08:00:00.000Z'],
      [e2.toHexString(), 2, '2026-11-02T08:00:00.000Z'],
    ]);
    const stored = await PatentModel.findById(patent._id, { rev: 1 }).lean();
    expect(after.version).toBe(searchVersion(stored!.rev, 2));
    expect(after.version).toBeGreaterThan(before.version);
  });

  it('a reindex from the patents rebuilds the same entries and versions', async () => {
    const enterprise = oid();
    const patent = await buildPatent({
      pushes: [{ enterpriseId: enterprise, pushId: null, pushedAt: new Date('2026-10-01T00:00:00Z') }],
    });
    await evaluate(patent, enterprise, 5);
    await reindexPatents(es, prefix);
    const rebuilt = await library(patent._id);
    expect(rebuilt.entries).toEqual([
      {
        enterpriseId: enterprise.toHexString(),
        pushedAt: '2026-10-01T00:00:00.000Z',
        pushId: null,
        expertCount: 0,
        evaluatedAt: '2026-11-02T08:00:00.000Z',
        enterpriseStars: 5,
      },
    ]);
    expect(rebuilt.version).toBe(searchVersion(patent.rev, 1));
  });

  it('counts each enterprise’s distinct experts below its lock, and versions the document by them', async () => {
    const [e1, e2, x, y] = [oid(), oid(), oid(), oid()];
    const patent = await buildPatent({
      pushes: [
        { enterpriseId: e1, pushId: null, pushedAt: new Date('2026-10-01T00:00:00Z') },
        { enterpriseId: e2, pushId: null, pushedAt: new Date('2026-10-01T00:00:00Z') },
      ],
    });
    await syncOnce(es, prefix, { refresh: true });
    const before = await library(patent._id);
    const slot = (enterpriseId: mongoose.Types.ObjectId, seq: number, kind: 'expert' | 'lock', actorId = x) =>
      EvaluationSlotModel.create({
        enterpriseId,
        patentId: patent._id,
        seq,
        kind,
        actorId,
        actorName: '专家',
        stars: kind === 'expert' ? 4 : null,
        advice: kind === 'expert' ? '建议' : null,
        at: new Date(),
      });
    // e1: x rates twice (one expert), y once, then the lock; e2: y once.
    await slot(e1, 1, 'expert', x);
    await slot(e1, 2, 'expert', x);
    await slot(e1, 3, 'expert', y);
    await slot(e1, 4, 'lock');
    await slot(e2, 1, 'expert', y);
    await touchPatentsForIndex([patent._id]);
    await syncOnce(es, prefix, { refresh: true });
    const after = await library(patent._id);
    expect(after.entries.map((e) => [e.enterpriseId, e.expertCount])).toEqual([
      [e1.toHexString(), 2],
      [e2.toHexString(), 1],
    ]);
    expect(after.version).toBe(searchVersion(patent.rev, 3));
    expect(after.version).toBeGreaterThan(before.version);
    // Nothing of an expert but the count.
    expect(JSON.stringify(after.entries)).not.toContain(x.toHexString());
    await reindexPatents(es, prefix);
    expect(await library(patent._id)).toEqual(after);
  });
});
