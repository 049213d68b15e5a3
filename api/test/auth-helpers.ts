import { randomBytes, randomInt } from 'node:crypto';
import type { AccountStatus, Role } from '@panhuo/domain/accounts/roles';
import type { MeResponse } from '@panhuo/domain/accounts/user';
import { Types } from 'mongoose';
import {
  createEnterprise,
  createUser,
  setUserStatus,
  updateOwnProfile,
} from '../src/features/accounts/store';
import { hashPassword } from '../src/features/auth/password';
import { mintTenantScope } from '../src/features/auth/scope';
import type { PlatformScope } from '../src/features/auth/scope';
import { InstitutionModel } from '../src/features/institutions/model';
import { sessionCookieName } from '../src/http/session';
import type { TestApp } from './test-app';

/** A password that satisfies the password rule. */
export const defaultPassword = 'Panhuo2024pass';

/** A created account and the clear-text password to log in with. */
export interface TestUser {
  id: string;
  account: string;
  password: string;
  role: Role;
  enterpriseId: string | null;
  institutionId: string | null;
}

export interface TestUserOptions {
  role: Role;
  /** Join this enterprise (admin/expert) instead of a new one. */
  enterpriseId?: string;
  /** Join this institution (university) instead of a new one. */
  institutionId?: string;
  account?: string;
  password?: string;
  /** Default true: the first-login profile is already completed. */
  profileComplete?: boolean;
  status?: AccountStatus;
}

const unique = () => randomBytes(4).toString('hex');

/** The platform scope the factories write with, as the operator console will. */
export function operatorScope(): PlatformScope {
  return mintTenantScope({
    id: new Types.ObjectId().toHexString(),
    role: 'operator',
    enterpriseId: null,
    institutionId: null,
  }) as PlatformScope;
}

/**
 * Creates an account of a role through the real store (a new enterprise or institution when none is
 * given), optionally with its first-login profile completed and frozen.
 */
export async function createTestUser(options: TestUserOptions): Promise<TestUser> {
  const platform = operatorScope();
  const { role } = options;
  let enterpriseId: Types.ObjectId | null = null;
  let institutionId: Types.ObjectId | null = null;
  if (role === 'enterprise_admin' || role === 'expert') {
    enterpriseId = options.enterpriseId
      ? new Types.ObjectId(options.enterpriseId)
      : (await createEnterprise(platform, { name: `测试企业${unique()}`, category: 'high_tech' }))._id;
  } else if (role === 'university') {
    institutionId = options.institutionId
      ? new Types.ObjectId(options.institutionId)
      : (await InstitutionModel.create({ name: `测试大学${unique()}`, kind: 'university' }))._id;
  }
  const account = options.account ?? `${role}_${unique()}`;
  const password = options.password ?? defaultPassword;
  const created = await createUser(platform, {
    account,
    name: '测试用户',
    passwordHash: await hashPassword(password),
    role,
    enterpriseId,
    institutionId,
  });
  const user: TestUser = {
    id: created._id.toHexString(),
    account,
    password,
    role,
    enterpriseId: enterpriseId?.toHexString() ?? null,
    institutionId: institutionId?.toHexString() ?? null,
  };
  if (options.profileComplete ?? true) {
    await updateOwnProfile(mintTenantScope(user), {
      department: '技术中心',
      position: '工程师',
      phone: '13800138000',
      email: `${account}@example.com`,
    });
  }
  if (options.status === 'frozen') await setUserStatus(platform, user.id, 'frozen');
  return user;
}

/** A response as the tests read it. */
export interface TestResponse {
  status: number;
  body: unknown;
  headers: Headers;
}

export interface SessionRequestInit extends Omit<RequestInit, 'body'> {
  /** Sent as JSON. */
  json?: unknown;
  /** Sent as multipart/form-data (files included). */
  form?: FormData;
  /** Override the CSRF header: a string to send instead of the session's token, false to send none. */
  csrf?: string | false;
}

