// Ranking metrics of the relevance bench: hit@1, hit@3 and mean reciprocal rank, per query kind and overall.
import { QUERY_KINDS } from './dataset';
import type { QueryKind } from './dataset';

/** Where one query's target patent came back: its 1-based rank on the first page, or null. */
export interface RankedQuery {
  kind: QueryKind;
  rank: number | null;
  /** The search answered no patent at all. */
  empty: boolean;
}

/** The figures of one group of queries. */
export interface RelevanceFigures {
  queries: number;
  /** Share of queries with the target first. */
  hit1: number;
  /** Share with the target in the top 3. */
  hit3: number;
  /** Mean of 1/rank (0 when the target is not on the first page). */
  mrr: number;
  /** Share answered with no result at all. */
  empty: number;
}

const round3 = (n: number) => Math.round(n * 1000) / 1000;

/** The figures of a group of ranked queries (all zero for an empty group). */
export function figuresOf(ranked: readonly RankedQuery[]): RelevanceFigures {
  const n = ranked.length;
  if (n === 0) return { queries: 0, hit1: 0, hit3: 0, mrr: 0, empty: 0 };
  const share = (test: (r: RankedQuery) => boolean) => round3(ranked.filter(test).length / n);
  return {
    queries: n,
    hit1: share((r) => r.rank === 1),
    hit3: share((r) => r.rank !== null && r.rank <= 3),
    mrr: round3(ranked.reduce((sum, r) => sum + (r.rank === null ? 0 : 1 / r.rank), 0) / n),
    empty: share((r) => r.empty),
  };
}

/** Figures per kind (in QUERY_KINDS order) and over all queries. */
export function figuresByKind(ranked: readonly RankedQuery[]): Record<QueryKind | 'all', RelevanceFigures> {
  const out = { all: figuresOf(ranked) } as Record<QueryKind | 'all', RelevanceFigures>;
  for (const kind of QUERY_KINDS) out[kind] = figuresOf(ranked.filter((r) => r.kind === kind));
  return out;
}
