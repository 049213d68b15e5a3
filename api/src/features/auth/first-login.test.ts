import type { ExpertCreated } from '@panhuo/domain/experts/dto';
import type { MeResponse } from '@panhuo/domain/accounts/user';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, TestSession } from '../../../test/auth-helpers';
import { startTestApp } from '../../../test/test-app';
import type { TestApp } from '../../../test/test-app';
import { UserModel } from '../accounts/model';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp('first_login');
});
afterAll(() => app.close());

const profile = { department: '研发中心', position: '首席工程师', phone: '13957101001', email: 'x@corp.cn' };

/** An expert account opened by an admin's 新增 (with or without a typed password); its login session. */
async function openedExpert(password?: string) {
  const { session: admin } = await signIn(app, { role: 'enterprise_admin' });
  const account = `first_${Math.random().toString(36).slice(2, 10)}`;
  const res = await admin.request('/api/experts', {
    method: 'POST',
    json: {
      name: '王立军',
      account,
      phone: '139 5710 1001',
      position: '首席工程师',
      department: '电池研究院',
      ...(password ? { password } : {}),
    },
  });
  expect(res.status).toBe(201);
  const created = res.body as ExpertCreated;
  const oneTime = password ?? created.initialPassword ?? '';
  const session = new TestSession(app);
  const login = await session.login(account, oneTime);
  expect(login.status).toBe(200);
  return { id: created.expert.id, account, oneTime, session, me: login.body as MeResponse };
}

describe('first login with a one-time password', () => {
  it('says so in /me with the admin’s 部门, 职务 and 手机号, and refuses the profile without a new password', async () => {
    const { id, session, me } = await openedExpert();
    expect(me).toMatchObject({
      mustCompleteProfile: true,
      mustChangePassword: true,
      profileDraft: { department: '电池研究院', position: '首席工程师', phone: '13957101001' },
    });

    const refused = await session.request('/api/auth/profile', { method: 'PUT', json: profile });
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual({
      error: 'validation_failed',
      message: '首次登录请修改初始密码',
      fieldErrors: [{ path: 'body.newPassword', message: '请设置新密码' }],
    });
    expect((await UserModel.findById(id).lean())?.profileCompletedAt).toBeUndefined();
  });

  it('completes the profile with the one-time password replaced; the old one no longer logs in', async () => {
    const { id, account, oneTime, session } = await openedExpert('Typed2026pass');
    const before = await UserModel.findById(id).lean();

    const wrong = await session.request('/api/auth/profile', {
      method: 'PUT',
      json: { ...profile, currentPassword: 'Wrong2026pass', newPassword: 'Mine2026pass' },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toMatchObject({
      fieldErrors: [{ path: 'body.currentPassword', message: '初始密码不正确' }],
    });
    const same = await session.request('/api/auth/profile', {
      method: 'PUT',
      json: { ...profile, currentPassword: oneTime, newPassword: oneTime },
    });
    expect(same.status).toBe(400);
    expect(same.body).toMatchObject({
      fieldErrors: [{ path: 'body.newPassword', message: '新密码不能与初始密码相同' }],
    });

    const done = await session.request('/api/auth/profile', {
      method: 'PUT',
      json: { ...profile, currentPassword: oneTime, newPassword: 'Mine2026pass' },
    });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ mustCompleteProfile: false, mustChangePassword: false });
    const after = await UserModel.findById(id).lean();
    expect(after?.passwordHash).not.toBe(before?.passwordHash);
    expect(after?.sessionEpoch).toBe((before?.sessionEpoch ?? 0) + 1);
    expect(after?.profile?.department).toBe('研发中心');

    // This session continues under its new id; the one-time password is spent.
    expect((await session.request('/api/auth/me')).status).toBe(200);
    expect((await new TestSession(app).login(account, oneTime)).status).toBe(401);
    expect((await new TestSession(app).login(account, 'Mine2026pass')).status).toBe(200);
  });

  it('leaves accounts with a password of their own alone: no password needed for the profile', async () => {
    const { session, me } = await signIn(app, { role: 'enterprise_admin', profileComplete: false });
    expect(me).toMatchObject({ mustChangePassword: false, profileDraft: null });
    const done = await session.request('/api/auth/profile', { method: 'PUT', json: profile });
    expect(done.status).toBe(200);
  });
});
