import {
  attachmentMaxBytes,
  attachmentMessages,
  attachmentsPerMessage,
  cleanAttachmentName,
  sniffAttachmentType,
} from '@panhuo/domain/intents/attachments';
import type { AttachmentContentType } from '@panhuo/domain/intents/attachments';
import mongoose, { Types } from 'mongoose';
import { z } from 'zod';
import { notFound } from '../../errors';
import { isUploadedFile, multipartUpload } from '../../http/multipart';
import type { UploadedFile } from '../../http/multipart';
import { IntentAttachmentModel, IntentStepModel } from './model';
import type { IntentAttachmentDoc } from './model';
import { loadFor } from './projection';
import type { IntentScope } from './store';

/** A checked attachment, ready to store: its sniffed type and a clean name. */
export interface CheckedAttachment {
  name: string;
  type: AttachmentContentType;
  bytes: Buffer;
}

/**
 * The `attachments` field of a message body: up to three files, each non-empty, at most 5 MiB, and by its
 * content a PDF, PNG, JPEG or Office document. Each refusal names its file (`body.attachments.<i>`).
 */
export const attachmentsSchema = z
  .array(z.custom<UploadedFile>(isUploadedFile, { error: attachmentMessages.unsupported }))
  .max(attachmentsPerMessage, { error: attachmentMessages.tooMany })
  .transform((files, ctx): CheckedAttachment[] => {
    const checked: CheckedAttachment[] = [];
    files.forEach((file, i) => {
      const type = sniffAttachmentType(file.bytes);
      if (file.bytes.length === 0)
        ctx.addIssue({ code: 'custom', path: [i], message: attachmentMessages.empty });
      else if (!type) ctx.addIssue({ code: 'custom', path: [i], message: attachmentMessages.unsupported });
      else checked.push({ name: cleanAttachmentName(file.name), type, bytes: file.bytes });
    });
    return checked;
  })
  .meta({ type: 'array', items: { type: 'string', format: 'binary' } } as never);

/** The message form's guard: multipart with up to three files in `attachments`; JSON passes through. */
export const attachmentsUpload = multipartUpload({
  field: 'attachments',
  maxFiles: attachmentsPerMessage,
  maxBytes: attachmentMaxBytes,
  tooLarge: attachmentMessages.tooLarge,
  tooMany: attachmentMessages.tooMany,
  shape: 'array',
});

/**
 * Stores a message's files under the step about to be inserted and returns what the step lists. The
 * step comes after: should it be refused (the intent ended meanwhile), dropAttachments removes them.
 */
export async function storeAttachments(
  intentId: Types.ObjectId,
  stepId: Types.ObjectId,
  files: readonly CheckedAttachment[],
) {
  const listed = files.map((file) => ({
    _id: new Types.ObjectId(),
    name: file.name,
    type: file.type,
    size: file.bytes.length,
  }));
  for (const [i, file] of files.entries()) {
    await IntentAttachmentModel.create({ ...listed[i], intentId, stepId, data: file.bytes });
  }
  return listed;
}

/** Removes the files stored for a step that was never inserted. */
export async function dropAttachments(stepId: Types.ObjectId): Promise<void> {
  await IntentAttachmentModel.deleteMany({ stepId });
}

/**
 * One attachment of an intent of the caller's tenant, for download; 404 for another tenant's intent, an
 * unknown file, or a file whose step was never stored.
 */
export async function getAttachment(
  scope: IntentScope,
  intentId: string,
  attachmentId: string,
): Promise<IntentAttachmentDoc> {
  const intent = await loadFor(scope, intentId);
  const missing = () => notFound('附件不存在');
  if (!Types.ObjectId.isValid(attachmentId)) throw missing();
  const file = await IntentAttachmentModel.findById(attachmentId).lean<IntentAttachmentDoc>();
  if (!file || !file.intentId.equals(intent._id)) throw missing();
  if (!(await IntentStepModel.exists({ _id: file.stepId }))) throw missing();
  // A lean read gives the driver's Binary, not a Buffer.
  const data: unknown = file.data;
  return { ...file, data: data instanceof mongoose.mongo.Binary ? Buffer.from(data.buffer) : file.data };
}
