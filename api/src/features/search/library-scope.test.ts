import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Client } from '@elastic/elasticsearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enterpriseLibrarySortModes } from '@panhuo/domain/search/keys';
import { buildSearchParamsSchema } from './schema';
import { searchPatents } from './search';
import { testPatents } from './search-test-patents';

// The enterprise-library scope (评价库) on the real Elasticsearch node: nested filter, nested sort, facet.
const url = process.env.ELASTICSEARCH_URL;
if (!url) throw new Error('ELASTICSEARCH_URL is not set: run the tests through `npm test`');
const es = new Client({ node: url, requestTimeout: 20_000 });
const index = `library-scope-test-${randomBytes(4).toString('hex')}`;
const require = createRequire(import.meta.url);
const params = buildSearchParamsSchema({ sortModes: enterpriseLibrarySortModes, libraryFacets: true });

const A = 'aaaaaaaaaaaaaaaaaaaaaaaa';
const B = 'bbbbbbbbbbbbbbbbbbbbbbbb';
/** Patents 0..5 pushed to A (a day apart, 0 the oldest), 3..8 to B; A evaluated 1 and 4, B evaluated 4. */
const day = (n: number) => new Date(Date.UTC(2026, 10, 1 + n)).toISOString();
const docs = testPatents.map((doc, i) => {
  const library = [];
  if (i <= 5) {
    library.push({
      enterpriseId: A,
      pushedAt: day(i),
      pushId: null,
      ...(i === 1 || i === 4 ? { evaluatedAt: day(20), enterpriseStars: i } : {}),
    });
  }
  if (i >= 3 && i <= 8) {
    // B's push dates run the other way, so a sort that read B's entry would show A's list reversed.
    library.push({
      enterpriseId: B,
      pushedAt: day(30 - i),
      pushId: null,
      ...(i === 4 ? { evaluatedAt: day(21), enterpriseStars: 1 } : {}),
    });
  }
  return { ...doc, library };
});

beforeAll(async () => {
  const { settings, mappings } = JSON.parse(
    readFileSync(require.resolve('@panhuo/mappings/patents.json'), 'utf8'),
  );
  await es.indices.create({ index, settings, mappings });
  const res = await es.bulk({
    refresh: true,
    operations: docs.flatMap((doc) => [{ index: { _index: index, _id: doc.id } }, doc]),
  });
  if (res.errors) throw new Error(JSON.stringify(res.items.find((item) => item.index?.error)));
});

afterAll(async () => {
  await es.indices.delete({ index, ignore_unavailable: true });
  await es.close();
});

const search = (query: Record<string, string>, enterpriseId: string) =>
  searchPatents(es, index, params.parse(query), { library: { enterpriseId } });

describe("an enterprise's 评价库 through the shared search", () => {
  it('lists only what was pushed to it, latest push first, each row with its own entry only', async () => {
    const page = await search({}, A);
    expect(page.sort).toBe('pushedAt:desc');
    expect(page.total).toEqual({ value: 6, relation: 'eq' });
    expect(page.hits.map((h) => h.id)).toEqual([5, 4, 3, 2, 1, 0].map((i) => testPatents[i]!.id));
    const four = page.hits.find((h) => h.id === testPatents[4]!.id)!;
    expect(four.entry).toEqual({
      pushedAt: day(4),
      pushId: null,
      evaluatedAt: day(20),
      enterpriseStars: 4,
      expertEvaluations: 0,
    });
    expect(JSON.stringify(page)).not.toContain(B);
  });

  it('sorts by its own push date ascending, and by 登记入库时间 like the catalogue', async () => {
    const asc = await search({ sort: 'pushedAt:asc' }, B);
    expect(asc.hits.map((h) => h.id)).toEqual([8, 7, 6, 5, 4, 3].map((i) => testPatents[i]!.id));
    const registered = await search({ sort: 'registeredAt:desc' }, B);
    const dates = registered.hits.map((h) => h.registeredAt);
    expect(dates).toEqual([...dates].sort().reverse());
  });

  it('counts and filters 企业已评 for this enterprise only', async () => {
    const all = await search({}, A);
    expect(all.facets?.enterpriseEvaluated).toEqual([
      { key: 'false', label: '企业未评', count: 4 },
      { key: 'true', label: '企业已评', count: 2 },
    ]);
    const pending = await search({ enterpriseEvaluated: 'false' }, A);
    expect(pending.hits.map((h) => h.id).sort()).toEqual([0, 2, 3, 5].map((i) => testPatents[i]!.id).sort());
    // The facet still offers both states under its own selection (disjunctive).
    expect(pending.facets?.enterpriseEvaluated?.map((b) => b.count)).toEqual([4, 2]);
    const evaluatedByB = await search({ enterpriseEvaluated: 'true' }, B);
    expect(evaluatedByB.hits.map((h) => h.id)).toEqual([testPatents[4]!.id]);
    expect(evaluatedByB.hits[0]!.entry?.enterpriseStars).toBe(1);
  });

  it('refuses the push-date sort and ignores the evaluation filter in the catalogue', () => {
    expect(
      buildSearchParamsSchema({ sortModes: ['relevance'] }).safeParse({ sort: 'pushedAt:desc' }).success,
    ).toBe(false);
  });
});