/**
 * A browser-like client of a test app: keeps the session cookie, sends the CSRF token on POST/PUT/PATCH/
 * DELETE, and comes from its own client IP (X-Forwarded-For, trusted from loopback) so the per-IP login
 * limit of one test does not spill into another.
 */
export class TestSession {
  cookie: string | undefined;
  csrfToken: string | undefined;
  readonly ip: string;

  constructor(
    readonly app: TestApp,
    ip?: string,
  ) {
    this.ip = ip ?? `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
  }

  /** The session id inside the signed cookie (`s:<id>.<signature>`), or undefined without a cookie. */
  get sessionId(): string | undefined {
    if (!this.cookie) return undefined;
    const value = decodeURIComponent(this.cookie.slice(sessionCookieName.length + 1));
    return value.replace(/^s:/, '').split('.')[0];
  }

  /** Sends a request with the cookie (and CSRF token for unsafe methods); keeps any new cookie. */
  async request(path: string, init: SessionRequestInit = {}): Promise<TestResponse> {
    const { json, form, csrf, ...rest } = init;
    const method = (rest.method ?? 'GET').toUpperCase();
    const headers = new Headers(rest.headers);
    headers.set('x-forwarded-for', this.ip);
    if (this.cookie) headers.set('cookie', this.cookie);
    if (!['GET', 'HEAD', 'OPTIONS'].includes(method)) {
      const token = csrf === undefined ? this.csrfToken : csrf;
      if (token) headers.set('x-csrf-token', token);
    }
    let body: string | FormData | undefined = form;
    if (json !== undefined) {
      headers.set('content-type', 'application/json');
      body = JSON.stringify(json);
    }
    const res = await this.app.request(path, {
      ...rest,
      method,
      headers,
      ...(body !== undefined ? { body } : {}),
    });
    this.keepCookie(res.headers);
    const token = (res.body as { csrfToken?: unknown } | null)?.csrfToken;
    if (res.status < 300 && typeof token === 'string') this.csrfToken = token;
    return res;
  }

  /** A GET with the session's cookie, answering the raw Response (for binary bodies such as XLSX). */
  async fetchRaw(path: string): Promise<Response> {
    const headers = new Headers({ 'x-forwarded-for': this.ip });
    if (this.cookie) headers.set('cookie', this.cookie);
    return fetch(`${this.app.baseUrl}${path}`, { headers });
  }

  /** Fetches a CSRF token (and a session cookie) as the login page does. */
  async fetchCsrf(): Promise<string> {
    const res = await this.request('/api/auth/csrf');
    if (res.status !== 200 || !this.csrfToken) throw new Error(`GET /api/auth/csrf answered ${res.status}`);
    return this.csrfToken;
  }

  /** Logs in (fetching a CSRF token first when there is none). */
  async login(account: string, password: string): Promise<TestResponse> {
    if (!this.csrfToken) await this.fetchCsrf();
    return this.request('/api/auth/login', { method: 'POST', json: { account, password } });
  }

  private keepCookie(headers: Headers): void {
    for (const line of headers.getSetCookie()) {
      const pair = line.split(';')[0] ?? '';
      if (!pair.startsWith(`${sessionCookieName}=`)) continue;
      const cleared = pair === `${sessionCookieName}=` || /expires=Thu, 01 Jan 1970/i.test(line);
      this.cookie = cleared ? undefined : pair;
    }
  }
}

/** Creates a user of the role and returns a logged-in session for it. */
export async function signIn(
  app: TestApp,
  options: TestUserOptions,
): Promise<{ user: TestUser; session: TestSession; me: MeResponse }> {
  const user = await createTestUser(options);
  const session = new TestSession(app);
  const res = await session.login(user.account, user.password);
  if (res.status !== 200)
    throw new Error(`login of ${user.account} answered ${res.status}: ${JSON.stringify(res.body)}`);
  return { user, session, me: res.body as MeResponse };
}
