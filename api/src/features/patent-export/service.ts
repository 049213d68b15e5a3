import type { Client } from '@elastic/elasticsearch';
import { AppError } from '../../errors';
import type { PatentSearchDoc } from '@panhuo/domain/patents/dto';
import { buildSearchRequest, searchableText } from '../search/query-builder';
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
  },
): Promise<ExportFile> {
  const limit = params.limit ?? MAX_EXPORT_ROWS;
  const { cursor: _ignored, ...search } = params;
  const run = async (match: MatchMode) => {
    const request = buildSearchRequest(
      { ...search, page: 1 },
      { scope: opts.scope ?? {}, size: limit, sourceFields: true, facets: false, match },
    );
    const res = await es.search<PatentSearchDoc>({ ...request, index, track_total_hits: true });
    const total = typeof res.hits.total === 'number' ? res.hits.total : (res.hits.total?.value ?? 0);
    return { res, total };
  };
  let { res, total } = await run('all');
  // The export follows the rows shown: the list's partial answer when no patent holds every word (search.ts).
  if (total === 0 && (searchableText(search.q)?.words.length ?? 0) > 1)
    ({ res, total } = await run('partial'));
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
  const rows = res.hits.hits.flatMap((hit): ExportRow[] =>
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
