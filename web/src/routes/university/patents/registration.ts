/**
 * 专利登记 in the web: the API's shapes (features/registrations/schema.ts) and the form's reading. The form's
 * parameters are the API's field names; list fields are typed as one text with ；between the values.
 */

/** A patent's state for its institution. */
export type RegistrationState = 'draft' | 'registered' | 'withdrawn';

export const stateLabels: Readonly<Record<RegistrationState, string>> = {
  draft: '草稿',
  registered: '已登记',
  withdrawn: '已撤回',
};

/** The form's values as the API takes and answers them. */
export interface RegistrationFields {
  applicationNumber: string;
  applicationDate: string;
  publicationNumber: string;
  publicationDate: string;
  grantDate: string;
  patentType: string;
  title: string;
  abstract: string;
  claims: string;
  ipcMain: string;
  ipcCodes: string[];
  legalStatus: string;
  applicants: string[];
  currentAssignees: string[];
  inventors: string[];
  address: string;
  agency: string;
  agents: string[];
  strategicIndustries: string[];
  economicIndustries: string[];
  cooperationModes: string[];
  validAtEnd2023: boolean;
  maturity: string;
  scenarios: string;
  contact: string;
  terms: string;
}

/** One of the institution's patents (GET /api/university/patents/:id). */
export interface Registration {
  id: string;
  state: RegistrationState;
  fields: RegistrationFields;
  institutionName: string;
  industriesDerived: boolean;
  registeredAt: string | null;
  withdrawnAt: string | null;
  updatedAt: string;
}

/** One row of 我的专利. */
export interface RegistrationRow {
  id: string;
  state: RegistrationState;
  applicationNumber: string;
  title: string;
  patentType: string | null;
  legalStatus: string | null;
  registeredAt: string | null;
  updatedAt: string | null;
}

export interface RegistrationPage {
  state: RegistrationState;
  total: number;
  page: number;
  size: number;
  rows: RegistrationRow[];
}

const textFields = [
  'applicationNumber',
  'applicationDate',
  'publicationNumber',
  'publicationDate',
  'grantDate',
  'patentType',
  'title',
  'abstract',
  'claims',
  'ipcMain',
  'legalStatus',
  'address',
  'agency',
  'maturity',
  'scenarios',
  'contact',
  'terms',
] as const;
/** Typed as one text, ；between the values. */
export const listFields = ['ipcCodes', 'applicants', 'currentAssignees', 'inventors', 'agents'] as const;
/** Checkbox groups: one form value per code. */
export const codeFields = ['strategicIndustries', 'economicIndustries', 'cooperationModes'] as const;

/** Splits a typed list on ；, ；, 、 or line breaks (IPC codes keep their inner space: 'H01M 4/36'). */
export function splitTyped(value: string): string[] {
  return value
    .split(/[;；,，、\r\n]+/)
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

/** The form's values for the API. */
export function fieldsOfForm(data: FormData): RegistrationFields {
  const text = (name: string) => {
    const value = data.get(name);
    return typeof value === 'string' ? value : '';
  };
  const fields: Record<string, unknown> = {};
  for (const name of textFields) fields[name] = text(name);
  for (const name of listFields) fields[name] = splitTyped(text(name));
  for (const name of codeFields) fields[name] = data.getAll(name).filter((v) => typeof v === 'string');
  fields.validAtEnd2023 = data.get('validAtEnd2023') === 'yes';
  return fields as unknown as RegistrationFields;
}

/** The values a refused form shows again: texts as typed, checkbox groups as their codes. */
export function echoOfForm(data: FormData): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = {};
  for (const name of [...textFields, ...listFields]) {
    const value = data.get(name);
    values[name] = typeof value === 'string' ? value : '';
  }
  for (const name of codeFields) values[name] = data.getAll(name).filter((v) => typeof v === 'string');
  values.validAtEnd2023 = data.get('validAtEnd2023') === 'yes' ? 'yes' : '';
  return values;
}

/** The stored values as the form shows them (lists joined with ；). */
export function formOfFields(fields: RegistrationFields): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = {};
  for (const name of textFields) values[name] = fields[name];
  for (const name of listFields) values[name] = fields[name].join('；');
  for (const name of codeFields) values[name] = fields[name];
  values.validAtEnd2023 = fields.validAtEnd2023 ? 'yes' : '';
  return values;
}
