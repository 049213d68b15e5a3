import { fail, redirect } from '@sveltejs/kit';
import type { RequestEvent } from '@sveltejs/kit';
import { isObjectId } from '@panhuo/domain/object-id';
import { apiFieldErrors } from '$lib/forms/field-errors';
import { apiSend } from '$lib/server/api';
import type { Portfolio } from './portfolio';

/**
 * 保存 of the portfolio form (new when `id` is null): name, description and the chosen members go to the
 * API, which checks every member; a refusal comes back with the message of each refused member by its
 * position (`memberErrors`), beside the other fields' messages.
 */
export async function savePortfolio(event: RequestEvent, id: string | null) {
  const data = await event.request.formData();
  const name = String(data.get('name') ?? '');
  const description = String(data.get('description') ?? '');
  const patentIds = data.getAll('patentIds').map(String);
  const json = { name, description, patentIds };
  const result = id
    ? await apiSend<Portfolio>(event, 'PUT', `/api/university/portfolios/${id}`, { json })
    : await apiSend<Portfolio>(event, 'POST', '/api/university/portfolios', { json });
  if (!result.ok) {
    const memberErrors: Record<string, string> = {};
    for (const e of result.error.fieldErrors ?? []) {
      const m = /^body\.patentIds\.(\d+)$/.exec(e.path);
      const member = m ? patentIds[Number(m[1])] : undefined;
      if (member) memberErrors[member] = e.message;
    }
    return fail(result.status, {
      values: { name, description },
      errors: apiFieldErrors(result.error.fieldErrors),
      memberErrors,
      code: result.error.error,
      message: result.error.message,
    });
  }
  redirect(303, `/university/portfolios/${result.data.id}?saved=1`);
}

/** 删除 a portfolio, then back to the list. */
export async function deletePortfolio(event: RequestEvent, id: string) {
  if (!isObjectId(id)) return fail(404, { message: '组合专利不存在' });
  const result = await apiSend(event, 'DELETE', `/api/university/portfolios/${id}`);
  if (!result.ok) return fail(result.status, { code: result.error.error, message: result.error.message });
  redirect(303, '/university/portfolios?deleted=1');
}
