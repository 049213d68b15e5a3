import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import type { SearchPage } from '@panhuo/domain/patents/dto';
import type { ApiProblem } from '$lib/search/api-types';
import { isCanonical, parseSearchParams, toSearchParams } from '$lib/search/search-params';
import { apiFetch } from '$lib/server/api';

/**
 * 专利转化资源库: the URL's query string is the whole state. A non-canonical query (a submitted form with
 * empty fields, comma lists, unknown keys) is redirected once to its canonical form, so every result page
 * has one shareable address; then one API search gives hits, facets and paging.
 */
export const load: PageServerLoad = async (event) => {
  const search = parseSearchParams(event.url.searchParams);
  if (!isCanonical(event.url.searchParams, search)) {
    const query = toSearchParams(search).toString();
    redirect(307, query ? `${event.url.pathname}?${query}` : event.url.pathname);
  }
  event.setHeaders({ 'cache-control': 'no-store' });
  const query = toSearchParams(search).toString();
  const result = await apiFetch<SearchPage>(
    event,
    `/api/resource-library/patents${query ? `?${query}` : ''}`,
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
