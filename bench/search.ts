// Search latency through the API (HTTP on loopback): keyword + 2 filters + date sort, size 20, with every
// facet and highlighting as the result list always asks for them. The same requests sent straight to
// Elasticsearch are measured too, to show what the API adds (and to compare with the anchors, which were
// measured straight against Elasticsearch).
import type { Client } from '@elastic/elasticsearch';
import { buildSearchRequest } from '@panhuo/api/features/search/query-builder';
import { searchParamsSchema } from '@panhuo/api/features/search/schema';
import type { BenchApi } from './api-server';
import { jsonBody } from './api-server';
import { caseLabel, LIST_PATH, searchCases, searchPath } from './queries';
import type { SearchCase } from './queries';
import { round, summarize } from './stats';
import type { LatencySummary } from './stats';

/** One load level. */
export interface LoadRun {
  clients: number;
  requests: number;
  errors: number;
  firstError: string | null;
  seconds: number;
  requestsPerSecond: number;
  latency: LatencySummary;
}

/** What the search benchmark measured. */
export interface SearchBenchResult {
  /** Each case and how many patents it matched (from the warm-up). */
  cases: { label: string; total: number }[];
  warmupRequests: number;
  /** Unmeasured requests sent at full concurrency before each concurrent run. */
  concurrentWarmupRequests: number;
  /** Through the API (the figures the goals refer to). */
  singleClient: LoadRun;
  concurrent: LoadRun;
  /** The same search requests (as built by the API) sent straight to Elasticsearch. */
  direct: { singleClient: LoadRun; concurrent: LoadRun };
}

/** Options of runSearchBench. */
export interface SearchBenchOptions {
  warmup: number;
  /**
   * Unmeasured requests at `clients` concurrency before each measured concurrent run: the first burst
   * opens the connection pools (MongoDB driver → FerretDB → new PostgreSQL backends, ES sockets) and
   * optimizes the code paths taken only under load; it ran ~15% slower than the steady state measured here.
   */
  concurrentWarmup: number;
  /** Requests of the 1-client runs (for comparison with the anchors). */
  singleRequests: number;
  clients: number;
  /** Requests of the concurrent runs, in total over all clients. */
  requests: number;
}

interface PageLike {
  total: { value: number };
  facets: Record<string, unknown[]> | null;
}

/** One timed call: its latency, or what went wrong. */
type Outcome = { ok: true; ms: number } | { ok: false; error: string };

/** Runs `total` calls from `clients` concurrent loops; call i gets `i`. */
async function runClients(
  clients: number,
  total: number,
  call: (i: number) => Promise<Outcome>,
): Promise<LoadRun> {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | null = null;
  let next = 0;
  const started = performance.now();
  const loop = async () => {
    for (let i = next++; i < total; i = next++) {
      const outcome = await call(i).catch((err: unknown): Outcome => ({
        ok: false,
        error: err instanceof Error ? err.message : String(err),
      }));
      if (outcome.ok) latencies.push(outcome.ms);
      else {
        errors += 1;
        firstError ??= outcome.error;
      }
    }
  };
  await Promise.all(Array.from({ length: clients }, loop));
  const seconds = (performance.now() - started) / 1000;
  return {
    clients,
    requests: total,
    errors,
    firstError,
    seconds: round(seconds, 2),
    requestsPerSecond: round(latencies.length / seconds),
    latency: summarize(latencies),
  };
}

/** Calls the API for case i mod n: every client walks through all queries, not one hot query. */
function viaApi(api: BenchApi, cases: readonly SearchCase[]): (i: number) => Promise<Outcome> {
  return async (i) => {
    const res = await api.get(searchPath(LIST_PATH, cases[i % cases.length]!));
    return res.status === 200
      ? { ok: true, ms: res.ms }
      : { ok: false, error: `HTTP ${res.status}: ${res.body.toString('utf8').slice(0, 200)}` };
  };
}

/** Sends the API's own request body for case i mod n straight to Elasticsearch. */
function direct(es: Client, index: string, cases: readonly SearchCase[]): (i: number) => Promise<Outcome> {
  const requests = cases.map((c) => {
    const input = searchParamsSchema.parse({ q: c.q, ...c.filters, sort: 'registeredAt:desc', size: '20' });
    return { ...buildSearchRequest(input), index };
  });
  return async (i) => {
    const started = performance.now();
    await es.search(requests[i % requests.length]!);
    return { ok: true, ms: performance.now() - started };
  };
}

/**
 * Warms up (also checking each case answers with facets), then measures one client and `clients`
 * concurrent clients, through the API and then straight against Elasticsearch.
 */
export async function runSearchBench(
  api: BenchApi,
  es: Client,
  index: string,
  opts: SearchBenchOptions,
): Promise<SearchBenchResult> {
  const cases = searchCases();
  const totals = new Map<number, number>();
  const warmup = Math.max(opts.warmup, cases.length);
  for (let i = 0; i < warmup; i++) {
    const c = cases[i % cases.length]!;
    const page = jsonBody<PageLike>(await api.get(searchPath(LIST_PATH, c)));
    if (!page.facets) throw new Error(`no facets in the answer to ${caseLabel(c)}`);
    totals.set(i % cases.length, page.total.value);
  }
  const singleClient = await runClients(1, opts.singleRequests, viaApi(api, cases));
  await runClients(opts.clients, opts.concurrentWarmup, viaApi(api, cases));
  const concurrent = await runClients(opts.clients, opts.requests, viaApi(api, cases));
  const straight = direct(es, index, cases);
  const directSingle = await runClients(1, opts.singleRequests, straight);
  await runClients(opts.clients, opts.concurrentWarmup, straight);
  return {
    cases: cases.map((c, i) => ({ label: caseLabel(c), total: totals.get(i) ?? 0 })),
    warmupRequests: warmup,
    concurrentWarmupRequests: opts.concurrentWarmup,
    singleClient,
    concurrent,
    direct: {
      singleClient: directSingle,
      concurrent: await runClients(opts.clients, opts.requests, straight),
    },
  };
}
