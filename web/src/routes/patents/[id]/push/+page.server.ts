import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { isObjectId } from '@panhuo/domain/object-id';
import type { ConsolePage, EnterpriseSummary } from '@panhuo/domain/operator/console';
import type { PatentDto } from '@panhuo/domain/patents/dto';
import { formValues } from '$lib/forms/field-errors';
import type { PushView } from '$lib/search/push-types';
import { apiFetch, apiSend } from '$lib/server/api';
import { apiFailure } from '$lib/server/form-failure';
import { dataOrError } from '$lib/server/load-error';

const ENTERPRISE_PAGES = 10;

/** 推送 of one patent by hand (the operator's): the patent and the enterprises to choose from. */
export const load: PageServerLoad = async (event) => {
  const { id } = event.params;
  if (!isObjectId(id)) error(404, { message: '专利不存在', code: 'not_found' });
  const patent = dataOrError(await apiFetch<PatentDto>(event, `/api/patents/${id}`));
  const enterprises: EnterpriseSummary[] = [];
  for (let page = 1; page <= ENTERPRISE_PAGES; page += 1) {
    const list = dataOrError(
      await apiFetch<ConsolePage<EnterpriseSummary>>(event, `/api/operator/enterprises?page=${page}`),
    );
    enterprises.push(...list.items);
    if (enterprises.length >= list.total || list.items.length === 0) break;
  }
  return { patent, enterprises };
};

export const actions: Actions = {
  /** Queues the push; the push job adds the patent to each chosen enterprise's 评价库 within seconds. */
  push: async (event) => {
    if (!event.locals.user) redirect(303, '/login');
    const data = await event.request.formData();
    const enterpriseIds = data.getAll('enterpriseId').filter((v): v is string => typeof v === 'string');
    const result = await apiSend<PushView>(event, 'POST', `/api/patents/${event.params.id}/push`, {
      json: { enterpriseIds },
    });
    if (!result.ok) return apiFailure(result, formValues(data));
    redirect(303, `/operator/pushes/${result.data.id}`);
  },
};
