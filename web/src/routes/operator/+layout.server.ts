import { error } from '@sveltejs/kit';
import type { LayoutServerLoad } from './$types';
import { hasAbility } from '$lib/session-user';

/**
 * The operator console is for holders of operator.console only: others get the 403 page at once instead
 * of a page of refused API calls (the API checks every call again).
 */
export const load: LayoutServerLoad = ({ locals }) => {
  if (!hasAbility(locals.user, 'operator.console'))
    error(403, { message: '仅平台运营人员可以访问此页面', code: 'forbidden' });
};
