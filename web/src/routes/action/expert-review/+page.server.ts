import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import type { ExpertReviewListPage } from '@panhuo/domain/experts/dto';
import { expertReviewListQuerySchema } from '@panhuo/domain/experts/forms';
import { apiFetch } from '$lib/server/api';
import { dataOrError } from '$lib/server/load-error';

/** 盘活行动—专家审核: every expert the enterprise recommended, 待审核 first. */
export const load: PageServerLoad = async (event) => {
  const parsed = expertReviewListQuerySchema.safeParse(Object.fromEntries(event.url.searchParams));
  if (!parsed.success) redirect(303, event.url.pathname);
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(parsed.data))
    if (value !== undefined) query.set(key, String(value));
  const list = dataOrError(await apiFetch<ExpertReviewListPage>(event, `/api/expert-reviews?${query}`));
  return { list, query: parsed.data };
};
