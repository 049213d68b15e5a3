import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import type { ReceivedEvaluationList } from '@panhuo/domain/university/received-evaluations';
import { receivedEvaluationListQuerySchema } from '@panhuo/domain/university/received-evaluations';
import { apiFetch } from '$lib/server/api';
import { dataOrError } from '$lib/server/load-error';

/** The filters of the list, as the URL carries them (and the pager keeps them). */
const filterKeys = ['enterpriseId', 'stars', 'patentId', 'from', 'to'] as const;

/**
 * 企业评价: the official evaluations enterprises published on the institution's patents (filtered by
 * enterprise, stars, patent and date, paged). A query the schema refuses goes back to the unfiltered list.
 */
export const load: PageServerLoad = async (event) => {
  const parsed = receivedEvaluationListQuerySchema.safeParse(Object.fromEntries(event.url.searchParams));
  if (!parsed.success) redirect(303, event.url.pathname);
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(parsed.data))
    if (value !== undefined) query.set(key, String(value));
  const list = dataOrError(
    await apiFetch<ReceivedEvaluationList>(event, `/api/university/evaluations?${query}`),
  );
  return {
    list,
    query: Object.fromEntries(filterKeys.map((key) => [key, event.url.searchParams.get(key) ?? ''])),
  };
};
