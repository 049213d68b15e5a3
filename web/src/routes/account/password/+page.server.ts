import type { Actions } from './$types';
import { passwordChangeBodySchema } from '@panhuo/domain/accounts/user';
import type { MeResponse } from '@panhuo/domain/accounts/user';
import { apiFailure, invalidForm } from '$lib/server/form-failure';
import { apiSend } from '$lib/server/api';

export const actions: Actions = {
  /**
   * 修改密码: the domain schema checks the new password; the confirmation must match. The API ends every
   * other session and rotates this one; the new cookie is handed to the browser.
   */
  default: async (event) => {
    const data = await event.request.formData();
    const body = { currentPassword: data.get('currentPassword'), newPassword: data.get('newPassword') };
    const parsed = passwordChangeBodySchema.safeParse(body);
    const mismatch: Record<string, string> = {};
    if (data.get('confirmPassword') !== data.get('newPassword'))
      mismatch.confirmPassword = '两次输入的新密码不一致';
    if (!parsed.success || mismatch.confirmPassword)
      return invalidForm({}, parsed.success ? [] : parsed.error.issues, mismatch);
    const result = await apiSend<MeResponse>(event, 'POST', '/api/auth/password', { json: parsed.data });
    if (!result.ok) {
      return apiFailure(result);
    }
    return { changed: true };
  },
};
