// The relevance bench (`--only relevance`): real CNIPA patents (bench/relevance/) are imported among the
// synthetic ones through the import the platform uses (importPatents, then the indexer's applyPatentChanges,
// the path an outbox entry takes), each query is sent to the result list's search as a user sends it
// (default order: relevance when there is text), and hit@1, hit@3 and MRR are printed per query kind for
// each query mode. The real patents are removed again afterwards, so the other phases still find exactly
// the seeded count.
import type { Client } from '@elastic/elasticsearch';
import type mongoose from 'mongoose';
import { normalizeApplicationNumber } from '@panhuo/domain/patents/application-number';
import { normalizeIpc } from '@panhuo/domain/taxonomies/ipc';
import { OutboxModel } from '@panhuo/api/features/outbox/model';
import { importPatents } from '@panhuo/api/features/patent-import/service';
import { PatentModel } from '@panhuo/api/features/patents/model';
import { applyPatentChanges } from '@panhuo/indexer/apply-changes';
import type { PatentChange } from '@panhuo/indexer/apply-changes';
import type { BenchApi } from './api-server';
import { jsonBody } from './api-server';
import { LIST_PATH } from './queries';
import { loadEvalSet, QUERY_KINDS } from './relevance/dataset';
import type { EvalPatent, EvalQuery, QueryKind } from './relevance/dataset';
import { figuresByKind } from './relevance/metrics';
import type { RankedQuery, RelevanceFigures } from './relevance/metrics';
import { formatTable } from './stats';
import { createEmbeddingsClient } from '@panhuo/api/infra/embeddings';
import { ensureVectors } from './relevance/vectors';
import type { VectorFill } from './relevance/vectors';

/**
 * The query modes compared. Each adds its parameters to the search request; the issue's later items (words
 * that survive segmentation, partial matches, hybrid semantic retrieval) are added here as rows.
 */
export const RELEVANCE_MODES: readonly { name: string; params: Record<string, string> }[] = [
  { name: 'words (精确检索: item 2+3)', params: { mode: 'exact' } },
  { name: 'hybrid (智能检索)', params: { mode: 'hybrid' } },
];

/** The registering institution of the real patents: named so nobody takes them for seed data. */
export const EVAL_INSTITUTION = '真实专利评测集（公开专利文献）';
/** Results the bench reads per query: the first page a user sees. */
const PAGE_SIZE = 20;

/** What the relevance bench measured. */
export interface RelevanceResult {
  patents: number;
  queries: Record<QueryKind, number>;
  modes: {
    name: string;
    figures: Record<QueryKind | 'all', RelevanceFigures>;
    misses: string[];
    /** Queries of a hybrid mode answered by words alone (the query not embedded within the bound). */
    wordsOnly: number;
  }[];
  /** How the semantic index was completed before the queries (null: no EMBEDDINGS_URL). */
  vectors: { real: VectorFill; seeded: VectorFill } | null;
}

/**
 * The application number a real patent is registered under in the bench. The sources give publication
 * numbers, not application numbers, and the import requires one: a serial in year 2098 (invention), which
 * no seeded or real number uses, so the placeholder can never be mistaken for a real one.
 */
export function benchApplicationNumber(index: number): string {
  return `2098${'1'}${String(index + 1).padStart(7, '0')}`;
}

const csvCell = (value: string) => `"${value.replace(/"/g, '""')}"`;

/**
 * The import file of the real patents: their copied fields (title, abstract, publication number, the
 * source's classification codes that parse as IPC), and bench placeholders for the registration fields the
 * sources lack (application number and date, legal status, institution, registration time).
 */
