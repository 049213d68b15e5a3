import { z } from 'zod';
import { objectIdSchema } from '@panhuo/domain/object-id';

/** 组合专利 of a university user: requests and responses of /api/university/portfolios. */

/** Most members one portfolio holds (a bundle a company licenses together, not a catalogue). */
export const MAX_MEMBERS = 200;

export const portfolioIdParams = z.object({ id: objectIdSchema });

/** The form: 组合名称 (required), 组合说明, and the member patents (the institution's registered ones). */
export const portfolioBodySchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, { error: '请填写组合专利名称' })
    .max(100, { error: '组合专利名称不能超过100个字' }),
  description: z.string().trim().max(2000, { error: '组合说明不能超过2000个字' }).default(''),
  patentIds: z
    .array(objectIdSchema)
    .min(1, { error: '请至少选择一件本单位已登记的专利' })
    .max(MAX_MEMBERS, { error: `一个组合最多包含 ${MAX_MEMBERS} 件专利` }),
});
export type PortfolioBody = z.output<typeof portfolioBodySchema>;

export const portfolioMemberSchema = z.object({
  id: z.string(),
  applicationNumber: z.string(),
  title: z.string(),
  /** A member withdrawn (撤回) after it joined: kept in the list, no longer in search. */
  withdrawn: z.boolean(),
});

/** One portfolio with its members, as its edit page shows it. */
export const universityPortfolioSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  patentCount: z.number().int(),
  updatedAt: z.string(),
  members: z.array(portfolioMemberSchema),
});
export type UniversityPortfolioDto = z.output<typeof universityPortfolioSchema>;

export const portfolioRowSchema = universityPortfolioSchema.omit({ members: true });
export type PortfolioRowDto = z.output<typeof portfolioRowSchema>;

export const portfolioListSchema = z.object({ rows: z.array(portfolioRowSchema) });
