import { z } from 'zod';
import { intentStates } from '../intents/state';
import { objectIdSchema } from '../object-id';

/**
 * The figures of one institution's patents (高校院所 dashboard, the operator's 高校院所 page). Star counts
 * and means are of the enterprises' official evaluations (企业自评) only: nothing of any expert's.
 */
const count = z.number().int().nonnegative();

/** 已推送: patents in at least one enterprise's 评价库, and how many enterprises hold any of them. */
export const pushedFiguresSchema = z.object({ patents: count, enterprises: count });

/**
 * 企业评价: the official evaluations of the patents (one per enterprise and patent), the patents with at least
 * one, their mean stars (null with none) and the count per star, index 0 = 1 star … 4 = 5 stars.
 */
export const evaluatedFiguresSchema = z.object({
  evaluations: count,
  patents: count,
  meanStars: z.number().nullable(),
  starCounts: z.array(count).length(5),
});

/** 收到的合作意向 by state (the institution's inbox: an intent withdrawn before it was read is not there). */
export const intentFiguresSchema = z.object({
  total: count,
  byState: z.array(z.object({ state: z.enum(intentStates), count })),
});

/** The headline figures of one institution. */
export const institutionFiguresSchema = z.object({
  registered: count,
  pushed: pushedFiguresSchema,
  evaluated: evaluatedFiguresSchema,
  intents: intentFiguresSchema,
});

/** Headline figures of one institution. */
export type InstitutionFigures = z.infer<typeof institutionFiguresSchema>;

/** Figures of one 战略性新兴产业 category (a patent counts in each of its categories). */
export const industryFiguresSchema = z.object({
  code: z.string(),
  name: z.string(),
  registered: count,
  pushed: count,
  evaluated: count,
});

/** One calendar month (China time, `YYYY-MM`): registrations, push entries, official evaluations, intents. */
export const monthFiguresSchema = z.object({
  month: z.string().regex(/^\d{4}-\d{2}$/),
  registered: count,
  pushed: count,
  evaluated: count,
  intents: count,
});

/** GET /api/university/dashboard: the institution's figures, by industry and by month. */
export const dashboardSchema = z.object({
  institutionId: objectIdSchema,
  institutionName: z.string(),
  figures: institutionFiguresSchema,
  byIndustry: z.array(industryFiguresSchema),
  byMonth: z.array(monthFiguresSchema),
});

/** The dashboard's answer. */
export type Dashboard = z.infer<typeof dashboardSchema>;
/** One industry's figures. */
export type IndustryFigures = z.infer<typeof industryFiguresSchema>;
/** One month's figures. */
export type MonthFigures = z.infer<typeof monthFiguresSchema>;

/** One row of the operator's 高校院所 figures. */
export const institutionFiguresRowSchema = z.object({
  id: objectIdSchema,
  name: z.string(),
  figures: institutionFiguresSchema,
});

/** GET /api/operator/institution-figures: a page of institutions (by name, as the 高校院所 list) with figures. */
export const institutionFiguresPageSchema = z.object({
  items: z.array(institutionFiguresRowSchema),
  total: z.number().int(),
  page: z.number().int(),
  size: z.number().int(),
});

/** One page of institution figures. */
export type InstitutionFiguresPage = z.infer<typeof institutionFiguresPageSchema>;
/** One institution's row. */
export type InstitutionFiguresRow = z.infer<typeof institutionFiguresRowSchema>;
