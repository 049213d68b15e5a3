import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import type { SearchPage } from '@panhuo/domain/patents/dto';
import type { LibraryRow } from '@panhuo/domain/search/library-row';
import type { ApiProblem } from '$lib/search/api-types';
import { isCanonical, parseSearchParams, toSearchParams } from '$lib/search/search-params';
import { apiFetch } from '$lib/server/api';
import { dataOrError } from '$lib/server/load-error';
import type { AttentionSettings } from '../attention-settings/settings';

/**
 * 专利转化关注库: the enterprise's settings and, when they pick anything, one API search within them (the
 * URL's query string is the search state, as in the 资源库). Empty settings: no search, the page prompts.
 */
export const load: PageServerLoad = async (event) => {
  const search = parseSearchParams(event.url.searchParams);
  if (!isCanonical(event.url.searchParams, search)) {
    const query = toSearchParams(search).toString();
    redirect(307, query ? `${event.url.pathname}?${query}` : event.url.pathname);
  }
  event.setHeaders({ 'cache-control': 'no-store' });
  const settings = dataOrError(await apiFetch<AttentionSettings>(event, '/api/attention-settings'));
  if (settings.empty) return { search, settings, page: null, problem: null };
  const query = toSearchParams(search).toString();
  const result = await apiFetch<SearchPage & { hits: LibraryRow[] }>(
    event,
    `/api/attention-library/patents${query ? `?${query}` : ''}`,
  );
  if (result.ok) return { search, settings, page: result.data, problem: null };
  const problem: ApiProblem = {
    status: result.status,
    code: result.error.error,
    message: result.error.message,
    fieldErrors: result.error.fieldErrors ?? [],
  };
  return { search, settings, page: null, problem };
};
