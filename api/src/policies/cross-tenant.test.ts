import { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestResponse } from '../../test/auth-helpers';
import { buildCrossTenantWorld, registrationFormOf } from '../../test/cross-tenant-world';
import type { Caller, CrossTenantWorld, Owner } from '../../test/cross-tenant-world';
import { syncOnce } from '@panhuo/indexer/sync';
import { startTestApp } from '../../test/test-app';
import type { TestApp } from '../../test/test-app';
import { allRoutes } from '../app';
import type { RouteSpec } from '../http/route';
import { signToken } from '../features/digest/tokens';
import { can } from './abilities';

// Tenancy on every route: each route is called by every role of tenant A with a real record of tenant B,
// and the owner of that record makes the same call, so a 404 proves hiding, not a missing record.

type Ids = (world: CrossTenantWorld) => string;

/** What tenant A may see of tenant B's record on one route. */
type CrossTenantCase =
  | { kind: 'public'; reason: string }
  | { kind: 'no tenant data'; reason: string }
  | {
      kind: 'record';
      /** `hidden`: another tenant gets 404, as if it did not exist; `readable`: a shared record, 200. */
      foreign: 'hidden' | 'readable';
      id: Ids;
      owner: Owner;
      ownerStatus: 200 | 201;
      json?: unknown;
      /** The path's other parameters (`:id` is the record), e.g. a file of the record. */
      params?: (world: CrossTenantWorld) => Record<string, string>;
    }
  | { kind: 'list'; ids: (world: CrossTenantWorld) => string[]; owner: Owner }
  | {
      kind: 'signed token';
      /** A token signed for the owner, in place of a record id. */
      token: (world: CrossTenantWorld) => string;
      /** The account id the token names: never in what A gets back. */
      recipient: Ids;
      owner: Owner;
      /** `recipient only`: anyone else is refused (403); `bearer`: the token alone is the authority, 200. */
      foreign: 'recipient only' | 'bearer';
    };

const ownAccount = 'the signed-in account itself, named by the session: no record id to aim elsewhere';
const pub = (reason: string) => ({ kind: 'public', reason }) as const;
const own = (reason: string) => ({ kind: 'no tenant data', reason }) as const;
const hidden = (
  id: Ids,
  owner: Owner,
  extra: {
    ownerStatus?: 200 | 201;
    json?: unknown;
    params?: (world: CrossTenantWorld) => Record<string, string>;
  } = {},
) =>
  ({
    kind: 'record',
    foreign: 'hidden',
    id,
    owner,
    ownerStatus: extra.ownerStatus ?? 200,
    json: extra.json,
    params: extra.params,
  }) as const;

/** A route's path with `:id` and any other named parameters filled in. */
function fillPath(path: string, id: string, params: Record<string, string> = {}): string {
  return Object.entries(params).reduce(
    (filled, [name, value]) => filled.replace(`:${name}`, value),
    path.replace(/:id(?![A-Za-z])/, id),
  );
}
const readable = (id: Ids, owner: Owner) =>
  ({ kind: 'record', foreign: 'readable', id, owner, ownerStatus: 200 }) as const;

/**
 * Every route of allRoutes(), by `METHOD path`, with its cross-tenant case or the reason it has none.
 * A route missing here fails the first test. Operator routes: tenant A's roles are refused (403) even
 * with a real record, and the operator, who runs the platform and is in every tenant, is the owner.
 */
