import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import type { ApiProblem, LibrarySearchPage } from '$lib/search/api-types';
import { isCanonical, parseSearchParams, toSearchParams } from '$lib/search/search-params';
import { apiFetch } from '$lib/server/api';

/**
 * 专利转化评价库: the 资源库's search over what the platform pushed to the user's enterprise. The URL's
 * query string is the whole state (redirected once to its canonical form); one API search gives the rows
 * with their 推送时间 and evaluation state, the facets and the paging.
 */
export const load: PageServerLoad = async (event) => {
  const search = parseSearchParams(event.url.searchParams);
  if (!isCanonical(event.url.searchParams, search)) {
    const query = toSearchParams(search).toString();
    redirect(307, query ? `${event.url.pathname}?${query}` : event.url.pathname);
  }
  event.setHeaders({ 'cache-control': 'no-store' });
  const query = toSearchParams(search).toString();
  const result = await apiFetch<LibrarySearchPage>(
    event,
    `/api/evaluation-library/patents${query ? `?${query}` : ''}`,
  );
  if (result.ok) return { search, page: result.data, problem: null };
  const problem: ApiProblem = {
    status: result.status,
    code: result.error.error,
    message: result.error.message,
    fieldErrors: result.error.fieldErrors ?? [],
  };
  return { search, page: null, problem };
};
