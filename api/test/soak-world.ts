import { randomBytes } from 'node:crypto';
import type { ExpertDetail, ExpertListPage, MyExpert } from '@panhuo/domain/experts/dto';
import type { MeResponse } from '@panhuo/domain/accounts/user';
import type { Client } from '@elastic/elasticsearch';
import { indexNames } from '../src/infra/elasticsearch';
import { ensurePatentIndex } from '@panhuo/indexer/patent-index';
import { testPatents } from '../src/features/search/search-test-patents';
import { createTestUser, TestSession } from './auth-helpers';
import type { TestUser } from './auth-helpers';
import { createExpertAs, expertSession, validExpertInfo } from './expert-factories';
import type { TestApp } from './test-app';

/**
 * The soak test's world: several enterprises (an admin and experts each), universities and the operator,
 * every account signed in from a client of its own. Each client knows what is its own, so every answer can
 * be checked against who asked: an answer carrying another tenant's record is a leak, whatever its status.
 */

/** An expert as its enterprise's admin sees it. */
interface KnownExpert {
  id: string;
  name: string;
  /** Whether it was ever reviewed: a never-reviewed expert's detail has no review history. */
  reviewed: boolean;
}

/** One signed-in client and what belongs to it. */
export interface SoakClient {
  label: string;
  user: TestUser;
  session: TestSession;
  enterpriseName: string | null;
  /** The enterprise's experts (admins), or the expert itself (experts). */
  experts: KnownExpert[];
}

/** Counters of one soak run. */
export interface SoakReport {
  requests: number;
  serverErrors: number;
  /** Answers that carry a record of somebody else, or the wrong record. */
  foreignData: number;
  /** Signed-in requests answered 401: the session was lost. */
  sessionsLost: number;
  /** Other unexpected answers (a wrong 4xx). */
  unexpected: number;
  /** The first few problems, for the failure message. */
  samples: string[];
  latenciesMs: number[];
  seconds: number;
}

const patentPrefix = (app: TestApp) => app.deps.config.ES_INDEX_PREFIX;

/** Indexes the search tests' 30 patents into the app's own index so the search route has something to find. */
async function indexSomePatents(app: TestApp, es: Client): Promise<void> {
  await ensurePatentIndex(es, patentPrefix(app));
  const index = indexNames(patentPrefix(app)).patents;
  const operations = testPatents.flatMap((doc) => [{ index: { _index: index, _id: doc.id } }, doc]);
  const result = await es.bulk({ operations, refresh: true });
  if (result.errors) throw new Error('indexing the soak patents failed');
}

/**
 * Builds the world through the real API: `enterprises` enterprises with an admin, a reviewed expert and an
 * expert still filling in his info; two universities; the operator. Every client is signed in.
 */
export async function buildSoakWorld(app: TestApp, enterprises: number): Promise<SoakClient[]> {
  await indexSomePatents(app, app.deps.es);
  const clients: SoakClient[] = [];
  for (let e = 0; e < enterprises; e += 1) {
    const adminUser = await createTestUser({ role: 'enterprise_admin' });
    const admin = new TestSession(app);
    if ((await admin.login(adminUser.account, adminUser.password)).status !== 200)
      throw new Error('admin login');
    const reviewed = await createExpertAs(admin, { name: `审核专家${e}` });
    const reviewedSession = await expertSession(app, reviewed);
    await reviewedSession.request('/api/me/expert', { method: 'PUT', json: validExpertInfo });
    if ((await reviewedSession.request('/api/me/expert/apply', { method: 'POST' })).status !== 200)
      throw new Error('apply');
    const review = await admin.request(`/api/experts/${reviewed.id}/review`, {
      method: 'POST',
      json: { decision: 'reject', opinion: `退回意见-${e}-${randomBytes(3).toString('hex')}` },
    });
    if (review.status !== 200) throw new Error(`review answered ${review.status}`);
    const fresh = await createExpertAs(admin, { name: `新专家${e}` });
    const freshSession = await expertSession(app, fresh);
    const me = (await admin.request('/api/auth/me')).body as MeResponse;
    const list = (await admin.request('/api/experts')).body as ExpertListPage;
    const enterpriseName = list.items[0]?.enterpriseName ?? null;
    const known: KnownExpert[] = [
      { id: reviewed.id, name: `审核专家${e}`, reviewed: true },
      { id: fresh.id, name: `新专家${e}`, reviewed: false },
    ];
    clients.push({
      label: `admin${e}`,
      user: { ...adminUser, id: me.user.id },
      session: admin,
      enterpriseName,
      experts: known,
    });
    clients.push({
      label: `expert${e}`,
      user: { ...adminUser, id: fresh.id, account: fresh.account, role: 'expert' },
      session: freshSession,
      enterpriseName,
      experts: [known[1]!],
    });
  }
  for (const role of ['university', 'university', 'operator', 'enterprise_admin'] as const) {
    const user = await createTestUser({ role });
    const session = new TestSession(app);
    if ((await session.login(user.account, user.password)).status !== 200) throw new Error(`${role} login`);
    const label = role === 'enterprise_admin' ? `hostile${clients.length}` : `${role}${clients.length}`;
    clients.push({ label, user, session, enterpriseName: null, experts: [] });
  }
  return clients;
}

