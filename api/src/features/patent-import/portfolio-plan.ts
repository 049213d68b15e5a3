// The portfolio (组合专利) side of an import: which portfolios the file names, which it creates or
// re-describes, how their member lists change, and what the summary counts. Used by service.ts.
import mongoose from 'mongoose';
import { conflict } from '../../errors';
import type { PatentDoc } from '../patents/model';
import type { ImportCounts } from './service';
import { createPortfolio, findPortfolios, setPortfolioDescription } from './store';
import type { InstitutionRow, PortfolioRow } from './store';
import type { ImportRecord } from './validate-rows';

type ObjectId = mongoose.Types.ObjectId;
const { ObjectId } = mongoose.Types;

/** The portfolios an import touches, as ensurePortfolios found or created them. */
export interface Portfolios {
  /** Portfolio id by `portfolioKey`, for every portfolio a row names. */
  idOf: Map<string, ObjectId>;
  /** Every portfolio a row names or an imported patent is in, by id, with its members before this import. */
  docs: Map<string, PortfolioRow>;
  /** Keys of the portfolios this import creates. */
  createdKeys: Set<string>;
  /** Keys of existing portfolios whose description the file changes. */
  describedAnew: Set<string>;
}

/** Portfolios are unique per institution and name. */
export const portfolioKey = (institutionId: ObjectId, name: string) =>
  `${institutionId.toHexString()}/${name}`;

/** Creates the portfolios the file names (description: the first row giving one) and updates changed descriptions. */
export async function ensurePortfolios(
  records: readonly ImportRecord[],
  institutions: ReadonlyMap<string, InstitutionRow>,
  existing: ReadonlyMap<string, PatentDoc>,
  dryRun: boolean,
): Promise<Portfolios> {
  const wanted = new Map<string, { institution: InstitutionRow; name: string; description?: string }>();
  for (const { patent, portfolio } of records) {
    const institution = institutions.get(patent.institutionName);
    if (!portfolio || !institution) continue;
    const key = portfolioKey(institution._id, portfolio.name);
    const entry = wanted.get(key) ?? { institution, name: portfolio.name };
    entry.description ??= portfolio.description;
    wanted.set(key, entry);
  }
  const named = [...wanted.values()].map((w) => ({ institutionId: w.institution._id, name: w.name }));
  const previousIds = [...existing.values()].flatMap((p) => p.portfolioIds);
  const docs = new Map<string, PortfolioRow>();
  const load = async () => {
    for (const doc of await findPortfolios(named, previousIds)) docs.set(doc._id.toHexString(), doc);
  };
  await load();
  const byKey = () => new Map([...docs.values()].map((d) => [portfolioKey(d.institutionId, d.name), d]));

  const createdKeys = new Set<string>();
  const describedAnew = new Set<string>();
  const before = byKey();
  for (const [key, w] of wanted) {
    const doc = before.get(key);
    if (!doc) {
      createdKeys.add(key);
      const description = w.description ?? '';
      if (!dryRun)
        await createPortfolio({
          institutionId: w.institution._id,
          institutionName: w.institution.name,
          name: w.name,
          description,
        });
    } else if (w.description !== undefined && w.description !== doc.description) {
      // A file without any description for a portfolio leaves the stored one alone.
      describedAnew.add(key);
      if (!dryRun) await setPortfolioDescription(doc._id, w.description);
    }
  }
  if (createdKeys.size > 0 && !dryRun) await load();

  const idOf = new Map<string, ObjectId>();
  const after = byKey();
  for (const [key, w] of wanted) {
    let doc = after.get(key);
    if (!doc && dryRun) {
      // A portfolio the dry run would create: a stand-in, so the plan can count the patents it changes.
      doc = {
        _id: new ObjectId(),
        name: w.name,
        institutionId: w.institution._id,
        description: w.description ?? '',
        patentIds: [],
      };
      docs.set(doc._id.toHexString(), doc);
    }
    if (!doc) throw conflict(`组合专利「${w.name}」创建失败，请重新导入`);
    idOf.set(key, doc._id);
  }
  return { idOf, docs, createdKeys, describedAnew };
}

/**
 * Members of the portfolios whose description changed that this import did not write: their search
 * documents carry the old description until re-published.
 */
export function unwrittenMembersOfRedescribed(
  portfolios: Portfolios,
  writtenIds: readonly ObjectId[],
): ObjectId[] {
  const written = new Set(writtenIds.map(String));
  const members = [...portfolios.docs.values()]
    .filter((doc) => portfolios.describedAnew.has(portfolioKey(doc.institutionId, doc.name)))
    .flatMap((doc) => doc.patentIds);
  return [...new Map(members.map((id) => [String(id), id])).values()].filter(
    (id) => !written.has(String(id)),
  );
}

export interface MembershipChange {
  portfolioId: ObjectId;
  add: ObjectId[];
  remove: ObjectId[];
}

/**
 * Brings each portfolio's member list in line with the imported patents: a patent joins the portfolio its
 * row names and leaves any other import portfolio it was in. Members the file does not mention are kept,
 * and a hand-built (workspace) portfolio only ever gains members from a file.
 */
export function planMembership(
  targets: readonly { id: ObjectId; content: { portfolioIds: readonly ObjectId[] } }[],
  docs: ReadonlyMap<string, PortfolioRow>,
): MembershipChange[] {
  const changes: MembershipChange[] = [];
  for (const doc of docs.values()) {
    const members = new Set(doc.patentIds.map((id) => id.toHexString()));
    const add: ObjectId[] = [];
    const remove: ObjectId[] = [];
    for (const { id, content } of targets) {
      const wanted = content.portfolioIds.some((p) => p.equals(doc._id));
      const present = members.has(id.toHexString());
      if (wanted && !present) add.push(id);
      if (!wanted && present && doc.origin !== 'workspace') remove.push(id);
    }
    if (add.length > 0 || remove.length > 0) changes.push({ portfolioId: doc._id, add, remove });
  }
  return changes;
}

/** The import summary's portfolio counts. */
export function countPortfolios(
  portfolios: Portfolios,
  membership: readonly MembershipChange[],
): ImportCounts {
  const changed = new Set(portfolios.describedAnew);
  for (const m of membership) {
    const doc = portfolios.docs.get(m.portfolioId.toHexString());
    if (doc) changed.add(portfolioKey(doc.institutionId, doc.name));
  }
  const isNew = (key: string) => portfolios.createdKeys.has(key);
  return {
    inserted: portfolios.createdKeys.size,
    updated: [...changed].filter((k) => !isNew(k)).length,
    unchanged: [...portfolios.idOf.keys()].filter((k) => !isNew(k) && !changed.has(k)).length,
  };
}
