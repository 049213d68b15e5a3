import type { MeResponse } from '@panhuo/domain/accounts/user';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../../../test/auth-helpers';
import { startTestApp } from '../../../test/test-app';
import type { TestApp } from '../../../test/test-app';
import { UserModel } from '../accounts/model';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp('profile');
});
afterAll(() => app.close());

const goodProfile = {
  department: '技术中心',
  position: '总工程师',
  phone: '+86 139-1234-5678',
  email: ' Wang@Corp.Example.CN ',
};

describe('first-login profile', () => {
  it('gates protected routes until 部门职务, 手机号 and 单位邮箱 are completed', async () => {
    const { user, session, me } = await signIn(app, { role: 'enterprise_admin', profileComplete: false });
    expect(me.mustCompleteProfile).toBe(true);
    expect(me.user.profile).toBeNull();

    // /me stays open so the web can show the form; everything else is gated.
    expect((await session.request('/api/auth/me')).status).toBe(200);
    const gated = await session.request('/api/auth/password', {
      method: 'POST',
      json: { currentPassword: user.password, newPassword: 'Other9Password' },
    });
    expect(gated.status).toBe(403);
    expect(gated.body).toEqual({
      error: 'profile_incomplete',
      message: '请先完善部门职务、手机号和单位邮箱',
    });

    const bad = await session.request('/api/auth/profile', {
      method: 'PUT',
      json: { department: ' ', position: '总工程师', phone: '1234567', email: 'not-an-email' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({
      error: 'validation_failed',
      fieldErrors: [
        { path: 'body.department', message: '请填写部门' },
        { path: 'body.phone', message: '请输入正确的11位手机号码' },
        { path: 'body.email', message: '请输入正确的单位邮箱' },
      ],
    });
    expect((await UserModel.findById(user.id).lean())?.profile).toBeNull();

    const done = await session.request('/api/auth/profile', { method: 'PUT', json: goodProfile });
    expect(done.status).toBe(200);
    const completed = done.body as MeResponse;
    expect(completed.mustCompleteProfile).toBe(false);
    expect(completed.user.profile).toEqual({
      department: '技术中心',
      position: '总工程师',
      phone: '13912345678',
      email: 'wang@corp.example.cn',
    });
    expect(completed.user.profileCompletedAt).not.toBeNull();

    const unlocked = await session.request('/api/auth/password', {
      method: 'POST',
      json: { currentPassword: user.password, newPassword: 'Other9Password' },
    });
    expect(unlocked.status).toBe(200);
  });

  it('keeps the first completion date when the profile is edited later', async () => {
    const { session } = await signIn(app, { role: 'expert', profileComplete: false });
    const first = (await session.request('/api/auth/profile', { method: 'PUT', json: goodProfile }))
      .body as MeResponse;
    const edited = await session.request('/api/auth/profile', {
      method: 'PUT',
      json: { ...goodProfile, position: '首席专家' },
    });
    expect(edited.status).toBe(200);
    const body = edited.body as MeResponse;
    expect(body.user.profile?.position).toBe('首席专家');
    expect(body.user.profileCompletedAt).toBe(first.user.profileCompletedAt);
  });

  it('refuses NUL, lone surrogates, bidi overrides and zero-width-only text per field, storing nothing', async () => {
    const { user, session } = await signIn(app, { role: 'enterprise_admin', profileComplete: false });
    const cases: [Partial<typeof goodProfile>, { path: string; message: string }][] = [
      [{ department: '技术\u0000中心' }, { path: 'body.department', message: '部门不能包含控制字符' }],
      [{ department: '\u001b[2J技术中心' }, { path: 'body.department', message: '部门不能包含控制字符' }],
      [{ position: '总工\uD800程师' }, { path: 'body.position', message: '职务包含无法识别的字符' }],
      [{ position: '\u200B\u200D\uFEFF' }, { path: 'body.position', message: '请填写职务' }],
      [{ position: '总工程师\u202E' }, { path: 'body.position', message: '职务不能包含文字方向控制字符' }],
      [{ department: '技术\n中心' }, { path: 'body.department', message: '部门不能换行' }],
      [{ department: '部'.repeat(51) }, { path: 'body.department', message: '部门最多50个字' }],
    ];
    for (const [change, fieldError] of cases) {
      const res = await session.request('/api/auth/profile', {
        method: 'PUT',
        json: { ...goodProfile, ...change },
      });
      expect(res.status).toBe(400);
      expect(res.body).toEqual({
        error: 'validation_failed',
        message: '请求参数有误',
        fieldErrors: [fieldError],
      });
    }
    expect((await UserModel.findById(user.id).lean())?.profile).toBeNull();

    // Zero-width characters at the ends are trimmed, not stored.
    const trimmed = await session.request('/api/auth/profile', {
      method: 'PUT',
      json: { ...goodProfile, department: '\u200B技术中心\u200B' },
    });
    expect(trimmed.status).toBe(200);
    expect((await UserModel.findById(user.id).lean())?.profile?.department).toBe('技术中心');
  });

  it('answers 401, not 403, to a visitor who is not signed in', async () => {
    const { session } = await signIn(app, { role: 'expert' });
    await session.request('/api/auth/logout', { method: 'POST' });
    await session.fetchCsrf();
    const res = await session.request('/api/auth/profile', { method: 'PUT', json: goodProfile });
    expect(res.status).toBe(401);
  });
});
