import { z } from 'zod';

/**
 * 24 lower-case hex digits. Lower case only, and a plain pattern without flags: the API only ever emits
 * lower-case ids, and zod-to-openapi copies the source of this regex into the OpenAPI `pattern` (a flag
 * such as `i` would be lost there, documenting a different rule than the one enforced).
 */
const objectIdPattern = /^[0-9a-f]{24}$/;

/**
 * A MongoDB ObjectId as the API exchanges it, the one schema for every `:id` and id field; anything else
 * is a 400 with a field error, never a 500.
 */
export const objectIdSchema = z.string().regex(objectIdPattern, { message: '无效的记录ID' });

/** True for a 24-digit lower-case hex string (what objectIdSchema accepts). */
export function isObjectId(value: string): boolean {
  return objectIdPattern.test(value);
}
