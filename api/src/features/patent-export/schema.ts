import { z } from 'zod';
import type { buildSearchParamsSchema } from '../search/schema';
import { searchParamsSchema } from '../search/schema';

/** The manual's limit: 每次导出最多 1000 条. */
export const MAX_EXPORT_ROWS = 1000;

const exportLimitSchema = z.object({
  limit: z.preprocess(
    (value) => (value === '' ? undefined : value),
    z.coerce
      .number({ message: '导出条数应为整数' })
      .int({ message: '导出条数应为整数' })
      .min(1, { message: '导出条数至少为 1' })
      .refine((n) => n <= MAX_EXPORT_ROWS, {
        message: `每次最多导出 ${MAX_EXPORT_ROWS} 条`,
        params: { code: 'export_too_large' },
      })
      .optional(),
  ),
});

/**
 * Export parameters: the current search (query, filters, sort) plus an optional row count. Without
 * `limit`, a search with more than 1000 hits is refused rather than silently cut (see service.ts).
 */
export function buildExportParamsSchema(search: ReturnType<typeof buildSearchParamsSchema>) {
  return z.intersection(search, exportLimitSchema);
}

/** The catalogue's export parameters (资源库). */
export const exportParamsSchema = buildExportParamsSchema(searchParamsSchema);

export type ExportParams = z.output<typeof exportParamsSchema>;
