import { z } from 'zod';
import { DigestBatchModel, DigestOutcomeModel, DigestRunModel, DigestSendModel } from './model';

/** One run as the operator page shows it. */
export const runSummarySchema = z.object({
  id: z.string(),
  startedAt: z.iso.datetime(),
  enqueuedAt: z.iso.datetime().nullable(),
  enterprises: z.number().int(),
  matchedEnterprises: z.number().int(),
  groups: z.number().int(),
  batches: z.number().int(),
  batchesDone: z.number().int(),
  esRequests: z.number().int(),
  sent: z.number().int(),
  failed: z.number().int(),
  retried: z.number().int(),
  /**
   * Claimed sends without an outcome: the worker died during the SMTP exchange (or is still sending). The
   * mail may have gone; it is never sent again (service.ts claimSend), so the operator sees it here.
   */
  unconfirmed: z.number().int(),
});
export type RunSummary = z.infer<typeof runSummarySchema>;

/**
 * The last `limit` runs, newest first, with their mail counted from the recorded outcomes (one per send
 * key, so a batch re-run after a crash is counted once). One indexed read per run.
 */
export async function lastRuns(limit = 20): Promise<RunSummary[]> {
  const runs = await DigestRunModel.find().sort({ startedAt: -1 }).limit(limit).lean();
  return Promise.all(
    runs.map(async (run) => {
      const [outcomes, done, claims] = await Promise.all([
        DigestOutcomeModel.find({ runId: run._id }, { ok: 1, attempts: 1 }).lean(),
        DigestBatchModel.countDocuments({ runId: run._id }),
        DigestSendModel.countDocuments({ runId: run._id }),
      ]);
      return {
        id: run._id,
        startedAt: run.startedAt.toISOString(),
        enqueuedAt: run.enqueuedAt?.toISOString() ?? null,
        enterprises: run.enterprises,
        matchedEnterprises: run.matchedEnterprises,
        groups: run.groups,
        batches: run.batches,
        batchesDone: done,
        esRequests: run.esRequests,
        sent: outcomes.filter((o) => o.ok).length,
        failed: outcomes.filter((o) => !o.ok).length,
        retried: outcomes.filter((o) => o.attempts > 1).length,
        unconfirmed: Math.max(0, claims - outcomes.length),
      };
    }),
  );
}
