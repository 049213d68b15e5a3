import type { Request } from 'express';
import type { AppDeps } from '../../app';
import { forbidden } from '../../errors';
import { rateLimit } from '../../http/rate-limit';
import { route } from '../../http/route';
import type { RouteSpec } from '../../http/route';
import { errorBodySchema } from '../auth/schema';
import { tenantScopeOf } from '../auth/scope';
import type { InstitutionScope } from '../auth/scope';
import { attachmentHeader } from '../patent-export/service';
import { buildCsvTemplate, buildXlsxTemplate } from '../patent-import/template';
import {
  importIdParams,
  importPreviewSchema,
  importStateSchema,
  importUploadSchema,
  templateQuerySchema,
} from './schema';
import { confirmImport, getImportState, previewImport } from './service';
import { importUpload } from './upload';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const error = (description: string) => ({ description, schema: errorBodySchema });
const e404 = error(
  'No such upload of the caller’s institution (not_found; another institution’s looks missing)',
);

/** An upload is a person choosing a file: a script looping on 20 MB uploads is stopped, a clerk never. */
const uploadLimit = rateLimit({
  name: 'university-import-upload',
  limit: 30,
  windowMs: 60_000,
  key: (req) => req.user?.id,
  message: '上传过于频繁，请1分钟后再试',
});

const scopeOf = (req: Request): InstitutionScope => {
  const scope = tenantScopeOf(req);
  if (scope.kind !== 'institution') throw forbidden();
  return scope;
};

/**
 * 批量导入 (高校院所): the template, an upload checked by the import service (a preview, nothing stored),
 * and its confirmation by token, imported in the background with a polled progress. Every route works in
 * the session's institution only; another institution's upload answers 404.
 */
export function universityImportRoutes(deps: AppDeps): RouteSpec[] {
  const policy = { ability: 'university.register_patents' } as const;
  const tags = ['university-import'];
  return [
    route({
      method: 'get',
      path: '/api/university/import-template',
      summary: '导入模板 (XLSX with 填写说明, or CSV UTF-8), the same files as docs/import-template.*',
      tags,
      policy,
      request: { query: templateQuerySchema },
      responses: {
        200: { description: 'The template file', contentType: `${XLSX} or text/csv` },
        400: error('Unknown format (validation_failed)'),
      },
      handler: async ({ query }, _req, res) => {
        if (query.format === 'csv') {
          res.setHeader('Content-Type', 'text/csv; charset=utf-8');
          res.setHeader('Content-Disposition', attachmentHeader('专利导入模板.csv'));
          res.send(buildCsvTemplate());
          return;
        }
        res.setHeader('Content-Type', XLSX);
        res.setHeader('Content-Disposition', attachmentHeader('专利导入模板.xlsx'));
        res.send(await buildXlsxTemplate());
      },
    }),
    route({
      method: 'post',
      path: '/api/university/imports',
      summary:
        '上传并预检 (multipart/form-data, file field `file`): every row checked as `npm run import` checks it, for the caller’s institution; nothing stored changes',
      tags,
      policy,
      guards: [uploadLimit, importUpload],
      request: { body: importUploadSchema, bodyType: 'multipart/form-data' },
      responses: {
        201: {
          description: 'Every row valid: the preview and the token to confirm by',
          schema: importPreviewSchema,
        },
        400: error(
          'No file, an empty file or a bad header row (validation_failed, unsupported_file, import_invalid_rows)',
        ),
        413: error('Over 20 MB or 50,000 rows (payload_too_large)'),
        415: error('Not a spreadsheet by its content: binary, legacy .xls, UTF-16 (unsupported_file)'),
        422: error(
          'Rows break the rules: one entry per row and column, path `row 12 / 申请号` (import_invalid_rows)',
        ),
      },
      handler: async ({ body }, req, res) => {
        res.status(201).json(await previewImport(scopeOf(req), body.file.bytes));
      },
    }),
    route({
      method: 'get',
      path: '/api/university/imports/:id',
      summary: 'An upload’s state: its preview counts and, once confirmed, the run’s progress and result',
      tags,
      policy,
      request: { params: importIdParams },
      responses: {
        200: { description: 'The state', schema: importStateSchema },
        400: error('Malformed id (validation_failed)'),
        404: e404,
      },
      handler: async ({ params }, req, res) => {
        res.json(await getImportState(scopeOf(req), params.id));
      },
    }),
    route({
      method: 'post',
      path: '/api/university/imports/:id/confirm',
      summary:
        '确认导入: imports the stored file (checked again, all or nothing) in the background; poll the state',
      tags,
      policy,
      guards: [uploadLimit],
      request: { params: importIdParams },
      responses: {
        200: {
          description: 'The state, with the run begun (or as it is, when confirmed before)',
          schema: importStateSchema,
        },
        400: error('Malformed id (validation_failed)'),
        404: e404,
        410: error('The preview expired (import_expired): upload the file again'),
      },
      handler: async ({ params }, req, res) => {
        res.json(await confirmImport(scopeOf(req), params.id, deps.logger));
      },
    }),
  ];
}
