/**
 * The link to page `page` of a filtered list: the given filter keys of the current query (empty ones left
 * out) and the page number (left out for page 1), e.g. `?q=张&status=approved&page=2`.
 */
export function listPageHref(
  query: Readonly<Record<string, unknown>>,
  keys: readonly string[],
  page: number,
): string {
  const params = new URLSearchParams();
  for (const key of keys) {
    const value = query[key];
    if (typeof value === 'string' && value !== '') params.set(key, value);
  }
  if (page > 1) params.set('page', String(page));
  return `?${params}`;
}

/**
 * How many pages a list of `total` rows has at `pageSize` rows a page. An empty list still has its one
 * (empty) page, so the pager never says "第 1 / 0 页"; a non-positive size counts as one page.
 */
export function pageCount(total: number, pageSize: number): number {
  if (!(pageSize > 0)) return 1;
  return Math.max(1, Math.ceil(total / pageSize));
}
