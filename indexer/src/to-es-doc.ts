import { EnterpriseEvaluationModel } from '@panhuo/api/features/evaluations/enterprise-evaluation-model';
import type { PatentDoc } from '@panhuo/api/features/patents/model';
import { PortfolioModel } from '@panhuo/api/features/patents/portfolio-model';
import { presentPatent } from '@panhuo/api/features/patents/presenter';
import { facetCodesOf } from '@panhuo/api/features/search/facet-codes';
import type { LibraryEntrySource } from '@panhuo/api/features/search/results';
import type { PatentSearchDoc, PortfolioRef } from '@panhuo/domain/patents/dto';
import type { Types } from 'mongoose';

/** The document Elasticsearch stores for a patent: the search document plus each enterprise's 评价库 entry. */
export type PatentEsDoc = PatentSearchDoc & { library: LibraryEntrySource[] };

/** Portfolios by hex id, as the search documents carry them. */
export type PortfolioRefs = ReadonlyMap<string, PortfolioRef>;

/** 企业自评 of one patent by enterprise hex id: only the stars and the date, for the enterprise's own rows. */
export type EnterpriseVerdicts = ReadonlyMap<string, { stars: number; submittedAt: Date }>;

/**
 * The external version of a patent's search document: its `rev`, and below it how many enterprises have
 * submitted their 企业自评. An evaluation is a new document in another collection, never a write to the
 * patent, so the patent's `rev` does not move; the count does, and only grows (one unique evaluation per
 * enterprise, never deleted). So a document built after an evaluation always outranks one built before it,
 * whatever order two indexers write them in, and no concurrent `$inc` on the patent can be lost (see
 * docs/conventions.md, "Re-indexing a patent without writing it"). A tombstone (deletion at `rev`) is
 * `rev * VERSION_STRIDE`, above every document of an older rev.
 */
export const VERSION_STRIDE = 2 ** 20;

/** The external version of a document built from `rev` with `evaluations` enterprise evaluations. */
export function searchVersion(rev: number, evaluations: number): number {
  return rev * VERSION_STRIDE + Math.min(evaluations, VERSION_STRIDE - 1);
}

/** Every enterprise's 评价库 entry of the patent: Patent.pushes joined with that enterprise's verdict. */
export function libraryOf(patent: PatentDoc, verdicts: EnterpriseVerdicts): LibraryEntrySource[] {
  return (patent.pushes ?? []).map((push) => {
    const enterpriseId = push.enterpriseId.toHexString();
    const verdict = verdicts.get(enterpriseId);
    return {
      enterpriseId,
      pushedAt: push.pushedAt.toISOString(),
      pushId: push.pushId ? push.pushId.toHexString() : null,
      ...(verdict ? { evaluatedAt: verdict.submittedAt.toISOString(), enterpriseStars: verdict.stars } : {}),
    };
  });
}

/**
 * Maps a stored patent to its search document: the API's DTO, `rev` (shown, the external version is
 * searchVersion), its portfolios' names and descriptions (a portfolio missing from `portfolios` is left out),
 * its facet codes and its 评价库 entries with each enterprise's own verdict (stars and date only: nothing of
 * an expert's ever reaches the search document). Pure.
 */
export function toEsDoc(
  patent: PatentDoc,
  portfolios: PortfolioRefs,
  verdicts: EnterpriseVerdicts = new Map(),
): PatentEsDoc {
  const dto = presentPatent(patent);
  return {
    ...dto,
    rev: patent.rev,
    portfolios: dto.portfolioIds.flatMap((id) => {
      const ref = portfolios.get(id);
      return ref ? [ref] : [];
    }),
    facetCodes: facetCodesOf(dto),
    library: libraryOf(patent, verdicts),
  };
}

function refsOf(
  docs: { _id: Types.ObjectId; name: string; description?: string }[],
): Map<string, PortfolioRef> {
  return new Map(
    docs.map((d) => [
      d._id.toHexString(),
      { id: d._id.toHexString(), name: d.name, description: d.description ?? '' },
    ]),
  );
}

/** Every portfolio (a reindex needs most of them; thousands of small documents, read once). */
export async function loadAllPortfolioRefs(): Promise<Map<string, PortfolioRef>> {
  return refsOf(await PortfolioModel.find({}, { name: 1, description: 1 }).lean());
}

/** The portfolios the given patents belong to. */
export async function loadPortfolioRefsOf(patents: readonly PatentDoc[]): Promise<Map<string, PortfolioRef>> {
  const ids = [
    ...new Map(patents.flatMap((p) => p.portfolioIds).map((id) => [id.toHexString(), id])).values(),
  ];
  if (ids.length === 0) return new Map();
  return refsOf(await PortfolioModel.find({ _id: { $in: ids } }, { name: 1, description: 1 }).lean());
}

interface VerdictRow {
  enterpriseId: Types.ObjectId;
  patentId: Types.ObjectId;
  stars: number;
  submittedAt: Date;
}
const VERDICT_FIELDS = { enterpriseId: 1, patentId: 1, stars: 1, submittedAt: 1 } as const;

function addVerdict(into: Map<string, Map<string, { stars: number; submittedAt: Date }>>, row: VerdictRow) {
  const key = row.patentId.toHexString();
  const perPatent = into.get(key) ?? new Map<string, { stars: number; submittedAt: Date }>();
  perPatent.set(row.enterpriseId.toHexString(), { stars: row.stars, submittedAt: row.submittedAt });
  into.set(key, perPatent);
}

/**
 * The enterprise evaluations of the given patents, by patent hex id. Only a pushed patent can have one, so
 * only those are read, each by equality on patentId (FerretDB pushes that down; an `$in` would decode the
 * whole collection), a few at a time.
 */
export async function loadVerdictsOf(
  patents: readonly PatentDoc[],
): Promise<Map<string, EnterpriseVerdicts>> {
  const out = new Map<string, Map<string, { stars: number; submittedAt: Date }>>();
  const pushed = patents.filter((p) => (p.pushes ?? []).length > 0);
  const CONCURRENCY = 8;
  for (let i = 0; i < pushed.length; i += CONCURRENCY) {
    const rows = await Promise.all(
      pushed
        .slice(i, i + CONCURRENCY)
        .map((p) => EnterpriseEvaluationModel.find({ patentId: p._id }, VERDICT_FIELDS).lean<VerdictRow[]>()),
    );
    for (const row of rows.flat()) addVerdict(out, row);
  }
  return out;
}

/** Every enterprise evaluation, by patent hex id (a reindex from the patents reads them all once). */
export async function loadAllVerdicts(): Promise<Map<string, EnterpriseVerdicts>> {
  const out = new Map<string, Map<string, { stars: number; submittedAt: Date }>>();
  const cursor = EnterpriseEvaluationModel.find({}, VERDICT_FIELDS)
    .lean<VerdictRow[]>()
    .cursor({ batchSize: 1000 });
  for await (const row of cursor) addVerdict(out, row as VerdictRow);
  return out;
}
