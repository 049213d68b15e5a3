import { licenceMaxBytes, licenceMessages } from '@panhuo/domain/verification/licence';
import type { RequestHandler } from 'express';
import multer from 'multer';
import { z } from 'zod';
import { AppError, badRequest } from '../../errors';

/** The licence file as the upload guard leaves it in `req.body.licence` for validation. */
export interface UploadedLicence {
  /** The file's bytes (at most licenceMaxBytes). */
  bytes: Buffer;
  /** What the browser claimed; kept for the log only: the type is sniffed from the bytes. */
  declaredType: string;
}

function isUploadedLicence(value: unknown): value is UploadedLicence {
  return typeof value === 'object' && value !== null && Buffer.isBuffer((value as UploadedLicence).bytes);
}

/**
 * The `licence` entry of the validated body: present only when a file arrived in the multipart field
 * `licence` (a text field of that name, or a JSON body, cannot pass for one).
 */
export const uploadedLicenceSchema = z
  .custom<UploadedLicence>(isUploadedLicence, { error: licenceMessages.missing })
  .meta({ type: 'string', format: 'binary', description: '营业执照图片（PNG 或 JPG，不超过5MB）' } as never);

/**
 * Bounds of the form: one file of at most 5 MiB, a handful of short text fields (each far below 16 KiB;
 * the schema's own maxima answer with field errors), no nested `a[b]` names.
 */
const parseForm = multer({
  storage: multer.memoryStorage(),
  limits: {
    fileSize: licenceMaxBytes,
    // 2, not 1: a second file then reaches multer's field check and is refused naming its field.
    files: 2,
    fields: 20,
    parts: 22,
    fieldSize: 16 * 1024,
    fieldNameSize: 100,
    fieldNestingDepth: 0,
    headerPairs: 50,
  },
}).single('licence');

const tooLarge = () => new AppError(413, 'payload_too_large', licenceMessages.tooLarge);

/** Maps what multer (and busboy under it) refuse to the API's errors. */
function toUploadError(err: unknown): AppError {
  if (err instanceof multer.MulterError) {
    switch (err.code) {
      case 'LIMIT_FILE_SIZE':
        return tooLarge();
      case 'LIMIT_FIELD_VALUE':
      case 'LIMIT_PART_COUNT':
      case 'LIMIT_FIELD_COUNT':
        return new AppError(413, 'payload_too_large', '提交的内容过大');
      case 'LIMIT_FILE_COUNT':
      case 'LIMIT_UNEXPECTED_FILE':
        return badRequest('请求参数有误', [
          { path: `body.${err.field ?? 'licence'}`, message: '只能上传一个文件：营业执照图片（licence）' },
        ]);
      default:
        return badRequest('请求参数有误', [{ path: 'body', message: '表单字段不正确' }]);
    }
  }
  // busboy: a malformed multipart body (no boundary, truncated parts).
  return badRequest('无法解析提交的表单', [{ path: 'body', message: '无法解析的表单数据' }]);
}

/**
 * A route guard reading a multipart/form-data body: text fields into `req.body`, the file of field
 * `licence` into `req.body.licence` (UploadedLicence), in memory. An over-size file is refused with 413 while
 * it streams in (nothing past 5 MiB is kept). Requests that are not multipart pass through untouched (their
 * validation then reports the missing licence). Mount it after the rate limit, so a refused client does not
 * get to upload.
 */
export const licenceUpload: RequestHandler = (req, res, next) => {
  parseForm(req, res, (err: unknown) => {
    if (err) return next(toUploadError(err));
    if (req.file) {
      const body = (req.body ?? {}) as Record<string, unknown>;
      body.licence = { bytes: req.file.buffer, declaredType: req.file.mimetype } satisfies UploadedLicence;
      req.body = body;
    }
    next();
  });
};
