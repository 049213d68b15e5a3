import type { MeResponse } from '@panhuo/domain/accounts/user';
import { afterAll, describe, expect, it } from 'vitest';
import { operatorScope, signIn, TestSession } from '../../../test/auth-helpers';
import { startTestApp } from '../../../test/test-app';
import type { TestApp } from '../../../test/test-app';
import { UserModel } from '../accounts/model';
import { setUserStatus } from '../accounts/store';

let app: TestApp;
afterAll(() => app.close());

describe('sessions', () => {
  it('survive an API restart: they are stored in MongoDB, not in the process', async () => {
    const first = await startTestApp('sessions');
    const { user, session } = await signIn(first, { role: 'expert' });
    await first.close({ keepData: true });

    app = await startTestApp('sessions', { database: first.database });
    const resumed = new TestSession(app, session.ip);
    resumed.cookie = session.cookie;
    const me = await resumed.request('/api/auth/me');
    expect(me.status).toBe(200);
    expect((me.body as MeResponse).user.id).toBe(user.id);
    // The CSRF token stored in the session still protects it after the restart.
    expect(resumed.csrfToken).toBe(session.csrfToken);
    expect((await resumed.request('/api/auth/logout', { method: 'POST' })).status).toBe(204);
  });

  it('end at once, everywhere, when the account is frozen', async () => {
    const { user, session } = await signIn(app, { role: 'expert' });
    const laptop = new TestSession(app);
    expect((await laptop.login(user.account, user.password)).status).toBe(200);
    expect((await session.request('/api/auth/me')).status).toBe(200);

    expect(await setUserStatus(operatorScope(), user.id, 'frozen')).toBe(true);

    for (const open of [session, laptop]) {
      const res = await open.request('/api/auth/me');
      expect(res.status).toBe(401);
      // Still a 401, with the reason the web's login page shows (账号已冻结).
      expect(res.body).toMatchObject({ error: 'account_frozen' });
    }
    // Unfreezing does not bring the old sessions back: their epoch is gone for good.
    expect(await setUserStatus(operatorScope(), user.id, 'active')).toBe(true);
    expect((await session.request('/api/auth/me')).status).toBe(401);
    expect((await new TestSession(app).login(user.account, user.password)).status).toBe(200);
  });

  it('end when the account is deleted', async () => {
    const { user, session } = await signIn(app, { role: 'university' });
    await UserModel.deleteOne({ _id: user.id });
    expect((await session.request('/api/auth/me')).status).toBe(401);
  });
});