const cases: Record<string, CrossTenantCase> = {
  'GET /api/healthz': pub('liveness probe, no data'),
  'GET /api/openapi.json': pub('the API description, the same for everyone'),
  'GET /api/auth/csrf': pub('a CSRF token for the login page'),
  'POST /api/auth/login': pub('logging in; answers the account that logged in'),
  'POST /api/verifications': pub('实名认证 application by an enterprise without an account yet'),
  'POST /api/auth/logout': own(ownAccount),
  'GET /api/auth/me': own(ownAccount),
  'PUT /api/auth/profile': own(ownAccount),
  'POST /api/auth/password': own(ownAccount),
  'POST /api/experts': own(
    'creates an expert in the caller’s own enterprise (the session’s, not the body’s)',
  ),
  'PUT /api/me/expert': own('the caller’s own expert record, found by the session'),
  'POST /api/me/expert/apply': own('the caller’s own expert record, found by the session'),
  'GET /api/resource-library/patents': own('the shared patent catalogue: every signed-in role sees the same'),
  'GET /api/resource-library/export': own('the shared patent catalogue: every signed-in role sees the same'),
  'POST /api/operator/enterprises': own('opens a new enterprise; names no existing record'),
  // 关注库 (features/attention-settings, attention-library): the session names the enterprise, no id in the path.
  'GET /api/attention-settings': own('the caller’s own enterprise’s 关注领域设置, named by the session'),
  'PUT /api/attention-settings': own('saves the caller’s own enterprise’s 关注领域设置 (session)'),
  'GET /api/attention-library/patents': own('the shared catalogue within the session’s own settings'),
  'GET /api/attention-library/export': own('the shared catalogue within the session’s own settings'),
  // 关注库 mail (features/digest): signed per-recipient tokens stand where a record id would.
  'GET /api/digest/links/:token': {
    kind: 'signed token',
    token: (w) =>
      signToken(app.deps.config.SESSION_SECRET, 'open', {
        u: w.adminOfB,
        p: '/attention-library',
        e: Date.now() + 3600_000,
      }),
    recipient: (w) => w.adminOfB,
    owner: 'adminOfB',
    foreign: 'recipient only',
  },
  'POST /api/digest/unsubscribe/:token': {
    kind: 'signed token',
    token: (w) =>
      signToken(app.deps.config.SESSION_SECRET, 'unsubscribe', {
        u: w.adminOfB,
        e: Date.now() + 3600_000,
      }),
    recipient: (w) => w.adminOfB,
    owner: 'adminOfB',
    foreign: 'bearer',
  },
  'GET /api/me/digest-subscription': own(ownAccount),
  'PUT /api/me/digest-subscription': own(ownAccount),
  'GET /api/operator/digest-runs': own('platform-wide run statistics: no tenant’s records'),

  'GET /api/experts': { kind: 'list', ids: (w) => [w.pendingExpertB], owner: 'adminOfB' },
  'GET /api/expert-reviews': { kind: 'list', ids: (w) => [w.pendingExpertB], owner: 'adminOfB' },
  'GET /api/expert-library': { kind: 'list', ids: (w) => [w.approvedExpertB], owner: 'adminOfB' },
  'GET /api/me/expert': { kind: 'list', ids: (w) => [w.pendingExpertB], owner: 'expertOfB' },
  'GET /api/experts/:id': hidden((w) => w.pendingExpertB, 'adminOfB'),
  'POST /api/experts/:id/freeze': hidden((w) => w.activeExpertB, 'adminOfB'),
  'POST /api/experts/:id/unfreeze': hidden((w) => w.frozenExpertB, 'adminOfB'),
  'POST /api/experts/:id/review': hidden((w) => w.reviewExpertB, 'adminOfB', {
    json: { decision: 'reject', opinion: '信息不完整' },
  }),
  'GET /api/experts/:id/certificate': hidden((w) => w.approvedExpertB, 'adminOfB'),

  'GET /api/patents/:id': readable((w) => w.patentB, 'universityOfB'),
  'GET /api/patents/:id/similar': readable((w) => w.patentB, 'universityOfB'),
  'GET /api/portfolios/:id': readable((w) => w.portfolioB, 'universityOfB'),

  // 专利登记 (features/registrations): the session's institution's patents only; B's look missing.
  'GET /api/university/patents': { kind: 'list', ids: (w) => [w.patentB], owner: 'universityOfB' },
  'POST /api/university/patents': own(
    'creates a draft of the session’s own institution, named by the session',
  ),
  'GET /api/university/patents/:id': hidden((w) => w.registrationDraftB, 'universityOfB'),
  'PUT /api/university/patents/:id': {
    ...hidden((w) => w.registrationDraftB, 'universityOfB'),
    get json() {
      return registrationFormOf(world.registrationDraftNumberB);
    },
  },
  'POST /api/university/patents/:id/submit': hidden((w) => w.registrationDraftB, 'universityOfB'),
  'POST /api/university/patents/:id/withdraw': hidden((w) => w.withdrawPatentB, 'universityOfB'),
  // 组合专利 (features/university-portfolios): the session's institution's portfolios; B's look missing.
  'GET /api/university/portfolios': { kind: 'list', ids: (w) => [w.portfolioB], owner: 'universityOfB' },
  'POST /api/university/portfolios': own(
    'creates a portfolio of the session’s institution; a member of another institution is refused (its own test)',
  ),
  'GET /api/university/portfolios/:id': hidden((w) => w.portfolioB, 'universityOfB'),
  'PUT /api/university/portfolios/:id': {
    ...hidden((w) => w.portfolioB, 'universityOfB'),
    get json() {
      return { name: '跨租户测试专利组合', description: '', patentIds: [world.patentB] };
    },
  },
  'DELETE /api/university/portfolios/:id': hidden((w) => w.deletePortfolioB, 'universityOfB'),
  // 批量导入 (features/university-import): the session's institution's uploads; B's look missing.
  'GET /api/university/import-template': own('the import template, the same file for every institution'),
  'POST /api/university/imports': own(
    'checks a file for the session’s institution; a row naming another institution is an error (its own test)',
  ),
  'GET /api/university/imports/:id': hidden((w) => w.importUploadB, 'universityOfB'),
  'POST /api/university/imports/:id/confirm': hidden((w) => w.importUploadB, 'universityOfB'),
  'GET /api/university/industry-suggestions': own('the IPC concordance, the same for every institution'),

  'GET /api/operator/verifications': { kind: 'list', ids: (w) => [w.pendingApplication], owner: 'operator' },
  'GET /api/operator/verifications/:id': hidden((w) => w.pendingApplication, 'operator'),
  'GET /api/operator/verifications/:id/licence': hidden((w) => w.pendingApplication, 'operator'),
  'POST /api/operator/verifications/:id/approve': hidden((w) => w.approveApplication, 'operator'),
  'POST /api/operator/verifications/:id/reject': hidden((w) => w.rejectApplication, 'operator', {
    json: { reason: '营业执照不清晰' },
  }),
  'GET /api/operator/enterprises': { kind: 'list', ids: (w) => [w.enterpriseB], owner: 'operator' },
  'GET /api/operator/institutions': { kind: 'list', ids: (w) => [w.institutionB], owner: 'operator' },
  'POST /api/operator/institutions/:id/accounts': hidden((w) => w.institutionB, 'operator', {
    ownerStatus: 201,
    json: { account: 'cross_tenant_univ', name: '王老师' },
  }),
  // Evaluations (features/evaluations): B's 评价库 patents, B's expert evaluation and B's 企业自评.
  'GET /api/evaluation-library/patents/:id/evaluation': hidden((w) => w.evaluationPatentB, 'adminOfB'),
  'PUT /api/evaluation-library/patents/:id/my-evaluation': hidden(
    (w) => w.evaluationPatentB,
    'approvedExpertOfB',
    {
      json: { stars: 4, advice: '跨租户测试的评价建议' },
    },
  ),
  'POST /api/evaluation-library/patents/:id/enterprise-evaluation': hidden(
    (w) => w.submitPatentB,
    'adminOfB',
    {
      ownerStatus: 201,
      json: { stars: 3, opinion: '跨租户测试的企业自评' },
    },
  ),
  'GET /api/evaluation-library/patents/:id/expert-suggestions': hidden(
    (w) => w.evaluationPatentB,
    'adminOfB',
  ),
  'PUT /api/evaluation-library/patents/:id/assignments': hidden((w) => w.evaluationPatentB, 'adminOfB', {
    json: { expertIds: [] },
  }),
  'POST /api/expert-evaluations/:id/review': hidden((w) => w.expertEvaluationB, 'adminOfB', {
    json: { decision: 'approve', comment: '', revision: 1 },
  }),
  'GET /api/expert-evaluations': { kind: 'list', ids: (w) => [w.expertEvaluationB], owner: 'adminOfB' },
  'GET /api/enterprise-evaluations': {
    kind: 'list',
    ids: (w) => [w.enterpriseEvaluationB],
    owner: 'adminOfB',
  },
  'GET /api/me/evaluation-assignments': {
    kind: 'list',
    ids: (w) => [w.reviewPatentB],
    owner: 'approvedExpertOfB',
  },
  'GET /api/university/evaluations': {
    kind: 'list',
    ids: (w) => [w.enterpriseEvaluationB],
    owner: 'universityOfB',
  },
  // 数据看板 and the operator's 高校院所 figures (features/institution-figures): the session's institution.
  'GET /api/university/dashboard': { kind: 'list', ids: (w) => [w.institutionB], owner: 'universityOfB' },
  'GET /api/operator/institution-figures': { kind: 'list', ids: (w) => [w.institutionB], owner: 'operator' },

  // 我有合作意向 (features/intents): B's intents, sent by B's admin to B's institution.
  'GET /api/intent-draft': own(
    'the shared catalogue’s patent and the session’s own enterprise’s open intent',
  ),
  'POST /api/intents': own(
    'sends an intent of the session’s enterprise; the institution comes from the patent',
  ),
  'GET /api/intents': { kind: 'list', ids: (w) => [w.intentB], owner: 'adminOfB' },
  'GET /api/intents/:id': hidden((w) => w.intentB, 'adminOfB'),
  'POST /api/intents/:id/withdraw': hidden((w) => w.withdrawIntentB, 'adminOfB'),
  'POST /api/intents/:id/messages': hidden((w) => w.intentB, 'adminOfB', {
    json: { text: '跨租户测试消息' },
  }),
  'GET /api/intents/:id/attachments/:attachmentId': hidden((w) => w.intentB, 'adminOfB', {
    params: (w) => ({ attachmentId: w.intentAttachmentB }),
  }),
  'POST /api/intents/:id/close': hidden((w) => w.enterpriseCloseIntentB, 'adminOfB', {
    json: { outcome: 'closed' },
  }),
  'GET /api/university/intents': { kind: 'list', ids: (w) => [w.intentB], owner: 'universityOfB' },
  'GET /api/university/intents/:id': hidden((w) => w.intentB, 'universityOfB'),
  'POST /api/university/intents/:id/reply': hidden((w) => w.replyIntentB, 'universityOfB', {
    json: { decision: 'accept', message: '跨租户测试答复' },
  }),
  'POST /api/university/intents/:id/messages': hidden((w) => w.intentB, 'universityOfB', {
    json: { text: '跨租户测试消息' },
  }),
  'GET /api/university/intents/:id/attachments/:attachmentId': hidden((w) => w.intentB, 'universityOfB', {
    params: (w) => ({ attachmentId: w.intentAttachmentB }),
  }),
  'POST /api/university/intents/:id/close': hidden((w) => w.institutionCloseIntentB, 'universityOfB', {
    json: { outcome: 'closed' },
  }),

  // 评价库 (features/evaluation-library): the session's enterprise's library; B's pushed patent is B's only.
  'GET /api/evaluation-library/patents': {
    kind: 'list',
    ids: (w) => [w.evaluationPatentB],
    owner: 'adminOfB',
  },
  'GET /api/evaluation-library/export': own(
    'the session’s own enterprise’s 评价库 (as the list case proves), as an XLSX file',
  ),
  'GET /api/evaluation-library/patents/:id': hidden((w) => w.evaluationPatentB, 'adminOfB'),

  // 推送 (features/pushes): the operator's console over the shared catalogue; every tenant role is refused.
  'POST /api/operator/push-previews': own(
    'the operator’s preview of a push; stores nothing, names no record',
  ),
  'POST /api/operator/pushes': own('defines a new push; names no existing record'),
  'GET /api/operator/pushes': { kind: 'list', ids: () => [pushes.listed], owner: 'operator' },
  'GET /api/operator/pushes/:id': hidden(() => pushes.listed, 'operator'),
  'POST /api/operator/pushes/:id/confirm': hidden(() => pushes.toConfirm, 'operator'),
  'POST /api/patents/:id/push': {
    kind: 'record',
    foreign: 'hidden',
    id: (w) => w.patentB,
    owner: 'operator',
    ownerStatus: 201,
    get json() {
      return { enterpriseIds: [world.enterpriseB] };
    },
  },

  'GET /api/operator/accounts': { kind: 'list', ids: (w) => [w.adminOfB], owner: 'operator' },
  'POST /api/operator/accounts/:id/freeze': hidden((w) => w.activeAccountB, 'operator'),
  'POST /api/operator/accounts/:id/unfreeze': hidden((w) => w.frozenAccountB, 'operator'),
};

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
