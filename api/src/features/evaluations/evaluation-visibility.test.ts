import { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { ensurePatentIndex } from '@panhuo/indexer/patent-index';
import { reindexPatents } from '@panhuo/indexer/reindex';
import ExcelJS from 'exceljs';
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../../../test/auth-helpers';
import type { TestSession } from '../../../test/auth-helpers';
import { buildInstitution } from '../../../test/factories';
import { startTestApp } from '../../../test/test-app';
import type { TestApp } from '../../../test/test-app';
import { allRoutes } from '../../app';
import type { RouteSpec } from '../../http/route';
import { can } from '../../policies/abilities';
import { approvedExpert, paths, pushedPatent, pushTo } from './fixtures';

// The rule that must never break: expert evaluations never leave the enterprise. The university of the
// patent and the operator walk every route they may call, and another enterprise's users theirs; no answer
// may carry an expert's stars, advice, name or evaluation id. The university does receive the 企业自评.

const expertName = '保密专家甲乙';
const advice = '仅限企业内部的专家评价建议QX7';
const officialOpinion = '企业正式评价意见K9';

let app: TestApp;
let routes: RouteSpec[];
let university: TestSession;
let operator: TestSession;
let otherAdmin: TestSession;
let otherExpert: TestSession;
const ids: Record<string, string> = {};

beforeAll(async () => {
  app = await startTestApp('evaluation_visibility');
  routes = allRoutes(app.deps, new OpenAPIRegistry());
  await ensurePatentIndex(app.deps.es, app.deps.config.ES_INDEX_PREFIX);
  const institution = await buildInstitution({ name: '可见性测试大学' });
  university = (await signIn(app, { role: 'university', institutionId: institution._id.toHexString() }))
    .session;
  operator = (await signIn(app, { role: 'operator' })).session;

  const admin = await signIn(app, { role: 'enterprise_admin' });
  const expert = await approvedExpert(app, admin.session, { name: expertName });
  const patentId = await pushedPatent(admin.user.enterpriseId!, { institutionName: institution.name });
  const rated = await expert.session.request(paths(patentId).mine, {
    method: 'PUT',
    json: { stars: 5, advice },
  });
  expect(rated.status).toBe(200);
  const evaluation = rated.body as { id: string; revision: number };
  const reviewed = await admin.session.request(`/api/expert-evaluations/${evaluation.id}/review`, {
    method: 'POST',
    json: { decision: 'approve', comment: '', revision: evaluation.revision },
  });
  expect(reviewed.status).toBe(200);
  const official = await admin.session.request(paths(patentId).enterprise, {
    method: 'POST',
    json: { stars: 3, opinion: officialOpinion },
  });
  expect(official.status).toBe(201);
  Object.assign(ids, {
    patentId,
    evaluationId: evaluation.id,
    expertId: expert.id,
    officialId: (official.body as { id: string }).id,
    enterpriseId: admin.user.enterpriseId!,
    institutionId: institution._id.toHexString(),
  });

  const other = await signIn(app, { role: 'enterprise_admin' });
  otherAdmin = other.session;
  otherExpert = (await approvedExpert(app, other.session)).session;
  // B's library holds the same patent: B still sees nothing of A's evaluations of it.
  await pushedPatent(other.user.enterpriseId!);
  await pushTo(patentId, other.user.enterpriseId!);
  await reindexPatents(app.deps.es, app.deps.config.ES_INDEX_PREFIX);
}, 120_000);
afterAll(() => app.close());

/** The text of an answer: JSON as sent, a spreadsheet's cells joined. */
async function textOf(
  session: TestSession,
  route: RouteSpec,
  path: string,
): Promise<{ status: number; text: string }> {
  if (route.method !== 'get') {
    const res = await session.request(path, { method: route.method.toUpperCase(), json: {} });
    return { status: res.status, text: JSON.stringify(res.body) };
  }
  const raw = await session.fetchRaw(path);
  const type = raw.headers.get('content-type') ?? '';
  if (type.includes('spreadsheet')) {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await raw.arrayBuffer());
    const cells: string[] = [];
    book.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value)))));
    return { status: raw.status, text: cells.join('\n') };
  }
  return { status: raw.status, text: await raw.text() };
}

