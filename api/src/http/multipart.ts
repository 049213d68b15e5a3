import type { RequestHandler } from 'express';
import multer from 'multer';
import { AppError, badRequest } from '../errors';

/** A file as a multipart guard leaves it in `req.body[field]` for validation. */
export interface UploadedFile {
  /** The file's bytes (at most the guard's maxBytes). */
  bytes: Buffer;
  /** What the browser claimed; kept for the log only: types are sniffed from the bytes. */
  declaredType: string;
  /** The file name the browser sent (UTF-8), unchecked. */
  name: string;
}

/** True for what a multipart guard put in the body (a text field or a JSON value cannot pass for one). */
export function isUploadedFile(value: unknown): value is UploadedFile {
  return typeof value === 'object' && value !== null && Buffer.isBuffer((value as UploadedFile).bytes);
}

/** What one multipart form may hold and how its refusals read. */
export interface MultipartOptions {
  /** The file field's name. */
  field: string;
  /** At most this many files in the field. */
  maxFiles: number;
  /** Largest file, in bytes: a larger one is refused with 413 while it streams in. */
  maxBytes: number;
  /** The 413 message of an over-size file. */
  tooLarge: string;
  /** The field message of one file too many (or a file under another field's name). */
  tooMany: string;
  /** `single`: the field holds one UploadedFile; `array`: a list of them. */
  shape: 'single' | 'array';
}

/** Maps what multer (and busboy under it) refuse to the API's errors. */
function toUploadError(err: unknown, options: MultipartOptions): AppError {
  if (err instanceof multer.MulterError) {
    switch (err.code) {
      case 'LIMIT_FILE_SIZE':
        return new AppError(413, 'payload_too_large', options.tooLarge);
      case 'LIMIT_FIELD_VALUE':
      case 'LIMIT_PART_COUNT':
      case 'LIMIT_FIELD_COUNT':
        return new AppError(413, 'payload_too_large', '提交的内容过大');
      case 'LIMIT_FILE_COUNT':
      case 'LIMIT_UNEXPECTED_FILE':
        return badRequest('请求参数有误', [
          { path: `body.${err.field ?? options.field}`, message: options.tooMany },
        ]);
      default:
        return badRequest('请求参数有误', [{ path: 'body', message: '表单字段不正确' }]);
    }
  }
  // busboy: a malformed multipart body (no boundary, truncated parts).
  return badRequest('无法解析提交的表单', [{ path: 'body', message: '无法解析的表单数据' }]);
}

/**
 * A route guard reading a multipart/form-data body in memory: text fields into `req.body`, the files of
 * `options.field` into `req.body[field]`. Bounds: the files (one more than allowed is let through multer
 * so the extra one is refused naming its field), a handful of short text fields (far below 16 KiB; the
 * schema's own maxima answer with field errors), no nested `a[b]` names. File names are read as UTF-8.
 * Requests that are not multipart pass through untouched (their validation then decides). Mount it after
 * the rate limit, so a refused client does not get to upload.
 */
export function multipartUpload(options: MultipartOptions): RequestHandler {
  const parse = multer({
    storage: multer.memoryStorage(),
    defParamCharset: 'utf8',
    limits: {
      fileSize: options.maxBytes,
      files: options.maxFiles + 1,
      fields: 20,
      parts: options.maxFiles + 21,
      fieldSize: 16 * 1024,
      fieldNameSize: 100,
      fieldNestingDepth: 0,
      headerPairs: 50,
    },
  }).array(options.field, options.maxFiles);
  return (req, res, next) => {
    parse(req, res, (err: unknown) => {
      if (err) return next(toUploadError(err, options));
      const files = Array.isArray(req.files) ? req.files : [];
      if (files.length > 0) {
        const uploaded = files.map((file): UploadedFile => ({
          bytes: file.buffer,
          declaredType: file.mimetype,
          name: file.originalname,
        }));
        const body = (req.body ?? {}) as Record<string, unknown>;
        body[options.field] = options.shape === 'single' ? uploaded[0] : uploaded;
        req.body = body;
      }
      next();
    });
  };
}
