import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import type { ConsolePage, EnterpriseSummary } from '@panhuo/domain/operator/console';
import { formValues } from '$lib/forms/field-errors';
import type { ApiProblem } from '$lib/search/api-types';
import type { PushDetail, PushPreview } from '$lib/search/push-types';
import { searchBodyOf } from '$lib/search/push-types';
import { parseSearchParams, toSearchParams } from '$lib/search/search-params';
import { apiFetch, apiSend } from '$lib/server/api';
import { apiFailure } from '$lib/server/form-failure';
import { dataOrError } from '$lib/server/load-error';

/** Enterprises offered as targets: the console lists them 20 a page; at most this many pages are read. */
const ENTERPRISE_PAGES = 10;

/** The search (the 资源库's own parameters) and the picked enterprises of a definition, from the URL. */
function definitionOf(params: URLSearchParams) {
  const search = parseSearchParams(params);
  const enterpriseIds = [...new Set(params.getAll('enterpriseId').filter((id) => id !== ''))];
  // 按关注领域匹配: every enterprise whose 关注领域 industries overlap a patent's (the picks narrow it).
  const targets: 'enterprises' | 'matching' =
    params.get('targets') === 'matching' ? 'matching' : 'enterprises';
  return { search, enterpriseIds, targets };
}

/**
 * 新建推送: the 资源库's search form chooses the patents, a list of enterprises the targets; 预览 asks the
 * API how many each enterprise would receive and already has (nothing stored yet).
 */
export const load: PageServerLoad = async (event) => {
  const { search, enterpriseIds, targets } = definitionOf(event.url.searchParams);
  const previewing =
    targets === 'matching' ? event.url.searchParams.has('targets') : enterpriseIds.length > 0;
  const enterprises: EnterpriseSummary[] = [];
  for (let page = 1; page <= ENTERPRISE_PAGES; page += 1) {
    const list = dataOrError(
      await apiFetch<ConsolePage<EnterpriseSummary>>(event, `/api/operator/enterprises?page=${page}`),
    );
    enterprises.push(...list.items);
    if (enterprises.length >= list.total || list.items.length === 0) break;
  }
  let preview: PushPreview | null = null;
  let problem: ApiProblem | null = null;
  if (previewing) {
    const result = await apiSend<PushPreview>(event, 'POST', '/api/operator/push-previews', {
      json: { targets, search: searchBodyOf(toSearchParams(search)), enterpriseIds },
    });
    if (result.ok) preview = result.data;
    else
      problem = {
        status: result.status,
        code: result.error.error,
        message: result.error.message,
        fieldErrors: result.error.fieldErrors ?? [],
      };
  }
  return { search, enterpriseIds, targets, enterprises, preview, problem };
};

export const actions: Actions = {
  /** 确认推送: stores the definition and queues it at once; the push job runs it within seconds. */
  create: async (event) => {
    if (!event.locals.user) redirect(303, '/login');
    const data = await event.request.formData();
    const values = formValues(data);
    const params = new URLSearchParams();
    for (const [key, value] of data) if (typeof value === 'string') params.append(key, value);
    const { search, enterpriseIds, targets } = definitionOf(params);
    const name = String(data.get('name') ?? '');
    const created = await apiSend<PushDetail>(event, 'POST', '/api/operator/pushes', {
      json: { name, targets, search: searchBodyOf(toSearchParams(search)), enterpriseIds },
    });
    if (!created.ok) return apiFailure(created, values);
    const confirmed = await apiSend<PushDetail>(
      event,
      'POST',
      `/api/operator/pushes/${created.data.id}/confirm`,
    );
    if (!confirmed.ok) return apiFailure(confirmed, values);
    redirect(303, `/operator/pushes/${created.data.id}`);
  },
};
