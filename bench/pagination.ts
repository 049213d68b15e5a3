// Deep paging through the API: a numbered page 200 (`from`/`size`) against walking `nextCursor` (point in
// time + search_after) from page 1 to page 200, for the same query.
import type { BenchApi } from './api-server';
import { jsonBody } from './api-server';
import { caseLabel, LIST_PATH, searchPath } from './queries';
import type { SearchCase } from './queries';
import { mean, median, round } from './stats';

/** Deepest page measured, 20 rows per page. */
export const DEEP_PAGE = 200;
const SIZE = 20;

/** Medians over the repeats, ms. */
export interface PaginationResult {
  query: string;
  total: number;
  numbered: { repeats: number; page1: number; page2: number; page200: number; samples: number[][] };
  cursor: {
    repeats: number;
    page1: number;
    page2: number;
    page200: number;
    /** Mean of pages 190–200 of each walk, then the median over walks. */
    pages190to200Mean: number;
    /** Whole walk of 200 pages, seconds (median). */
    walkSeconds: number;
  };
}

interface PageLike {
  total: { value: number };
  nextCursor: string | null;
}

/** Candidates, most realistic first; the first with enough hits for page 200 is used. */
export const deepQueryCandidates: readonly SearchCase[] = [
  { q: '制备方法', filters: { patentType: 'invention', legalStatus: 'valid' } },
  { q: '制备方法', filters: { patentType: 'invention' } },
  { q: '方法', filters: {} },
];

/** The first case answering at least `minTotal` hits, with its total. */
export async function pickCase(
  api: BenchApi,
  candidates: readonly SearchCase[],
  minTotal: number,
): Promise<{ c: SearchCase; total: number }> {
  for (const c of candidates) {
    const page = jsonBody<PageLike>(await api.get(searchPath(LIST_PATH, c, { size: '1' })));
    if (page.total.value >= minTotal) return { c, total: page.total.value };
  }
  throw new Error(`no candidate query has ${minTotal} hits: seed more patents`);
}

/** Walks the cursor from page 1 to DEEP_PAGE; returns each page's latency (index 0 = page 1). */
async function walk(api: BenchApi, c: SearchCase): Promise<number[]> {
  const latencies: number[] = [];
  let cursor: string | null = null;
  for (let page = 1; page <= DEEP_PAGE; page++) {
    const res = await api.get(searchPath(LIST_PATH, c, cursor ? { cursor } : {}));
    const body: PageLike = jsonBody<PageLike>(res);
    latencies.push(res.ms);
    cursor = body.nextCursor;
    if (!cursor && page < DEEP_PAGE) throw new Error(`the cursor ended at page ${page}`);
  }
  return latencies;
}

/** Measures numbered pages 1, 2 and 200 `numberedRepeats` times, then `walks` cursor walks to page 200. */
export async function runPaginationBench(
  api: BenchApi,
  opts: { numberedRepeats: number; walks: number },
): Promise<PaginationResult> {
  const { c, total } = await pickCase(api, deepQueryCandidates, DEEP_PAGE * SIZE + SIZE);
  console.log(`[bench] pagination query: ${caseLabel(c)} (${total} hits)`);

  const numbered: number[][] = [];
  for (let r = 0; r < opts.numberedRepeats; r++) {
    const row: number[] = [];
    for (const page of [1, 2, DEEP_PAGE]) {
      row.push(round((await api.get(searchPath(LIST_PATH, c, { page: String(page) }))).ms));
    }
    numbered.push(row);
  }

  const walks: number[][] = [];
  const walkSeconds: number[] = [];
  for (let r = 0; r < opts.walks; r++) {
    const started = performance.now();
    walks.push(await walk(api, c));
    walkSeconds.push((performance.now() - started) / 1000);
  }
  const at = (page: number) => round(median(walks.map((w) => w[page - 1] ?? Number.NaN)));
  return {
    query: caseLabel(c),
    total,
    numbered: {
      repeats: opts.numberedRepeats,
      page1: round(median(numbered.map((row) => row[0] ?? Number.NaN))),
      page2: round(median(numbered.map((row) => row[1] ?? Number.NaN))),
      page200: round(median(numbered.map((row) => row[2] ?? Number.NaN))),
      samples: numbered,
    },
    cursor: {
      repeats: opts.walks,
      page1: at(1),
      page2: at(2),
      page200: at(DEEP_PAGE),
      pages190to200Mean: round(median(walks.map((w) => mean(w.slice(189, DEEP_PAGE))))),
      walkSeconds: round(median(walkSeconds), 2),
    },
  };
}
