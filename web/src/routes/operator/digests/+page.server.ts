import type { PageServerLoad } from './$types';
import { apiFetch } from '$lib/server/api';
import { dataOrError } from '$lib/server/load-error';

/** One digest run as GET /api/operator/digest-runs answers it. */
export interface DigestRun {
  id: string;
  startedAt: string;
  enqueuedAt: string | null;
  enterprises: number;
  matchedEnterprises: number;
  groups: number;
  batches: number;
  batchesDone: number;
  esRequests: number;
  sent: number;
  failed: number;
  retried: number;
  /** Claimed sends without an outcome (the worker died while sending): may have gone, never re-sent. */
  unconfirmed: number;
}

/** 邮件提醒运行记录: the last digest runs. */
export const load: PageServerLoad = async (event) => {
  const { runs } = dataOrError(await apiFetch<{ runs: DigestRun[] }>(event, '/api/operator/digest-runs'));
  return { runs };
};
