import { derivePatentClassification } from '@panhuo/domain/patents/derived-fields';
import type { InstitutionKind } from '@panhuo/domain/institutions/institution';
import type { CooperationModeCode } from '@panhuo/domain/taxonomies/cooperation-modes';
import type { LegalStatus } from '@panhuo/domain/taxonomies/legal-status';
import type { PatentType } from '@panhuo/domain/taxonomies/patent-types';
import type { TechnologyMaturity } from '@panhuo/domain/taxonomies/technology-maturity';
import { patentTypeLabels } from '@panhuo/domain/taxonomies/patent-types';
import type { SheetRow } from './parse-file';
import { columns, importRowSchema } from './schema';
import type { ColumnField, ImportRow } from './schema';

/** One problem in the file: the spreadsheet row, the column header, and what to fix, in Chinese. */
export interface RowError {
  row: number;
  column: string;
  message: string;
}

/**
 * A patent's stored fields as the file gives them; the service adds institutionId and portfolioIds.
 * (A type, not an interface, so it is assignable to a mongoose `$set` record.)
 */
export type PatentContent = {
  applicationNumber: string;
  applicationDate: string;
  publicationNumber?: string;
  publicationDate?: string;
  grantDate?: string;
  patentType: PatentType;
  title: string;
  abstract: string;
  claims: string;
  ipcMain: string;
  ipcCodes: string[];
  legalStatus: LegalStatus;
  applicants: string[];
  currentAssignees: string[];
  inventors: string[];
  address?: string;
  agency?: string;
  agents: string[];
  institutionName: string;
  institutionKind: InstitutionKind;
  registeredAt: Date;
  strategicIndustries: string[];
  economicIndustries: string[];
  industriesDerived: boolean;
  cooperationModes: CooperationModeCode[];
  validAtEnd2023: boolean;
  dossier: { maturity?: TechnologyMaturity; scenarios?: string; contact?: string; terms?: string };
};

/** One valid row, ready to write. */
export interface ImportRecord {
  row: number;
  patent: PatentContent;
  /** 组合专利 this row puts the patent in (within its institution), if any. */
  portfolio?: { name: string; description?: string };
}

export interface ValidationResult {
  records: ImportRecord[];
  errors: RowError[];
}

const headerOf = new Map<string, string>(columns.map((c) => [c.field, c.header]));
const columnOrder = new Map<string, number>(columns.map((c, i) => [c.header, i]));
const header = (field: ColumnField) => headerOf.get(field) ?? field;

const dayMs = 86_400_000;

/**
 * Checks every row against the domain rules and the other rows, without I/O: each cell (check digit, IPC
 * symbols, industry codes, dates, labels), then the row's cross-field rules (patent type vs. the number's
 * type digit and the publication kind, date order), then the file as a whole (one row per application
 * number, one 单位类型 per 登记单位, one 组合专利说明 per portfolio). Returns every error, not the first.
 * Rows without industry codes get them derived from IPC (`industriesDerived`).
 */
export function validateRows(rows: readonly SheetRow[], options: { now?: Date } = {}): ValidationResult {
  const now = options.now ?? new Date();
  // Dates are Beijing calendar days; a day of slack keeps a clerk's clock or time zone from ever mattering.
  const latestDate = new Date(now.getTime() + dayMs).toISOString().slice(0, 10);
  const errors: RowError[] = [];
  const records: ImportRecord[] = [];
  const firstRowOf = new Map<string, number>();
  const kindOf = new Map<string, { kind: InstitutionKind; row: number }>();
  const descriptionOf = new Map<string, { description: string; row: number }>();

  for (const { row, cells, strayCells } of rows) {
    const add = (field: ColumnField, message: string) => errors.push({ row, column: header(field), message });
    const rowErrors = errors.length;
    if (strayCells > 0) {
      errors.push({
        row,
        column: '（表头以外）',
        message: `表头以外的列中有 ${strayCells} 个单元格有内容，该行可能错位`,
      });
    }

    // Duplicates are found even when other cells of the row are wrong, so one round of fixes is enough.
    const number = importRowSchema.shape.applicationNumber.safeParse(cells.applicationNumber);
    if (number.success) {
      const first = firstRowOf.get(number.data.normalized);
      if (first !== undefined)
        add('applicationNumber', `申请号 ${number.data.normalized} 与第 ${first} 行重复`);
      else firstRowOf.set(number.data.normalized, row);
    }

    const parsed = importRowSchema.safeParse(cells);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) add(issue.path[0] as ColumnField, issue.message);
      continue;
    }
    const data = parsed.data;
    checkRow(data, latestDate, now, add);

    const institution = kindOf.get(data.institutionName);
    if (institution && institution.kind !== data.institutionKind) {
      add(
        'institutionKind',
        `登记单位「${data.institutionName}」在第 ${institution.row} 行填写的单位类型不同，同一单位只能有一种类型`,
      );
    } else if (!institution) kindOf.set(data.institutionName, { kind: data.institutionKind, row });

    if (data.portfolioDescription !== undefined && data.portfolioName === undefined) {
      add('portfolioDescription', '填写了组合专利说明，但没有填写组合专利名称');
    }
    if (data.portfolioName !== undefined && data.portfolioDescription !== undefined) {
      const key = `${data.institutionName}\u0000${data.portfolioName}`;
      const earlier = descriptionOf.get(key);
      if (earlier && earlier.description !== data.portfolioDescription) {
        add(
          'portfolioDescription',
          `组合专利「${data.portfolioName}」的说明与第 ${earlier.row} 行不一致，同一组合只需在一行填写说明`,
        );
      } else if (!earlier) descriptionOf.set(key, { description: data.portfolioDescription, row });
    }

    if (errors.length > rowErrors) continue;
    const record = toRecord(row, data);
    if (record) records.push(record);
    else add('ipcMain', 'IPC分类号无法归类，请核对');
  }

  errors.sort(
    (a, b) => a.row - b.row || (columnOrder.get(a.column) ?? -1) - (columnOrder.get(b.column) ?? -1),
  );
  return { records, errors };
}

