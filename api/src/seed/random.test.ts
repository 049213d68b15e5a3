import { describe, expect, it } from 'vitest';
import { hash32, Rng, WeightedTable } from './random';
import { namedObjectId, seededObjectId } from './seed-ids';

describe('the seeded PRNG', () => {
  it('repeats its sequence for the same seed and differs for another', () => {
    const draw = (seed: number) => {
      const rng = new Rng(seed);
      return Array.from({ length: 50 }, () => rng.next());
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
    expect(draw(42).every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('hashes order-sensitively and tells large numbers apart', () => {
    expect(hash32(1, 'a')).toBe(hash32(1, 'a'));
    expect(hash32(1, 'a')).not.toBe(hash32('a', 1));
    expect(hash32(2 ** 32)).not.toBe(hash32(0));
  });

  it('samples distinct elements and keeps order in subsequences', () => {
    const rng = new Rng(7);
    const items = Array.from({ length: 20 }, (_, i) => i);
    const sample = rng.sample(items, 8);
    expect(new Set(sample).size).toBe(8);
    const sub = rng.subsequence(items, 5);
    expect(sub).toEqual([...sub].sort((a, b) => a - b));
  });

  it('draws by weight from a prepared table', () => {
    const table = new WeightedTable<string>([
      ['rare', 1],
      ['common', 9],
    ]);
    const rng = new Rng(1);
    let common = 0;
    for (let i = 0; i < 10_000; i++) if (table.pick(rng) === 'common') common++;
    expect(common / 10_000).toBeGreaterThan(0.87);
    expect(common / 10_000).toBeLessThan(0.93);
  });
});

describe('seeded ObjectIds', () => {
  it('are stable per (seed, namespace, index) and distinct across indexes and namespaces', () => {
    expect(seededObjectId(42, 'patent', 5).equals(seededObjectId(42, 'patent', 5))).toBe(true);
    const ids = new Set<string>();
    for (let i = 0; i < 5000; i++) ids.add(seededObjectId(42, 'patent', i).toHexString());
    for (let i = 0; i < 100; i++) ids.add(seededObjectId(42, 'portfolio', i).toHexString());
    expect(ids.size).toBe(5100);
    expect(seededObjectId(43, 'patent', 5).equals(seededObjectId(42, 'patent', 5))).toBe(false);
    expect(seededObjectId(42, 'patent', 0).getTimestamp().toISOString()).toBe('2025-01-01T00:00:00.000Z');
  });

  it('derives institution ids from the name alone', () => {
    expect(namedObjectId('institution', '浙江大学').toHexString()).toBe(
      namedObjectId('institution', '浙江大学').toHexString(),
    );
    expect(namedObjectId('institution', '浙江大学').equals(namedObjectId('institution', '清华大学'))).toBe(
      false,
    );
  });
});
