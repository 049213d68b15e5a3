import { z } from 'zod';
import type { PatentListItem } from '../patents/dto';

/**
 * A result row of a library: the patent's list item plus what this library knows of it for the caller.
 *
 * - `entry`: the caller's enterprise's own 评价库 entry, read from the search document (推送时间, the push
 *   that brought it, and its 企业自评 stars and date when submitted). Only the enterprise-library scope
 *   fills it, and only with that enterprise's entry: another enterprise's entry never reaches a row.
 * - `decoration`: per-caller state a library adds after the search (its description's `decorate` step,
 *   api/src/features/library/): my rating, the experts' count, which buttons I may use. Read from the
 *   enterprise's own stores, never from the search document (expert evaluations never leave the enterprise).
 */
export interface LibraryEntry {
  pushedAt: string;
  /** The rule push that brought the patent, or null for a push by hand. */
  pushId: string | null;
  /** 企业自评: when it was submitted and its stars; null while the enterprise has not evaluated. */
  evaluatedAt: string | null;
  enterpriseStars: number | null;
  /** 专家已评 N: how many of the enterprise's experts have evaluated the patent (any review state). */
  expertEvaluations: number;
}

/** The state of a row for the enterprise (待评价 / 专家已评 N / 企业已评 ★ n). */
export const rowEvaluationStates = ['pending', 'expert_evaluated', 'enterprise_evaluated'] as const;
export type RowEvaluationState = (typeof rowEvaluationStates)[number];

/**
 * Per-caller state of a row. Every field is optional: each library (and each role) fills what it knows.
 * Extend it here, with its schema, when a library shows more.
 */
export const rowDecorationSchema = z.object({
  evaluationState: z.enum(rowEvaluationStates).optional(),
  /** How many of the enterprise's experts have evaluated (shown to the enterprise only). */
  expertEvaluations: z.number().int().min(0).optional(),
  /** The expert's own evaluation: 我已评 (with its stars) / 我未评. */
  mine: z
    .object({ stars: z.number().int().min(1).max(5) })
    .nullable()
    .optional(),
  /** Actions the caller may take on the row, by name (e.g. 'evaluate', 'review', 'submit'). */
  actions: z.array(z.string()).optional(),
  /** 关注库: why the row matched the 关注领域设置, one label per match (新材料产业, 独占许可, 关键词 石墨烯). */
  matchReasons: z.array(z.string()).optional(),
});
export type RowDecoration = z.infer<typeof rowDecorationSchema>;

/** One row of a library's result list. */
export type LibraryRow = PatentListItem & { entry?: LibraryEntry; decoration?: RowDecoration };
