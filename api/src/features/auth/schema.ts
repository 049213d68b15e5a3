import { errorCodeSchema } from '@panhuo/domain/errors';
import { z } from 'zod';

/** The error body every failure leaves as (http/error-handler.ts). */
export const errorBodySchema = z.object({
  error: errorCodeSchema,
  message: z.string(),
  fieldErrors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
