import type { RequestHandler } from 'express';
import multer from 'multer';
import { AppError, badRequest } from '../../errors';
import { can } from '../../policies/abilities';
import { MAX_FILE_BYTES } from '../patent-import/service';
import type { UploadedFile } from './schema';

const parseForm = multer({
  storage: multer.memoryStorage(),
  limits: { fileSize: MAX_FILE_BYTES, files: 2, fields: 5, parts: 7, fieldSize: 1024, headerPairs: 50 },
}).single('file');

function toUploadError(err: unknown): AppError {
  if (err instanceof multer.MulterError) {
    if (err.code === 'LIMIT_FILE_SIZE')
      return new AppError(413, 'payload_too_large', '文件超过 20 MB 的上限，请分成几个文件导入');
    if (err.code === 'LIMIT_FILE_COUNT' || err.code === 'LIMIT_UNEXPECTED_FILE')
      return badRequest('请求参数有误', [{ path: 'body.file', message: '只能上传一个文件（字段 file）' }]);
    return new AppError(413, 'payload_too_large', '提交的内容过大');
  }
  return badRequest('无法解析提交的表单', [{ path: 'body', message: '无法解析的表单数据' }]);
}

/**
 * Reads the multipart body (one file in field `file`, in memory, at most 20 MB: more is refused with 413
 * while it streams in) into `req.body.file`. Only for a signed-in user who may import: anyone else is
 * refused by the policy guards that follow without the server reading an upload for them.
 */
export const importUpload: RequestHandler = (req, res, next) => {
  if (!req.user || !can(req.user, 'university.register_patents')) return next();
  parseForm(req, res, (err: unknown) => {
    if (err) return next(toUploadError(err));
    if (req.file) {
      const body = (req.body ?? {}) as Record<string, unknown>;
      body.file = { bytes: req.file.buffer } satisfies UploadedFile;
      req.body = body;
    }
    next();
  });
};
