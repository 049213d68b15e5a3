import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PatentSearchDoc } from '@panhuo/domain/patents/dto';
import { indexNames } from '../../infra/elasticsearch';
import { ensurePatentIndex } from '@panhuo/indexer/patent-index';
import { syncOnce } from '@panhuo/indexer/sync';
import { signIn } from '../../../test/auth-helpers';
import type { TestSession } from '../../../test/auth-helpers';
import { buildPatent } from '../../../test/factories';
import { startTestApp } from '../../../test/test-app';
import type { TestApp } from '../../../test/test-app';
import { InstitutionModel } from '../institutions/model';
import { PatentModel } from '../patents/model';
import type { PatentDoc } from '../patents/model';
import { PortfolioModel } from '../patents/portfolio-model';

let app: TestApp;
let university: TestSession;
let admin: TestSession;
/** Two registered patents of the university's institution, one of another institution. */
let mine: PatentDoc[];
let foreign: PatentDoc;
let draftId: string;

interface Portfolio {
  id: string;
  name: string;
  description: string;
  patentCount: number;
  members: { id: string; title: string }[];
}
interface ErrorBody {
  error: string;
  fieldErrors?: { path: string; message: string; code?: string }[];
}

const sync = () => syncOnce(app.deps.es, app.deps.config.ES_INDEX_PREFIX, { refresh: true });

/** The portfolios a patent's search document carries. */
async function indexedPortfolios(id: string): Promise<string[]> {
  const doc = await app.deps.es.get<PatentSearchDoc>({
    index: indexNames(app.deps.config.ES_INDEX_PREFIX).patents,
    id,
  });
  return (doc._source?.portfolios ?? []).map((p) => `${p.name}|${p.description}`).sort();
}

beforeAll(async () => {
  app = await startTestApp('university_portfolios_h16b');
  await ensurePatentIndex(app.deps.es, app.deps.config.ES_INDEX_PREFIX);
  const signedIn = await signIn(app, { role: 'university' });
  university = signedIn.session;
  admin = (await signIn(app, { role: 'enterprise_admin' })).session;
  const institution = await InstitutionModel.findById(signedIn.user.institutionId).lean();
  mine = [
    await buildPatent({ institutionName: institution!.name, title: '一种组合测试用的固态电解质' }),
    await buildPatent({ institutionName: institution!.name, title: '一种组合测试用的硅碳负极' }),
  ];
  foreign = await buildPatent({ title: '另一单位的专利' });
  const draft = await university.request('/api/university/patents', {
    method: 'POST',
    json: { title: '组合测试草稿' },
  });
  expect(draft.status, JSON.stringify(draft.body)).toBe(201);
  draftId = (draft.body as { id: string }).id;
  await sync();
});
afterAll(() => app.close());

