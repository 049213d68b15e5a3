import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Client } from '@elastic/elasticsearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../errors';
import { decodeCursor, encodeCursor } from './cursor';
import { searchParamsSchema } from './schema';
import type { SearchParams } from './schema';
import { searchPatents } from './search';
import type { SearchPage } from './search';
import { institutions, testPatents } from './search-test-patents';

// Runs on the real Elasticsearch node of the test stack (scripts/test.ts sets ELASTICSEARCH_URL).
const url = process.env.ELASTICSEARCH_URL;
if (!url)
  throw new Error('ELASTICSEARCH_URL is not set: run the tests through `npm test` (it starts the stack)');
const es = new Client({ node: url, requestTimeout: 20_000 });
const index = `search-test-${randomBytes(4).toString('hex')}`;
const require = createRequire(import.meta.url);

beforeAll(async () => {
  const { settings, mappings } = JSON.parse(
    readFileSync(require.resolve('@panhuo/mappings/patents.json'), 'utf8'),
  );
  await es.indices.create({ index, settings, mappings });
  const res = await es.bulk({
    refresh: true,
    operations: testPatents.flatMap((doc) => [
      { index: { _index: index, _id: doc.id, version: doc.rev, version_type: 'external' } },
      doc,
    ]),
  });
  if (res.errors) throw new Error(JSON.stringify(res.items.find((item) => item.index?.error)));
});

afterAll(async () => {
  await es.indices.delete({ index, ignore_unavailable: true });
  await es.close();
});

/** Parses client parameters like a route would, then searches. */
const search = (params: SearchParams, scope = {}) =>
  searchPatents(es, index, searchParamsSchema.parse(params), scope);
const titles = (page: SearchPage) => page.hits.map((hit) => hit.title);
const byTitle = (title: string) => testPatents.find((p) => p.title === title)!;

describe('keyword relevance', () => {
  it('ranks the exact phrase above its characters scattered (石墨烯 is split 石墨 + 烯 by smartcn)', async () => {
    const page = await search({ q: '石墨烯' });
    expect(titles(page)).toEqual([
      '一种石墨烯导热膜及其制备方法',
      '一种高导热聚合物复合材料',
      '石墨电极表面涂覆含烯键聚合物的改性方法',
    ]);
  });

  it.each([
    ['锂电池 正极材料', '一种锂电池正极材料及其制备方法', '一种钠离子电池正极材料'],
    ['图像识别 深度学习', '基于深度学习的图像识别方法', '一种深度神经网络学习率调整与图像分类识别系统'],
    ['污水处理', '一种城镇污水处理一体化装置', '一种城镇污水的生物处理装置'],
  ])('%s: the exact words first, scattered characters last', async (q, best, scattered) => {
    const found = titles(await search({ q }));
    expect(found[0]).toBe(best);
    expect(found).toContain(scattered);
    expect(found.at(-1)).toBe(scattered);
  });

  it('requires a quoted phrase as an exact substring', async () => {
    const page = await search({ q: '"石墨烯"' });
    expect(titles(page).sort()).toEqual(['一种石墨烯导热膜及其制备方法', '一种高导热聚合物复合材料'].sort());
  });

  it('treats syntax characters and an unbalanced quote as plain text', async () => {
    const page = await search({ q: 'title:(石墨烯*) "导热' });
    expect(titles(page)).toEqual(['一种石墨烯导热膜及其制备方法', '一种高导热聚合物复合材料']);
  });

  it('finds a patent by its application number written with a prefix and no check digit', async () => {
    const patent = byTitle('一种靶向抗肿瘤药物组合物');
    const page = await search({ q: `ZL${patent.applicationNumber.slice(0, 12)}` });
    expect(page.total).toEqual({ value: 1, relation: 'eq' });
    expect(page.hits[0]?.id).toBe(patent.id);
  });

  it("marks the matched words in title and snippet, the analyzer's pieces joined", async () => {
    // smartcn splits 石墨烯 into 石墨 + 烯: both are marked, and touching marks are one segment.
    const [hit] = (await search({ q: '石墨烯', size: 1 })).hits;
    expect(hit?.titleSegments).toEqual([
      { text: '一种', hit: false },
      { text: '石墨烯', hit: true },
      { text: '导热膜及其制备方法', hit: false },
    ]);
    expect(hit?.snippet.some((segment) => segment.hit && segment.text === '石墨烯')).toBe(true);
  });

  it('marks each analyzed word where the words are apart, and a quoted phrase only as a whole', async () => {
    const marked = (page: SearchPage, title: string) =>
      page.hits
        .find((h) => h.title === title)
        ?.titleSegments.filter((s) => s.hit)
        .map((s) => s.text);
    const words = await search({ q: '污水 处理' });
    expect(marked(words, '一种城镇污水的生物处理装置')).toEqual(['污水', '处理']);
    expect(marked(words, '一种城镇污水处理一体化装置')).toEqual(['污水处理']);
    const phrase = await search({ q: '"污水处理"' });
    expect(phrase.hits.map((h) => h.title)).toEqual(['一种城镇污水处理一体化装置']);
    expect(marked(phrase, '一种城镇污水处理一体化装置')).toEqual(['污水处理']);
  });

  it('asks the analyzer once per distinct text, then answers from the cache', async () => {
    const analyzeCalls: string[] = [];
    const watch = (_err: unknown, result: { meta: { request: { params: { path: string } } } } | null) => {
      const path = result?.meta.request.params.path ?? '';
      if (path.endsWith('/_analyze')) analyzeCalls.push(path);
    };
    es.diagnostic.on('response', watch);
    try {
      const q = `导热膜 ${randomBytes(3).toString('hex')}`;
      await search({ q });
      await search({ q, sort: 'applicationDate:desc' });
      await search({ q: `${q} 石墨烯` });
      expect(analyzeCalls).toHaveLength(2);
    } finally {
      es.diagnostic.off('response', watch);
    }
  });
});

