import { z } from 'zod';
import { objectIdSchema } from '../object-id';
import { optionalText, plainText } from '../text';
import { starsSchema } from './stars';
import { expertEvaluationStates, reviewOutcomes } from './state';

/** Longest 评价建议 / 评价意见, in characters. */
export const EVALUATION_TEXT_MAX = 1000;
/** Longest 审核意见 of a 专家评价审核. */
export const REVIEW_COMMENT_MAX = 500;
/** Default and largest page of the evaluation lists. */
export const DEFAULT_EVALUATION_PAGE_SIZE = 20;
export const MAX_EVALUATION_PAGE_SIZE = 100;
/** Most experts one 指派 names at once. */
export const MAX_ASSIGNED_EXPERTS = 20;

/** Form fields left empty arrive as ''; treat them as not given. */
const blankToUndefined = (value: unknown) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

/** `:id` of a patent (评价库 routes) or of an expert evaluation (审核). */
export const evaluationParamsSchema = z.object({ id: objectIdSchema });

/** 专家 我要评价 (PUT /api/evaluation-library/patents/:id/my-evaluation): stars and 评价建议. */
export const expertEvaluationBodySchema = z.object({
  stars: starsSchema,
  advice: plainText({ label: '评价建议', max: EVALUATION_TEXT_MAX, multiline: true }),
});

/** Parsed expert evaluation body. */
export type ExpertEvaluationBody = z.output<typeof expertEvaluationBodySchema>;

/** 企业自评 (POST /api/evaluation-library/patents/:id/enterprise-evaluation): stars and 评价意见, both required. */
export const enterpriseEvaluationBodySchema = z.object({
  stars: starsSchema,
  opinion: plainText({ label: '评价意见', max: EVALUATION_TEXT_MAX, multiline: true }),
});

/** Parsed 企业自评 body. */
export type EnterpriseEvaluationBody = z.output<typeof enterpriseEvaluationBodySchema>;

/**
 * 专家评价审核 (POST /api/expert-evaluations/:id/review): 通过 or 退回 of the revision the admin read (a
 * newer revision answers 409, so nobody approves text he has not seen); a comment is required to 退回.
 */
export const evaluationReviewBodySchema = z
  .object({
    decision: z.enum(reviewOutcomes, { error: '请选择审核结果' }),
    comment: plainText({ label: '审核意见', max: REVIEW_COMMENT_MAX, min: 0, multiline: true }).default(''),
    revision: z
      .number({ error: '缺少评价版本' })
      .int({ error: '评价版本应为整数' })
      .min(1, { error: '评价版本应为正整数' }),
  })
  .refine((body) => body.decision === 'approve' || body.comment.length > 0, {
    path: ['comment'],
    error: '退回时请填写审核意见',
  });

/** Parsed review body. */
export type EvaluationReviewBody = z.output<typeof evaluationReviewBodySchema>;

/** 建议评价专家—指派 (PUT …/assignments): the experts the patent is assigned to (replaces the list). */
export const evaluationAssignmentBodySchema = z.object({
  expertIds: z
    .array(objectIdSchema, { error: '请选择专家' })
    .max(MAX_ASSIGNED_EXPERTS, { error: `一次最多指派${MAX_ASSIGNED_EXPERTS}位专家` })
    .transform((ids) => [...new Set(ids)]),
});

/** Parsed assignment body. */
export type EvaluationAssignmentBody = z.output<typeof evaluationAssignmentBodySchema>;

const dateField = (label: string) =>
  z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, { error: `${label}应为YYYY-MM-DD格式的日期` })
      .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)), { error: `${label}不是有效日期` })
      .optional(),
  );
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
  .max(MAX_EVALUATION_PAGE_SIZE, { error: `每页最多${MAX_EVALUATION_PAGE_SIZE}条` })
  .default(DEFAULT_EVALUATION_PAGE_SIZE);
const optionalId = z.preprocess(blankToUndefined, objectIdSchema.optional());
const dateRange = {
  /** 评价日期 from (inclusive, China date). */
  from: dateField('开始日期'),
  /** 评价日期 to (inclusive, China date). */
  to: dateField('结束日期'),
};

/** GET /api/expert-evaluations (专利评价管理): filter by expert, state, stars and date; pages. */
export const expertEvaluationListQuerySchema = z.object({
  expertId: optionalId,
  patentId: optionalId,
  state: z.preprocess(
    blankToUndefined,
    z.enum(expertEvaluationStates, { error: '未知的审核状态' }).optional(),
  ),
  stars: z.preprocess(
    (value) => (typeof value === 'string' && /^\d$/.test(value) ? Number(value) : blankToUndefined(value)),
    starsSchema.optional(),
  ),
  ...dateRange,
  q: optionalText({ label: '检索词', max: 50 }),
  page: pageField,
  size: sizeField,
});

/** Parsed management-list query. */
export type ExpertEvaluationListQuery = z.output<typeof expertEvaluationListQuerySchema>;

/** GET /api/enterprise-evaluations (the enterprise's own) and GET /api/university/evaluations (received). */
export const officialEvaluationListQuerySchema = z.object({
  patentId: optionalId,
  ...dateRange,
  page: pageField,
  size: sizeField,
});

/** Parsed official-evaluation list query. */
export type OfficialEvaluationListQuery = z.output<typeof officialEvaluationListQuerySchema>;
