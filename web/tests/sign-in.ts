import type { BrowserContext, Page } from 'playwright-core';
import mongoose from 'mongoose';
import { loadConfig } from '@panhuo/api/config';
import { connectMongo } from '@panhuo/api/infra/mongo';
import { createTestUser } from '@panhuo/api/test/auth-helpers';
import type { TestUser, TestUserOptions } from '@panhuo/api/test/auth-helpers';
import type { TestBrowser } from './chromium';

/**
 * Accounts for the browser suite: users are written through the API's own store into the database the
 * harness's API uses (global-setup.ts), and a browser context is signed in by logging in over HTTP through
 * the web server's /api proxy, exactly as the login form's server action does, then handing the session
 * cookie to the context.
 */

const DB = 'panhuo_web_browser';

/** Connects mongoose to the suite's database unless a seed already did. */
export async function connectTestDb(): Promise<void> {
  if (mongoose.connection.readyState === 1) return;
  await connectMongo(
    loadConfig({
      ...process.env,
      MONGODB_DB: DB,
      ES_INDEX_PREFIX: 'panhuo-web-browser',
      LOG_LEVEL: 'silent',
    }),
  );
}

/** Closes the connection of connectTestDb (no-op when a seed already closed it). */
export async function disconnectTestDb(): Promise<void> {
  if (mongoose.connection.readyState !== 0) await mongoose.disconnect();
}

/** Creates an account (profile completed unless told otherwise) in the suite's database. */
export async function createUser(options: TestUserOptions): Promise<TestUser> {
  await connectTestDb();
  return createTestUser(options);
}

/** The `panhuo.sid=…` pair of a response's Set-Cookie, if any. */
function sessionPair(headers: Headers): string | undefined {
  for (const line of headers.getSetCookie()) {
    const pair = line.split(';')[0] ?? '';
    if (pair.startsWith('panhuo.sid=') && pair !== 'panhuo.sid=') return pair;
  }
  return undefined;
}

/** Logs in over HTTP through the web server's proxy; returns the session cookie's value. */
export async function loginOverHttp(baseUrl: string, account: string, password: string): Promise<string> {
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = sessionPair(csrf.headers);
  if (!cookie) throw new Error('GET /api/auth/csrf set no session cookie');
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken, cookie },
    body: JSON.stringify({ account, password }),
  });
  const rotated = sessionPair(login.headers);
  if (login.status !== 200 || !rotated) throw new Error(`login of ${account} answered ${login.status}`);
  return rotated.slice('panhuo.sid='.length);
}

/** Puts a logged-in session of the user into the browser context. */
export async function signInContext(
  context: BrowserContext,
  baseUrl: string,
  user: Pick<TestUser, 'account' | 'password'>,
): Promise<void> {
  const value = await loginOverHttp(baseUrl, user.account, user.password);
  await context.addCookies([{ name: 'panhuo.sid', value, url: baseUrl, httpOnly: true, sameSite: 'Lax' }]);
}

/**
 * A page of a new context of the suite's browser, signed in as the user. With `stepTimeoutMs`, a step that
 * cannot happen fails with its own message instead of the test's timeout.
 */
export async function signedInPage(
  browser: Pick<TestBrowser, 'newContext'>,
  baseUrl: string,
  user: Pick<TestUser, 'account' | 'password'>,
  stepTimeoutMs?: number,
): Promise<Page> {
  const context = await browser.newContext();
  await signInContext(context, baseUrl, user);
  const page = await context.newPage();
  if (stepTimeoutMs) page.setDefaultTimeout(stepTimeoutMs);
  return page;
}
