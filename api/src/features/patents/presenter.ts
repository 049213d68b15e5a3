import type { PatentDto, PortfolioDto } from '@panhuo/domain/patents/dto';
import type { PatentDoc } from './model';
import type { PortfolioDoc } from './portfolio-model';

const unique = (values: string[]) => [...new Set(values)];
const compactIpc = (code: string) => code.replace(/\s+/g, '').toUpperCase();

/** Maps a stored patent to its DTO, deriving IPC sections and subclasses. Pure. */
export function presentPatent(patent: PatentDoc): PatentDto {
  const ipcCodes = unique([patent.ipcMain, ...patent.ipcCodes].filter(Boolean));
  const optional = <K extends string>(key: K, value: string | null | undefined) =>
    value ? ({ [key]: value } as Record<K, string>) : {};
  const dossier = patent.dossier ?? {};
  return {
    id: patent._id.toHexString(),
    applicationNumber: patent.applicationNumber,
    applicationDate: patent.applicationDate,
    ...optional('publicationNumber', patent.publicationNumber),
    ...optional('publicationDate', patent.publicationDate),
    ...optional('grantDate', patent.grantDate),
    patentType: patent.patentType,
    title: patent.title,
    abstract: patent.abstract,
    claims: patent.claims,
    ipcMain: patent.ipcMain,
    ipcCodes,
    ipcSections: unique(ipcCodes.map((code) => compactIpc(code).slice(0, 1))),
    ipcSubclasses: unique(ipcCodes.map((code) => compactIpc(code).slice(0, 4))),
    legalStatus: patent.legalStatus,
    applicants: patent.applicants,
    currentAssignees: patent.currentAssignees,
    inventors: patent.inventors,
    ...optional('address', patent.address),
    ...optional('agency', patent.agency),
    agents: patent.agents,
    institutionId: patent.institutionId.toHexString(),
    institutionName: patent.institutionName,
    institutionKind: patent.institutionKind,
    registeredAt: patent.registeredAt.toISOString(),
    strategicIndustries: patent.strategicIndustries,
    economicIndustries: patent.economicIndustries,
    industriesDerived: patent.industriesDerived,
    cooperationModes: patent.cooperationModes,
    validAtEnd2023: patent.validAtEnd2023,
    dossier: {
      ...optional('maturity', dossier.maturity),
      ...optional('scenarios', dossier.scenarios),
      ...optional('contact', dossier.contact),
      ...optional('terms', dossier.terms),
    },
    portfolioIds: patent.portfolioIds.map((id) => id.toHexString()),
  };
}

/** Maps a stored portfolio to its DTO. Pure. */
export function presentPortfolio(portfolio: PortfolioDoc): PortfolioDto {
  return {
    id: portfolio._id.toHexString(),
    name: portfolio.name,
    description: portfolio.description,
    institutionId: portfolio.institutionId.toHexString(),
    institutionName: portfolio.institutionName,
    patentCount: portfolio.patentIds.length,
  };
}
