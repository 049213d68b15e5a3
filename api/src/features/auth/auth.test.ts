import type { MeResponse } from '@panhuo/domain/accounts/user';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, signIn, TestSession } from '../../../test/auth-helpers';
import { startTestApp } from '../../../test/test-app';
import type { TestApp } from '../../../test/test-app';
import { UserModel } from '../accounts/model';
import { verifyPassword } from './password';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp('auth');
});
afterAll(() => app.close());

const storedSessions = () => mongoose.connection.db!.collection('sessions');

describe('POST /api/auth/login', () => {
  it('logs in, rotating the session id and the CSRF token, and /me then answers the user', async () => {
    const user = await createTestUser({ role: 'expert' });
    const session = new TestSession(app);
    const anonymousToken = await session.fetchCsrf();
    const anonymousId = session.sessionId;
    expect(anonymousId).toBeTruthy();

    const res = await session.login(user.account.toUpperCase(), user.password);
    expect(res.status).toBe(200);
    const me = res.body as MeResponse;
    expect(me.user).toMatchObject({
      id: user.id,
      account: user.account,
      role: 'expert',
      status: 'active',
      enterpriseId: user.enterpriseId,
    });
    expect(me.abilities).toContain('evaluation_library.evaluate');
    expect(me.abilities).not.toContain('experts.manage');
    expect(me.mustCompleteProfile).toBe(false);
    expect(session.sessionId).toBeTruthy();
    expect(session.sessionId).not.toBe(anonymousId);
    expect(me.csrfToken).not.toBe(anonymousToken);

    // The pre-login session is gone from the store; the new one is there.
    expect(await storedSessions().countDocuments({ _id: anonymousId as never })).toBe(0);
    expect(await storedSessions().countDocuments({ _id: session.sessionId as never })).toBe(1);

    const again = await session.request('/api/auth/me');
    expect(again.status).toBe(200);
    expect((again.body as MeResponse).user.id).toBe(user.id);
    expect(JSON.stringify(again.body)).not.toMatch(/passwordHash|argon2|sessionEpoch/);
  });

  it('sets an httpOnly, SameSite=Lax session cookie', async () => {
    const session = new TestSession(app);
    const res = await app.request('/api/auth/csrf', { headers: { 'x-forwarded-for': session.ip } });
    const cookie = res.headers.getSetCookie().find((line) => line.startsWith('panhuo.sid='));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i);
  });

  it('answers a wrong password and an unknown account with the same 401 and message', async () => {
    const user = await createTestUser({ role: 'enterprise_admin' });
    const wrong = await new TestSession(app).login(user.account, 'not-the-password1');
    const unknown = await new TestSession(app).login('no_such_account_x', 'whatever123');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual({ error: 'invalid_credentials', message: '账号或密码错误' });
    expect(unknown.body).toEqual(wrong.body);
  });

  it('refuses a frozen account only once its password is right', async () => {
    const user = await createTestUser({ role: 'expert', status: 'frozen' });
    const wrong = await new TestSession(app).login(user.account, 'not-the-password1');
    expect(wrong.body).toMatchObject({ error: 'invalid_credentials' });
    const right = await new TestSession(app).login(user.account, user.password);
    expect(right.status).toBe(403);
    expect(right.body).toEqual({ error: 'account_frozen', message: '账号已冻结，请联系管理员' });
  });

  it('answers a missing field with 400 and Chinese field errors', async () => {
    const session = new TestSession(app);
    await session.fetchCsrf();
    const res = await session.request('/api/auth/login', { method: 'POST', json: { account: ' ' } });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      error: 'validation_failed',
      fieldErrors: [
        { path: 'body.account', message: '请输入账号' },
        { path: 'body.password', message: '请输入密码' },
      ],
    });
  });

  it('answers a NUL or a lone surrogate in the account or password with 400 naming the field', async () => {
    const user = await createTestUser({ role: 'expert' });
    const cases: [Record<string, unknown>, string[]][] = [
      [{ account: `${user.account}\u0000x`, password: user.password }, ['body.account']],
      [{ account: user.account, password: `${user.password}\ud800` }, ['body.password']],
      // No password: the rate limits still count the raw account before validation runs.
      [{ account: 'a\u0000b' }, ['body.password']],
    ];
    for (const [json, paths] of cases) {
      const session = new TestSession(app);
      await session.fetchCsrf();
      const res = await session.request('/api/auth/login', { method: 'POST', json });
      expect(res.status, JSON.stringify(json)).toBe(400);
      const body = res.body as { error: string; fieldErrors: { path: string }[] };
      expect(body.error).toBe('validation_failed');
      expect(body.fieldErrors.map((error) => error.path).sort()).toEqual([...paths].sort());
    }
    expect((await new TestSession(app).login(user.account, user.password)).status).toBe(200);
  });
});

