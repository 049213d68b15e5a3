import { objectIdSchema } from '@panhuo/domain/object-id';
import {
  accountRowSchema,
  consolePageSchema,
  enterpriseSummarySchema,
  institutionSummarySchema,
} from '@panhuo/domain/operator/console';
import { z } from 'zod';

/** `:id` of an institution or an account. */
export const idParams = z.object({ id: objectIdSchema });

/** Pages of the console lists. */
export const enterprisePageSchema = consolePageSchema(enterpriseSummarySchema);
export const institutionPageSchema = consolePageSchema(institutionSummarySchema);
export const accountPageSchema = consolePageSchema(accountRowSchema);
