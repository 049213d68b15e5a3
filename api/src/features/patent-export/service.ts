import type { Client } from '@elastic/elasticsearch';
import mongoose from 'mongoose';
import { AppError } from '../../errors';
import type { PatentDto } from '@panhuo/domain/patents/dto';
import { PortfolioModel } from '../patents/portfolio-model';
import { buildSearchRequest } from '../search/query-builder';
import type { SearchScope } from '../search/query-builder';
import type { ExportParams } from './schema';
import { MAX_EXPORT_ROWS } from './schema';
import { buildExportWorkbook } from './workbook';
import type { PortfolioInfo } from './workbook';

/** The finished file, ready to send. */
export interface ExportFile {
  buffer: Buffer;
  rows: number;
  total: number;
}

/**
 * Exports the current search of a library as XLSX: basic info, portfolio info and 建档信息, at most 1000
 * rows. One Elasticsearch request for the rows (no cursor: 1000 fits one page), one MongoDB read of the
 * portfolios by `_id`. More than 1000 hits without an explicit `limit` is a 400, never a silent cut.
 */
export async function exportPatents(
  es: Client,
  index: string,
  params: ExportParams,
  opts: { scope?: SearchScope; title: string },
): Promise<ExportFile> {
  const limit = params.limit ?? MAX_EXPORT_ROWS;
  const { cursor: _ignored, ...search } = params;
  const request = buildSearchRequest(
    { ...search, page: 1 },
    { scope: opts.scope ?? {}, size: limit, sourceFields: true, facets: false, highlight: false },
  );
  const res = await es.search<PatentDto & { rev?: number }>({ ...request, index, track_total_hits: true });
  const total = typeof res.hits.total === 'number' ? res.hits.total : (res.hits.total?.value ?? 0);
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
  const patents = res.hits.hits.flatMap((hit) => {
    if (!hit._source) return [];
    const { rev: _rev, ...patent } = hit._source;
    return [patent as PatentDto];
  });
  const portfolioIds = [...new Set(patents.flatMap((p) => p.portfolioIds))];
  const portfolios = portfolioIds.length
    ? await PortfolioModel.find(
        { _id: { $in: portfolioIds.map((id) => new mongoose.Types.ObjectId(id)) } },
        { name: 1, description: 1 },
      ).lean()
    : [];
  const byId = new Map<string, PortfolioInfo>(
    portfolios.map((p) => [p._id.toHexString(), { name: p.name, description: p.description }]),
  );
  const workbook = buildExportWorkbook(patents, byId, opts.title);
  const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
  return { buffer, rows: patents.length, total };
}

/** `Content-Disposition` for a Chinese file name (RFC 6266 / 5987), with an ASCII fallback. */
export function attachmentHeader(fileName: string): string {
  return `attachment; filename="export.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
