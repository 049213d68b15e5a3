import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import express from 'express';
import type { RequestHandler } from 'express';
import session from 'express-session';
import { pino } from 'pino';
import { pinoHttp } from 'pino-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorHandler } from '../http/error-handler';
import { mountRoutes, route } from '../http/route';
import type { RouteSpec } from '../http/route';
import type { RoutePolicy } from './route-policy';

// The guards are tested on a bare Express app with an in-memory session; who is signed in comes from a
// test header. The real session → user path is covered by features/auth/*.test.ts.
const actorFromHeader: RequestHandler = (req, _res, next) => {
  const header = req.get('x-test-actor');
  if (header) req.user = JSON.parse(header) as Express.User;
  next();
};

const ok = (path: string, policy: RoutePolicy): RouteSpec =>
  route({
    method: 'get',
    path,
    summary: path,
    tags: ['test'],
    policy,
    responses: { 200: { description: 'ok' } },
    handler: (_input, _req, res) => {
      res.json({ ok: true });
    },
  });

const routes = [
  ok('/public', { public: true, reason: 'test route open to all' }),
  ok('/manage', { ability: 'experts.manage' }),
  ok('/me', { ability: 'own_account.view' }),
];

async function serve(withSession: boolean): Promise<{ url: string; close: () => void }> {
  const app = express();
  app.use(pinoHttp({ logger: pino({ level: 'silent' }) }));
  if (withSession)
    app.use(
      session({ secret: 'test-secret-test-secret-test-secret', resave: false, saveUninitialized: false }),
    );
  app.use(actorFromHeader);
  const router = express.Router();
  mountRoutes(router, new OpenAPIRegistry(), routes);
  app.use(router);
  app.use(errorHandler);
  const server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() };
}

let app: Awaited<ReturnType<typeof serve>>;
beforeAll(async () => {
  app = await serve(true);
});
afterAll(() => app.close());

const actor = (role: Express.User['role'], profileComplete = true) =>
  JSON.stringify({
    id: 'aaaaaaaaaaaaaaaaaaaaaaaa',
    role,
    enterpriseId: 'bbbbbbbbbbbbbbbbbbbbbbbb',
    institutionId: null,
    profileComplete,
    sessionEpoch: 0,
  });

async function get(path: string, who?: string, base = app.url): Promise<{ status: number; error?: string }> {
  const res = await fetch(`${base}${path}`, { headers: who ? { 'x-test-actor': who } : {} });
  const body = (await res.json()) as { error?: string };
  return { status: res.status, ...(body.error ? { error: body.error } : {}) };
}

describe('policy guards', () => {
  it('let anyone through a public route', async () => {
    expect(await get('/public')).toEqual({ status: 200 });
  });

  it('check, in order: signed in (401), profile completed (403), ability (403)', async () => {
    expect(await get('/manage')).toEqual({ status: 401, error: 'unauthenticated' });
    expect(await get('/manage', actor('expert', false))).toEqual({
      status: 403,
      error: 'profile_incomplete',
    });
    expect(await get('/manage', actor('expert'))).toEqual({ status: 403, error: 'forbidden' });
    expect(await get('/manage', actor('enterprise_admin', false))).toEqual({
      status: 403,
      error: 'profile_incomplete',
    });
    expect(await get('/manage', actor('enterprise_admin'))).toEqual({ status: 200 });
  });

  it('skip the profile gate for the exempt abilities only', async () => {
    expect(await get('/me', actor('expert', false))).toEqual({ status: 200 });
    expect(await get('/me')).toEqual({ status: 401, error: 'unauthenticated' });
  });

  it('answer 503 rather than 401 while the session store is unavailable', async () => {
    const storeless = await serve(false);
    try {
      expect(await get('/manage', undefined, storeless.url)).toEqual({
        status: 503,
        error: 'dependency_unavailable',
      });
      expect(await get('/public', undefined, storeless.url)).toEqual({ status: 200 });
    } finally {
      storeless.close();
    }
  });
});

describe('mountRoutes', () => {
  const mount = (policy: unknown) => () =>
    mountRoutes(express.Router(), new OpenAPIRegistry(), [
      { ...ok('/x', { ability: 'own_account.view' }), policy } as RouteSpec,
    ]);

  it('refuses a route without a policy, naming it', () => {
    expect(mount(undefined)).toThrow('GET /x: no policy declared');
  });

  it('refuses malformed policies', () => {
    expect(mount({ public: true })).toThrow(/needs public: true and a reason/);
    expect(mount({ public: false, reason: 'because' })).toThrow(/needs public: true/);
    expect(mount({ public: true, reason: 'because', ability: 'own_account.view' })).toThrow(/not both/);
    expect(mount({ ability: 'patents.delete_everything' })).toThrow(/unknown ability/);
    expect(mount({})).toThrow(/unknown ability/);
  });

  it('accepts well-formed policies', () => {
    expect(mount({ ability: 'demands.manage' })).not.toThrow();
    expect(mount({ public: true, reason: 'open data' })).not.toThrow();
  });
});
