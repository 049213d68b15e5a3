import { z } from 'zod';
import { objectIdSchema } from '@panhuo/domain/object-id';
import { patentTextLimits } from '@panhuo/domain/patents/patent';

/**
 * 专利登记 requests and responses. The form's values travel as typed: strings and lists of strings, no
 * rule beyond a size cap here. The rules (check digit, IPC, dates, codes, lengths) are the import's, applied
 * by service.ts through validate-rows.ts, so a registered patent obeys exactly what an imported one does.
 */

const text = (max: number) => z.string().max(max).default('');
const list = (max: number = patentTextLimits.name) => z.array(z.string().max(max)).max(100).default([]);

/** The fields of the registration form (CNIPA fields, industry codes, 合作方式, 建档信息). */
export const registrationFieldsSchema = z.object({
  applicationNumber: text(40),
  applicationDate: text(40),
  publicationNumber: text(40),
  publicationDate: text(40),
  grantDate: text(40),
  /** 专利类型: invention | utility_model | design (or its Chinese label). */
  patentType: text(40),
  title: text(patentTextLimits.title * 2),
  abstract: text(patentTextLimits.abstract * 2),
  claims: text(patentTextLimits.claims * 2),
  ipcMain: text(40),
  ipcCodes: list(40),
  /** 法律状态: valid | pending | invalid (or its Chinese label). */
  legalStatus: text(40),
  applicants: list(),
  currentAssignees: list(),
  inventors: list(),
  address: text(patentTextLimits.address * 2),
  agency: text(patentTextLimits.agency * 2),
  agents: list(),
  /** 战略性新兴产业 codes; empty: derived from IPC through the concordance. */
  strategicIndustries: list(60),
  /** 国民经济行业 codes; empty: derived from IPC through the concordance. */
  economicIndustries: list(60),
  cooperationModes: list(60),
  /** 截至2023年底有效. */
  validAtEnd2023: z.boolean().default(false),
  /** 建档信息. */
  maturity: text(40),
  scenarios: text(patentTextLimits.scenarios * 2),
  contact: text(patentTextLimits.contact * 2),
  terms: text(patentTextLimits.terms * 2),
});

/** The form's values, every one present (defaults applied). */
export type RegistrationFields = z.output<typeof registrationFieldsSchema>;

export const idParams = z.object({ id: objectIdSchema });

export const registrationStates = ['draft', 'registered', 'withdrawn'] as const;
export type RegistrationState = (typeof registrationStates)[number];

export const listQuerySchema = z.object({
  /** 已登记 (default, from Elasticsearch), 草稿 or 已撤回. */
  state: z.enum(registrationStates).default('registered'),
  q: z.string().trim().max(200).optional(),
  page: z.coerce.number().int().min(1).max(500).default(1),
});

export const suggestionQuerySchema = z.object({
  ipcMain: z.string().max(40),
  /** Further IPC codes, separated by ; or , as in the form. */
  ipcCodes: z.string().max(2000).default(''),
});

const coded = z.object({ code: z.string(), name: z.string() });

/** Industry codes the concordance gives for the IPC codes (both levels). */
export const suggestionSchema = z.object({
  strategicIndustries: z.array(coded),
  economicIndustries: z.array(coded),
});
export type Suggestion = z.infer<typeof suggestionSchema>;

/** One of the institution's patents, in any state, with the form's values. */
export const registrationSchema = z.object({
  id: objectIdSchema,
  state: z.enum(registrationStates),
  fields: registrationFieldsSchema,
  institutionName: z.string(),
  /** True when the stored industry codes came from IPC (the form shows them as suggestions). */
  industriesDerived: z.boolean(),
  /** 登记入库时间, once registered. */
  registeredAt: z.string().nullable(),
  withdrawnAt: z.string().nullable(),
  updatedAt: z.string(),
});
export type RegistrationDto = z.infer<typeof registrationSchema>;

/** One row of 我的专利. */
export const registrationRowSchema = z.object({
  id: objectIdSchema,
  state: z.enum(registrationStates),
  applicationNumber: z.string(),
  title: z.string(),
  patentType: z.string().nullable(),
  legalStatus: z.string().nullable(),
  registeredAt: z.string().nullable(),
  updatedAt: z.string().nullable(),
});
export type RegistrationRow = z.infer<typeof registrationRowSchema>;

export const registrationPageSchema = z.object({
  state: z.enum(registrationStates),
  total: z.number().int(),
  page: z.number().int(),
  size: z.number().int(),
  rows: z.array(registrationRowSchema),
});
export type RegistrationPage = z.infer<typeof registrationPageSchema>;
