import type { PatentDoc } from '@panhuo/api/features/patents/model';
import { PortfolioModel } from '@panhuo/api/features/patents/portfolio-model';
import { presentPatent } from '@panhuo/api/features/patents/presenter';
import { facetCodesOf } from '@panhuo/api/features/search/facet-codes';
import type { PatentSearchDoc, PortfolioRef } from '@panhuo/domain/patents/dto';
import type { Types } from 'mongoose';

/** The document Elasticsearch stores for a patent. */
export type PatentEsDoc = PatentSearchDoc;

/** Portfolios by hex id, as the search documents carry them. */
export type PortfolioRefs = ReadonlyMap<string, PortfolioRef>;

/**
 * Maps a stored patent to its search document: the API's DTO, `rev` (the external version), its
 * portfolios' names and descriptions (a portfolio missing from `portfolios` is left out) and its facet
 * codes. Pure.
 */
export function toEsDoc(patent: PatentDoc, portfolios: PortfolioRefs): PatentEsDoc {
  const dto = presentPatent(patent);
  return {
    ...dto,
    rev: patent.rev,
    portfolios: dto.portfolioIds.flatMap((id) => {
      const ref = portfolios.get(id);
      return ref ? [ref] : [];
    }),
    facetCodes: facetCodesOf(dto),
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
