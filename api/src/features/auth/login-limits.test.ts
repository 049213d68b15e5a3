import type { MeResponse } from '@panhuo/domain/accounts/user';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awayFromWindowEdge, createTestUser, TestSession } from '../../../test/auth-helpers';
import { startTestApp } from '../../../test/test-app';
import type { TestApp } from '../../../test/test-app';
import { RateLimitHitModel } from '../../http/rate-limit';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp('login_limits');
});
afterAll(() => app.close());

const minute = 60_000;

describe('login rate limits', () => {
  it('refuses the 6th attempt on an account within a minute, even with the right password', async () => {
    const user = await createTestUser({ role: 'enterprise_admin' });
    await awayFromWindowEdge(minute, 15_000);
    for (let attempt = 1; attempt <= 5; attempt++) {
      // Each attempt from another address: only the per-account limit is in play.
      const res = await new TestSession(app).login(user.account, `wrong-${attempt}-pw`);
      expect(res.status, `attempt ${attempt}`).toBe(401);
    }
    const sixth = await new TestSession(app).login(user.account, user.password);
    expect(sixth.status).toBe(429);
    expect(sixth.body).toMatchObject({
      error: 'rate_limited',
      message: '该账号登录失败次数过多，请1分钟后再试',
    });
    const retryAfter = Number(sixth.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // The account is counted however it is typed.
    expect((await new TestSession(app).login(` ${user.account.toUpperCase()} `, user.password)).status).toBe(
      429,
    );
    // Another account is not affected.
    const other = await createTestUser({ role: 'expert' });
    expect((await new TestSession(app).login(other.account, other.password)).status).toBe(200);
  });

  it('counts failures only: successful logins do not use up the attempts', async () => {
    const user = await createTestUser({ role: 'expert' });
    await awayFromWindowEdge(minute, 15_000);
    // Two rounds of 2 failures + 1 success: if successes counted, the second success would be the 6th attempt.
    for (let round = 1; round <= 2; round++) {
      expect((await new TestSession(app).login(user.account, 'wrong-pw-123')).status).toBe(401);
      expect((await new TestSession(app).login(user.account, 'wrong-pw-456')).status).toBe(401);
      const ok = await new TestSession(app).login(user.account, user.password);
      expect(ok.status, `round ${round}`).toBe(200);
    }
    expect(await RateLimitHitModel.countDocuments({ key: `login-account:${user.account}` })).toBe(4);
  });

  it('refuses a burst of parallel wrong attempts beyond the limit', async () => {
    const user = await createTestUser({ role: 'expert' });
    await awayFromWindowEdge(minute, 15_000);
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => new TestSession(app).login(user.account, `burst-${i}-pw`)),
    );
    const checked = results.filter((res) => res.status === 401).length;
    expect(checked).toBeLessThanOrEqual(5);
    expect(results.filter((res) => res.status === 429).length).toBeGreaterThanOrEqual(7);
  });

  it('refuses the 21st failed attempt from one IP across accounts, not other IPs', async () => {
    const user = await createTestUser({ role: 'university' });
    await awayFromWindowEdge(minute, 20_000);
    const ip = '192.0.2.77';
    for (let attempt = 1; attempt <= 20; attempt++) {
      // 20 different (unknown) accounts: the per-account limit never triggers.
      const res = await new TestSession(app, ip).login(`sprayed_${attempt}_account`, 'guess-123-pw');
      expect(res.status, `attempt ${attempt}`).toBe(401);
    }
    const blocked = await new TestSession(app, ip).login(user.account, user.password);
    expect(blocked.status).toBe(429);
    expect(blocked.body).toMatchObject({ error: 'rate_limited' });
    const elsewhere = await new TestSession(app, '192.0.2.78').login(user.account, user.password);
    expect(elsewhere.status).toBe(200);
    expect((elsewhere.body as MeResponse).user.id).toBe(user.id);
  });

  it('limits guesses of the current password through a signed-in session', async () => {
    const user = await createTestUser({ role: 'expert' });
    const session = new TestSession(app);
    expect((await session.login(user.account, user.password)).status).toBe(200);
    await awayFromWindowEdge(minute, 15_000);
    for (let attempt = 1; attempt <= 5; attempt++) {
      const res = await session.request('/api/auth/password', {
        method: 'POST',
        json: { currentPassword: `guess-${attempt}-x`, newPassword: 'Fresh9Password' },
      });
      expect(res.status).toBe(400);
    }
    const sixth = await session.request('/api/auth/password', {
      method: 'POST',
      json: { currentPassword: user.password, newPassword: 'Fresh9Password' },
    });
    expect(sixth.status).toBe(429);
    expect((await new TestSession(app).login(user.account, user.password)).status).toBe(200);
  });
});
