import { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@panhuo/domain/accounts/roles';
import { signIn, TestSession } from '../../test/auth-helpers';
import { createExpertAs } from '../../test/expert-factories';
import { startTestApp } from '../../test/test-app';
import type { TestApp } from '../../test/test-app';
import { allRoutes, createApp } from '../app';
import type { RouteSpec } from '../http/route';
import { toOpenApiPath } from '../http/route';
import { can } from './abilities';

// Walks every API route × every role (and anonymous), and for the tenant-scoped routes, own tenant × other
// tenant, and asserts that what the server allows is exactly what the policy table says.
type Caller = Role | 'anonymous';
const callers: Caller[] = ['anonymous', 'operator', 'enterprise_admin', 'expert', 'university'];

let app: TestApp;
let routes: RouteSpec[];
const sessions = new Map<Caller, TestSession>();
let otherAdmin: TestSession;
let expertOfA: string;
let adminOfA: { account: string; password: string };

beforeAll(async () => {
  app = await startTestApp('authz_matrix');
  routes = allRoutes(app.deps, new OpenAPIRegistry());
  const admin = await signIn(app, { role: 'enterprise_admin' });
  sessions.set('enterprise_admin', admin.session);
  adminOfA = admin.user;
  sessions.set(
    'expert',
    (await signIn(app, { role: 'expert', enterpriseId: admin.user.enterpriseId! })).session,
  );
  sessions.set('operator', (await signIn(app, { role: 'operator' })).session);
  sessions.set('university', (await signIn(app, { role: 'university' })).session);
  const anonymous = new TestSession(app);
  await anonymous.fetchCsrf();
  sessions.set('anonymous', anonymous);
  otherAdmin = (await signIn(app, { role: 'enterprise_admin' })).session;
  expertOfA = (await createExpertAs(admin.session)).id;
}, 120_000);
afterAll(() => app.close());

/** A concrete path: ids of the caller's own tenant where the route is about experts, a fresh id otherwise. */
function pathOf(route: RouteSpec, id = expertOfA): string {
  const real = route.path.startsWith('/api/experts/:id');
  return route.path.replace(/:id\b/g, real ? id : new Types.ObjectId().toHexString());
}

/** Logout ends the caller's session: keep it for last. */
function inSafeOrder(list: RouteSpec[]): RouteSpec[] {
  return [...list].sort(
    (a, b) => Number(a.path === '/api/auth/logout') - Number(b.path === '/api/auth/logout'),
  );
}

describe('the authorisation matrix', () => {
  it('mounts every route Express serves through a declared policy', () => {
    interface Layer {
      route?: { path: string; methods: object };
      handle?: { stack?: Layer[] };
    }
    const walk = (layers: Layer[]): string[] =>
      layers.flatMap((layer) =>
        layer.route
          ? Object.keys(layer.route.methods).map((m) => `${m} ${layer.route!.path}`)
          : walk(layer.handle?.stack ?? []),
      );
    const served = walk((createApp(app.deps).router as unknown as { stack: Layer[] }).stack).sort();
    const declared = routes.map((r) => `${r.method} ${r.path}`).sort();
    expect(served).toEqual(declared);
    for (const route of routes) expect(route.policy, `${route.method} ${route.path}`).toBeDefined();
  });

  it('allows exactly what the policy table allows, for every route and role', async () => {
    const observed: string[] = [];
    const expected: string[] = [];
    for (const route of inSafeOrder(routes)) {
      for (const caller of callers) {
        const key = `${caller} ${route.method.toUpperCase()} ${toOpenApiPath(route.path)}`;
        const allowed =
          'public' in route.policy || (caller !== 'anonymous' && can({ role: caller }, route.policy.ability));
        if (allowed) expected.push(key);
        const session = sessions.get(caller)!;
        const res = await session.request(pathOf(route), {
          method: route.method.toUpperCase(),
          ...(route.method === 'get' ? {} : { json: {} }),
        });
        if (![401, 403].includes(res.status)) observed.push(key);
        else if (!allowed) {
          // A refusal says why: 401 for nobody signed in, 403 for a role without the ability.
          expect(res.status, key).toBe(caller === 'anonymous' ? 401 : 403);
        }
      }
    }
    expect(observed.sort()).toEqual(expected.sort());
  }, 120_000);

  it("hides another enterprise's experts (404) on every expert route, and serves the own enterprise", async () => {
    const expertRoutes = routes.filter((r) => r.path.startsWith('/api/experts/:id'));
    expect(expertRoutes.length).toBeGreaterThan(2);
    // A fresh session: the matrix above ended with logout.
    const own = new TestSession(app);
    expect((await own.login(adminOfA.account, adminOfA.password)).status).toBe(200);
    for (const route of expertRoutes) {
      const init = {
        method: route.method.toUpperCase(),
        ...(route.path.endsWith('/review') ? { json: { decision: 'reject', opinion: '信息不完整' } } : {}),
      };
      const other = await otherAdmin.request(pathOf(route), init);
      expect(other.status, `other tenant ${route.method} ${route.path}`).toBe(404);
      const mine = await own.request(pathOf(route), init);
      expect([200, 201, 409], `own tenant ${route.method} ${route.path}`).toContain(mine.status);
    }
  }, 60_000);
});