/** Every `stars` value anywhere in a JSON text. */
function starsIn(text: string): unknown[] {
  const found: unknown[] = [];
  const walk = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        if (key === 'stars' || key === 'mean' || key === 'distribution') found.push(inner);
        walk(inner);
      }
    }
  };
  try {
    walk(JSON.parse(text));
  } catch {
    // Not JSON (a spreadsheet's text): its cells were checked as text.
  }
  return found;
}

/** Each concrete path of a route: every real id of the world for `:id`, else the route's own path. */
function pathsOf(route: RouteSpec): string[] {
  if (!route.path.includes(':id')) return [route.path];
  const candidates = route.method === 'get' ? [...Object.values(ids)] : [new Types.ObjectId().toHexString()];
  return candidates.map((id) => route.path.replace(':id', id));
}

async function walk(session: TestSession, role: 'university' | 'operator' | 'enterprise_admin' | 'expert') {
  const answers: { path: string; status: number; text: string }[] = [];
  for (const route of routes) {
    if (route.path === '/api/auth/logout') continue;
    if (!('public' in route.policy) && !can({ role }, route.policy.ability)) continue;
    for (const path of pathsOf(route)) answers.push({ path, ...(await textOf(session, route, path)) });
  }
  return answers;
}

describe('expert evaluations never leave the enterprise', () => {
  it('the university and the operator see no expert’s stars, advice, name or evaluation on any route', async () => {
    for (const [role, session] of [
      ['university', university],
      ['operator', operator],
    ] as const) {
      const answers = await walk(session, role);
      expect(answers.length, role).toBeGreaterThan(10);
      for (const answer of answers) {
        const where = `${role} ${answer.path} (${answer.status})`;
        expect(answer.text, where).not.toContain(advice);
        expect(answer.text, where).not.toContain(ids.evaluationId);
        // The operator's account administration lists every account by name (expert accounts included);
        // that is who the person is, not what he said about a patent.
        if (!answer.path.startsWith('/api/operator/accounts'))
          expect(answer.text, where).not.toContain(expertName);
        // The OpenAPI document describes `stars` fields (schemas, not values).
        if (answer.path === '/api/openapi.json') continue;
        for (const stars of starsIn(answer.text))
          expect(stars, `${where}: only the 企业自评's 3 stars`).toBe(3);
      }
    }
  }, 120_000);

  it('the university receives the 企业自评: enterprise name, stars, opinion, date', async () => {
    const res = await university.request(`/api/university/evaluations?patentId=${ids.patentId}`);
    expect(res.status).toBe(200);
    const page = res.body as { total: number; items: Record<string, unknown>[] };
    expect(page.total).toBe(1);
    expect(Object.keys(page.items[0]!).sort()).toEqual(
      [
        'applicationNumber',
        'enterpriseId',
        'enterpriseName',
        'id',
        'opinion',
        'patentId',
        'patentTitle',
        'stars',
        'submittedAt',
        'withdrawn',
      ].sort(),
    );
    expect(page.items[0]).toMatchObject({ id: ids.officialId, stars: 3, opinion: officialOpinion });
    expect(String(page.items[0]!.enterpriseName)).toMatch(/^测试企业/);
  });

  it('another enterprise sees neither A’s expert evaluations nor A’s 企业自评', async () => {
    for (const [role, session] of [
      ['enterprise_admin', otherAdmin],
      ['expert', otherExpert],
    ] as const) {
      for (const answer of await walk(session, role)) {
        const where = `${role} of B ${answer.path} (${answer.status})`;
        for (const secret of [advice, expertName, officialOpinion, ids.evaluationId, ids.officialId]) {
          expect(answer.text, where).not.toContain(secret);
        }
      }
    }
    const panel = await otherAdmin.request(paths(ids.patentId!).panel);
    expect(panel.status).toBe(200);
    expect(panel.body).toMatchObject({ lock: null, enterpriseEvaluation: null, expertEvaluations: [] });
  }, 120_000);
});
