/**
 * Who may open which page. Pure, so the rules are unit-tested; hooks.server.ts applies them.
 * The API checks every permission again: this only keeps anonymous users and incomplete profiles out of
 * pages that could not work for them.
 */

/** Pages anyone may open: the public home, 登录, 实名认证 sign-up, the system status and 退订 (a mail link). */
const publicPaths = new Set(['/', '/login', '/verify', '/status', '/unsubscribe']);

/** Pages a signed-in user who has not yet completed the first-login profile may open. */
const incompleteProfilePaths = new Set(['/profile/complete', '/logout']);

/** Where a page request must go instead, or null to serve it. */
export type GuardDecision = { redirect: string } | null;

/** Signed-in state as the guard needs it. */
export interface GuardUser {
  mustCompleteProfile: boolean;
}

/**
 * A same-site path to return to after login (`next`), or null for anything that could leave the site
 * (`//evil.example`, `/\\evil`, absolute URLs) or loop back to the login page.
 */
export function safeNext(value: string | null | undefined): string | null {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return null;
  if ([...value].some((char) => char.charCodeAt(0) < 0x20)) return null;
  const path = value.split(/[?#]/)[0] ?? '';
  if (path === '/login' || path === '/logout') return null;
  return value;
}

/** Why a signed-in session ended on this request, as the API told (401 `account_frozen`). */
export type SessionEnd = 'frozen';

/**
 * The login address that brings the user back to `pathAndQuery` afterwards; with `ended`, the login page
 * also says why the session ended (`reason=frozen`: 账号已冻结).
 */
export function loginRedirect(pathAndQuery: string, ended?: SessionEnd): string {
  const params = [
    ...(ended ? [`reason=${ended}`] : []),
    ...(pathAndQuery === '/' ? [] : [`next=${encodeURIComponent(pathAndQuery)}`]),
  ];
  return params.length ? `/login?${params.join('&')}` : '/login';
}

/**
 * The decision for one page request: anonymous users go to /login (except on public pages and /logout);
 * users with an incomplete profile go to /profile/complete (except there and /logout); a signed-in user
 * asking for /login goes home. `pathAndQuery` is the request's path and query string. A session the API
 * just ended by freezing the account (`ended`) goes to the login page that says so, from any page.
 */
export function guardPage(
  pathname: string,
  pathAndQuery: string,
  user: GuardUser | null,
  ended?: SessionEnd,
): GuardDecision {
  if (!user && ended && pathname !== '/login' && pathname !== '/logout')
    return { redirect: loginRedirect(pathAndQuery, ended) };
  if (!user) {
    if (publicPaths.has(pathname) || pathname === '/logout') return null;
    return { redirect: loginRedirect(pathAndQuery) };
  }
  if (user.mustCompleteProfile) {
    if (incompleteProfilePaths.has(pathname)) return null;
    return { redirect: '/profile/complete' };
  }
  if (pathname === '/login') return { redirect: '/' };
  return null;
}
