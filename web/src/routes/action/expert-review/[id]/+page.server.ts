import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import type { ExpertDetail } from '@panhuo/domain/experts/dto';
import { expertParamsSchema, expertReviewBodySchema } from '@panhuo/domain/experts/forms';
import { formValues } from '$lib/forms/field-errors';
import { apiFetch, apiSend } from '$lib/server/api';
import { apiFailure, invalidForm } from '$lib/server/form-failure';
import { dataOrError } from '$lib/server/load-error';

function idOf(params: Record<string, string>): string {
  const parsed = expertParamsSchema.safeParse(params);
  if (!parsed.success) error(404, { message: '专家不存在', code: 'not_found' });
  return parsed.data.id;
}

/** 审核 of one expert: the info, the earlier reviews, and the form while 待审核. */
export const load: PageServerLoad = async (event) => {
  const expert = dataOrError(await apiFetch<ExpertDetail>(event, `/api/experts/${idOf(event.params)}`));
  return { expert };
};

export const actions: Actions = {
  /** 通过 or 不通过 with an opinion (required to reject), checked with the domain schema. */
  default: async (event) => {
    if (!event.locals.user) redirect(303, '/login');
    const id = idOf(event.params);
    const data = await event.request.formData();
    const values = formValues(data);
    const parsed = expertReviewBodySchema.safeParse(values);
    if (!parsed.success) return invalidForm(values, parsed.error.issues);
    const result = await apiSend<ExpertDetail>(event, 'POST', `/api/experts/${id}/review`, {
      json: parsed.data,
    });
    if (!result.ok) return apiFailure(result, values);
    redirect(303, `/action/expert-review?reviewed=${encodeURIComponent(result.data.name)}`);
  },
};
