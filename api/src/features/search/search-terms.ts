import type { Client } from '@elastic/elasticsearch';
import type { QueryText } from './query-text';

/** Distinct texts whose analysis is kept per process; a search repeats its text on every page and facet click. */
const CACHE_SIZE = 2000;
const cache = new Map<string, readonly string[]>();

/**
 * The smartcn tokens of the typed words, as the `title` field's analyzer (the one the patents were
 * indexed with) makes them: '石墨烯 MOSFETs' → ['石墨', '烯', 'mosfet']. Asked from Elasticsearch's
 * `_analyze` once per distinct text and index, then answered from a least-recently-used cache.
 */
async function analyzedWords(
  es: Client,
  index: string,
  words: readonly string[],
): Promise<readonly string[]> {
  const key = `${index}\u0000${words.join(' ')}`;
  const cached = cache.get(key);
  if (cached) {
    cache.delete(key);
    cache.set(key, cached);
    return cached;
  }
  const { tokens = [] } = await es.indices.analyze({ index, field: 'title', text: words.join(' ') });
  const analyzed = [...new Set(tokens.map((t) => t.token))];
  cache.set(key, analyzed);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value ?? key);
  return analyzed;
}

/**
 * What the result list marks for a search box text: the analyzer's tokens of the plain words (what the
 * query matched on the smartcn fields) and the quoted phrases as typed (matched as exact substrings).
 * Empty when only numbers were typed: a number match shows no marks.
 */
export async function highlightTerms(es: Client, index: string, text: QueryText | null): Promise<string[]> {
  if (!text) return [];
  const tokens = text.words.length > 0 ? await analyzedWords(es, index, text.words) : [];
  return [...tokens, ...text.phrases];
}