export function importCsv(patents: readonly EvalPatent[]): Uint8Array {
  const header = [
    '申请号',
    '申请日',
    '公开(公告)号',
    '专利类型',
    '发明名称',
    '摘要',
    'IPC主分类号',
    'IPC分类号',
  ];
  header.push('法律状态', '登记单位', '单位类型', '登记入库时间');
  const rows = patents.map((p, i) => {
    const codes = p.cpc.filter((code) => normalizeIpc(code) !== null);
    if (codes.length === 0) throw new Error(`relevance set: ${p.publicationNumber} has no IPC-valid code`);
    return [
      `CN${benchApplicationNumber(i)}`,
      '2023-06-01',
      p.publicationNumber,
      '发明',
      p.title,
      p.abstract,
      codes[0] ?? '',
      codes.join(';'),
      '审中',
      EVAL_INSTITUTION,
      '科研院所',
      '2025-01-01',
    ];
  });
  const text = [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n');
  return new TextEncoder().encode(`${text}\r\n`);
}

interface Registered {
  id: mongoose.Types.ObjectId;
  rev: number;
  applicationNumber: string;
}

/** Imports the real patents (idempotent), then indexes them the way the indexer does for outbox entries. */
async function registerPatents(
  es: Client,
  alias: string,
  patents: readonly EvalPatent[],
): Promise<Registered[]> {
  const result = await importPatents(importCsv(patents));
  if (!result.ok) {
    const first = result.errors.slice(0, 5).map((e) => `row ${e.row} ${e.column}: ${e.message}`);
    throw new Error(`importing the real patents failed: ${first.join('; ')}`);
  }
  const registered: Registered[] = [];
  for (let i = 0; i < patents.length; i++) {
    const applicationNumber = normalizeApplicationNumber(benchApplicationNumber(i));
    if (!applicationNumber) throw new Error(`bad bench application number ${benchApplicationNumber(i)}`);
    // One equality per number: FerretDB pushes it down instead of scanning for `$in`.
    const doc = await PatentModel.findOne({ applicationNumber }, { _id: 1, rev: 1 }).lean<{
      _id: mongoose.Types.ObjectId;
      rev: number;
    }>();
    if (!doc) throw new Error(`imported patent ${applicationNumber} not found`);
    registered.push({ id: doc._id, rev: doc.rev, applicationNumber });
  }
  await applyPatentChanges(
    es,
    alias,
    registered.map((r): PatentChange => ({ entityId: r.id, rev: r.rev, op: 'upsert' })),
  );
  await es.indices.refresh({ index: alias });
  return registered;
}

/** Removes the real patents from MongoDB, the index and the outbox, as a deletion would. */
async function unregisterPatents(
  es: Client,
  alias: string,
  registered: readonly Registered[],
): Promise<void> {
  for (const r of registered) await PatentModel.deleteOne({ _id: r.id });
  // A tombstone above any version the documents were indexed at.
  await applyPatentChanges(
    es,
    alias,
    registered.map((r): PatentChange => ({ entityId: r.id, rev: r.rev + 1, op: 'delete' })),
  );
  await OutboxModel.deleteMany({ entityId: { $in: registered.map((r) => r.id) } });
  await es.indices.refresh({ index: alias });
}

interface PageLike {
  total: { value: number };
  sort: string;
  hits: { applicationNumber: string }[];
  semantic?: { state: string };
}

/** Sends every query in one mode and ranks its target on the first page. */
async function rankQueries(
  api: BenchApi,
  queries: readonly EvalQuery[],
  numberOf: ReadonlyMap<string, string>,
  params: Record<string, string>,
): Promise<{ ranked: RankedQuery[]; misses: string[]; wordsOnly: number }> {
  const ranked: RankedQuery[] = [];
  const misses: string[] = [];
  let wordsOnly = 0;
  for (const query of queries) {
    const search = new URLSearchParams({ q: query.q, size: String(PAGE_SIZE), ...params });
    const page = jsonBody<PageLike>(await api.get(`${LIST_PATH}?${search.toString()}`));
    if (page.total.value > 0 && page.sort !== 'relevance') {
      throw new Error(`「${query.q}」 was sorted by ${page.sort}, not relevance`);
    }
    if (params.mode === 'hybrid' && page.semantic?.state !== 'used') wordsOnly++;
    const target = numberOf.get(query.patent);
    const index = page.hits.findIndex((hit) => hit.applicationNumber === target);
    const rank = index < 0 ? null : index + 1;
    ranked.push({ kind: query.kind, rank, empty: page.total.value === 0 });
    if (rank === null || rank > 3) {
      misses.push(
        `${query.kind} 「${query.q}」 → ${query.patent} ${rank === null ? 'not in top 20' : `#${rank}`}`,
      );
    }
  }
  return { ranked, misses, wordsOnly };
}

/** Runs the relevance bench; the real patents are removed again even when it fails. */
export async function runRelevanceBench(api: BenchApi, es: Client, alias: string): Promise<RelevanceResult> {
  const { patents, queries } = loadEvalSet();
  const registered = await registerPatents(es, alias, patents);
  try {
    // Every document needs its vector for a fair hybrid row (synthetic ones included): from the disk
    // cache, or embedded now (the first run at 20k: ~40 min of CPU). RELEVANCE_VECTORS=cached embeds the
    // real patents only and leaves seeded ones not in the cache without a vector (reported).
    const embeddingsUrl = process.env.EMBEDDINGS_URL;
    let vectors: RelevanceResult['vectors'] = null;
    if (embeddingsUrl) {
      const client = createEmbeddingsClient({ url: embeddingsUrl });
      const real = await ensureVectors(es, alias, client, {
        only: { term: { institutionName: EVAL_INSTITUTION } },
      });
      const seeded = await ensureVectors(es, alias, client, {
        cachedOnly: process.env.RELEVANCE_VECTORS === 'cached',
      });
      vectors = { real, seeded };
      console.log(`[bench] vectors: ${JSON.stringify(vectors)}`);
    }
    const numberOf = new Map(
      patents.map((p, i) => [p.publicationNumber, registered[i]?.applicationNumber ?? '']),
    );
    const modes: RelevanceResult['modes'] = [];
    for (const mode of RELEVANCE_MODES) {
      if (mode.params.mode === 'hybrid' && !vectors) continue;
      const { ranked, misses, wordsOnly } = await rankQueries(api, queries, numberOf, mode.params);
      modes.push({ name: mode.name, figures: figuresByKind(ranked), misses, wordsOnly });
    }
    const counts = Object.fromEntries(
      QUERY_KINDS.map((kind) => [kind, queries.filter((q) => q.kind === kind).length]),
    ) as Record<QueryKind, number>;
    return { patents: patents.length, queries: counts, modes, vectors };
  } finally {
    await unregisterPatents(es, alias, registered);
  }
}

/** The printed table: one row per mode and kind. */
export function formatRelevance(r: RelevanceResult): string {
  const rows: (string | number)[][] = [];
  for (const mode of r.modes) {
    for (const kind of [...QUERY_KINDS, 'all'] as const) {
      const f = mode.figures[kind];
      rows.push([mode.name, kind, f.queries, f.hit1, f.hit3, f.mrr, f.empty]);
    }
  }
  const table = formatTable([['mode', 'kind', 'queries', 'hit@1', 'hit@3', 'MRR', 'no result'], ...rows]);
  const fallbacks = r.modes
    .filter((mode) => mode.wordsOnly > 0)
    .map(
      (mode) => `${mode.name}: ${mode.wordsOnly} queries answered by words alone (embedding over its bound)`,
    );
  const vectors = r.vectors
    ? `\nsemantic index: ${r.vectors.seeded.without} documents without a vector (not cached, RELEVANCE_VECTORS=cached)`
    : '';
  return `${r.patents} real patents, ${Object.values(r.queries).reduce((a, b) => a + b, 0)} queries\n${table}${fallbacks.map((line) => `\n${line}`).join('')}${vectors}`;
}
