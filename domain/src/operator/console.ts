import { z } from 'zod';
import { creditCodeSchema } from '../accounts/credit-code';
import { accountStatuses, roles } from '../accounts/roles';
import { accountNameSchema, userDtoSchema } from '../accounts/user';
import { institutionKindCodes } from '../institutions/institution';
import { objectIdSchema } from '../object-id';
import { optionalText, plainText } from '../text';
import { enterpriseCategoryCodes } from '../taxonomies/enterprise-categories';
import { verificationStatusSchema } from '../verification/application';

/**
 * 平台运营 console (ability operator.console): the enterprises and their admin accounts, the universities
 * and institutes and their accounts, every account (冻结/解冻), and the 实名认证 review queue.
 */

/** Rows per page of every console list. */
export const consolePageSize = 20;

/** `page` of a console list: 1-based, default 1. */
export const pageNumberSchema = z.coerce
  .number({ error: '页码应为正整数' })
  .int({ error: '页码应为正整数' })
  .min(1, { error: '页码应为正整数' })
  .max(10_000, { error: '页码过大' })
  .default(1);

/** Optional free-text filter of a list; blank is the same as absent. */
const searchTextSchema = optionalText({ label: '搜索内容', max: 100 });

/** An optional enum query parameter; blank is the same as absent (a cleared <select>). */
const optionalChoice = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

/** One page of a console list. */
export const consolePageSchema = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    page: z.number().int(),
    pageSize: z.number().int(),
    /** Rows matching the filters across all pages. */
    total: z.number().int(),
  });

/** A page of rows. */
export interface ConsolePage<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

// ---- 实名认证 review queue ----

/** GET /api/operator/verifications: by state (absent: all), newest first. */
export const verificationListQuerySchema = z.object({
  status: optionalChoice(verificationStatusSchema),
  page: pageNumberSchema,
});

/** Parsed verification list query. */
export type VerificationListQuery = z.output<typeof verificationListQuerySchema>;

// ---- Enterprises ----

/** GET /api/operator/enterprises: name or credit code containing `q`, of one category, newest first. */
export const enterpriseListQuerySchema = z.object({
  q: searchTextSchema,
  category: optionalChoice(z.enum(enterpriseCategoryCodes, { error: '企业类别不正确' })),
  page: pageNumberSchema,
});

/** Parsed enterprise list query. */
export type EnterpriseListQuery = z.output<typeof enterpriseListQuerySchema>;

/** An enterprise row of the console. */
export const enterpriseSummarySchema = z.object({
  id: objectIdSchema,
  name: z.string(),
  creditCode: z.string().nullable(),
  category: z.enum(enterpriseCategoryCodes),
  /** 企业管理员 accounts. */
  adminCount: z.number().int(),
  /** 专家 accounts. */
  expertCount: z.number().int(),
  /** True when it was opened through 实名认证 (else the operator assigned it). */
  verified: z.boolean(),
  /** 开通时间. */
  createdAt: z.iso.datetime(),
});

/** One enterprise row. */
export type EnterpriseSummary = z.infer<typeof enterpriseSummarySchema>;

/** A new account the operator assigns: its login name and the holder's name. */
export const assignedAccountSchema = z.object({
  account: z.string({ error: '请填写账号' }).pipe(accountNameSchema),
  name: plainText({ label: '姓名', max: 30 }),
});

/**
 * POST /api/operator/enterprises: opens an enterprise and its first 企业管理员 account (the manual's
 * 分配的账号). The credit code is optional (blank: none), validated like 实名认证's when given.
 */
export const createEnterpriseBodySchema = z.object({
  name: plainText({ label: '企业名称', max: 100 }),
  creditCode: z.preprocess(
    (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
    creditCodeSchema.optional(),
  ),
  category: z.enum(enterpriseCategoryCodes, { error: '请选择企业类别' }),
  admin: assignedAccountSchema,
});

/** Parsed new enterprise. */
export type CreateEnterpriseBody = z.output<typeof createEnterpriseBodySchema>;

/**
 * An account the operator just opened, with its generated initial password: shown once, to be handed to
 * the holder, who changes it after logging in.
 */
export const assignedAccountResultSchema = z.object({
  account: userDtoSchema,
  initialPassword: z.string(),
});

/** Body of a 201 for a new account. */
export type AssignedAccountResult = z.infer<typeof assignedAccountResultSchema>;

/** Body of a 201 from POST /api/operator/enterprises. */
export const createdEnterpriseSchema = z.object({
  enterprise: enterpriseSummarySchema,
  admin: userDtoSchema,
  initialPassword: z.string(),
});

/** The new enterprise, its admin and the admin's initial password. */
export type CreatedEnterprise = z.infer<typeof createdEnterpriseSchema>;

// ---- Universities and research institutes ----

/** GET /api/operator/institutions: name containing `q`, of one kind, by name. */
export const institutionListQuerySchema = z.object({
  q: searchTextSchema,
  kind: optionalChoice(z.enum(institutionKindCodes, { error: '单位类型不正确' })),
  page: pageNumberSchema,
});

/** Parsed institution list query. */
export type InstitutionListQuery = z.output<typeof institutionListQuerySchema>;

/** A university or institute row of the console. */
export const institutionSummarySchema = z.object({
  id: objectIdSchema,
  name: z.string(),
  kind: z.enum(institutionKindCodes),
  region: z.string().nullable(),
  /** 高校院所用户 accounts. */
  accountCount: z.number().int(),
});

/** One institution row. */
export type InstitutionSummary = z.infer<typeof institutionSummarySchema>;

/** POST /api/operator/institutions/:id/accounts: a 高校院所用户 account for that institution. */
export const createInstitutionAccountBodySchema = assignedAccountSchema;

/** Parsed new institution account. */
export type CreateInstitutionAccountBody = z.output<typeof createInstitutionAccountBodySchema>;

// ---- Accounts ----

/** GET /api/operator/accounts: every account, by role and status, account or name containing `q`. */
export const accountListQuerySchema = z.object({
  role: optionalChoice(z.enum(roles, { error: '角色不正确' })),
  status: optionalChoice(z.enum(accountStatuses, { error: '账号状态不正确' })),
  q: searchTextSchema,
  page: pageNumberSchema,
});

/** Parsed account list query. */
export type AccountListQuery = z.output<typeof accountListQuerySchema>;

/** An account row: the account and the name of its enterprise or institution (所属单位). */
export const accountRowSchema = userDtoSchema.extend({ tenantName: z.string().nullable() });

/** One account row. */
export type AccountRow = z.infer<typeof accountRowSchema>;
