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
