import { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestResponse } from '../../test/auth-helpers';
import { buildCrossTenantWorld } from '../../test/cross-tenant-world';
import type { Caller, CrossTenantWorld, Owner } from '../../test/cross-tenant-world';
import { syncOnce } from '@panhuo/indexer/sync';
import { startTestApp } from '../../test/test-app';
import type { TestApp } from '../../test/test-app';
import { allRoutes } from '../app';
import type { RouteSpec } from '../http/route';
import { can } from './abilities';
import { crossTenantCases, fillPath } from './cross-tenant-cases';

// Tenancy on every route: each route is called by every role of tenant A with a real record of tenant B,
// and the owner of that record makes the same call, so a 404 proves hiding, not a missing record.

let app: TestApp;
let routes: RouteSpec[];
let world: CrossTenantWorld;

beforeAll(async () => {
  app = await startTestApp('cross_tenant');
  routes = allRoutes(app.deps, new OpenAPIRegistry());
  world = await buildCrossTenantWorld(app);
}, 120_000);

/** B's pushed patents into the search index (the 评价库 reads it), then two draft pushes of the operator's. */
const pushes = { listed: '', toConfirm: '' };
const cases = crossTenantCases({
  get world() {
    return world;
  },
  get sessionSecret() {
    return app.deps.config.SESSION_SECRET;
  },
  pushes,
});
beforeAll(async () => {
  await syncOnce(app.deps.es, app.deps.config.ES_INDEX_PREFIX, { refresh: true });
  for (const key of ['listed', 'toConfirm'] as const) {
    const res = await world.owners.operator.request('/api/operator/pushes', {
      method: 'POST',
      json: { search: {}, enterpriseIds: [world.enterpriseB] },
    });
    if (res.status !== 201) throw new Error(`defining a push answered ${res.status}`);
    pushes[key] = (res.body as { id: string }).id;
  }
});
afterAll(() => app.close());

const keyOf = (route: RouteSpec) => `${route.method.toUpperCase()} ${route.path}`;

function routeOf(key: string): RouteSpec {
  const route = routes.find((r) => keyOf(r) === key);
  if (!route) throw new Error(`${key} is in the cross-tenant table but not in allRoutes()`);
  return route;
}

/** What a caller of tenant A must get: refused before any lookup, or the case's foreign outcome. */
function expectedStatus(caller: Caller, route: RouteSpec, foreign: 200 | 403 | 404): number {
  if ('public' in route.policy) return foreign;
  if (caller === 'anonymous') return 401;
  return can({ role: caller }, route.policy.ability) ? foreign : 403;
}

/** The callers of tenant A: the operator is in every tenant, so where it owns the record it is no foreigner. */
function foreignCallers(owner: Owner): Caller[] {
  return [...world.callers.keys()].filter((caller) => !(owner === 'operator' && caller === 'operator'));
}

const freshId = () => new Types.ObjectId().toHexString();
const text = (res: TestResponse) => (typeof res.body === 'string' ? res.body : JSON.stringify(res.body));

function call(caller: Caller | Owner, route: RouteSpec, path: string, json?: unknown): Promise<TestResponse> {
  const session = world.callers.get(caller as Caller) ?? world.owners[caller as Owner];
  return session.request(path, {
    method: route.method.toUpperCase(),
    ...(json !== undefined ? { json } : route.method === 'get' ? {} : { json: {} }),
  });
}

describe('the cross-tenant table', () => {
  it('has an entry for every route of allRoutes(), and no stale entry', () => {
    expect(Object.keys(cases).sort()).toEqual(routes.map(keyOf).sort());
  });

  it('gives every route with a path parameter a real-record case', () => {
    for (const route of routes.filter((r) => r.path.includes('/:'))) {
      expect(['record', 'signed token'], keyOf(route)).toContain(cases[keyOf(route)]?.kind);
    }
  });
});

describe("tenant A calling with tenant B's records", () => {
  for (const [key, entry] of Object.entries(cases)) {
    if (entry.kind === 'record') {
      it(`${key}: ${entry.foreign === 'hidden' ? '404 or 403' : '200 with the record'} for A, ${entry.ownerStatus} for the owner`, async () => {
        const route = routeOf(key);
        const id = entry.id(world);
        const others = entry.params?.(world);
        const path = fillPath(route.path, id, others);
        const foreign = entry.foreign === 'hidden' ? 404 : 200;
        for (const caller of foreignCallers(entry.owner)) {
          const res = await call(caller, route, path, entry.json);
          expect(res.status, `${caller} ${key}`).toBe(expectedStatus(caller, route, foreign));
          if (res.status === 200) expect((res.body as { id?: string }).id, `${caller} ${key}`).toBe(id);
          else expect(text(res), `${caller} ${key}`).not.toContain(id);
          if (res.status === 404) {
            // Hidden means indistinguishable from an id that exists nowhere: no probing across tenants.
            const absent = await call(caller, route, fillPath(route.path, freshId(), others), entry.json);
            expect(res.body, `${caller} ${key} against a missing record`).toEqual(absent.body);
          }
        }
        // The same call by the owner: the record exists, so the 404s above were hiding it.
        const mine = await call(entry.owner, route, path, entry.json);
        expect(mine.status, `${entry.owner} ${key}: ${text(mine)}`).toBe(entry.ownerStatus);
        if (route.method === 'get' && mine.headers.get('content-type')?.includes('json')) {
          expect(text(mine), `${entry.owner} ${key} shows the record`).toContain(id);
        }
      });
    } else if (entry.kind === 'signed token') {
      it(`${key}: ${entry.foreign === 'bearer' ? '200' : '403'} for A with B's token, 200 for the owner`, async () => {
        const route = routeOf(key);
        const token = entry.token(world);
        const path = route.path.replace(':token', token);
        const owned = entry.recipient(world);
        for (const caller of foreignCallers(entry.owner)) {
          const res = await call(caller, route, path);
          const status = expectedStatus(caller, route, entry.foreign === 'bearer' ? 200 : 403);
          expect(res.status, `${caller} ${key}`).toBe(status);
          expect(text(res), `${caller} ${key}`).not.toContain(owned);
        }
        expect((await call(entry.owner, route, path)).status, `${entry.owner} ${key}`).toBe(200);
      });
    } else if (entry.kind === 'list') {
      it(`${key}: none of B's ids for A, B's ids for the owner`, async () => {
        const route = routeOf(key);
        const ids = entry.ids(world);
        for (const caller of foreignCallers(entry.owner)) {
          const res = await call(caller, route, route.path);
          expect(res.status, `${caller} ${key}`).toBe(expectedStatus(caller, route, 200));
          for (const id of ids) expect(text(res), `${caller} ${key}`).not.toContain(id);
        }
        const mine = await call(entry.owner, route, route.path);
        expect(mine.status, `${entry.owner} ${key}`).toBe(200);
        for (const id of ids) expect(text(mine), `${entry.owner} ${key}`).toContain(id);
      });
    }
  }
});