describe('GET /api/auth/me', () => {
  it('answers 401 without a session', async () => {
    const res = await new TestSession(app).request('/api/auth/me');
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ error: 'unauthenticated' });
  });

  it('answers 401 for a cookie with a forged signature', async () => {
    const { session } = await signIn(app, { role: 'university' });
    const forged = new TestSession(app);
    forged.cookie = `panhuo.sid=${encodeURIComponent(`s:${session.sessionId}.forgedsignature`)}`;
    expect((await forged.request('/api/auth/me')).status).toBe(401);
  });
});

describe('POST /api/auth/logout', () => {
  it('deletes the session: the old cookie no longer works', async () => {
    const { session } = await signIn(app, { role: 'operator' });
    const cookie = session.cookie;
    const sid = session.sessionId;
    const res = await session.request('/api/auth/logout', { method: 'POST' });
    expect(res.status).toBe(204);
    expect(res.headers.getSetCookie().join()).toMatch(/panhuo\.sid=;/);
    expect(await storedSessions().countDocuments({ _id: sid as never })).toBe(0);

    const replay = new TestSession(app);
    replay.cookie = cookie;
    expect((await replay.request('/api/auth/me')).status).toBe(401);
  });
});

describe('POST /api/auth/password', () => {
  it('changes the password, keeps this session under a new id and ends the others', async () => {
    const { user, session } = await signIn(app, { role: 'enterprise_admin' });
    const other = new TestSession(app);
    expect((await other.login(user.account, user.password)).status).toBe(200);
    const idBefore = session.sessionId;

    const res = await session.request('/api/auth/password', {
      method: 'POST',
      json: { currentPassword: user.password, newPassword: 'Brand9NewSecret' },
    });
    expect(res.status).toBe(200);
    expect(session.sessionId).not.toBe(idBefore);
    expect((await session.request('/api/auth/me')).status).toBe(200);
    expect((await other.request('/api/auth/me')).status).toBe(401);

    expect((await new TestSession(app).login(user.account, user.password)).status).toBe(401);
    expect((await new TestSession(app).login(user.account, 'Brand9NewSecret')).status).toBe(200);
    const stored = await UserModel.findById(user.id).lean();
    expect(stored?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(stored!.passwordHash, 'Brand9NewSecret')).toBe(true);
  });

  it('refuses a wrong current password and a weak new one, changing nothing', async () => {
    const { user, session } = await signIn(app, { role: 'expert' });
    const before = await UserModel.findById(user.id).lean();

    const wrong = await session.request('/api/auth/password', {
      method: 'POST',
      json: { currentPassword: 'not-it-123', newPassword: 'Another9Secret' },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toMatchObject({
      fieldErrors: [{ path: 'body.currentPassword', message: '当前密码不正确' }],
    });

    const weak = await session.request('/api/auth/password', {
      method: 'POST',
      json: { currentPassword: user.password, newPassword: 'onlyletters' },
    });
    expect(weak.status).toBe(400);
    expect(weak.body).toMatchObject({
      fieldErrors: [{ path: 'body.newPassword', message: '密码须包含数字' }],
    });

    const after = await UserModel.findById(user.id).lean();
    expect(after?.passwordHash).toBe(before?.passwordHash);
    expect(after?.sessionEpoch).toBe(before?.sessionEpoch);
    expect((await session.request('/api/auth/me')).status).toBe(200);
  });
});
