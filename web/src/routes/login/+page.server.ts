import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { loginBodySchema } from '@panhuo/domain/accounts/user';
import type { MeResponse } from '@panhuo/domain/accounts/user';
import { formValues } from '$lib/forms/field-errors';
import { apiFailure, invalidForm } from '$lib/server/form-failure';
import { apiSend } from '$lib/server/api';
import { safeNext } from '$lib/server/guard';

/**
 * The page after login: the `next` the guard sent along (same-site paths only), else the home page; and
 * whether the previous session ended because the account was frozen (the guard's `reason=frozen`).
 */
export const load: PageServerLoad = ({ url, locals }) => ({
  next: safeNext(url.searchParams.get('next')),
  frozen: url.searchParams.get('reason') === 'frozen' || locals.sessionEnded === 'frozen',
});

export const actions: Actions = {
  /**
   * 登录: validates with the domain's login schema, gets a CSRF token for the browser's session (creating
   * it), posts the credentials, hands the rotated session cookie to the browser and goes to `next`.
   */
  default: async (event) => {
    const data = await event.request.formData();
    const values = formValues(data, ['password']);
    const parsed = loginBodySchema.safeParse({
      account: data.get('account'),
      password: data.get('password'),
    });
    if (!parsed.success) return invalidForm(values, parsed.error.issues);

    // Whoever was signed in before in this browser is not any more: log in as a fresh anonymous session.
    event.locals.user = null;
    const result = await apiSend<MeResponse>(event, 'POST', '/api/auth/login', { json: parsed.data });
    if (!result.ok) {
      return apiFailure(result, values);
    }
    const next = safeNext(data.get('next')?.toString() ?? event.url.searchParams.get('next'));
    redirect(303, result.data.mustCompleteProfile ? '/profile/complete' : (next ?? '/'));
  },
};