type Check = (body: unknown) => string | null;

interface Step {
  name: string;
  run: (client: SoakClient) => Promise<{ status: number; body: unknown; problem: string | null }>;
}

const pick = <T>(items: T[]): T => items[Math.floor(Math.random() * items.length)]!;

async function get(client: SoakClient, path: string, check: Check) {
  const res = await client.session.request(path);
  return {
    status: res.status,
    body: res.body,
    problem: res.status === 200 ? check(res.body) : null,
  };
}

/** /me answers this client's own account, always. */
const meStep: Step = {
  name: 'GET /api/auth/me',
  run: (c) =>
    get(c, '/api/auth/me', (body) => {
      const { user } = body as MeResponse;
      if (user.id !== c.user.id || user.account !== c.user.account)
        return `me: ${user.account} for ${c.user.account}`;
      if (user.enterpriseId !== c.user.enterpriseId) return `me: enterprise ${user.enterpriseId}`;
      return null;
    }),
};

const searchStep: Step = {
  name: 'GET /api/resource-library/patents',
  run: (c) =>
    get(
      c,
      `/api/resource-library/patents?q=${encodeURIComponent(pick(['电池', '催化剂', '机器人', '中药']))}`,
      (body) => (Array.isArray((body as { hits?: unknown }).hits) ? null : 'search: no hits'),
    ),
};

const adminSteps: Step[] = [
  {
    name: 'GET /api/experts',
    run: (c) =>
      get(c, '/api/experts', (body) => {
        const page = body as ExpertListPage;
        const own = new Set(c.experts.map((x) => x.id));
        const foreign = page.items.find(
          (item) => !own.has(item.id) || item.enterpriseName !== c.enterpriseName,
        );
        if (foreign) return `experts list: ${foreign.id} (${foreign.enterpriseName}) for ${c.enterpriseName}`;
        return page.items.length === own.size ? null : `experts list: ${page.items.length} of ${own.size}`;
      }),
  },
  {
    name: 'GET /api/experts/:id',
    run: (c) => {
      const expert = pick(c.experts);
      return get(c, `/api/experts/${expert.id}`, (body) => {
        const detail = body as ExpertDetail;
        if (detail.id !== expert.id || detail.name !== expert.name)
          return `expert: ${detail.id} for ${expert.id}`;
        if (detail.enterpriseName !== c.enterpriseName) return `expert: enterprise ${detail.enterpriseName}`;
        if (detail.reviews.length !== (expert.reviewed ? 1 : 0))
          return `expert: ${detail.reviews.length} reviews`;
        return null;
      });
    },
  },
  {
    name: 'PUT /api/auth/profile → GET /api/auth/me',
    run: async (c) => {
      const department = `部门${randomBytes(3).toString('hex')}`;
      const put = await c.session.request('/api/auth/profile', {
        method: 'PUT',
        json: {
          department,
          position: '工程师',
          phone: '13800138000',
          email: `${c.user.account}@example.com`,
        },
      });
      if (put.status !== 200) return { status: put.status, body: put.body, problem: null };
      return get(c, '/api/auth/me', (body) => {
        const { user } = body as MeResponse;
        if (user.id !== c.user.id) return `me after write: ${user.account}`;
        return user.profile?.department === department
          ? null
          : `profile read back ${user.profile?.department}`;
      });
    },
  },
];

const expertSteps: Step[] = [
  {
    name: 'PUT /api/me/expert → GET /api/me/expert',
    run: async (c) => {
      const resume = `履历${randomBytes(4).toString('hex')}：长期从事新能源材料研究。`;
      const put = await c.session.request('/api/me/expert', {
        method: 'PUT',
        json: { ...validExpertInfo, resume },
      });
      if (put.status !== 200) return { status: put.status, body: put.body, problem: null };
      return get(c, '/api/me/expert', (body) => {
        const mine = body as MyExpert;
        if (mine.id !== c.user.id) return `my expert: ${mine.id} for ${c.user.id}`;
        return mine.info?.resume === resume ? null : `my expert: resume read back ${mine.info?.resume}`;
      });
    },
  },
];

const operatorSteps: Step[] = [
  {
    name: 'GET /api/operator/accounts',
    run: (c) =>
      get(c, '/api/operator/accounts', (body) =>
        Array.isArray((body as { items?: unknown }).items) ? null : 'operator accounts: no items',
      ),
  },
];

