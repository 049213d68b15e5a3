import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Client } from '@elastic/elasticsearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchParamsSchema } from './schema';
import { searchPatents } from './search';
import { testPatentDoc } from './search-test-patents';
import type { Draft } from './search-test-patents';

// Words that smartcn segments one way in a short query and another way in running text (issue 17), on the
// real Elasticsearch node of the test stack.
const url = process.env.ELASTICSEARCH_URL;
if (!url) throw new Error('ELASTICSEARCH_URL is not set: run the tests through `npm test`');
const es = new Client({ node: url, requestTimeout: 20_000 });
const index = `search-segmentation-${randomBytes(4).toString('hex')}`;
const require = createRequire(import.meta.url);

const draft = (title: string, abstract: string, n: number): Draft => ({
  title,
  abstract,
  institution: (n % 3) as 0 | 1 | 2,
  ipc: ['A61K 36/00'],
  strategic: ['4.1'],
  economic: ['27'],
  applied: '2019-03-0' + (n + 1),
  registered: `2024-01-0${n + 1}T08:00:00Z`,
});

const docs = [
  draft(
    '一种治疗失眠的中药组合物',
    '本发明公开了一种治疗失眠的中药组合物，由酸枣仁、远志、合欢皮等原料制成，安神效果好。',
    0,
  ),
  draft('一种二氧化钛光催化剂及其制备方法', '本发明涉及一种二氧化钛光催化剂，可见光下降解有机污染物。', 1),
  draft('一种锂电池负极材料', '本发明涉及锂电池负极材料，循环寿命长。', 2),
  draft('一种钠电池电解液', '本发明提供一种钠电池电解液，低温性能好。', 3),
].map((d, i) => testPatentDoc(d, 200 + i));

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

const search = (params: Record<string, string>) => searchPatents(es, index, searchParamsSchema.parse(params));
const titles = async (q: string) => (await search({ q })).hits.map((hit) => hit.title);

describe('typed words that smartcn segments differently in a query', () => {
  it.each([
    // 中药 alone → 中 / 药, but 中药组合物 in the text → 中药 …
    ['失眠 中药', '一种治疗失眠的中药组合物'],
    // 光催化 alone → 光 / 催化, but 光催化剂 in the text → 光 / 催化剂
    ['二氧化钛 光催化', '一种二氧化钛光催化剂及其制备方法'],
  ])('%s finds the patent that contains both words', async (q, title) => {
    expect(await titles(q)).toEqual([title]);
  });

  it('keeps precision: 钠电池 never answers 锂电池, nor the other way round', async () => {
    expect(await titles('钠电池')).toEqual(['一种钠电池电解液']);
    expect(await titles('锂电池')).toEqual(['一种锂电池负极材料']);
  });
});

describe('partial matches when no patent holds every word', () => {
  it('answers a normal search as such: every word held, no partial flag', async () => {
    const page = await search({ q: '失眠 中药' });
    expect(page.partialMatch).toBeNull();
    expect(page.hits[0]?.missingWords).toBeUndefined();
  });

  it('answers with the patents holding most of the words, most first, each saying what it lacks', async () => {
    const page = await search({ q: '失眠 中药 光催化' });
    expect(page.partialMatch).toEqual({ words: ['失眠', '中药', '光催化'] });
    expect(page.hits.map((hit) => [hit.title, hit.missingWords])).toEqual([
      ['一种治疗失眠的中药组合物', ['光催化']],
      ['一种二氧化钛光催化剂及其制备方法', ['失眠', '中药']],
    ]);
    expect(page.total).toEqual({ value: 2, relation: 'eq' });
  });

  it('counts the facets of the rows shown', async () => {
    const page = await search({ q: '失眠 光催化' });
    const counted = (page.facets?.institutionId ?? []).reduce((sum, bucket) => sum + bucket.count, 0);
    expect(counted).toBe(2);
  });

  it('continues a partial answer by cursor', async () => {
    const first = await search({ q: '失眠 中药 光催化 电解液', size: '1' });
    expect(first.partialMatch?.words).toHaveLength(4);
    const seen = first.hits.map((hit) => hit.title);
    let cursor = first.nextCursor;
    while (cursor) {
      const next = await search({ q: '失眠 中药 光催化 电解液', size: '1', cursor });
      expect(next.partialMatch).not.toBeNull();
      seen.push(...next.hits.map((hit) => hit.title));
      cursor = next.nextCursor;
    }
    // Two words held first; the two holding one word each follow in BM25 order, each exactly once.
    expect(seen[0]).toBe('一种治疗失眠的中药组合物');
    expect(seen.slice(1).sort()).toEqual(['一种二氧化钛光催化剂及其制备方法', '一种钠电池电解液'].sort());
  });

  it('never answers a one-word search partially', async () => {
    const page = await search({ q: '光催化剂电解液' });
    expect(page.partialMatch).toBeNull();
    expect(page.hits).toEqual([]);
  });
});
