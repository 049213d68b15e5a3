import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, signIn, TestSession } from '../../../test/auth-helpers';
import { startTestApp } from '../../../test/test-app';
import type { TestApp } from '../../../test/test-app';
import { UserModel } from '../accounts/model';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp('csrf');
});
afterAll(() => app.close());

const csrfFailed = { error: 'csrf_failed', message: '页面已过期或请求来源无效，请刷新页面后重试' };

describe('CSRF protection', () => {
  it('refuses a login without a token or with a forged one, and logs nobody in', async () => {
    const user = await createTestUser({ role: 'expert' });
    const session = new TestSession(app);
    await session.fetchCsrf();

    const missing = await session.request('/api/auth/login', {
      method: 'POST',
      json: { account: user.account, password: user.password },
      csrf: false,
    });
    expect(missing.status).toBe(403);
    expect(missing.body).toEqual(csrfFailed);

    const forged = await session.request('/api/auth/login', {
      method: 'POST',
      json: { account: user.account, password: user.password },
      csrf: 'A'.repeat(43),
    });
    expect(forged.status).toBe(403);
    expect(forged.body).toEqual(csrfFailed);
    expect((await session.request('/api/auth/me')).status).toBe(401);
  });

  it('refuses a token that belongs to another session', async () => {
    const user = await createTestUser({ role: 'expert' });
    const attacker = new TestSession(app);
    const attackerToken = await attacker.fetchCsrf();
    const victim = new TestSession(app);
    await victim.fetchCsrf();
    const res = await victim.request('/api/auth/login', {
      method: 'POST',
      json: { account: user.account, password: user.password },
      csrf: attackerToken,
    });
    expect(res.status).toBe(403);
  });

  it('refuses a password change and a profile edit with a forged token, changing nothing', async () => {
    const { user, session } = await signIn(app, { role: 'enterprise_admin' });
    const before = await UserModel.findById(user.id).lean();

    const password = await session.request('/api/auth/password', {
      method: 'POST',
      json: { currentPassword: user.password, newPassword: 'Stolen9Password' },
      csrf: 'forged-token',
    });
    expect(password.status).toBe(403);
    expect(password.body).toEqual(csrfFailed);

    const profile = await session.request('/api/auth/profile', {
      method: 'PUT',
      json: { department: '攻击部', position: '攻击者', phone: '13900000000', email: 'evil@example.com' },
      csrf: false,
    });
    expect(profile.status).toBe(403);

    const logout = await session.request('/api/auth/logout', { method: 'POST', csrf: false });
    expect(logout.status).toBe(403);

    const after = await UserModel.findById(user.id).lean();
    expect(after).toEqual(before);
    expect((await session.request('/api/auth/me')).status).toBe(200);
  });

  it('does not accept the token of the pre-login session after login', async () => {
    const user = await createTestUser({ role: 'expert' });
    const session = new TestSession(app);
    const oldToken = await session.fetchCsrf();
    expect((await session.login(user.account, user.password)).status).toBe(200);
    const res = await session.request('/api/auth/logout', { method: 'POST', csrf: oldToken });
    expect(res.status).toBe(403);
    expect((await session.request('/api/auth/logout', { method: 'POST' })).status).toBe(204);
  });

  it('leaves GET requests alone', async () => {
    const res = await new TestSession(app).request('/api/healthz');
    expect(res.status).not.toBe(403);
  });
});
