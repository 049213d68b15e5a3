import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { objectIdSchema } from '@panhuo/domain/object-id';
import type { AccountRow, ConsolePage } from '@panhuo/domain/operator/console';
import { accountListQuerySchema } from '@panhuo/domain/operator/console';
import { apiFetch, apiSend } from '$lib/server/api';
import { apiFailure, invalidForm } from '$lib/server/form-failure';
import { dataOrError } from '$lib/server/load-error';

/** 账号管理 (platform): every account, by role, status and text, from the URL. */
export const load: PageServerLoad = async (event) => {
  const parsed = accountListQuerySchema.safeParse(Object.fromEntries(event.url.searchParams));
  if (!parsed.success) redirect(303, event.url.pathname);
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(parsed.data))
    if (value !== undefined) query.set(key, String(value));
  const list = dataOrError(await apiFetch<ConsolePage<AccountRow>>(event, `/api/operator/accounts?${query}`));
  return { list, query: parsed.data };
};

/** 冻结 / 解冻 of one row. 冻结 acts only when confirmed (`confirmed=yes`); else it asks first. */
async function setStatus(event: Parameters<Actions[string]>[0], action: 'freeze' | 'unfreeze') {
  if (!event.locals.user) redirect(303, '/login');
  const data = await event.request.formData();
  const id = objectIdSchema.safeParse(data.get('id'));
  if (!id.success) return invalidForm({}, id.error.issues);
  if (action === 'freeze' && data.get('confirmed') !== 'yes') return { confirmFreeze: id.data };
  const result = await apiSend<AccountRow>(event, 'POST', `/api/operator/accounts/${id.data}/${action}`);
  if (!result.ok) return apiFailure(result);
  return { statusChanged: { account: result.data.account, status: result.data.status } };
}

export const actions: Actions = {
  freeze: (event) => setStatus(event, 'freeze'),
  unfreeze: (event) => setStatus(event, 'unfreeze'),
};
