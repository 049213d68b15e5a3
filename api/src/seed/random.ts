/**
 * Deterministic randomness for the seed generator. Every record draws from its own stream, seeded by a
 * hash of (run seed, record index), so record i is the same whatever was generated before it: a run of
 * 20 000 is a prefix of a run of 1 000 000, and any record can be regenerated alone.
 */

/** Finaliser of MurmurHash3 / splitmix32: spreads every input bit over the 32-bit result. */
function mix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A 32-bit hash of numbers and strings (strings through FNV-1a), order-sensitive. */
export function hash32(...parts: readonly (number | string)[]): number {
  let h = 0x9e3779b9;
  for (const part of parts) {
    if (typeof part === 'number') {
      // Two words so indexes and seeds above 2^32 still hash differently.
      h = mix32(h ^ (part >>> 0));
      h = mix32(h ^ Math.floor(part / 0x1_0000_0000));
    } else {
      let f = 0x811c9dc5;
      for (let i = 0; i < part.length; i++) f = Math.imul(f ^ part.charCodeAt(i), 0x01000193);
      h = mix32(h ^ f);
    }
  }
  return h;
}

/** A weighted choice: [value, weight] pairs with positive weights. */
export type Weighted<T> = readonly (readonly [T, number])[];

/** A small fast PRNG (mulberry32) with the helpers the generator needs. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Uniform integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One element; the array must not be empty. */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** One value by weight. */
  weighted<T>(items: Weighted<T>): T {
    let total = 0;
    for (const [, w] of items) total += w;
    let r = this.next() * total;
    for (const [value, w] of items) {
      r -= w;
      if (r < 0) return value;
    }
    const last = items[items.length - 1];
    if (!last) throw new RangeError('weighted pick from an empty list');
    return last[0];
  }

  /** k distinct elements in random order (all of them when k >= length). */
  sample<T>(items: readonly T[], k: number): T[] {
    const copy = items.slice();
    const n = Math.min(k, copy.length);
    for (let i = 0; i < n; i++) {
      const j = i + Math.floor(this.next() * (copy.length - i));
      const tmp = copy[i] as T;
      copy[i] = copy[j] as T;
      copy[j] = tmp;
    }
    return copy.slice(0, n);
  }

  /** k distinct elements kept in their original order (for ordered process stages). */
  subsequence<T>(items: readonly T[], k: number): T[] {
    const chosen = new Set(
      this.sample(
        items.map((_, i) => i),
        k,
      ),
    );
    return items.filter((_, i) => chosen.has(i));
  }
}

/** The stream of record `index` of the run `seed` in namespace `ns` ('patent', 'portfolio-plan', …). */
export function streamFor(seed: number, ns: string, index: number): Rng {
  return new Rng(hash32(seed, ns, index));
}

/** A weighted choice prepared once (cumulative weights, binary search) for lists drawn from per record. */
export class WeightedTable<T> {
  private readonly values: T[];
  private readonly cumulative: number[];
  private readonly total: number;

  constructor(items: Weighted<T>) {
    if (items.length === 0) throw new RangeError('empty weighted table');
    this.values = items.map(([value]) => value);
    let sum = 0;
    this.cumulative = items.map(([, w]) => (sum += w));
    this.total = sum;
  }

  /** One value by weight. */
  pick(rng: Rng): T {
    const r = rng.next() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.cumulative[mid] ?? 0) > r) hi = mid;
      else lo = mid + 1;
    }
    return this.values[lo] as T;
  }
}
