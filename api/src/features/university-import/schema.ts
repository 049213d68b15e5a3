import { z } from 'zod';
import { objectIdSchema } from '@panhuo/domain/object-id';

/** Browser import (高校院所 批量导入): requests and responses of /api/university/imports. */

export const importIdParams = z.object({ id: objectIdSchema });
export const templateQuerySchema = z.object({ format: z.enum(['xlsx', 'csv']).default('xlsx') });

/** The uploaded file as the upload guard leaves it in `req.body.file`. */
export interface UploadedFile {
  bytes: Buffer;
}
function isUploadedFile(value: unknown): value is UploadedFile {
  return typeof value === 'object' && value !== null && Buffer.isBuffer((value as UploadedFile).bytes);
}

/** multipart/form-data with one file field `file`: the filled-in template, CSV or XLSX (≤ 20 MB). */
export const importUploadSchema = z.object({
  file: z.custom<UploadedFile>(isUploadedFile, { error: '请选择要导入的文件（Excel .xlsx 或 CSV）' }).meta({
    type: 'string',
    format: 'binary',
    description: '导入文件（.xlsx 或 .csv，不超过20MB）',
  } as never),
});

const countsSchema = z.object({ inserted: z.number(), updated: z.number(), unchanged: z.number() });
const summarySchema = z.object({ patents: countsSchema, portfolios: countsSchema });

/** One data row of the preview: where it is in the file and what it registers. */
export const previewRowSchema = z.object({
  row: z.number().int(),
  applicationNumber: z.string(),
  title: z.string(),
  portfolioName: z.string(),
});

export const importRunSchema = z.object({
  state: z.enum(['running', 'done', 'failed']),
  phase: z.enum(['validate', 'write']),
  done: z.number().int(),
  total: z.number().int(),
  /** Set when done: what the import wrote. */
  result: summarySchema.nullable(),
  /** Set when failed: the stable code and message (e.g. a row that became invalid after the preview). */
  error: z
    .object({
      error: z.string(),
      message: z.string(),
      fieldErrors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    })
    .nullable(),
});
export type ImportRunDto = z.output<typeof importRunSchema>;

/** An upload's state: the preview's counts, and the run once confirmed. */
export const importStateSchema = z.object({
  id: z.string(),
  format: z.enum(['csv', 'xlsx']),
  rows: z.number().int(),
  expiresAt: z.string(),
  summary: summarySchema,
  run: importRunSchema.nullable(),
});
export type ImportStateDto = z.output<typeof importStateSchema>;

/** POST /api/university/imports: every row valid; the rows, and the token to confirm by. */
export const importPreviewSchema = importStateSchema.extend({ preview: z.array(previewRowSchema) });
export type ImportPreviewDto = z.output<typeof importPreviewSchema>;
