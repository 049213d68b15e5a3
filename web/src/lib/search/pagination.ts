/**
 * The pager under the results. Numbered pages are `from`/`size` pages, which the API serves only within the
 * first 10,000 results; 下一页 follows the API's `nextCursor`, which works at any depth. Pure.
 */

/** Results reachable by page number (Elasticsearch's max_result_window; the API refuses deeper pages). */
export const MAX_NUMBERED_RESULTS = 10_000;

/** One item of the pager: a numbered page, or a gap (…) between non-adjacent numbers. */
export type PagerItem = { kind: 'page'; page: number; current: boolean } | { kind: 'gap'; id: string };

export interface Pager {
  items: PagerItem[];
  /** Previous page number, when it can be reached by number. */
  previous: number | null;
  /** Every page of the results, numbered or not. */
  totalPages: number;
  /**
   * The last page a number reaches, when the results go deeper (page 500 of 1,003 at 20 per page): the
   * pager must not look as if it ended there, 下一页 goes on by cursor. Null when every page has a number.
   */
  lastNumbered: number | null;
}

/**
 * Page numbers around the current one: always the first, `span` on each side of the current page, and the
 * last page that can be reached by number. A page deeper than that (reached by cursor) is shown as current.
 */
export function buildPager(page: number, size: number, total: number, span = 2): Pager {
  const totalPages = Math.max(1, Math.ceil(total / Math.max(1, size)));
  const lastNumbered = Math.max(
    1,
    Math.min(totalPages, Math.floor(MAX_NUMBERED_RESULTS / Math.max(1, size))),
  );
  const numbers = new Set<number>([1, lastNumbered]);
  for (let p = page - span; p <= page + span; p += 1) if (p >= 1 && p <= lastNumbered) numbers.add(p);
  if (page > lastNumbered) numbers.add(page);
  const sorted = [...numbers].sort((a, b) => a - b);
  const items: PagerItem[] = [];
  sorted.forEach((p, i) => {
    const prev = sorted[i - 1];
    if (prev !== undefined && p - prev > 1) items.push({ kind: 'gap', id: `gap-${prev}-${p}` });
    items.push({ kind: 'page', page: p, current: p === page });
  });
  const previous = page > 1 && page - 1 <= lastNumbered ? page - 1 : null;
  return { items, previous, totalPages, lastNumbered: totalPages > lastNumbered ? lastNumbered : null };
}
