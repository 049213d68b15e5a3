import type { MeResponse } from '@panhuo/domain/accounts/user';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, TestSession } from '../../../test/auth-helpers';
import { startTestApp } from '../../../test/test-app';
import type { TestApp } from '../../../test/test-app';
import { RateLimitHitModel, rateLimitClock, storedKeyOf } from '../../http/rate-limit';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp('login_limits');
});
afterAll(() => app.close());

const minute = 60_000;
const realNow = rateLimitClock.now;
afterEach(() => {
  rateLimitClock.now = realNow;
});

/** Sets the limiter's clock to `at` (ms since epoch); it stands still there until set again. */
function clockAt(at: number): void {
  rateLimitClock.now = () => at;
}

/** Sends `count` wrong passwords for the account, each from the session `from(attempt)`; all must be 401. */
async function fail(account: string, count: number, from: (attempt: number) => TestSession): Promise<void> {
  for (let attempt = 1; attempt <= count; attempt++) {
    const res = await from(attempt).login(account, `wrong-${attempt}-pw`);
    expect(res.status, `failure ${attempt}`).toBe(401);
  }
}

describe('login rate limits', () => {
  it('counts failures over a sliding minute: 3 before a minute edge and 2 after it lock the account+IP', async () => {
    const user = await createTestUser({ role: 'enterprise_admin' });
    const ip = '192.0.2.10';
    // A whole minute well ahead of the real clock, so no real hit of this file lands in the same window.
    const edge = (Math.ceil(Date.now() / minute) + 5) * minute;
    clockAt(edge - 2000);
    await fail(user.account, 3, () => new TestSession(app, ip));
    clockAt(edge + 1000);
    await fail(user.account, 2, () => new TestSession(app, ip));
    // Per fixed minute this would be the 3rd attempt of a new window; within the last 60 s it is the 6th.
    const locked = await new TestSession(app, ip).login(user.account, user.password);
    expect(locked.status).toBe(429);
    expect(locked.body).toMatchObject({
      error: 'rate_limited',
      message: '该账号登录失败次数过多，请1分钟后再试',
    });
    // Free once the three oldest failures are a minute old: 57 s from now.
    expect(locked.headers.get('retry-after')).toBe('57');
    clockAt(edge + 57_999);
    expect((await new TestSession(app, ip).login(user.account, user.password)).status).toBe(429);
    clockAt(edge + 58_001);
    expect((await new TestSession(app, ip).login(user.account, user.password)).status).toBe(200);
  });

  it('locks the account at one address after 5 failures, and everywhere only after 15', async () => {
    const user = await createTestUser({ role: 'expert' });
    const guesser = '192.0.2.20';
    await fail(user.account, 5, () => new TestSession(app, guesser));
    expect((await new TestSession(app, guesser).login(user.account, user.password)).status).toBe(429);
    // The owner at another address is not locked out by the guesser's address.
    const owner = await new TestSession(app, '192.0.2.21').login(user.account, user.password);
    expect(owner.status).toBe(200);
    expect((owner.body as MeResponse).user.id).toBe(user.id);

    // Guesses spread over many addresses: 10 more make 15 failures on the account within 10 minutes.
    await fail(user.account, 10, (attempt) => new TestSession(app, `198.51.100.${attempt}`));
    const everywhere = await new TestSession(app, '203.0.113.9').login(user.account, user.password);
    expect(everywhere.status).toBe(429);
    expect(everywhere.body).toMatchObject({ error: 'rate_limited' });
    const retryAfter = Number(everywhere.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(60);
    expect(retryAfter).toBeLessThanOrEqual(600);
    // The account is counted however it is typed.
    expect(
      (await new TestSession(app, '203.0.113.10').login(` ${user.account.toUpperCase()} `, user.password))
        .status,
    ).toBe(429);
  });

  it('two accounts behind one address: brute-forcing one does not lock the other out', async () => {
    const [target, colleague] = [
      await createTestUser({ role: 'enterprise_admin' }),
      await createTestUser({ role: 'expert' }),
    ];
    const office = '192.0.2.30';
    const results = [];
    for (let attempt = 1; attempt <= 12; attempt++) {
      results.push((await new TestSession(app, office).login(target.account, `guess-${attempt}-pw`)).status);
    }
    expect(results).toEqual([...Array<number>(5).fill(401), ...Array<number>(7).fill(429)]);
    // Refused attempts are not stored as failures: the target holds 5 hits, not 12.
    expect(
      await RateLimitHitModel.countDocuments({ key: storedKeyOf('login-account', target.account) }),
    ).toBe(5);
    // Meanwhile 15 other people in the office mistype their passwords once: 20 failures from the address.
    for (let person = 1; person <= 15; person++) {
      const res = await new TestSession(app, office).login(`office_${person}_staff`, 'typo-123-pw');
      expect(res.status, `person ${person}`).toBe(401);
    }
    const ok = await new TestSession(app, office).login(colleague.account, colleague.password);
    expect(ok.status).toBe(200);
    expect((ok.body as MeResponse).user.id).toBe(colleague.id);
    // The target itself stays locked at the office, not where its owner is.
    expect((await new TestSession(app, office).login(target.account, target.password)).status).toBe(429);
    expect((await new TestSession(app, '192.0.2.31').login(target.account, target.password)).status).toBe(
      200,
    );
  });

  it('slows an address spraying many accounts down but still logs a correct password in', async () => {
    const user = await createTestUser({ role: 'university' });
    const ip = '192.0.2.40';
    // 24 unknown accounts, one guess each: no account limit is reached. The first 20 are not delayed;
    // the 21st to 24th wait 250, 500, 750 and 1000 ms.
    for (let attempt = 1; attempt <= 24; attempt++) {
      const res = await new TestSession(app, ip).login(`sprayed_${attempt}_account`, 'guess-123-pw');
      expect(res.status, `attempt ${attempt}`).toBe(401);
    }
    const session = new TestSession(app, ip);
    await session.fetchCsrf();
    const started = performance.now();
    const res = await session.login(user.account, user.password);
    const took = performance.now() - started;
    expect(res.status).toBe(200);
    expect((res.body as MeResponse).user.id).toBe(user.id);
    // The 25th attempt waits (24 - 20 + 1) × 250 ms.
    expect(took).toBeGreaterThanOrEqual(1250);
    // The success took its own hit back: 24 failures are stored for the address.
    expect(await RateLimitHitModel.countDocuments({ key: storedKeyOf('login-ip', ip) })).toBe(24);
  }, 30_000);

  it('counts failures only: successful logins do not use up the attempts', async () => {
    const user = await createTestUser({ role: 'expert' });
    const ip = '192.0.2.50';
    // Two rounds of 2 failures + 1 success: if successes counted, the second success would be the 6th attempt.
    for (let round = 1; round <= 2; round++) {
      await fail(user.account, 2, () => new TestSession(app, ip));
      const ok = await new TestSession(app, ip).login(user.account, user.password);
      expect(ok.status, `round ${round}`).toBe(200);
    }
    expect(await RateLimitHitModel.countDocuments({ key: storedKeyOf('login-account', user.account) })).toBe(
      4,
    );
  });

  it('lets only 5 of a burst of parallel wrong attempts from one address reach the password check', async () => {
    const user = await createTestUser({ role: 'expert' });
    const ip = '192.0.2.60';
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => new TestSession(app, ip).login(user.account, `burst-${i}-pw`)),
    );
    expect(results.filter((res) => res.status === 401).length).toBeLessThanOrEqual(5);
    expect(results.filter((res) => res.status === 429).length).toBeGreaterThanOrEqual(7);
  });

  it('limits guesses of the current password through a signed-in session', async () => {
    const user = await createTestUser({ role: 'expert' });
    const session = new TestSession(app);
    expect((await session.login(user.account, user.password)).status).toBe(200);
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
