// The results of one benchmark run (written as JSON) and their printed form, with each goal checked.
import type { ExportResult } from './export';
import { kilobytes } from './export';
import type { IndexingResult } from './indexing';
import type { PaginationResult } from './pagination';
import type { RegexBaselineResult } from './regex-baseline';
import { formatRelevance } from './relevance';
import type { RelevanceResult } from './relevance';
import type { LoadRun, SearchBenchResult } from './search';
import { describeLoad, formatTable } from './stats';
import type { LoadSummary } from './stats';

/** Everything a run measured; bench/results/<timestamp>.json holds exactly this. */
export interface BenchResults {
  startedAt: string;
  finishedAt: string;
  options: { count: number; seed: number; only: string[]; clients: number; requests: number };
  machine: { cpus: number; memoryGiB: number; node: string; loadAtStart: number[] };
  database: string;
  indexPrefix: string;
  seeding: { reused: boolean; patents: number; seconds?: number; patentsPerSecond?: number };
  indexing?: IndexingResult;
  /** The index behind the alias the searches ran on. */
  index?: { name: string; docs: number; storeBytes: number; segments: number };
  search?: SearchBenchResult;
  regex?: RegexBaselineResult;
  pagination?: PaginationResult;
  export?: ExportResult;
  relevance?: RelevanceResult;
  /** Machine load per phase. */
  load: Record<string, LoadSummary>;
  /** Phases that failed, with their message. */
  errors: Record<string, string>;
}

/** The goals of the brief, checked in the summary. */
export const GOALS = {
  indexerDocsPerSecond: 1500,
  indexerToRawRatio: 0.8,
  searchP95Ms: 100,
  exportP95Ms: 300,
} as const;

const check = (ok: boolean) => (ok ? 'yes' : 'NO');

function loadRow(path: string, run: LoadRun): (string | number)[] {
  const l = run.latency;
  return [path, run.clients, run.requests, run.errors, l.p50, l.p95, l.p99, l.max, run.requestsPerSecond];
}

