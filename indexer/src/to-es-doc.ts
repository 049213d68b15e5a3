import { EnterpriseEvaluationModel } from '@panhuo/api/features/evaluations/enterprise-evaluation-model';
import { EvaluationSlotModel } from '@panhuo/api/features/evaluations/model';
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
 * What the search document carries of one patent's evaluations, per enterprise hex id: the 企业自评 (stars
 * and date) and how many of that enterprise's experts have evaluated the patent (专家已评 N). Only a
 * count: no expert's name, stars or advice ever reaches the search document. The count is there (not
 * added per page by the API) because the 评价库's evaluation-state facet must count the whole result set,
 * which only Elasticsearch can; a bare number per enterprise, filtered by that enterprise's entry, shows
 * nothing of an expert to anyone, and is only ever read in that enterprise's own scope.
 */
export interface PatentEvaluations {
  verdicts: EnterpriseVerdicts;
  /** Distinct experts with an evaluation below the lock (any review state), per enterprise. */
  experts: ReadonlyMap<string, number>;
}

/** No evaluation at all. */
export const NO_EVALUATIONS: PatentEvaluations = { verdicts: new Map(), experts: new Map() };

/**
 * The version part of a patent's evaluations: enterprise evaluations plus, per enterprise, distinct
 * experts who evaluated. Both only grow (evaluations, slots and locks are never deleted; an expert slot
 * above a lock cannot exist, docs/conventions.md), so a document built from a later read never ranks
 * below one built from an earlier read, and one that missed a write ranks strictly below one that saw it.
 */
export function evaluationCount(evaluations: PatentEvaluations): number {
  let experts = 0;
  for (const n of evaluations.experts.values()) experts += n;
  return evaluations.verdicts.size + experts;
}

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

/**
 * The external version of a document built from `rev` with `evaluations` growing counts: its evaluations
 * (evaluationCount) plus its push entries (api pushes/entry-model.ts, insert-only like the evaluations).
 */
export function searchVersion(rev: number, evaluations: number): number {
  return rev * VERSION_STRIDE + Math.min(evaluations, VERSION_STRIDE - 1);
}

/**
 * Every enterprise's 评价库 entry of the patent: its pushes (Patent.pushes joined with its push entries by
 * the caller, api pushes/entries.ts) with that enterprise's verdict and
 * its count of expert evaluations.
 */
export function libraryOf(
  patent: PatentDoc,
  evaluations: PatentEvaluations = NO_EVALUATIONS,
): LibraryEntrySource[] {
  return (patent.pushes ?? []).map((push) => {
    const enterpriseId = push.enterpriseId.toHexString();
    const verdict = evaluations.verdicts.get(enterpriseId);
    return {
      enterpriseId,
      pushedAt: push.pushedAt.toISOString(),
      pushId: push.pushId ? push.pushId.toHexString() : null,
      expertCount: evaluations.experts.get(enterpriseId) ?? 0,
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
  evaluations: PatentEvaluations = NO_EVALUATIONS,
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
    library: libraryOf(patent, evaluations),
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

interface SlotRow {
  enterpriseId: Types.ObjectId;
  patentId: Types.ObjectId;
  seq: number;
  kind: 'expert' | 'lock';
  actorId: Types.ObjectId;
}
const SLOT_FIELDS = { enterpriseId: 1, patentId: 1, seq: 1, kind: 1, actorId: 1 } as const;

/** Evaluations by patent hex id, being filled. */
class EvaluationsCollector {
  private readonly verdicts = new Map<string, Map<string, { stars: number; submittedAt: Date }>>();
  private readonly slots = new Map<string, SlotRow[]>();

  addVerdict(row: VerdictRow): void {
    const key = row.patentId.toHexString();
    const perPatent = this.verdicts.get(key) ?? new Map<string, { stars: number; submittedAt: Date }>();
    perPatent.set(row.enterpriseId.toHexString(), { stars: row.stars, submittedAt: row.submittedAt });
    this.verdicts.set(key, perPatent);
  }

  addSlot(row: SlotRow): void {
    const key = row.patentId.toHexString();
    const list = this.slots.get(key) ?? [];
    list.push(row);
    this.slots.set(key, list);
  }

  /** Per patent: verdicts, and distinct experts per enterprise counted below that enterprise's lock. */
  result(): Map<string, PatentEvaluations> {
    const out = new Map<string, PatentEvaluations>();
    const ids = new Set([...this.verdicts.keys(), ...this.slots.keys()]);
    for (const id of ids) {
      const byEnterprise = new Map<string, SlotRow[]>();
      for (const slot of this.slots.get(id) ?? []) {
        const key = slot.enterpriseId.toHexString();
        byEnterprise.set(key, [...(byEnterprise.get(key) ?? []), slot]);
      }
      const experts = new Map<string, number>();
      for (const [enterpriseId, slots] of byEnterprise) {
        // Readers ignore any expert slot above the lock (docs/conventions.md, the evaluation lock).
        const lock = Math.min(...slots.filter((s) => s.kind === 'lock').map((s) => s.seq));
        const distinct = new Set(
          slots.filter((s) => s.kind === 'expert' && s.seq < lock).map((s) => s.actorId.toHexString()),
        );
        if (distinct.size > 0) experts.set(enterpriseId, distinct.size);
      }
      out.set(id, { verdicts: this.verdicts.get(id) ?? new Map(), experts });
    }
    return out;
  }
}

/**
 * The enterprise evaluations and expert-evaluation counts of the given patents, by patent hex id. Only a
 * pushed patent can have any, so only those are read, each by equality on patentId (FerretDB pushes that
 * down; an `$in` would decode the whole collection), a few at a time.
 */
export async function loadEvaluationsOf(
  patents: readonly PatentDoc[],
): Promise<Map<string, PatentEvaluations>> {
  const collector = new EvaluationsCollector();
  const pushed = patents.filter((p) => (p.pushes ?? []).length > 0);
  const CONCURRENCY = 8;
  for (let i = 0; i < pushed.length; i += CONCURRENCY) {
    const rows = await Promise.all(
      pushed
        .slice(i, i + CONCURRENCY)
        .map((p) =>
          Promise.all([
            EnterpriseEvaluationModel.find({ patentId: p._id }, VERDICT_FIELDS).lean<VerdictRow[]>(),
            EvaluationSlotModel.find({ patentId: p._id }, SLOT_FIELDS).lean<SlotRow[]>(),
          ]),
        ),
    );
    for (const [verdicts, slots] of rows) {
      for (const row of verdicts) collector.addVerdict(row);
      for (const row of slots) collector.addSlot(row);
    }
  }
  return collector.result();
}

/** Every patent's evaluations, by patent hex id (a reindex from the patents reads them all once). */
export async function loadAllEvaluations(): Promise<Map<string, PatentEvaluations>> {
  const collector = new EvaluationsCollector();
  const verdicts = EnterpriseEvaluationModel.find({}, VERDICT_FIELDS)
    .lean<VerdictRow[]>()
    .cursor({ batchSize: 1000 });
  for await (const row of verdicts) collector.addVerdict(row as VerdictRow);
  const slots = EvaluationSlotModel.find({}, SLOT_FIELDS).lean<SlotRow[]>().cursor({ batchSize: 1000 });
  for await (const row of slots) collector.addSlot(row as SlotRow);
  return collector.result();
}