describe('filters and facets', () => {
  const count = (predicate: (p: (typeof testPatents)[number]) => boolean) =>
    testPatents.filter(predicate).length;
  const facetCounts = (page: SearchPage, key: keyof NonNullable<SearchPage['facets']>) =>
    Object.fromEntries((page.facets?.[key] ?? []).map((b) => [b.key, b.count]));

  it('filters hits by every selection, and counts each facet under the OTHER selections', async () => {
    const page = await search({
      patentType: ['invention', 'utility_model'],
      strategicIndustries: '3',
      size: 100,
    });
    const isType = (p: (typeof testPatents)[number]) => p.patentType !== 'design';
    const isNewMaterial = (p: (typeof testPatents)[number]) => p.strategicIndustries.includes('3');
    expect(page.total.value).toBe(count((p) => isType(p) && isNewMaterial(p)));
    expect(page.hits.every((h) => h.patentType !== 'design' && h.strategicIndustries.includes('3'))).toBe(
      true,
    );
    // patentType facet: only the strategic-industry selection applies.
    expect(facetCounts(page, 'patentType')).toEqual({
      invention: count((p) => isNewMaterial(p) && p.patentType === 'invention'),
      utility_model: count((p) => isNewMaterial(p) && p.patentType === 'utility_model'),
    });
    // strategicIndustries facet: only the patent-type selection applies (category 2 etc. still counted).
    expect(facetCounts(page, 'strategicIndustries')['2']).toBe(
      count((p) => isType(p) && p.strategicIndustries.includes('2')),
    );
    // A facet with no selection: both selections apply.
    expect(facetCounts(page, 'legalStatus')).toEqual(
      Object.fromEntries(
        ['valid', 'pending', 'invalid']
          .map((s) => [s, count((p) => isType(p) && isNewMaterial(p) && p.legalStatus === s)])
          .filter(([, n]) => n !== 0),
      ),
    );
    expect(page.facets?.strategicIndustries.find((b) => b.key === '3.6')?.label).toBe('前沿新材料');
  });

  it('filters by cooperation-mode group, institution, 2023 validity and a China-day date range', async () => {
    const licensed = await search({ cooperationModes: 'license', size: 100 });
    expect(licensed.total.value).toBe(count((p) => p.cooperationModes.some((m) => m.startsWith('license_'))));
    const [tsinghua] = institutions;
    const own = await search({ institutionId: tsinghua.id, validAtEnd2023: 'true', size: 100 });
    expect(own.total.value).toBe(count((p) => p.institutionId === tsinghua.id && p.validAtEnd2023));
    expect(own.facets?.institutionId.find((b) => b.key === tsinghua.id)?.label).toBe('清华大学');
    // 2024-06-30T15:30Z is 23:30 on 30 June in China (inside); 16:30Z is already 1 July (outside).
    const day = await search({ registeredFrom: '2024-06-30', registeredTo: '2024-06-30' });
    expect(titles(day)).toEqual(['一种锂电池正极材料及其制备方法']);
  });

  it('keeps results and facets inside the library scope', async () => {
    const [, zju] = institutions;
    const page = await search({ size: 100 }, { institutionIds: [zju.id] });
    expect(page.total.value).toBe(count((p) => p.institutionId === zju.id));
    expect(page.facets?.institutionId.map((b) => b.key)).toEqual([zju.id]);
    const pushed = testPatents.slice(0, 3).map((p) => p.id);
    expect((await search({}, { ids: pushed })).hits.map((h) => h.id).sort()).toEqual([...pushed].sort());
    expect((await search({}, { ids: [] })).total.value).toBe(0);
  });
});

