import type mongoose from 'mongoose';
import type { InstitutionKind } from '@panhuo/domain/institutions/institution';
import { conflict } from '../../errors';
import { isDuplicateKey } from '../../infra/mongo';
import { InstitutionModel } from '../institutions/model';
import { emitPatentChanges } from '../outbox/model';
import { PatentModel } from '../patents/model';
import type { PatentDoc } from '../patents/model';
import { PortfolioModel } from '../patents/portfolio-model';

/**
 * The import's reads and writes (mongoose only). Every write is single-document and either an upsert on a
 * unique key or conditional, so it can be repeated; patent writes are followed by their outbox entries.
 */

type ObjectId = mongoose.Types.ObjectId;

/** Ids, `$in` lists and batches are cut to this size. */
export const CHUNK = 500;

export function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The institution fields the import reads. */
export interface InstitutionRow {
  _id: ObjectId;
  name: string;
  kind: InstitutionKind;
}

/** The portfolio fields the import reads. */
export interface PortfolioRow {
  _id: ObjectId;
  name: string;
  institutionId: ObjectId;
  description: string;
  patentIds: ObjectId[];
  /** Absent (stored before the field) means `import`. */
  origin?: 'import' | 'workspace';
}

/** Institutions by name, for the names that exist. */
export async function findInstitutions(names: readonly string[]): Promise<Map<string, InstitutionRow>> {
  const found = new Map<string, InstitutionRow>();
  for (const part of chunks([...new Set(names)])) {
    const docs = await InstitutionModel.find({ name: { $in: part } }, { name: 1, kind: 1 }).lean<
      InstitutionRow[]
    >();
    for (const doc of docs) found.set(doc.name, doc);
  }
  return found;
}

/** Stored patents by normalized application number, for the numbers that exist. */
export async function findPatents(numbers: readonly string[]): Promise<Map<string, PatentDoc>> {
  const found = new Map<string, PatentDoc>();
  for (const part of chunks(numbers)) {
    const docs = await PatentModel.find({ applicationNumber: { $in: part } }).lean<PatentDoc[]>();
    for (const doc of docs) found.set(doc.applicationNumber, doc);
  }
  return found;
}

/**
 * The institution of that name, created with `kind` when missing: an upsert on the unique name, so a
 * concurrent import creating it too is harmless. Timestamps are set on insert only, so finding an
 * existing institution does not touch it.
 */
export async function upsertInstitution(name: string, kind: InstitutionKind): Promise<InstitutionRow> {
  const now = new Date();
  await InstitutionModel.updateOne(
    { name },
    { $setOnInsert: { name, kind, createdAt: now, updatedAt: now } },
    { upsert: true, timestamps: false },
  );
  const doc = await InstitutionModel.findOne({ name }, { name: 1, kind: 1 }).lean<InstitutionRow>();
  if (!doc) throw conflict(`登记单位「${name}」创建失败，请重新导入`);
  return doc;
}

/** Portfolios named by (institution, name), plus those with the given ids. */
export async function findPortfolios(
  named: readonly { institutionId: ObjectId; name: string }[],
  ids: readonly ObjectId[],
): Promise<PortfolioRow[]> {
  const or: mongoose.QueryFilter<unknown>[] = named.map((n) => ({
    institutionId: n.institutionId,
    name: n.name,
  }));
  if (ids.length > 0) or.push({ _id: { $in: ids } });
  if (or.length === 0) return [];
  const docs = await PortfolioModel.find(
    { $or: or },
    { name: 1, institutionId: 1, description: 1, patentIds: 1, origin: 1 },
  ).lean<(Omit<PortfolioRow, 'patentIds'> & { patentIds?: ObjectId[] })[]>();
  // FerretDB drops an empty array written by an upsert's $setOnInsert; a portfolio without the field has no members.
  return docs.map((d) => ({ ...d, patentIds: d.patentIds ?? [] }));
}

