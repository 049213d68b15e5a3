import type { LayoutServerLoad } from './$types';
import { toPublicUser } from '$lib/session-user';

/** The signed-in user for the shell (user menu, role-aware menu); the CSRF token stays on the server. */
export const load: LayoutServerLoad = ({ locals }) => ({
  user: locals.user ? toPublicUser(locals.user) : null,
});
