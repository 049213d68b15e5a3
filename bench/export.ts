// Export: the current search as an XLSX of 1000 rows (one ES request, one MongoDB read of portfolios by
// _id, the workbook), timed as the whole response on loopback.
import type { BenchApi } from './api-server';
import { pickCase } from './pagination';
import { caseLabel, EXPORT_PATH, searchCases } from './queries';
import type { SearchCase } from './queries';
import { round, summarize } from './stats';
import type { LatencySummary } from './stats';

/** Rows per export (the manual's maximum). */
export const EXPORT_ROWS = 1000;

/** What the export benchmark measured. */
export interface ExportResult {
  query: string;
  total: number;
  runs: number;
  rows: number;
  bytes: number;
  latency: LatencySummary;
}

/** The search cases, then broader fallbacks for a small store; the first with more than 1000 hits is used. */
function candidates(): SearchCase[] {
  return [
    ...searchCases(),
    { q: '制备方法', filters: { patentType: 'invention' } },
    { q: '方法', filters: {} },
  ];
}

function exportPath(c: SearchCase): string {
  const params = new URLSearchParams({
    q: c.q,
    ...c.filters,
    sort: 'registeredAt:desc',
    limit: String(EXPORT_ROWS),
  });
  return `${EXPORT_PATH}?${params.toString()}`;
}

/** One warm-up export, then `runs` timed ones, one at a time. */
export async function runExportBench(api: BenchApi, opts: { runs: number }): Promise<ExportResult> {
  const { c, total } = await pickCase(api, candidates(), EXPORT_ROWS + 1);
  console.log(`[bench] export query: ${caseLabel(c)} (${total} hits)`);
  const latencies: number[] = [];
  let rows = 0;
  let bytes = 0;
  for (let i = 0; i <= opts.runs; i++) {
    const res = await api.get(exportPath(c));
    if (res.status !== 200)
      throw new Error(`export answered ${res.status}: ${res.body.toString('utf8').slice(0, 300)}`);
    rows = Number(res.headers['x-export-rows'] ?? 0);
    bytes = res.body.length;
    if (i > 0) latencies.push(res.ms);
  }
  if (rows !== EXPORT_ROWS) throw new Error(`export returned ${rows} rows, expected ${EXPORT_ROWS}`);
  return { query: caseLabel(c), total, runs: opts.runs, rows, bytes, latency: summarize(latencies) };
}

/** Kilobytes, for printing. */
export function kilobytes(bytes: number): number {
  return round(bytes / 1024);
}
