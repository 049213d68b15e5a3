import { describe, expect, it } from 'vitest';
import { parseQueryText } from './query-text';
import {
  buildKnnSection,
  FUSED_WORDS_WINDOW,
  fuseByRank,
  isEmbeddable,
  RRF_K,
  SEMANTIC_K,
  SEMANTIC_MIN_SIMILARITY,
  SEMANTIC_NUM_CANDIDATES,
} from './semantic';

describe('buildKnnSection', () => {
  it('asks for the nearest SEMANTIC_K above the floor, within the given filters', () => {
    const filter = [{ terms: { institutionId: ['a'] } }];
    expect(buildKnnSection([0.5, -0.5], filter)).toEqual({
      field: 'embedding',
      query_vector: [0.5, -0.5],
      k: SEMANTIC_K,
      num_candidates: SEMANTIC_NUM_CANDIDATES,
      similarity: SEMANTIC_MIN_SIMILARITY,
      filter: [{ terms: { institutionId: ['a'] } }],
    });
    expect(buildKnnSection([1], [])).toEqual({
      field: 'embedding',
      query_vector: [1],
      k: SEMANTIC_K,
      num_candidates: SEMANTIC_NUM_CANDIDATES,
      similarity: SEMANTIC_MIN_SIMILARITY,
    });
  });
});

describe('fuseByRank', () => {
  const id = (hit: string) => hit;

  it('puts a hit of both lists above the first of either list alone', () => {
    const fused = fuseByRank(['w1', 'both', 'w3'], ['s1', 'both'], id);
    expect(fused.map((f) => f.id)).toEqual(['both', 'w1', 's1', 'w3']);
    expect(fused[0]).toMatchObject({ wordsRank: 2, semanticRank: 2 });
    expect(fused[0]?.score).toBeCloseTo(2 / (RRF_K + 2), 12);
  });

  it('breaks equal scores by the words rank: words first at the same rank', () => {
    expect(fuseByRank(['w1', 'w2'], ['s1', 's2'], id).map((f) => f.id)).toEqual(['w1', 's1', 'w2', 's2']);
  });

  it('fuses only the first FUSED_WORDS_WINDOW words hits and keeps the words copy of a shared hit', () => {
    const words = Array.from({ length: FUSED_WORDS_WINDOW + 5 }, (_, i) => ({ id: `w${i}`, from: 'words' }));
    const fused = fuseByRank(words, [{ id: 'w0', from: 'semantic' }], (hit) => hit.id);
    expect(fused).toHaveLength(FUSED_WORDS_WINDOW);
    expect(fused[0]?.hit.from).toBe('words');
  });
});

describe('isEmbeddable', () => {
  it('embeds plain words only, never a number or a quoted phrase', () => {
    expect(isEmbeddable(parseQueryText('心梗 诊断'))).toBe(true);
    expect(isEmbeddable(parseQueryText('"石墨烯" 导热'))).toBe(false);
    expect(isEmbeddable(parseQueryText('CN201710601862.3'))).toBe(false);
  });
});
