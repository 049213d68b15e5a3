import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operatorScope, signIn, TestSession } from '../../../test/auth-helpers';
import { startTestApp } from '../../../test/test-app';
import type { TestApp } from '../../../test/test-app';
import { setUserStatus } from '../accounts/store';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp('frozen_session');
});
afterAll(() => app.close());

describe('a session ended by freezing', () => {
  it('answers its next request 401 account_frozen, then plain unauthenticated', async () => {
    const { user, session } = await signIn(app, { role: 'expert' });
    expect((await session.request('/api/auth/me')).status).toBe(200);
    await setUserStatus(operatorScope(), user.id, 'frozen');

    const first = await session.request('/api/auth/me');
    expect(first.status).toBe(401);
    expect(first.body).toEqual({ error: 'account_frozen', message: '账号已冻结，请联系管理员' });
    // The user is gone from the session now: it is simply not signed in.
    const second = await session.request('/api/auth/me');
    expect(second.status).toBe(401);
    expect(second.body).toMatchObject({ error: 'unauthenticated' });
  });

  it('keeps a session ended by a password change elsewhere a plain unauthenticated', async () => {
    const { user, session } = await signIn(app, { role: 'expert' });
    const elsewhere = new TestSession(app);
    expect((await elsewhere.login(user.account, user.password)).status).toBe(200);
    const changed = await session.request('/api/auth/password', {
      method: 'POST',
      json: { currentPassword: user.password, newPassword: 'Changed2026pass' },
    });
    expect(changed.status).toBe(200);
    const res = await elsewhere.request('/api/auth/me');
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ error: 'unauthenticated' });
  });
});