describe('sorting and paging', () => {
  const newestFirst = [...testPatents]
    .sort(
      (a, b) =>
        b.registeredAt.localeCompare(a.registeredAt) ||
        a.applicationNumber.localeCompare(b.applicationNumber),
    )
    .map((p) => p.id);

  it('sorts by registration date, newest first by default', async () => {
    const page = await search({ size: 100 });
    expect(page.sort).toBe('registeredAt:desc');
    expect(page.hits.map((h) => h.id)).toEqual(newestFirst);
  });

  it('sorts by application date ascending', async () => {
    const page = await search({ sort: 'applicationDate:asc', size: 100 });
    const dates = page.hits.map((h) => h.applicationDate);
    expect(dates).toEqual([...dates].sort());
  });

  it('follows cursors (point in time + search_after) through every page without overlap', async () => {
    const seen: string[] = [];
    let page = await search({ size: 7 });
    expect(decodeCursor(page.nextCursor ?? '')?.pit).toBeNull();
    seen.push(...page.hits.map((h) => h.id));
    const numberedPage2 = await search({ size: 7, page: 2 });
    let pageNumber = 1;
    while (page.nextCursor) {
      page = await search({ size: 7, cursor: page.nextCursor });
      pageNumber += 1;
      expect(page.page).toBe(pageNumber);
      if (pageNumber === 2) expect(page.hits.map((h) => h.id)).toEqual(numberedPage2.hits.map((h) => h.id));
      seen.push(...page.hits.map((h) => h.id));
    }
    expect(pageNumber).toBe(5);
    expect(seen).toEqual(newestFirst);
  });

  it('gives cursor pages the total and facets of page 1, counted once and then served from the request cache', async () => {
    const params = { patentType: ['invention', 'utility_model'], size: 3 } as const;
    const first = await search(params);
    const cacheStats = async () =>
      (await es.indices.stats({ index, metric: 'request_cache' }))._all.primaries?.request_cache;
    const before = await cacheStats();
    const second = await search({ ...params, cursor: first.nextCursor! });
    const third = await search({ ...params, cursor: second.nextCursor! });
    for (const page of [second, third]) {
      expect(page.total).toEqual(first.total);
      expect(page.facets).toEqual(first.facets);
    }
    const after = await cacheStats();
    expect((after?.miss_count ?? 0) - (before?.miss_count ?? 0)).toBe(1);
    expect((after?.hit_count ?? 0) - (before?.hit_count ?? 0)).toBe(1);
  });

  it('reopens an expired point in time and continues at the same position', async () => {
    const first = await search({ q: '一种', size: 4 });
    const second = await search({ q: '一种', size: 4, cursor: first.nextCursor! });
    const cursor = decodeCursor(second.nextCursor!)!;
    await es.closePointInTime({ id: cursor.pit! });
    const third = await search({ q: '一种', size: 4, cursor: second.nextCursor! });
    const all = await search({ q: '一种', size: 12 });
    expect(third.hits.map((h) => h.id)).toEqual(all.hits.slice(8, 12).map((h) => h.id));
  });

  it('refuses a cursor from another search or with a forged point in time', async () => {
    const first = await search({ size: 5 });
    await expect(search({ size: 5, patentType: 'design', cursor: first.nextCursor! })).rejects.toBeInstanceOf(
      AppError,
    );
    const forged = encodeCursor({ ...decodeCursor(first.nextCursor!)!, pit: 'bm90IGEgcGl0' });
    await expect(search({ size: 5, cursor: forged })).rejects.toMatchObject({
      status: 400,
      code: 'validation_failed',
    });
  });
});
