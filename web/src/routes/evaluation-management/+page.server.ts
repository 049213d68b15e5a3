import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import type { EnterpriseEvaluationPage, ExpertEvaluationPage } from '@panhuo/domain/evaluations/dto';
import { expertEvaluationListQuerySchema } from '@panhuo/domain/evaluations/forms';
import type { ExpertLibraryPage } from '@panhuo/domain/experts/dto';
import { apiFetch } from '$lib/server/api';
import { dataOrError } from '$lib/server/load-error';

/** The filters of the list, as the URL carries them (and the pager keeps them). */
const filterKeys = ['expertId', 'state', 'stars', 'from', 'to', 'q'] as const;

/**
 * 专利评价管理: every expert evaluation of the enterprise (filtered by expert, 审核状态, stars and date,
 * paged), with 专家评价审核 and 企业自评 reachable from each row, and the enterprise's own 企业自评.
 * A query the schema refuses goes back to the unfiltered list.
 */
export const load: PageServerLoad = async (event) => {
  const parsed = expertEvaluationListQuerySchema.safeParse(Object.fromEntries(event.url.searchParams));
  if (!parsed.success) redirect(303, event.url.pathname);
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(parsed.data))
    if (value !== undefined) query.set(key, String(value));
  const [list, official, experts] = await Promise.all([
    apiFetch<ExpertEvaluationPage>(event, `/api/expert-evaluations?${query}`),
    apiFetch<EnterpriseEvaluationPage>(event, '/api/enterprise-evaluations?size=100'),
    apiFetch<ExpertLibraryPage>(event, '/api/expert-library?size=100'),
  ]);
  const raw = Object.fromEntries(filterKeys.map((key) => [key, event.url.searchParams.get(key) ?? '']));
  return {
    list: dataOrError(list),
    official: dataOrError(official),
    experts: experts.ok ? experts.data.items.map((expert) => ({ id: expert.id, name: expert.name })) : [],
    query: raw,
  };
};
