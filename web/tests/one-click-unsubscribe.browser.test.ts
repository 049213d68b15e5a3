import { afterAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '@panhuo/api/config';
import { signToken } from '@panhuo/api/features/digest/tokens';
import { createUser, disconnectTestDb, loginOverHttp } from './sign-in';

// The digest mail's List-Unsubscribe URL as a mail provider calls it (RFC 8058): a form POST from its own
// servers to the public web origin, with no Origin header and no cookie.
const baseUrl = inject('baseUrl');

afterAll(() => disconnectTestDb());

/** The account's 关注库 mail setting, read as the account itself. */
async function subscribed(account: string, password: string): Promise<boolean> {
  const cookie = `panhuo.sid=${await loginOverHttp(baseUrl, account, password)}`;
  const res = await fetch(`${baseUrl}/api/me/digest-subscription`, { headers: { cookie } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { subscribed: boolean }).subscribed;
}

const oneClick = (path: string) =>
  fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'List-Unsubscribe=One-Click',
  });

describe('one-click unsubscribe through the built web server', () => {
  it('unsubscribes the token’s recipient from a form POST without Origin or cookie', async () => {
    const admin = await createUser({ role: 'enterprise_admin' });
    expect(await subscribed(admin.account, admin.password)).toBe(true);
    const token = signToken(loadConfig({ ...process.env }).SESSION_SECRET, 'unsubscribe', {
      u: admin.id,
      e: Date.now() + 3600_000,
    });
    const res = await oneClick(`/api/digest/unsubscribe/${token}`);
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await res.json()).toEqual({ subscribed: false });
    expect(await subscribed(admin.account, admin.password)).toBe(false);
  });

  it('keeps refusing cross-site form POSTs to every other path', async () => {
    for (const path of ['/api/auth/logout', '/api/digest/unsubscribe/a/b', '/login']) {
      const res = await oneClick(path);
      expect(res.status, path).toBe(403);
      expect(await res.text(), path).toContain('Cross-site POST form submissions are forbidden');
    }
  });
});
