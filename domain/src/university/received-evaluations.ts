import { z } from 'zod';
import { receivedEvaluationSchema } from '../evaluations/dto';
import { officialEvaluationListQuerySchema } from '../evaluations/forms';
import { starsSchema } from '../evaluations/stars';
import { objectIdSchema } from '../object-id';

/** Form fields left empty arrive as ''; treat them as not given. */
const blankToUndefined = (value: unknown) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

/**
 * GET /api/university/evaluations (企业评价): the official evaluations the institution received, filtered by
 * patent, enterprise, stars and 评价日期 (China dates, inclusive), paged.
 */
export const receivedEvaluationListQuerySchema = officialEvaluationListQuerySchema.extend({
  enterpriseId: z.preprocess(blankToUndefined, objectIdSchema.optional()),
  stars: z.preprocess(
    (value) => (typeof value === 'string' && /^\d$/.test(value) ? Number(value) : blankToUndefined(value)),
    starsSchema.optional(),
  ),
});

/** Parsed received-evaluation list query. */
export type ReceivedEvaluationListQuery = z.output<typeof receivedEvaluationListQuerySchema>;

/**
 * One 企业评价 as the institution reads it: the enterprise's name, stars, opinion and date, the patent, and
 * whether the institution has withdrawn (撤回) the patent since: its evaluations stay readable, marked.
 */
export const receivedEvaluationRowSchema = receivedEvaluationSchema.extend({
  enterpriseId: objectIdSchema,
  withdrawn: z.boolean(),
});

/** One row of 企业评价. */
export type ReceivedEvaluationRow = z.infer<typeof receivedEvaluationRowSchema>;

/** One page of 企业评价, with the enterprises that evaluated any of the institution's patents (the filter). */
export const receivedEvaluationListSchema = z.object({
  items: z.array(receivedEvaluationRowSchema),
  total: z.number().int(),
  page: z.number().int(),
  size: z.number().int(),
  enterprises: z.array(z.object({ id: objectIdSchema, name: z.string() })),
});

/** One page of 企业评价. */
export type ReceivedEvaluationList = z.infer<typeof receivedEvaluationListSchema>;
