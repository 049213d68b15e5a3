import { z } from 'zod';
import { objectIdSchema } from '../object-id';

/**
 * Attachments of a 合作意向 message: a few documents either side sends with a message (a specification, a
 * test report, a drawing). The type is read from the file's first bytes, never from its name or the
 * Content-Type the browser sent, so a renamed executable or an HTML page is refused whatever it claims to be.
 */

/** Largest accepted attachment, in bytes (5 MiB). */
export const attachmentMaxBytes = 5 * 1024 * 1024;

/** At most this many files with one message. */
export const attachmentsPerMessage = 3;

/** The document types a message may carry. */
export const attachmentContentTypes = [
  'application/pdf',
  'image/png',
  'image/jpeg',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
] as const;

/** One accepted attachment type. */
export type AttachmentContentType = (typeof attachmentContentTypes)[number];

/** Chinese messages of the attachment checks (field errors, 413 answers, the form's hint). */
export const attachmentMessages = {
  hint: '可附最多3个文件（PDF、PNG、JPG、Word、Excel、PowerPoint），每个不超过5MB',
  tooLarge: '每个附件不能超过5MB',
  tooMany: '每条消息最多3个附件',
  unsupported: '附件仅支持PDF、PNG、JPG、Word、Excel或PowerPoint文件',
  empty: '附件不能为空文件',
} as const;

/** An attachment as the conversation lists it (the bytes are downloaded separately). */
export const intentAttachmentDtoSchema = z.object({
  id: objectIdSchema,
  name: z.string(),
  type: z.enum(attachmentContentTypes),
  size: z.number().int(),
});
export type IntentAttachmentDto = z.infer<typeof intentAttachmentDtoSchema>;

const startsWith = (bytes: Uint8Array, signature: readonly number[], at = 0) =>
  bytes.length > at + signature.length && signature.every((byte, i) => bytes[at + i] === byte);

const pdf = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const jpeg = [0xff, 0xd8, 0xff];
const zipLocalHeader = [0x50, 0x4b, 0x03, 0x04];

/**
 * The Office Open XML kind of a ZIP by the names of its entries: every such package holds
 * `[Content_Types].xml` and a main part under `word/`, `xl/` or `ppt/`. Entry names are stored in clear in
 * the local headers, so this reads names only, without unzipping.
 */
function officeType(bytes: Uint8Array): AttachmentContentType | null {
  const names = new TextDecoder('latin1').decode(bytes.subarray(0, Math.min(bytes.length, 64 * 1024)));
  if (!names.includes('[Content_Types].xml')) return null;
  if (names.includes('word/')) return attachmentContentTypes[3];
  if (names.includes('xl/')) return attachmentContentTypes[4];
  if (names.includes('ppt/')) return attachmentContentTypes[5];
  return null;
}

/**
 * The document type of a file by its content (PDF, PNG, JPEG signatures; a ZIP that is a .docx, .xlsx or
 * .pptx package), or null for anything else. Isomorphic: a Node Buffer and a browser File's bytes alike.
 */
export function sniffAttachmentType(bytes: Uint8Array): AttachmentContentType | null {
  if (startsWith(bytes, pdf)) return 'application/pdf';
  if (startsWith(bytes, png)) return 'image/png';
  if (startsWith(bytes, jpeg)) return 'image/jpeg';
  if (startsWith(bytes, zipLocalHeader)) return officeType(bytes);
  return null;
}

/**
 * A file name fit to store and to send back in Content-Disposition: the base name without path, control
 * characters or the characters Windows refuses, at most 120 characters; `附件` when nothing is left.
 */
export function cleanAttachmentName(name: string): string {
  const base = name.split(/[\\/]/).at(-1) ?? '';
  const clean = base
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
    .replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '')
    .trim()
    .slice(-120);
  return clean === '' || clean === '.' || clean === '..' ? '附件' : clean;
}
