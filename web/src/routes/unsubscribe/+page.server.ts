import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { apiFetch } from '$lib/server/api';

/**
 * 退订关注库邮件提醒. A GET only shows the confirmation (a mail scanner following the link unsubscribes
 * no one); the button POSTs, and the API's token-authenticated route records it. Mail clients that
 * support RFC 8058 POST the API's one-click URL directly.
 */
export const load: PageServerLoad = ({ url }) => ({ token: url.searchParams.get('t') ?? '' });

export const actions: Actions = {
  default: async (event) => {
    const token = String((await event.request.formData()).get('t') ?? '');
    if (!token) return fail(400, { message: '退订链接不完整，请从邮件中重新打开。' });
    const result = await apiFetch<{ subscribed: false }>(
      event,
      `/api/digest/unsubscribe/${encodeURIComponent(token)}`,
      { method: 'POST' },
    );
    if (result.ok) return { done: true };
    const message =
      result.status === 400
        ? '退订链接已过期，请登录后在账号设置中关闭邮件提醒。'
        : '退订链接无效，请登录后在账号设置中关闭邮件提醒。';
    return fail(result.status >= 400 && result.status < 500 ? result.status : 502, { message });
  },
};
