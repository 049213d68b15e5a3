import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import type { MyExpert } from '@panhuo/domain/experts/dto';
import { expertInfoBodySchema } from '@panhuo/domain/experts/forms';
import { formValues } from '$lib/forms/field-errors';
import { apiFetch, apiSend } from '$lib/server/api';
import { apiFailure, invalidForm } from '$lib/server/form-failure';
import { dataOrError } from '$lib/server/load-error';

/** 我的空间—专家信息: the signed-in expert's info, status, review opinions and certificate. */
export const load: PageServerLoad = async (event) => {
  const expert = dataOrError(await apiFetch<MyExpert>(event, '/api/me/expert'));
  return { expert };
};

/** The form as the API's body: repeated checkboxes become the two code lists. */
function bodyOf(data: FormData) {
  return {
    ...formValues(data),
    strategicIndustries: data.getAll('strategicIndustries').map(String),
    economicIndustries: data.getAll('economicIndustries').map(String),
  };
}

export const actions: Actions = {
  /** 保存: the whole 专家信息, checked with the domain schema (codes against the taxonomies). */
  save: async (event) => {
    if (!event.locals.user) redirect(303, '/login');
    const values = bodyOf(await event.request.formData());
    const parsed = expertInfoBodySchema.safeParse(values);
    if (!parsed.success) return invalidForm(values, parsed.error.issues);
    const result = await apiSend<MyExpert>(event, 'PUT', '/api/me/expert', { json: parsed.data });
    if (!result.ok) return apiFailure(result, values);
    return { saved: true };
  },
  /** 申请入库: submits the saved info to the enterprise admin (→ 待审核). */
  apply: async (event) => {
    if (!event.locals.user) redirect(303, '/login');
    const result = await apiSend<MyExpert>(event, 'POST', '/api/me/expert/apply');
    if (!result.ok) return apiFailure(result);
    return { applied: true };
  },
};