/** Rules between the cells of one row. */
function checkRow(
  data: ImportRow,
  latestDate: string,
  now: Date,
  add: (field: ColumnField, message: string) => void,
) {
  const number = data.applicationNumber;
  if (number.kind !== data.patentType) {
    add(
      'patentType',
      `专利类型「${patentTypeLabels[data.patentType]}」与申请号 ${number.normalized} 不符（按申请号应为${patentTypeLabels[number.kind]}）`,
    );
  }
  if (data.publicationNumber && data.publicationNumber.kind !== data.patentType) {
    add(
      'publicationNumber',
      `公开(公告)号 ${data.publicationNumber.normalized} 的类型字母表示${patentTypeLabels[data.publicationNumber.kind]}，与专利类型不符`,
    );
  }
  if (data.applicationDate > latestDate) add('applicationDate', `申请日 ${data.applicationDate} 晚于今天`);
  if (data.publicationDate && data.publicationDate < data.applicationDate) {
    add('publicationDate', `公开日 ${data.publicationDate} 早于申请日 ${data.applicationDate}`);
  }
  if (data.grantDate && data.grantDate < data.applicationDate) {
    add('grantDate', `授权公告日 ${data.grantDate} 早于申请日 ${data.applicationDate}`);
  }
  if (data.registeredAt.getTime() > now.getTime() + dayMs) {
    add('registeredAt', '登记入库时间晚于当前时间');
  }
}

function toRecord(row: number, data: ImportRow): ImportRecord | null {
  const classification = derivePatentClassification({
    ipcMain: data.ipcMain,
    ipcCodes: data.ipcCodes,
    strategicIndustries: data.strategicIndustries,
    economicIndustries: data.economicIndustries,
  });
  if (!classification) return null;
  const dossier: PatentContent['dossier'] = {};
  if (data.maturity !== undefined) dossier.maturity = data.maturity;
  if (data.scenarios !== undefined) dossier.scenarios = data.scenarios;
  if (data.contact !== undefined) dossier.contact = data.contact;
  if (data.terms !== undefined) dossier.terms = data.terms;
  const patent: PatentContent = {
    applicationNumber: data.applicationNumber.normalized,
    applicationDate: data.applicationDate,
    patentType: data.patentType,
    title: data.title,
    abstract: data.abstract,
    claims: data.claims,
    ipcMain: classification.ipcMain,
    ipcCodes: classification.ipcCodes,
    legalStatus: data.legalStatus,
    applicants: data.applicants,
    currentAssignees: data.currentAssignees,
    inventors: data.inventors,
    agents: data.agents,
    institutionName: data.institutionName,
    institutionKind: data.institutionKind,
    registeredAt: data.registeredAt,
    strategicIndustries: classification.strategicIndustries,
    economicIndustries: classification.economicIndustries,
    industriesDerived: classification.industriesDerived,
    cooperationModes: data.cooperationModes,
    validAtEnd2023: data.validAtEnd2023,
    dossier,
  };
  if (data.publicationNumber) patent.publicationNumber = data.publicationNumber.normalized;
  if (data.publicationDate) patent.publicationDate = data.publicationDate;
  if (data.grantDate) patent.grantDate = data.grantDate;
  if (data.address) patent.address = data.address;
  if (data.agency) patent.agency = data.agency;
  const record: ImportRecord = { row, patent };
  if (data.portfolioName) {
    record.portfolio = { name: data.portfolioName };
    if (data.portfolioDescription) record.portfolio.description = data.portfolioDescription;
  }
  return record;
}