const hostileIds = ['000000000000000000000000', 'zzz', 'ffffffffffffffffffffffff', '%00', 'a'.repeat(30)];
const hostileText = [
  'a\u0000b',
  '\ud800',
  'x'.repeat(3000),
  '\u202e',
  '\u200b',
  '{"$gt":""}',
  '%',
  '\u001b[2J',
];
/** Already percent-encoded: a lone surrogate's bytes, NUL, an escape, a long word, an operator object. */
const hostileQueries = [
  '%ED%A0%80',
  'a%00b',
  '%1B%5B2J',
  'x'.repeat(3000),
  '%E2%80%AE',
  '%7B%22%24gt%22%3A%22%22%7D',
  '%25',
  '%',
];
const hostilePaths = [
  '/api/experts/ID',
  '/api/experts/ID/certificate',
  '/api/patents/ID',
  '/api/portfolios/ID',
  '/api/operator/verifications/ID',
  '/api/resource-library/patents?q=TEXT',
  '/api/expert-library?q=TEXT',
  '/api/experts?q=TEXT&page=99999',
  '/api/operator/accounts?q=TEXT',
  '/api/healthz',
];

/**
 * What a fuzzer sends: unknown ids, control characters, lone surrogates, broken JSON, wrong methods. Any
 * 4xx is fine; a 5xx is not, and the well-formed traffic around it must stay correct.
 */
const hostileStep: Step = {
  name: 'hostile request',
  run: async (c) => {
    const path = pick(hostilePaths)
      .replace('ID', encodeURIComponent(pick(hostileIds)))
      .replace('TEXT', pick(hostileQueries));
    const method = pick(['GET', 'GET', 'POST', 'PUT', 'DELETE']);
    const body = pick([
      '{',
      '[]',
      JSON.stringify({ account: pick(hostileText), password: pick(hostileText), name: pick(hostileText) }),
    ]);
    const res = await c.session.request(path, {
      method,
      ...(method === 'GET' ? {} : { body, headers: { 'content-type': 'application/json' } }),
    });
    // Any refusal is a right answer to garbage (reported as 200 so runSoak counts it as fine); a 5xx stays
    // a 5xx, and a 401 means the hostile traffic cost this client its session.
    return {
      status: res.status >= 400 && res.status < 500 && res.status !== 401 ? 200 : res.status,
      body: res.body,
      problem: null,
    };
  },
};

function stepsOf(client: SoakClient): Step[] {
  if (client.label.startsWith('hostile')) return [hostileStep];
  const own =
    client.user.role === 'enterprise_admin'
      ? adminSteps
      : client.user.role === 'expert'
        ? expertSteps
        : client.user.role === 'operator'
          ? operatorSteps
          : [];
  return [meStep, searchStep, ...own];
}

/**
 * Runs every client in a loop of its role's steps for `seconds`, checking each answer against who asked.
 * Resolves with the counters; never throws for a bad answer (the caller asserts on the report).
 */
export async function runSoak(clients: SoakClient[], seconds: number): Promise<SoakReport> {
  const report: SoakReport = {
    requests: 0,
    serverErrors: 0,
    foreignData: 0,
    sessionsLost: 0,
    unexpected: 0,
    samples: [],
    latenciesMs: [],
    seconds,
  };
  const note = (text: string) => {
    if (report.samples.length < 20) report.samples.push(text);
  };
  const until = Date.now() + seconds * 1000;
  await Promise.all(
    clients.map(async (client) => {
      const steps = stepsOf(client);
      let lost = false;
      while (Date.now() < until && !lost) {
        const step = pick(steps);
        const started = performance.now();
        let outcome: Awaited<ReturnType<Step['run']>>;
        try {
          outcome = await step.run(client);
        } catch (error) {
          report.unexpected += 1;
          note(`${client.label} ${step.name}: ${(error as Error).message}`);
          continue;
        }
        report.latenciesMs.push(performance.now() - started);
        report.requests += 1;
        const { status, body, problem } = outcome;
        if (status >= 500) {
          report.serverErrors += 1;
          note(`${client.label} ${step.name}: ${status} ${JSON.stringify(body).slice(0, 200)}`);
        } else if (status === 401) {
          report.sessionsLost += 1;
          lost = true;
          note(`${client.label} ${step.name}: 401, session lost`);
        } else if (status !== 200) {
          report.unexpected += 1;
          note(`${client.label} ${step.name}: ${status} ${JSON.stringify(body).slice(0, 200)}`);
        } else if (problem) {
          report.foreignData += 1;
          note(`${client.label} ${step.name}: ${problem}`);
        }
      }
    }),
  );
  return report;
}

/** The p-th percentile (0–100) of the latencies, in ms. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
