import { createEmbeddingsClient, EmbeddingsError } from '../../infra/embeddings';
import type { EmbeddingsClient, EmbeddingsFailure } from '../../infra/embeddings';
import { QUERY_EMBED_TIMEOUT_MS } from './semantic';

/** Why a hybrid search answered by words alone. */
export type SemanticUnavailable = EmbeddingsFailure | 'not_configured';

/** The vector of a typed query, or why there is none (the search then uses words alone). */
export type QueryVector = { vector: number[] } | { unavailable: SemanticUnavailable };

/** Embeds typed queries for 智能检索; never throws. */
export interface QueryEmbedder {
  vectorOf(text: string): Promise<QueryVector>;
}

/** Distinct queries whose vectors are kept (384 floats each, ~3 KB: 1000 is ~3 MB). */
const CACHE_SIZE = 1000;
/** A kept vector is used this long; the model never changes under a running server, so this only bounds memory churn. */
const CACHE_TTL_MS = 30 * 60_000;
/**
 * After a failure the server is not asked again for this long: a dead or overloaded server would
 * otherwise add the full timeout to every search.
 */
const RETRY_AFTER_MS = 5_000;

export interface QueryEmbedderOptions {
  timeoutMs?: number;
  /** Told of each failure (the routes log it). */
  onFailure?: (error: EmbeddingsError) => void;
  now?: () => number;
}

/**
 * A query embedder over `client` (undefined: no EMBEDDINGS_URL, every query answered by words alone). An
 * LRU of recent queries' vectors, a bounded call per miss (QUERY_EMBED_TIMEOUT_MS), and a short pause
 * after a failure. Any failure of the server (down, slow, garbage, wrong dimension) is an answer without
 * a vector, never an exception.
 */
export function createQueryEmbedder(
  client: EmbeddingsClient | undefined,
  options: QueryEmbedderOptions = {},
): QueryEmbedder {
  const cache = new Map<string, { vector: number[]; at: number }>();
  const now = options.now ?? Date.now;
  let failedAt = -Infinity;
  let lastFailure: EmbeddingsFailure = 'unreachable';
  return {
    async vectorOf(text) {
      if (!client) return { unavailable: 'not_configured' };
      const cached = cache.get(text);
      if (cached && now() - cached.at < CACHE_TTL_MS) {
        // Map order is insertion order: re-inserting makes it the most recently used.
        cache.delete(text);
        cache.set(text, cached);
        return { vector: cached.vector };
      }
      if (now() - failedAt < RETRY_AFTER_MS) return { unavailable: lastFailure };
      try {
        const [vector] = await client.embed([text], 'query', {
          timeoutMs: options.timeoutMs ?? QUERY_EMBED_TIMEOUT_MS,
        });
        if (!vector) throw new EmbeddingsError('bad_answer', 'no vector for the query');
        cache.set(text, { vector, at: now() });
        if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
        return { vector };
      } catch (error) {
        const failure =
          error instanceof EmbeddingsError
            ? error
            : new EmbeddingsError('bad_answer', error instanceof Error ? error.message : String(error));
        failedAt = now();
        lastFailure = failure.reason;
        options.onFailure?.(failure);
        return { unavailable: failure.reason };
      }
    },
  };
}

const byUrl = new Map<string, QueryEmbedder>();

/**
 * The process's query embedder for EMBEDDINGS_URL (one cache per URL, shared by the three libraries);
 * without a URL, one that always answers "not configured".
 */
export function queryEmbedderFor(
  url: string | undefined,
  onFailure?: (error: EmbeddingsError) => void,
): QueryEmbedder {
  if (!url) return createQueryEmbedder(undefined);
  let embedder = byUrl.get(url);
  if (!embedder) {
    embedder = createQueryEmbedder(createEmbeddingsClient({ url }), onFailure ? { onFailure } : {});
    byUrl.set(url, embedder);
  }
  return embedder;
}
