import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { apiFetch, apiSend } from '$lib/server/api';
import { apiFailure } from '$lib/server/form-failure';
import { hasAbility } from '$lib/session-user';

/** 账号设置: the 关注库 mail switch (for enterprise users), reversing an unsubscribe from a mail. */
export const load: PageServerLoad = async (event) => {
  if (!hasAbility(event.locals.user, 'attention_library.view')) return { subscription: null };
  const result = await apiFetch<{ subscribed: boolean }>(event, '/api/me/digest-subscription');
  return { subscription: result.ok ? result.data : null };
};

export const actions: Actions = {
  subscription: async (event) => {
    if (!event.locals.user) redirect(303, '/login');
    const subscribed = (await event.request.formData()).get('subscribed') === 'true';
    const result = await apiSend<{ subscribed: boolean }>(event, 'PUT', '/api/me/digest-subscription', {
      json: { subscribed },
    });
    if (!result.ok) return apiFailure(result);
    return { saved: result.data.subscribed };
  },
};
