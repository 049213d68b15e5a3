import { computeCheckDigit } from '@panhuo/domain/patents/application-number';
import { InstitutionModel } from '../src/features/institutions/model';
import type { InstitutionDoc } from '../src/features/institutions/model';
import { PatentModel } from '../src/features/patents/model';
import { PortfolioModel } from '../src/features/patents/portfolio-model';
import type { PortfolioDoc } from '../src/features/patents/portfolio-model';
import type { PatentDoc } from '../src/features/patents/model';
import { emitPatentChanges } from '../src/features/outbox/model';

let serial = 0;

/** A fresh, valid application number (invention, 2021) with its check digit. */
export function nextApplicationNumber(): string {
  serial += 1;
  const digits = `20211${String(serial + Math.floor(Math.random() * 1_000_000)).padStart(7, '0')}`;
  return `${digits}.${computeCheckDigit(digits)}`;
}

/** Creates (or finds) an institution by name. */
export async function buildInstitution(overrides: Partial<InstitutionDoc> = {}): Promise<InstitutionDoc> {
  const name = overrides.name ?? '浙江大学';
  const existing = await InstitutionModel.findOne({ name }).lean<InstitutionDoc>();
  if (existing) return existing;
  return (
    await InstitutionModel.create({ name, kind: 'university', region: '浙江省杭州市', ...overrides })
  ).toObject();
}

/** Creates a valid patent (its institution too), and its outbox entry so the indexer can mirror it. */
export async function buildPatent(overrides: Partial<PatentDoc> = {}): Promise<PatentDoc> {
  const institution = await buildInstitution(
    overrides.institutionName ? { name: overrides.institutionName } : {},
  );
  const patent = await PatentModel.create({
    applicationNumber: nextApplicationNumber(),
    applicationDate: '2021-03-15',
    publicationNumber: 'CN112345678A',
    publicationDate: '2021-06-18',
    patentType: 'invention',
    title: '一种石墨烯改性锂离子电池正极材料的制备方法',
    abstract:
      '本发明公开了一种石墨烯改性锂离子电池正极材料的制备方法，包括以下步骤：S1，制备前驱体；S2，高温煅烧。',
    claims: '1.一种石墨烯改性锂离子电池正极材料的制备方法，其特征在于，包括以下步骤：',
    ipcMain: 'H01M 4/36',
    ipcCodes: ['H01M 4/36', 'H01M 10/0525'],
    legalStatus: 'valid',
    applicants: [institution.name],
    currentAssignees: [institution.name],
    inventors: ['王建国', '李明'],
    institutionId: institution._id,
    institutionName: institution.name,
    institutionKind: institution.kind,
    registeredAt: new Date('2024-05-20T02:00:00Z'),
    strategicIndustries: ['5', '5.2'],
    economicIndustries: ['C', '38'],
    industriesDerived: true,
    cooperationModes: ['transfer', 'license_general'],
    validAtEnd2023: true,
    dossier: { maturity: 'pilot', scenarios: '动力电池', contact: '王老师 0571-87950000', terms: '面议' },
    ...overrides,
  });
  await emitPatentChanges([{ entityId: patent._id, rev: patent.rev, op: 'upsert' }]);
  return patent.toObject() as PatentDoc;
}

/**
 * Creates a 组合专利 of one patent (of its institution) and links the patent to it, bumping the patent's
 * rev as the import does; the caller indexes (reindex, or an outbox entry and a sync).
 */
export async function buildPortfolio(
  patent: PatentDoc,
  fields: { name: string; description?: string },
): Promise<PortfolioDoc> {
  const portfolio = await PortfolioModel.create({
    ...fields,
    institutionId: patent.institutionId,
    institutionName: patent.institutionName,
    patentIds: [patent._id],
  });
  await PatentModel.updateOne(
    { _id: patent._id },
    { $set: { portfolioIds: [portfolio._id] }, $inc: { rev: 1 } },
  );
  return portfolio.toObject() as PortfolioDoc;
}
