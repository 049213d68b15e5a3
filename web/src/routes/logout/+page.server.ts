import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { apiSend } from '$lib/server/api';

/** /logout is a form target, not a page: a plain visit goes home. */
export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
  /** 退出登录: ends the session at the API (which clears the cookie) and goes to the login page. */
  default: async (event) => {
    if (event.locals.user) await apiSend(event, 'POST', '/api/auth/logout');
    // Whatever the API answered, this browser forgets the session.
    event.cookies.delete('panhuo.sid', { path: '/' });
    redirect(303, '/login');
  },
};
