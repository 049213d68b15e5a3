import type { Client, estypes } from '@elastic/elasticsearch';
import { AppError } from '../../errors';
import type { PatentSearchDoc } from '@panhuo/domain/patents/dto';
import {
  buildSearchRequest,
  MAX_REQUEST_SIZE,
  resolveSort,
  searchableText,
  semanticFilters,
} from '../search/query-builder';
import { hybridRows } from '../search/hybrid-search';
import type { QueryEmbedder } from '../search/query-vectors';
import { buildKnnSection, isEmbeddable } from '../search/semantic';
import type { MatchMode, SearchScope } from '../search/query-builder';
import type { ExportParams } from './schema';
import { MAX_EXPORT_ROWS } from './schema';
import { writeExportWorkbook } from './workbook';
import type { ExportRow, ExtraColumnGroup } from './workbook';

/** The finished file, ready to send. */
export interface ExportFile {
  buffer: Buffer;
  rows: number;
  total: number;
}

/**
 * Exports the current search of a library as XLSX: basic info, portfolio info and 建档信息, at most 1000
 * rows. One Elasticsearch request (no cursor: 1000 fits one page) gives everything, portfolio names and
 * descriptions included. More than 1000 hits without an explicit `limit` is a 400, never a silent cut.
 */
export async function exportPatents(
  es: Client,
  index: string,
  params: ExportParams,
  opts: {
    scope?: SearchScope;
    title: string;
    /** A library's own columns after the patent's, read for the exported patents' ids. */
    extraColumns?: (patentIds: string[]) => Promise<ExtraColumnGroup>;
    /** 智能检索's query vectors; without it (or in 精确检索) the export is by words alone. */
    embedder?: QueryEmbedder;
  },
): Promise<ExportFile> {
  const limit = params.limit ?? MAX_EXPORT_ROWS;
  const { cursor: _ignored, ...search } = params;
  const scope = opts.scope ?? {};
  const text = searchableText(search.q);
  // The export follows the rows shown (search.ts): in 智能检索 the words matches and the semantic hits.
  let vector: number[] | null = null;
  if (opts.embedder && (search.mode ?? 'hybrid') === 'hybrid' && text && isEmbeddable(text)) {
    const answer = await opts.embedder.vectorOf(text.words.join(' '));
    if ('vector' in answer) vector = answer.vector;
  }
  if (vector && text && resolveSort(search.sort, true, scope) === 'relevance') {
    const read = await hybridRows(es, index, { ...search, page: 1 }, vector, {
      scope,
      start: 0,
      count: limit,
      firstMatch: 'all',
      mayFallBack: true,
      wordCount: text.words.length,
      sourceFields: true,
      maxRows: MAX_REQUEST_SIZE,
    });
    return writeFile(read.rows as unknown as SearchHit[], read.total.value, params, opts);
  }
  const knn = vector ? buildKnnSection(vector, semanticFilters(search, scope)) : undefined;
  const run = async (match: MatchMode) => {
    const request = buildSearchRequest(
      { ...search, page: 1 },
      { scope, size: limit, sourceFields: true, facets: false, match, ...(knn ? { semantic: knn } : {}) },
    );
    const res = await es.search<PatentSearchDoc>({ ...request, index, track_total_hits: true });
    const total = typeof res.hits.total === 'number' ? res.hits.total : (res.hits.total?.value ?? 0);
    return { res, total };
  };
  let { res, total } = await run('all');
  // The export follows the rows shown: the list's partial answer when no patent holds every word (search.ts).
  if (total === 0 && (text?.words.length ?? 0) > 1) ({ res, total } = await run('partial'));
  return writeFile(res.hits.hits, total, params, opts);
}

type SearchHit = estypes.SearchHit<PatentSearchDoc>;

/** Refuses an export above the limit, else writes the workbook of `hits`. */
async function writeFile(
  hits: SearchHit[],
  total: number,
  params: ExportParams,
  opts: { title: string; extraColumns?: (patentIds: string[]) => Promise<ExtraColumnGroup> },
): Promise<ExportFile> {
  if (params.limit === undefined && total > MAX_EXPORT_ROWS) {
    throw new AppError(
      400,
      'export_too_large',
      `当前检索结果共 ${total} 条，每次最多导出 ${MAX_EXPORT_ROWS} 条，请缩小检索范围或指定导出条数`,
      [
        {
          path: 'query.limit',
          message: `结果超过 ${MAX_EXPORT_ROWS} 条，请指定 1–${MAX_EXPORT_ROWS} 的导出条数`,
          code: 'export_too_large',
        },
      ],
    );
  }
  // `?? []`: a document indexed before portfolios were carried (mapping v1) has none.
  const rows = hits.flatMap((hit): ExportRow[] =>
    hit._source ? [{ ...hit._source, portfolios: hit._source.portfolios ?? [] }] : [],
  );
  const extra = opts.extraColumns ? await opts.extraColumns(rows.map((row) => row.id)) : undefined;
  const buffer = await writeExportWorkbook(rows, opts.title, extra);
  return { buffer, rows: rows.length, total };
}

/** `Content-Disposition` for a Chinese file name (RFC 6266 / 5987), with an ASCII fallback. */
export function attachmentHeader(fileName: string): string {
  return `attachment; filename="export.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
