/** The four kinds of account the platform knows (see the roles in the enterprise manual). */
export type UserRole = 'enterprise_admin' | 'expert' | 'university' | 'operator';

/**
 * What the web app keeps about the signed-in user for one request: enough to render the shell and
 * decide which menu items and actions to offer. The API remains the authority on every permission.
 */
export interface SessionUser {
  id: string;
  name: string;
  role: UserRole;
}