/**
 * Creates an empty portfolio. A duplicate key means a concurrent import created it first, which is the
 * same outcome. (An insert, not an upsert: FerretDB drops the empty member list of an upsert.)
 */
export async function createPortfolio(p: {
  institutionId: ObjectId;
  institutionName: string;
  name: string;
  description: string;
}) {
  try {
    await PortfolioModel.create({ ...p, patentIds: [] });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
  }
}

export async function setPortfolioDescription(id: ObjectId, description: string): Promise<void> {
  await PortfolioModel.updateOne({ _id: id }, { $set: { description } });
}

/**
 * Adds and removes members with $addToSet / $pullAll rather than setting the whole list, so members another
 * import added meanwhile survive. ($pullAll, not `$pull: { $in }`: FerretDB matches nothing with the latter.)
 */
export async function changePortfolioMembers(
  id: ObjectId,
  add: readonly ObjectId[],
  remove: readonly ObjectId[],
) {
  if (add.length > 0)
    await PortfolioModel.updateOne({ _id: id }, { $addToSet: { patentIds: { $each: add } } });
  if (remove.length > 0) await PortfolioModel.updateOne({ _id: id }, { $pullAll: { patentIds: remove } });
}

/**
 * Re-publishes patents whose search document changed without their own fields changing (a portfolio's new
 * description): bumps each rev, the external version the index compares, and records it in the outbox.
 */
export async function republishPatents(ids: readonly ObjectId[]): Promise<void> {
  const bumped = await Promise.all(
    ids.map((id) =>
      PatentModel.findOneAndUpdate({ _id: id }, { $inc: { rev: 1 } }, { new: true }).lean<PatentDoc>(),
    ),
  );
  await emitPatentChanges(
    bumped.flatMap((p) => (p ? [{ entityId: p._id, rev: p.rev, op: 'upsert' as const }] : [])),
  );
}

/** Inserts new patents (rev 1, ids chosen by the caller) and records them in the outbox. */
export async function insertPatents(
  docs: readonly ({ _id: ObjectId } & Record<string, unknown>)[],
): Promise<void> {
  try {
    await PatentModel.insertMany(
      docs.map((d) => ({ ...d, rev: 1 })),
      { ordered: false },
    );
  } catch (err) {
    // Another import registered some of these numbers meanwhile: record what did get in, then refuse.
    const inserted = await PatentModel.find({ _id: { $in: docs.map((d) => d._id) } }, { _id: 1 }).lean<
      { _id: ObjectId }[]
    >();
    await emitPatentChanges(inserted.map((d) => ({ entityId: d._id, rev: 1, op: 'upsert' })));
    if (isDuplicateKey(err)) throw conflict('部分专利在导入过程中已被其他操作登记，请重新导入');
    throw err;
  }
  await emitPatentChanges(docs.map((d) => ({ entityId: d._id, rev: 1, op: 'upsert' })));
}

/** One patent update: replace `set`, remove `unset`, on the condition that the stored rev is still `rev`. */
export interface PatentUpdate {
  id: ObjectId;
  rev: number;
  set: Record<string, unknown>;
  unset: readonly string[];
}

/**
 * Applies the updates in parallel, each conditional on the rev read and bumping it, then records the
 * applied ones in the outbox. Returns how many found their patent changed meanwhile (not applied).
 */
export async function updatePatents(updates: readonly PatentUpdate[]): Promise<number> {
  const applied = await Promise.all(
    updates.map(async ({ id, rev, set, unset }) => {
      const update: mongoose.UpdateQuery<PatentDoc> = { $set: set, $inc: { rev: 1 } };
      if (unset.length > 0) update.$unset = Object.fromEntries(unset.map((k) => [k, 1]));
      const res = await PatentModel.updateOne({ _id: id, rev }, update);
      return res.matchedCount === 1 ? { entityId: id, rev: rev + 1, op: 'upsert' as const } : null;
    }),
  );
  const changes = applied.filter((c) => c !== null);
  await emitPatentChanges(changes);
  return updates.length - changes.length;
}
