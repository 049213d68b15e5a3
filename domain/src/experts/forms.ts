import { z } from 'zod';
import { mobilePhoneSchema } from '../accounts/phone';
import { accountStatusSchema } from '../accounts/roles';
import { accountNameSchema, newPasswordSchema } from '../accounts/user';
import { objectIdSchema } from '../object-id';
import { optionalText, plainText } from '../text';
import { economicIndustryCodeSchema } from '../taxonomies/economic-industries';
import { strategicIndustryCodeSchema } from '../taxonomies/strategic-industries';
import { expertStatusSchema, reviewDecisions } from './status';

/** Longest 个人简介, in characters. */
export const RESUME_MAX_LENGTH = 2000;
/** Longest 审核意见, in characters. */
export const OPINION_MAX_LENGTH = 500;
/**
 * Most research fields in all, both taxonomies together: the form's hint says so, and the certificate and
 * the tables have room for that many.
 */
export const MAX_RESEARCH_FIELDS = 10;
/** Default and largest page of the expert lists. */
export const DEFAULT_EXPERT_PAGE_SIZE = 20;
export const MAX_EXPERT_PAGE_SIZE = 100;

/** Form fields left empty arrive as ''; treat them as not given. */
const blankToUndefined = (value: unknown) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

/** Common 职称, offered as suggestions by the form (any text up to 30 characters is accepted). */
export const expertTitleSuggestions = [
  '正高级工程师',
  '高级工程师',
  '工程师',
  '研究员',
  '副研究员',
  '助理研究员',
  '教授',
  '副教授',
  '讲师',
  '高级经济师',
  '高级实验师',
] as const;

/**
 * 用户管理—账号管理—新增 (POST /api/experts): the expert's basic information. The password may be left
 * empty: the API then generates one and shows it once in its answer.
 */
export const expertCreateBodySchema = z.object({
  name: plainText({ label: '姓名', max: 30 }),
  account: accountNameSchema,
  password: z.preprocess(blankToUndefined, newPasswordSchema.optional()),
  phone: z.string({ error: '请填写手机号' }).pipe(mobilePhoneSchema),
  position: plainText({ label: '所属职务', max: 50 }),
  department: optionalText({ label: '部门', max: 50 }),
});

/** Parsed 新增专家 body. */
export type ExpertCreateBody = z.output<typeof expertCreateBodySchema>;

/** A list of taxonomy codes: each one known, duplicates dropped, at most MAX_RESEARCH_FIELDS (the total is checked too). */
function codeList(code: z.ZodType<string>, label: string) {
  return z
    .array(code, { error: `${label}应为代码列表` })
    .max(MAX_RESEARCH_FIELDS, { error: `${label}最多选择${MAX_RESEARCH_FIELDS}项` })
    .default([])
    .transform((codes) => [...new Set(codes)]);
}

/**
 * 我的空间—专家信息 (PUT /api/me/expert): 职称, research fields as codes of the platform's taxonomies
 * (战略性新兴产业 and 国民经济行业, at least one and at most MAX_RESEARCH_FIELDS in all), 个人简介 and 联系方式. Saving requires the complete
 * form, so "info complete" means "saved once".
 */
export const expertInfoBodySchema = z
  .object({
    title: plainText({ label: '职称', max: 30 }),
    strategicIndustries: codeList(strategicIndustryCodeSchema, '战略性新兴产业领域'),
    economicIndustries: codeList(economicIndustryCodeSchema, '国民经济行业领域'),
    resume: plainText({ label: '个人简介', max: RESUME_MAX_LENGTH, multiline: true }),
    contact: plainText({ label: '联系方式', max: 100 }),
  })
  .refine((body) => body.strategicIndustries.length + body.economicIndustries.length > 0, {
    path: ['strategicIndustries'],
    error: '请至少选择一个研究领域',
  })
  .refine((body) => body.strategicIndustries.length + body.economicIndustries.length <= MAX_RESEARCH_FIELDS, {
    path: ['strategicIndustries'],
    error: `研究领域两类合计最多选择${MAX_RESEARCH_FIELDS}项`,
  });

/** Parsed 专家信息 body (also the stored shape of the info). */
export type ExpertInfoBody = z.output<typeof expertInfoBodySchema>;

/** 专家审核 (POST /api/experts/:id/review): a decision and an opinion, required when rejecting. */
export const expertReviewBodySchema = z
  .object({
    decision: z.enum(reviewDecisions, { error: '请选择审核结果' }),
    opinion: plainText({ label: '审核意见', max: OPINION_MAX_LENGTH, min: 0, multiline: true }).default(''),
  })
  .refine((body) => body.decision === 'approve' || body.opinion.length > 0, {
    path: ['opinion'],
    error: '审核不通过时请填写审核意见',
  });

/** Parsed review body. */
export type ExpertReviewBody = z.output<typeof expertReviewBodySchema>;

const pageField = z.coerce
  .number({ error: '页码应为数字' })
  .int({ error: '页码应为整数' })
  .min(1, { error: '页码从1开始' })
  .max(10_000, { error: '页码过大' })
  .default(1);
const sizeField = z.coerce
  .number({ error: '每页条数应为数字' })
  .int({ error: '每页条数应为整数' })
  .min(1, { error: '每页至少1条' })
  .max(MAX_EXPERT_PAGE_SIZE, { error: `每页最多${MAX_EXPERT_PAGE_SIZE}条` })
  .default(DEFAULT_EXPERT_PAGE_SIZE);
const searchField = optionalText({ label: '检索词', max: 50 });

/**
 * GET /api/experts (账号管理): search by 姓名 / 账号 / 手机号, filter by 信息完善状态 and 账号状态, pages.
 * Empty form fields mean "any".
 */
export const expertListQuerySchema = z.object({
  q: searchField,
  status: z.preprocess(blankToUndefined, expertStatusSchema.optional()),
  accountStatus: z.preprocess(blankToUndefined, accountStatusSchema.optional()),
  page: pageField,
  size: sizeField,
});

/** Parsed account-list query. */
export type ExpertListQuery = z.output<typeof expertListQuerySchema>;

/** GET /api/expert-reviews (专家审核): every recommended expert, optionally of one status. */
export const expertReviewListQuerySchema = z.object({
  q: searchField,
  status: z.preprocess(blankToUndefined, expertStatusSchema.optional()),
  page: pageField,
  size: sizeField,
});

/** Parsed review-list query. */
export type ExpertReviewListQuery = z.output<typeof expertReviewListQuerySchema>;

/** GET /api/expert-library (企业专家库): approved experts. */
export const expertLibraryQuerySchema = z.object({ q: searchField, page: pageField, size: sizeField });

/** Parsed library query. */
export type ExpertLibraryQuery = z.output<typeof expertLibraryQuerySchema>;

/** `:id` of the expert routes. */
export const expertParamsSchema = z.object({ id: objectIdSchema });
