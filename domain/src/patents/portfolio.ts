import { z } from 'zod';
import { objectIdSchema } from '../object-id';
import { plainText } from '../text';
import { patentTextLimits } from './patent';

/**
 * 组合专利: a named bundle of patents one institution offers together. Patents point back to it through
 * `portfolioIds`, so a list can show "part of a portfolio" without loading it.
 */
export const portfolioSchema = z.object({
  id: objectIdSchema,
  name: plainText({ label: '组合专利名称', max: patentTextLimits.portfolioName }),
  institutionId: objectIdSchema,
  institutionName: plainText({ label: '登记单位', max: patentTextLimits.institutionName }),
  description: plainText({
    label: '组合专利说明',
    max: patentTextLimits.portfolioDescription,
    min: 0,
    multiline: true,
  }),
  patentIds: z.array(objectIdSchema),
});

/** A patent portfolio, as the API returns it. */
export type Portfolio = z.infer<typeof portfolioSchema>;
