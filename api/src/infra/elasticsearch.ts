import { Client, Transport } from '@elastic/elasticsearch';
import type { TransportOptions } from '@elastic/elasticsearch';
import type { Config } from '../config';

/**
 * Timeout of a client that maintains the index (reindex: bulk loads, the first refresh of a million
 * documents, the force merge), which answer when the work is done, minutes at 1M patents.
 */
export const INDEX_MAINTENANCE_TIMEOUT_MS = 60 * 60 * 1000;

/**
 * One Elasticsearch client per process. Requests time out after DEPENDENCY_TIMEOUT_MS (or
 * `requestTimeoutMs`: index maintenance passes INDEX_MAINTENANCE_TIMEOUT_MS) and are retried once;
 * `optimistic` resurrection lets the single node come back without the default HEAD / ping (the minimal
 * distribution answers 405 to `/`). The timeout is the client's: its undici connection pool cannot give one
 * request longer than that, whatever the request's own `requestTimeout` says.
 */
/**
 * The client's transport without its OpenTelemetry middleware, which opens a span per request even when no
 * tracer is registered: ~2 % of a search request's CPU in the API, for spans nobody collects. The client
 * does not pass `openTelemetry` through to the transport, hence the subclass.
 */
class UntracedTransport extends Transport {
  constructor(options: TransportOptions) {
    super({ ...options, openTelemetry: { ...options.openTelemetry, enabled: false } });
  }
}

export function createEsClient(
  config: Pick<Config, 'ELASTICSEARCH_URL' | 'DEPENDENCY_TIMEOUT_MS'>,
  opts: { requestTimeoutMs?: number } = {},
): Client {
  return new Client({
    node: config.ELASTICSEARCH_URL,
    requestTimeout: opts.requestTimeoutMs ?? config.DEPENDENCY_TIMEOUT_MS,
    maxRetries: 1,
    resurrectStrategy: 'optimistic',
    compression: false,
    Transport: UntracedTransport,
  });
}

/** Index and alias names, prefixed so that tests and several deployments can share one node. */
export function indexNames(prefix: string) {
  return {
    /** The alias every read goes through; a reindex swaps it atomically. */
    patents: `${prefix}-patents`,
    /** A concrete, versioned index behind the alias. */
    patentsVersioned: (version: string) => `${prefix}-patents-${version}`,
  };
}

/** Asks the node for its health; resolves to the round-trip time in ms. */
export async function pingElasticsearch(es: Client, timeoutMs: number): Promise<number> {
  const started = performance.now();
  // GET / is refused by the minimal distribution, so readiness is cluster health.
  const health = await es.cluster.health(
    { timeout: `${timeoutMs}ms` },
    { requestTimeout: timeoutMs, maxRetries: 0 },
  );
  if (health.status === 'red') throw new Error('cluster status red');
  return Math.round(performance.now() - started);
}

/**
 * Deletes every index whose name matches `pattern`. Elasticsearch refuses wildcard deletes
 * (action.destructive_requires_name), so the names are resolved first.
 */
export async function deleteIndicesMatching(es: Client, pattern: string): Promise<string[]> {
  const names = Object.keys(
    await es.indices.get({ index: pattern, ignore_unavailable: true, allow_no_indices: true }),
  );
  if (names.length > 0) await es.indices.delete({ index: names, ignore_unavailable: true });
  return names;
}