describe('组合专利 of a university: build, edit, delete', () => {
  it('builds a portfolio that the members’ search documents and the portfolio page carry', async () => {
    const ids = mine.map((p) => p._id.toHexString());
    const res = await university.request('/api/university/portfolios', {
      method: 'POST',
      json: { name: '固态电池组合', description: '电解质与负极一起许可', patentIds: ids },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const portfolio = res.body as Portfolio;
    expect(portfolio).toMatchObject({ name: '固态电池组合', patentCount: 2 });
    expect(portfolio.members.map((m) => m.id)).toEqual(ids);

    await sync();
    for (const id of ids) expect(await indexedPortfolios(id)).toEqual(['固态电池组合|电解质与负极一起许可']);
    const page = await admin.request(`/api/portfolios/${portfolio.id}`);
    expect(page.status).toBe(200);
    expect((page.body as { patents: { id: string }[] }).patents.map((p) => p.id).sort()).toEqual(
      [...ids].sort(),
    );
    const list = await university.request('/api/university/portfolios');
    expect((list.body as { rows: { id: string }[] }).rows.map((r) => r.id)).toContain(portfolio.id);
  });

  it('lets a patent be in several portfolios; editing and deleting keep the index current', async () => {
    const [a, b] = mine.map((p) => p._id.toHexString()) as [string, string];
    const create = await university.request('/api/university/portfolios', {
      method: 'POST',
      json: { name: '负极材料组合', patentIds: [b] },
    });
    expect(create.status, JSON.stringify(create.body)).toBe(201);
    const id = (create.body as Portfolio).id;
    await sync();
    expect(await indexedPortfolios(b)).toEqual(['固态电池组合|电解质与负极一起许可', '负极材料组合|']);

    const edit = await university.request(`/api/university/portfolios/${id}`, {
      method: 'PUT',
      json: { name: '负极与电解质组合', description: '更新后的说明', patentIds: [a] },
    });
    expect(edit.status, JSON.stringify(edit.body)).toBe(200);
    expect((edit.body as Portfolio).members.map((m) => m.id)).toEqual([a]);
    await sync();
    expect(await indexedPortfolios(a)).toEqual([
      '固态电池组合|电解质与负极一起许可',
      '负极与电解质组合|更新后的说明',
    ]);
    expect(await indexedPortfolios(b)).toEqual(['固态电池组合|电解质与负极一起许可']);
    const stored = await PortfolioModel.findById(id).lean();
    expect(stored?.patentIds.map(String)).toEqual([a]);

    const del = await university.request(`/api/university/portfolios/${id}`, { method: 'DELETE' });
    expect(del.status, JSON.stringify(del.body)).toBe(200);
    expect(await PortfolioModel.exists({ _id: id })).toBeNull();
    const patent = await PatentModel.findById(a).lean<PatentDoc>();
    expect(patent?.portfolioIds.map(String)).not.toContain(id);
    await sync();
    expect(await indexedPortfolios(a)).toEqual(['固态电池组合|电解质与负极一起许可']);
    const gone = await university.request(`/api/university/portfolios/${id}`);
    expect(gone.status).toBe(404);
  });
});

describe('组合专利: bad input is refused with nothing stored', () => {
  const attempt = async (json: unknown) => {
    const before = await PortfolioModel.countDocuments({});
    const res = await university.request('/api/university/portfolios', { method: 'POST', json });
    expect(await PortfolioModel.countDocuments({})).toBe(before);
    return { status: res.status, body: res.body as ErrorBody };
  };

  it('another institution’s patent, an unknown id and a draft: 400 on each member', async () => {
    const unknown = '0123456789abcdef01234567';
    const res = await attempt({
      name: '混入他人专利的组合',
      patentIds: [mine[0]!._id.toHexString(), foreign._id.toHexString(), unknown, draftId],
    });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('portfolio_member_invalid');
    expect(res.body.fieldErrors?.map((e) => e.path)).toEqual([
      'body.patentIds.1',
      'body.patentIds.2',
      'body.patentIds.3',
    ]);
    // Another institution's patent reads exactly as one that exists nowhere.
    expect(res.body.fieldErrors?.[0]?.message).toBe(res.body.fieldErrors?.[1]?.message);
    expect(res.body.fieldErrors?.[2]?.message).toContain('草稿');
    const foreignDoc = await PatentModel.findById(foreign._id).lean<PatentDoc>();
    expect(foreignDoc?.portfolioIds).toEqual([]);
  });

  it('an empty name or no member: 400 validation_failed naming the field', async () => {
    const res = await attempt({ name: '  ', patentIds: [] });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('validation_failed');
    expect(res.body.fieldErrors?.map((e) => e.path).sort()).toEqual(['body.name', 'body.patentIds']);
  });

  it('a second portfolio of the same name: 409 duplicate_portfolio_name', async () => {
    const res = await attempt({ name: '固态电池组合', patentIds: [mine[1]!._id.toHexString()] });
    expect(res.status).toBe(409);
    expect(res.body.error).toBe('duplicate_portfolio_name');
    expect(res.body.fieldErrors?.[0]?.path).toBe('body.name');
  });
});