/** Prints the detail tables of each phase, then a summary of every goal. */
export function printReport(r: BenchResults): void {
  const out: string[] = [];
  const section = (title: string) => out.push('', `== ${title}`);
  out.push(
    '',
    `Benchmark of ${r.options.count} patents (seed ${r.options.seed}), ${r.machine.cpus} cores, ${r.machine.memoryGiB} GiB`,
  );
  out.push(
    r.seeding.reused
      ? `seeding: reused ${r.seeding.patents} patents`
      : `seeding: ${r.seeding.patents} patents in ${r.seeding.seconds?.toFixed(0)} s (${r.seeding.patentsPerSecond}/s)`,
  );
  if (r.index) {
    out.push(
      `search index: ${r.index.name}, ${r.index.docs} docs, ${(r.index.storeBytes / 1e9).toFixed(2)} GB, ${r.index.segments} segments`,
    );
  }

  if (r.indexing) {
    const x = r.indexing;
    section('indexing (5 MB _bulk requests, 2 in flight, refresh off, 0 replicas)');
    out.push(
      formatTable([
        ['path', 'docs', 'load s', 'docs/s', 'in all s', 'docs/s in all'],
        [
          'indexer from the patents (cursor → toEsDoc → BulkWriter; rebuilds the search-doc store)',
          x.docs,
          x.fromPatents.loadSeconds,
          x.fromPatents.docsPerSecond,
          x.fromPatents.seconds,
          x.fromPatents.docsPerSecondInAll,
        ],
        [
          'indexer from the search-doc store (what `npm run reindex` reads once it exists)',
          x.docs,
          x.indexer.loadSeconds,
          x.indexer.docsPerSecond,
          x.indexer.seconds,
          x.indexer.docsPerSecondInAll,
        ],
        [
          `raw _bulk from NDJSON (${(x.raw.fileBytes / 1e9).toFixed(2)} GB, ${x.raw.requests} requests)`,
          x.raw.docs,
          x.raw.seconds,
          x.raw.docsPerSecond,
          '–',
          '–',
        ],
      ]),
      `ratio indexer/raw: ${x.ratio} from the store, ${x.ratioFromPatents} from the patents; untimed NDJSON export ${x.prep.exportSeconds} s, merge waits ${x.prep.mergeWaitSeconds.join(' / ')} s`,
      'load: until the index is filled and refreshed (the ratios); in all: the indexer also force-merges to one segment, swaps the alias and replays the outbox',
    );
  }

  if (r.search) {
    const s = r.search;
    section('search through the API (q + 2 filters, sort registeredAt:desc, size 20, facets + highlight)');
    out.push(formatTable([['cases', 'hits'], ...s.cases.map((c) => [c.label, c.total])]));
    out.push(
      '',
      `after ${s.warmupRequests} warm-up requests (and ${s.concurrentWarmupRequests ?? 0} unmeasured at full concurrency before each concurrent run), latency in ms:`,
    );
    out.push(
      formatTable([
        ['path', 'clients', 'requests', 'errors', 'p50', 'p95', 'p99', 'max', 'req/s'],
        loadRow('API (HTTP)', s.singleClient),
        loadRow('API (HTTP)', s.concurrent),
        loadRow('straight to ES', s.direct.singleClient),
        loadRow('straight to ES', s.direct.concurrent),
      ]),
    );
    for (const run of [s.singleClient, s.concurrent, s.direct.singleClient, s.direct.concurrent]) {
      if (run.firstError) out.push(`first error at ${run.clients} client(s): ${run.firstError}`);
    }
  }

  if (r.regex) {
    const g = r.regex;
    section(
      `naive baseline: MongoDB $regex on title/abstract + same filters, sort, limit 20 (timeout ${g.timeoutMs / 1000} s)`,
    );
    out.push(
      formatTable([
        ['case', 'regex ms', 'rows', 'API ms'],
        ...g.queries.map((q) => [q.label, `${q.regexMs}${q.timedOut ? ' (timeout)' : ''}`, q.rows, q.esMs]),
      ]),
      `p50: regex ${g.regexP50} ms vs API ${g.esP50} ms → ${g.queries.some((q) => q.timedOut) ? '≥ ' : ''}${g.ratio}× slower`,
    );
  }

  if (r.pagination) {
    const p = r.pagination;
    section(`pagination: ${p.query} (${p.total} hits), medians in ms`);
    out.push(
      formatTable([
        ['method', 'page 1', 'page 2', 'page 200', 'mean 190–200', 'repeats'],
        [
          'numbered (from/size)',
          p.numbered.page1,
          p.numbered.page2,
          p.numbered.page200,
          '-',
          p.numbered.repeats,
        ],
        [
          'cursor (PIT + search_after)',
          p.cursor.page1,
          p.cursor.page2,
          p.cursor.page200,
          p.cursor.pages190to200Mean,
          p.cursor.repeats,
        ],
      ]),
      `a cursor walk of 200 pages takes ${p.cursor.walkSeconds} s`,
    );
  }

  if (r.export) {
    const e = r.export;
    section(`export: ${e.query} (${e.total} hits)`);
    out.push(
      `${e.runs} runs of ${e.rows} rows, ${kilobytes(e.bytes)} KB XLSX: p50 ${e.latency.p50} ms, p95 ${e.latency.p95} ms, max ${e.latency.max} ms`,
    );
  }

  if (r.relevance) {
    section('relevance: real patents among the seeded ones, first page (20), default order');
    out.push(formatRelevance(r.relevance));
  }

  section('machine load per phase');
  for (const [phase, load] of Object.entries(r.load)) out.push(`${phase}: ${describeLoad(load)}`);

  section('goals');
  const goals: (string | number)[][] = [['goal', 'measured', 'met']];
  if (r.indexing) {
    goals.push([
      `indexer ≥ ${GOALS.indexerDocsPerSecond} docs/s`,
      r.indexing.indexer.docsPerSecond,
      check(r.indexing.indexer.docsPerSecond >= GOALS.indexerDocsPerSecond),
    ]);
    goals.push([
      `indexer/raw ≥ ${GOALS.indexerToRawRatio}`,
      r.indexing.ratio,
      check(r.indexing.ratio >= GOALS.indexerToRawRatio),
    ]);
    goals.push([
      `indexer from the patents ≥ ${GOALS.indexerDocsPerSecond} docs/s, ≥ ${GOALS.indexerToRawRatio}× raw`,
      `${r.indexing.fromPatents.docsPerSecond} docs/s, ${r.indexing.ratioFromPatents}×`,
      check(
        r.indexing.fromPatents.docsPerSecond >= GOALS.indexerDocsPerSecond &&
          r.indexing.ratioFromPatents >= GOALS.indexerToRawRatio,
      ),
    ]);
  }
  if (r.search) {
    const p95 = r.search.concurrent.latency.p95;
    goals.push([
      `search p95 ≤ ${GOALS.searchP95Ms} ms at ${r.search.concurrent.clients} clients`,
      p95,
      check(p95 <= GOALS.searchP95Ms && r.search.concurrent.errors === 0),
    ]);
  }
  if (r.export) {
    goals.push([
      `export p95 ≤ ${GOALS.exportP95Ms} ms`,
      r.export.latency.p95,
      check(r.export.latency.p95 <= GOALS.exportP95Ms),
    ]);
  }
  out.push(formatTable(goals));
  for (const [phase, message] of Object.entries(r.errors)) out.push(`FAILED ${phase}: ${message}`);
  console.log(out.join('\n'));
}
