import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { firstLoginBodySchema } from '@panhuo/domain/accounts/first-login';
import type { MeResponse } from '@panhuo/domain/accounts/user';
import { formValues } from '$lib/forms/field-errors';
import { apiFailure, invalidForm } from '$lib/server/form-failure';
import { apiFetch, apiSend } from '$lib/server/api';

const passwordFields = ['currentPassword', 'newPassword', 'confirmPassword'];

/**
 * The current profile (when editing a completed one) or, at first login, what the account's opener
 * entered (部门, 职务, 手机号) to fill the form; and whether the one-time password must be replaced.
 */
export const load: PageServerLoad = async (event) => {
  const me = await apiFetch<MeResponse>(event, '/api/auth/me');
  const draft = me.ok ? me.data.profileDraft : null;
  return {
    profile: me.ok ? me.data.user.profile : null,
    draft: {
      department: draft?.department ?? '',
      position: draft?.position ?? '',
      phone: draft?.phone ?? '',
    },
    mustChangePassword: me.ok ? me.data.mustChangePassword : false,
    first: event.locals.user?.mustCompleteProfile ?? false,
  };
};

export const actions: Actions = {
  /**
   * 完善注册信息: 部门, 职务, 手机号, 单位邮箱 (and the one-time password with a new one, confirmed
   * twice), checked with the domain schema, then PUT /api/auth/profile. A new password rotates the
   * session; apiSend hands the new cookie to the browser.
   */
  default: async (event) => {
    if (!event.locals.user) redirect(303, '/login?next=/profile/complete');
    const data = await event.request.formData();
    const values = formValues(data, passwordFields);
    const body: Record<string, unknown> = { ...values };
    const newPassword = data.get('newPassword');
    if (typeof newPassword === 'string' && newPassword !== '') {
      body.newPassword = newPassword;
      body.currentPassword = data.get('currentPassword') ?? '';
    }
    const parsed = firstLoginBodySchema.safeParse(body);
    const mismatch: Record<string, string> = {};
    if (newPassword !== null && data.get('confirmPassword') !== newPassword)
      mismatch.confirmPassword = '两次输入的新密码不一致';
    if (!parsed.success || mismatch.confirmPassword)
      return invalidForm(values, parsed.success ? [] : parsed.error.issues, mismatch);
    const result = await apiSend<MeResponse>(event, 'PUT', '/api/auth/profile', { json: parsed.data });
    if (!result.ok) return apiFailure(result, values);
    redirect(303, '/');
  },
};
