import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import type { ExpertCreated, ExpertDetail, ExpertListPage } from '@panhuo/domain/experts/dto';
import {
  expertCreateBodySchema,
  expertListQuerySchema,
  expertParamsSchema,
} from '@panhuo/domain/experts/forms';
import { formValues } from '$lib/forms/field-errors';
import { apiFetch, apiSend } from '$lib/server/api';
import { apiFailure, invalidForm } from '$lib/server/form-failure';
import { dataOrError } from '$lib/server/load-error';

/** 用户管理—账号管理: one page of the enterprise's expert accounts, searched and filtered by the URL. */
export const load: PageServerLoad = async (event) => {
  const parsed = expertListQuerySchema.safeParse(Object.fromEntries(event.url.searchParams));
  if (!parsed.success) redirect(303, event.url.pathname);
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(parsed.data))
    if (value !== undefined) query.set(key, String(value));
  const list = dataOrError(await apiFetch<ExpertListPage>(event, `/api/experts?${query}`));
  return { list, query: parsed.data };
};

/** 禁用 / 启用 of one row. 禁用 acts only when confirmed (`confirmed=yes`); else it asks first. */
async function setStatus(event: Parameters<Actions[string]>[0], action: 'freeze' | 'unfreeze') {
  if (!event.locals.user) redirect(303, '/login');
  const data = await event.request.formData();
  const params = expertParamsSchema.safeParse({ id: data.get('id') });
  if (!params.success) return invalidForm({}, params.error.issues);
  if (action === 'freeze' && data.get('confirmed') !== 'yes') return { confirmFreeze: params.data.id };
  const result = await apiSend<ExpertDetail>(event, 'POST', `/api/experts/${params.data.id}/${action}`);
  if (!result.ok) return apiFailure(result);
  return { statusChanged: { name: result.data.name, accountStatus: result.data.accountStatus } };
}

export const actions: Actions = {
  /**
   * 新增: the expert's basic information, checked with the domain schema. The generated initial password
   * comes back in the action's answer only, so it is shown once and never stored by the web.
   */
  create: async (event) => {
    if (!event.locals.user) redirect(303, '/login');
    const data = await event.request.formData();
    const values = formValues(data, ['password']);
    const parsed = expertCreateBodySchema.safeParse({ ...values, password: data.get('password') ?? '' });
    if (!parsed.success) return invalidForm(values, parsed.error.issues);
    const result = await apiSend<ExpertCreated>(event, 'POST', '/api/experts', { json: parsed.data });
    if (!result.ok) return apiFailure(result, values);
    return {
      created: {
        name: result.data.expert.name,
        account: result.data.expert.account,
        initialPassword: result.data.initialPassword ?? null,
      },
    };
  },
  freeze: (event) => setStatus(event, 'freeze'),
  unfreeze: (event) => setStatus(event, 'unfreeze'),
};
