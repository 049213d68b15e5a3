import { licenceMaxBytes, licenceMessages } from '@panhuo/domain/verification/licence';
import type { RequestHandler } from 'express';
import { z } from 'zod';
import { isUploadedFile, multipartUpload } from '../../http/multipart';
import type { UploadedFile } from '../../http/multipart';

/** The licence file as the upload guard leaves it in `req.body.licence` for validation. */
export type UploadedLicence = UploadedFile;

/**
 * The `licence` entry of the validated body: present only when a file arrived in the multipart field
 * `licence` (a text field of that name, or a JSON body, cannot pass for one).
 */
export const uploadedLicenceSchema = z
  .custom<UploadedLicence>(isUploadedFile, { error: licenceMessages.missing })
  .meta({ type: 'string', format: 'binary', description: '营业执照图片（PNG 或 JPG，不超过5MB）' } as never);

/**
 * The 实名认证 form's guard: one file of at most 5 MiB in `licence`, into `req.body.licence`; an over-size
 * file is refused with 413 while it streams in (nothing past 5 MiB is kept).
 */
export const licenceUpload: RequestHandler = multipartUpload({
  field: 'licence',
  maxFiles: 1,
  maxBytes: licenceMaxBytes,
  tooLarge: licenceMessages.tooLarge,
  tooMany: '只能上传一个文件：营业执照图片（licence）',
  shape: 'single',
});
