import { z } from 'zod';
import { objectIdSchema } from '../object-id';

/**
 * 组合专利: a named bundle of patents one institution offers together. Patents point back to it through
 * `portfolioIds`, so a list can show "part of a portfolio" without loading it.
 */
export const portfolioSchema = z.object({
  id: objectIdSchema,
  name: z.string().trim().min(1),
  institutionId: objectIdSchema,
  institutionName: z.string().trim().min(1),
  description: z.string(),
  patentIds: z.array(objectIdSchema),
});

/** A patent portfolio, as the API returns it. */
export type Portfolio = z.infer<typeof portfolioSchema>;
