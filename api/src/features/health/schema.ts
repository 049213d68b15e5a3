import { z } from 'zod';

const dependencyCheck = z.object({
  ok: z.boolean(),
  latencyMs: z.number().optional(),
  error: z.string().optional(),
});

/** Body of GET /api/healthz. */
export const healthReportSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  checks: z.object({ mongodb: dependencyCheck, elasticsearch: dependencyCheck, smtp: dependencyCheck }),
});
