import type { PatentDoc } from '../patents/model';
import type { PortfolioDoc } from '../patents/portfolio-model';
import type { PortfolioRowDto, UniversityPortfolioDto } from './schema';

/** A portfolio as a row of the institution's list. Pure. */
export function presentPortfolioRow(doc: PortfolioDoc): PortfolioRowDto {
  return {
    id: doc._id.toHexString(),
    name: doc.name,
    description: doc.description,
    patentCount: (doc.patentIds ?? []).length,
    updatedAt: doc.updatedAt.toISOString(),
  };
}

/** A portfolio with its members in the stored order (members whose patent is gone are left out). Pure. */
export function presentPortfolio(
  doc: PortfolioDoc,
  patents: ReadonlyMap<string, PatentDoc>,
): UniversityPortfolioDto {
  const members = (doc.patentIds ?? []).flatMap((id) => {
    const patent = patents.get(id.toHexString());
    if (!patent) return [];
    return [
      {
        id: patent._id.toHexString(),
        applicationNumber: patent.applicationNumber,
        title: patent.title,
        withdrawn: patent.withdrawnAt != null,
      },
    ];
  });
  return { ...presentPortfolioRow(doc), members };
}
