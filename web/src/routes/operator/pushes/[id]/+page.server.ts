import type { PageServerLoad } from './$types';
import type { PushDetail } from '$lib/search/push-types';
import { apiFetch } from '$lib/server/api';
import { dataOrError } from '$lib/server/load-error';

/** One push: its search, targets, status and progress (the page re-reads it while the job runs). */
export const load: PageServerLoad = async (event) => {
  event.setHeaders({ 'cache-control': 'no-store' });
  const push = dataOrError(await apiFetch<PushDetail>(event, `/api/operator/pushes/${event.params.id}`));
  return { push };
};
