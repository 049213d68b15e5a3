import type { PageServerLoad } from './$types';
import type { PushPage } from '$lib/search/push-types';
import { apiFetch } from '$lib/server/api';
import { dataOrError } from '$lib/server/load-error';

/** 推送管理: the pushes, newest first, with their status and progress. */
export const load: PageServerLoad = async (event) => {
  const page = Number(event.url.searchParams.get('page') ?? '1');
  const number = Number.isInteger(page) && page >= 1 && page <= 1000 ? page : 1;
  const list = dataOrError(await apiFetch<PushPage>(event, `/api/operator/pushes?page=${number}`));
  return { list };
};
