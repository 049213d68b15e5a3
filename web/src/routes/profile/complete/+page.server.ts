import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { profileBodySchema } from '@panhuo/domain/accounts/user';
import type { MeResponse } from '@panhuo/domain/accounts/user';
import { formValues } from '$lib/forms/field-errors';
import { apiFailure, invalidForm } from '$lib/server/form-failure';
import { apiFetch, apiSend } from '$lib/server/api';

/** The current profile (when editing a completed one) to fill the form. */
export const load: PageServerLoad = async (event) => {
  const me = await apiFetch<MeResponse>(event, '/api/auth/me');
  return {
    profile: me.ok ? me.data.user.profile : null,
    first: event.locals.user?.mustCompleteProfile ?? false,
  };
};

export const actions: Actions = {
  /** 完善注册信息: 部门, 职务, 手机号, 单位邮箱, checked with the domain schema, then PUT /api/auth/profile. */
  default: async (event) => {
    if (!event.locals.user) redirect(303, '/login?next=/profile/complete');
    const data = await event.request.formData();
    const values = formValues(data);
    const parsed = profileBodySchema.safeParse(values);
    if (!parsed.success) return invalidForm(values, parsed.error.issues);
    const result = await apiSend<MeResponse>(event, 'PUT', '/api/auth/profile', { json: parsed.data });
    if (!result.ok) {
      return apiFailure(result, values);
    }
    redirect(303, '/');
  },
};
