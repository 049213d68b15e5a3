import { parseApplicationNumber } from '@panhuo/domain/patents/application-number';
import { institutionKindLabels } from '@panhuo/domain/institutions/institution';
import type { InstitutionKind } from '@panhuo/domain/institutions/institution';
import type { ErrorCode } from '@panhuo/domain/errors';
import type { FieldError } from '../../errors';
import type { PatentDoc } from '../patents/model';
import { columns } from '../patent-import/schema';
import type { ColumnField, RowCells } from '../patent-import/schema';
import { validateRows } from '../patent-import/validate-rows';
import type { PatentContent } from '../patent-import/validate-rows';
import type { RegistrationFields } from './schema';

/**
 * The registration form as one row of the import: the form's values become the row's cells and go through
 * validateRows, so a registered patent meets every rule of an imported one (check digit, IPC, dates,
 * codes, text hygiene), with the same Chinese messages. The caller's institution fills 登记单位 and
 * 单位类型: a university user registers only as its own institution.
 */

/** The message validateRows gives an empty required cell (a 草稿 may leave those empty). */
const REQUIRED = '此项为必填项，不能为空';

const fieldOfHeader = new Map<string, ColumnField>(columns.map((c) => [c.header, c.field]));
const join = (values: readonly string[]) => values.map((v) => v.trim()).join('；');

/** The institution a registration is written for. */
export interface RegisteringInstitution {
  name: string;
  kind: InstitutionKind;
}

/** The form's values as the import row's cells (trimmed strings, lists joined with ；). */
export function toCells(fields: RegistrationFields, institution: RegisteringInstitution): RowCells {
  return {
    applicationNumber: fields.applicationNumber.trim(),
    applicationDate: fields.applicationDate.trim(),
    publicationNumber: fields.publicationNumber.trim(),
    publicationDate: fields.publicationDate.trim(),
    grantDate: fields.grantDate.trim(),
    patentType: fields.patentType.trim(),
    title: fields.title.trim(),
    abstract: fields.abstract.trim(),
    claims: fields.claims.trim(),
    ipcMain: fields.ipcMain.trim(),
    ipcCodes: join(fields.ipcCodes),
    applicants: join(fields.applicants),
    currentAssignees: join(fields.currentAssignees),
    inventors: join(fields.inventors),
    address: fields.address.trim(),
    agency: fields.agency.trim(),
    agents: join(fields.agents),
    legalStatus: fields.legalStatus.trim(),
    institutionName: institution.name,
    institutionKind: institutionKindLabels[institution.kind],
    // Replaced by the real instant after validation (the cell format has no milliseconds).
    registeredAt: '2000-01-01',
    strategicIndustries: join(fields.strategicIndustries),
    economicIndustries: join(fields.economicIndustries),
    cooperationModes: join(fields.cooperationModes),
    validAtEnd2023: fields.validAtEnd2023 ? '是' : '否',
    maturity: fields.maturity.trim(),
    scenarios: fields.scenarios.trim(),
    contact: fields.contact.trim(),
    terms: fields.terms.trim(),
    portfolioName: '',
    portfolioDescription: '',
  };
}

/** The stable code of one field's problem: a wrong 申请号, an unknown taxonomy code, or none. */
function codeOf(field: string, fields: RegistrationFields): ErrorCode | undefined {
  if (field === 'applicationNumber') {
    return parseApplicationNumber(fields.applicationNumber).ok ? undefined : 'bad_application_number';
  }
  if (['strategicIndustries', 'economicIndustries', 'cooperationModes', 'maturity'].includes(field)) {
    return 'unknown_code';
  }
  return undefined;
}

/** Outcome of checking the form: the patent's content when every rule holds, else field errors. */
export type CheckResult = { ok: true; content: PatentContent } | { ok: false; errors: FieldError[] };

/**
 * Checks the form against the import's rules. `draft`: empty required fields are allowed (a 草稿 is
 * filled in over several sittings), every filled one must already be right.
 */
export function checkFields(
  fields: RegistrationFields,
  institution: RegisteringInstitution,
  options: { draft: boolean; registeredAt: Date },
): CheckResult {
  const { records, errors } = validateRows([{ row: 1, cells: toCells(fields, institution), strayCells: 0 }], {
    now: new Date(),
  });
  const relevant = errors.filter((e) => !(options.draft && e.message === REQUIRED));
  if (relevant.length > 0) {
    return {
      ok: false,
      errors: relevant.map((e) => {
        const field = fieldOfHeader.get(e.column) ?? e.column;
        const code = codeOf(field, fields);
        return { path: `body.${field}`, message: `${e.column}：${e.message}`, ...(code ? { code } : {}) };
      }),
    };
  }
  const record = records[0];
  // A draft missing a required field has no record, and none is needed.
  if (!record) return options.draft ? { ok: true, content: {} as PatentContent } : { ok: false, errors: [] };
  return { ok: true, content: { ...record.patent, registeredAt: options.registeredAt } };
}

/** The stored patent as the form's values (the inverse of toCells). Derived industry codes are left empty. */
export function fieldsOfPatent(patent: PatentDoc): RegistrationFields {
  const dossier = patent.dossier ?? {};
  return {
    applicationNumber: patent.applicationNumber,
    applicationDate: patent.applicationDate,
    publicationNumber: patent.publicationNumber ?? '',
    publicationDate: patent.publicationDate ?? '',
    grantDate: patent.grantDate ?? '',
    patentType: patent.patentType,
    title: patent.title,
    abstract: patent.abstract ?? '',
    claims: patent.claims ?? '',
    ipcMain: patent.ipcMain,
    ipcCodes: patent.ipcCodes.filter((c) => c !== patent.ipcMain),
    legalStatus: patent.legalStatus,
    applicants: patent.applicants,
    currentAssignees: patent.currentAssignees,
    inventors: patent.inventors,
    address: patent.address ?? '',
    agency: patent.agency ?? '',
    agents: patent.agents,
    strategicIndustries: patent.industriesDerived ? [] : patent.strategicIndustries,
    economicIndustries: patent.industriesDerived ? [] : patent.economicIndustries,
    cooperationModes: patent.cooperationModes,
    validAtEnd2023: patent.validAtEnd2023,
    maturity: dossier.maturity ?? '',
    scenarios: dossier.scenarios ?? '',
    contact: dossier.contact ?? '',
    terms: dossier.terms ?? '',
  };
}
