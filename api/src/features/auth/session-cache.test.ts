// Two API processes on one store: this test process (A, in-process) and a child process (B, api/src/main.ts).
// B keeps copies of signed-in sessions and accounts (session-cache.ts); whatever A does to an account or a
// session must show on B's very next request.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operatorScope, signIn, TestSession } from '../../../test/auth-helpers';
import type { TestUser } from '../../../test/auth-helpers';
import { startTestApp } from '../../../test/test-app';
import type { TestApp } from '../../../test/test-app';
import { UserModel } from '../accounts/model';
import { setUserStatus } from '../accounts/store';
import { bumpSessionToken } from './session-token';

let a: TestApp;
let b: TestApp;
let child: ChildProcess;

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The second API process: the same database, index prefix and session secret as A. */
async function startProcessB(app: TestApp): Promise<TestApp> {
  const port = await freePort();
  const { config } = app.deps;
  child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '../../main.ts')], {
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'error',
      MONGODB_DB: config.MONGODB_DB,
      ES_INDEX_PREFIX: config.ES_INDEX_PREFIX,
      SESSION_SECRET: config.SESSION_SECRET,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const request: TestApp['request'] = async (path, init) => {
    const res = await fetch(`${baseUrl}${path}`, init);
    const text = await res.text();
    const body: unknown = res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text;
    return { status: res.status, body, headers: res.headers };
  };
  // Ready once its session store answers: /api/auth/csrf creates a session there.
  for (let attempt = 0; ; attempt += 1) {
    const res = await request('/api/auth/csrf').catch(() => null);
    if (res?.status === 200) break;
    if (attempt > 150) throw new Error('the second API process did not become ready within 30 s');
    await sleep(200);
  }
  return { ...app, baseUrl, request };
}

beforeAll(async () => {
  a = await startTestApp('session_cache');
  b = await startProcessB(a);
}, 60_000);

afterAll(async () => {
  child.kill('SIGTERM');
  await once(child, 'exit');
  await a.close();
});

/** The same browser session (cookie and CSRF token) sent to process B. */
function onB(session: TestSession): TestSession {
  const copy = new TestSession(b, session.ip);
  copy.cookie = session.cookie;
  copy.csrfToken = session.csrfToken;
  return copy;
}

/** Signs a user in on A and makes B hold copies of the session and the account (three reads there). */
async function signedInOnBoth(
  options: Parameters<typeof signIn>[1],
): Promise<{ user: TestUser; onA: TestSession; onB: TestSession }> {
  const { user, session } = await signIn(a, options);
  const other = onB(session);
  for (let i = 0; i < 3; i += 1) expect((await other.request('/api/auth/me')).status).toBe(200);
  return { user, onA: session, onB: other };
}

describe('signed-in requests on two API processes', () => {
  it('serves a repeated read from the copy, and a bumped token reloads it', async () => {
    const { user, onB: session } = await signedInOnBoth({ role: 'expert' });
    const before = (await session.request('/api/auth/me')).body as { user: { name: string } };
    // Written behind the platform's back (no token bump): B keeps serving its copy…
    await UserModel.updateOne({ _id: user.id }, { $set: { name: '改名未通知' } });
    expect((await session.request('/api/auth/me')).body).toMatchObject({ user: { name: before.user.name } });
    // …until the account's token changes, which every write of the platform does after it.
    await bumpSessionToken(user.id);
    expect((await session.request('/api/auth/me')).body).toMatchObject({ user: { name: '改名未通知' } });
  });

  it('ends the session on B at once when A freezes the account', async () => {
    const { user, onB: session } = await signedInOnBoth({ role: 'expert' });
    await setUserStatus(operatorScope(), user.id, 'frozen');
    const res = await session.request('/api/auth/me');
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ error: 'account_frozen' });
  });

  it('ends the session on B at once when it logs out on A', async () => {
    const { onA, onB: session } = await signedInOnBoth({ role: 'enterprise_admin' });
    expect((await onA.request('/api/auth/logout', { method: 'POST' })).status).toBeLessThan(300);
    const res = await session.request('/api/auth/me');
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ error: 'unauthenticated' });
  });

  it('ends another session on B at once when the password changes on A', async () => {
    const { user, session: onA } = await signIn(a, { role: 'expert' });
    const second = new TestSession(a);
    expect((await second.login(user.account, user.password)).status).toBe(200);
    const elsewhere = onB(second);
    for (let i = 0; i < 3; i += 1) expect((await elsewhere.request('/api/auth/me')).status).toBe(200);
    const changed = await onA.request('/api/auth/password', {
      method: 'POST',
      json: { currentPassword: user.password, newPassword: 'Changed2026pass' },
    });
    expect(changed.status).toBe(200);
    expect((await elsewhere.request('/api/auth/me')).status).toBe(401);
  });

  it('shows a profile edited on A in B’s next answer', async () => {
    const { onA, onB: session } = await signedInOnBoth({ role: 'enterprise_admin' });
    const profile = {
      department: '技术部',
      position: '技术转移办公室主任',
      phone: '13800138000',
      email: 'li@panhuo-test.cn',
    };
    const saved = await onA.request('/api/auth/profile', { method: 'PUT', json: profile });
    expect(saved.status).toBe(200);
    expect((await session.request('/api/auth/me')).body).toMatchObject({
      user: { profile: { position: '技术转移办公室主任' } },
    });
  });
});
