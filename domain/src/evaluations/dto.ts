import { z } from 'zod';
import { objectIdSchema } from '../object-id';
import { expertEvaluationStateSchema, reviewOutcomes } from './state';

/** One 专家评价审核 of the history (kept forever, oldest first). */
export const evaluationReviewSchema = z.object({
  /** The revision of the evaluation it decided. */
  revision: z.number().int(),
  decision: z.enum(reviewOutcomes),
  comment: z.string(),
  reviewerName: z.string(),
  reviewedAt: z.iso.datetime(),
});

/** One review of the history. */
export type EvaluationReview = z.infer<typeof evaluationReviewSchema>;

/**
 * An expert's evaluation of a patent, as the enterprise sees it (never sent outside the enterprise: no
 * university, operator, export, e-mail or search document carries it).
 */
export const expertEvaluationSchema = z.object({
  id: objectIdSchema,
  patentId: objectIdSchema,
  expertId: objectIdSchema,
  expertName: z.string(),
  stars: z.number().int(),
  advice: z.string(),
  /** Grows with each change by the expert; a review names the revision it decided. */
  revision: z.number().int(),
  state: expertEvaluationStateSchema,
  /** First submitted, and the current revision's date. */
  submittedAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  reviews: z.array(evaluationReviewSchema),
});

/** One expert evaluation. */
export type ExpertEvaluation = z.infer<typeof expertEvaluationSchema>;

/** 企业自评: the enterprise's official evaluation (the one released to the patent's institution). */
export const enterpriseEvaluationSchema = z.object({
  id: objectIdSchema,
  patentId: objectIdSchema,
  patentTitle: z.string(),
  applicationNumber: z.string(),
  stars: z.number().int(),
  opinion: z.string(),
  submittedByName: z.string(),
  submittedAt: z.iso.datetime(),
});

/** The enterprise's official evaluation. */
export type EnterpriseEvaluation = z.infer<typeof enterpriseEvaluationSchema>;

/** Who locked the patent's expert evaluations, and when (the 企业自评's submission). */
export const evaluationLockSchema = z.object({ byName: z.string(), at: z.iso.datetime() });

/** How the expert evaluations of a patent spread: count, mean and how many gave each star. */
export const starSummarySchema = z.object({
  count: z.number().int(),
  /** Rounded to one decimal; null without evaluations. */
  mean: z.number().nullable(),
  /** Index 0 is 1 star … index 4 is 5 stars. */
  distribution: z.array(z.number().int()).length(5),
});

/** A star summary. */
export type StarSummary = z.infer<typeof starSummarySchema>;

/**
 * The evaluation panel of a patent in the 评价库 (GET …/patents/:id/evaluation), for the caller's role:
 * an expert gets his own evaluation; the admin every expert's with the summary. Both get the lock and the
 * 企业自评 once submitted, and the buttons they may use (the web never re-derives them).
 */
export const evaluationPanelSchema = z.object({
  patentId: objectIdSchema,
  role: z.enum(['expert', 'enterprise_admin']),
  lock: evaluationLockSchema.nullable(),
  enterpriseEvaluation: enterpriseEvaluationSchema.nullable(),
  mine: expertEvaluationSchema.nullable(),
  expertEvaluations: z.array(expertEvaluationSchema),
  summary: starSummarySchema.nullable(),
  assignedToMe: z.boolean(),
  abilities: z.object({ rate: z.boolean(), review: z.boolean(), submitEnterprise: z.boolean() }),
});

/** The evaluation panel. */
export type EvaluationPanel = z.infer<typeof evaluationPanelSchema>;

/** A page of a list. */
function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    size: z.number().int(),
  });
}

/** A row of 专利评价管理: an expert evaluation with its patent and whether the patent is locked. */
export const expertEvaluationRowSchema = expertEvaluationSchema.extend({
  patentTitle: z.string(),
  applicationNumber: z.string(),
  locked: z.boolean(),
  abilities: z.object({ review: z.boolean(), submitEnterprise: z.boolean() }),
});

/** One management row. */
export type ExpertEvaluationRow = z.infer<typeof expertEvaluationRowSchema>;

export const expertEvaluationPageSchema = pageOf(expertEvaluationRowSchema);
export type ExpertEvaluationPage = z.infer<typeof expertEvaluationPageSchema>;

export const enterpriseEvaluationPageSchema = pageOf(enterpriseEvaluationSchema);
export type EnterpriseEvaluationPage = z.infer<typeof enterpriseEvaluationPageSchema>;

/**
 * An official evaluation as the patent's institution receives it: the enterprise's name, stars, opinion
 * and date. Nothing of any expert's.
 */
export const receivedEvaluationSchema = z.object({
  id: objectIdSchema,
  patentId: objectIdSchema,
  patentTitle: z.string(),
  applicationNumber: z.string(),
  enterpriseName: z.string(),
  stars: z.number().int(),
  opinion: z.string(),
  submittedAt: z.iso.datetime(),
});

/** One received evaluation. */
export type ReceivedEvaluation = z.infer<typeof receivedEvaluationSchema>;

export const receivedEvaluationPageSchema = pageOf(receivedEvaluationSchema);
export type ReceivedEvaluationPage = z.infer<typeof receivedEvaluationPageSchema>;

/** 建议评价专家: an approved expert of the enterprise, with how well his fields match the patent. */
export const expertSuggestionSchema = z.object({
  expertId: objectIdSchema,
  name: z.string(),
  title: z.string(),
  /** The expert's research fields that match the patent's industries or IPC, by name. */
  matchedFields: z.array(z.string()),
  score: z.number(),
  assigned: z.boolean(),
  /** Whether he has evaluated the patent already. */
  evaluated: z.boolean(),
});

/** One suggestion. */
export type ExpertSuggestion = z.infer<typeof expertSuggestionSchema>;

export const expertSuggestionListSchema = z.object({
  patentId: objectIdSchema,
  items: z.array(expertSuggestionSchema),
});
export type ExpertSuggestionList = z.infer<typeof expertSuggestionListSchema>;

/** 指派给我: a patent an admin assigned to the signed-in expert. */
export const assignedPatentSchema = z.object({
  patentId: objectIdSchema,
  patentTitle: z.string(),
  applicationNumber: z.string(),
  assignedAt: z.iso.datetime(),
  evaluated: z.boolean(),
  locked: z.boolean(),
});

export const assignedPatentListSchema = z.object({ items: z.array(assignedPatentSchema) });
export type AssignedPatentList = z.infer<typeof assignedPatentListSchema>;
