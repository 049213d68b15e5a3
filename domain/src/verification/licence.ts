/**
 * 营业执照 (business licence) image of a 实名认证 application: PNG or JPEG, at most 5 MB. The type is read
 * from the file's first bytes, never from its name or the Content-Type the browser sent, so a renamed
 * GIF or executable is refused whatever it claims to be.
 */

/** Largest accepted licence image, in bytes (5 MiB). */
export const licenceMaxBytes = 5 * 1024 * 1024;

/** The image types a licence may be. */
export const licenceContentTypes = ['image/png', 'image/jpeg'] as const;

/** One accepted licence image type. */
export type LicenceContentType = (typeof licenceContentTypes)[number];

/** File name extension per type, for the download's file name. */
export const licenceExtensions: Readonly<Record<LicenceContentType, string>> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
};

/** Chinese messages of the licence checks (form field errors, 413 and 415 answers). */
export const licenceMessages = {
  missing: '请上传营业执照图片',
  tooLarge: '营业执照图片不能超过5MB',
  unsupported: '营业执照仅支持PNG或JPG格式的图片',
} as const;

const pngSignature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const jpegSignature = [0xff, 0xd8, 0xff];

const startsWith = (bytes: Uint8Array, signature: readonly number[]) =>
  bytes.length > signature.length && signature.every((byte, i) => bytes[i] === byte);

/**
 * The image type of a file by its magic bytes (PNG: the 8-byte PNG signature; JPEG: an SOI marker followed
 * by another marker, FF D8 FF), or null for anything else. Isomorphic: works on a Node Buffer and on the
 * bytes of a browser File alike.
 */
export function sniffLicenceType(bytes: Uint8Array): LicenceContentType | null {
  if (startsWith(bytes, pngSignature)) return 'image/png';
  if (startsWith(bytes, jpegSignature)) return 'image/jpeg';
  return null;
}
