import { fail, redirect } from '@sveltejs/kit';
import type { RequestEvent } from '@sveltejs/kit';
import { apiFieldErrors } from '$lib/forms/field-errors';
import { apiSend } from '$lib/server/api';
import type { ApiResult } from '$lib/server/api';
import { echoOfForm, fieldsOfForm } from './registration';
import type { Registration } from './registration';

const objectId = /^[0-9a-f]{24}$/;

/** A refusal of the API as the form's answer, with the draft's id when one was saved on the way. */
function refused(
  result: Extract<ApiResult<unknown>, { ok: false }>,
  values: Record<string, string | string[]>,
  draftId: string | null,
) {
  return fail(result.status, {
    values,
    errors: apiFieldErrors(result.error.fieldErrors),
    code: result.error.error,
    message: result.error.message,
    draftId,
  });
}

/**
 * 保存草稿 / 保存 (`submit` false) and 提交登记 (`submit` true) of the registration form. The values are
 * saved first (a new draft, or the patent's PUT); 提交登记 then registers the draft. A refusal keeps the
 * typed values and names each field; a draft saved before a refused 提交登记 comes back as `draftId`, so
 * the next try updates it instead of saving another.
 */
export async function saveRegistration(event: RequestEvent, routeId: string | null, submit: boolean) {
  if (!event.locals.user) redirect(303, '/login');
  const data = await event.request.formData();
  const values = echoOfForm(data);
  const fields = fieldsOfForm(data);
  const posted = data.get('id');
  const id = routeId ?? (typeof posted === 'string' && objectId.test(posted) ? posted : null);
  const saved = id
    ? await apiSend<Registration>(event, 'PUT', `/api/university/patents/${id}`, { json: fields })
    : await apiSend<Registration>(event, 'POST', '/api/university/patents', { json: fields });
  if (!saved.ok) return refused(saved, values, id);
  const draft = saved.data;
  if (!submit || draft.state !== 'draft') redirect(303, `/university/patents/${draft.id}?saved=1`);
  const registered = await apiSend<Registration>(event, 'POST', `/api/university/patents/${draft.id}/submit`);
  if (!registered.ok) return refused(registered, values, draft.id);
  redirect(303, `/university/patents?registered=${registered.data.id}`);
}

/** 撤回 of a registered patent, once confirmed (`confirmed=yes`); else the page asks first. */
export async function withdrawRegistration(event: RequestEvent, routeId: string | null) {
  if (!event.locals.user) redirect(303, '/login');
  const data = await event.request.formData();
  const posted = data.get('id');
  const id = routeId ?? (typeof posted === 'string' && objectId.test(posted) ? posted : null);
  if (!id) return fail(400, { message: '请选择要撤回的专利' });
  if (data.get('confirmed') !== 'yes') return { confirmWithdraw: id };
  const result = await apiSend<Registration>(event, 'POST', `/api/university/patents/${id}/withdraw`);
  if (!result.ok) return fail(result.status, { code: result.error.error, message: result.error.message });
  redirect(303, `/university/patents?state=withdrawn&withdrawn=${id}`);
}
