import { z } from 'zod';

/** A MongoDB ObjectId as the API exchanges it: 24 lower-case hex digits. */
export const objectIdSchema = z.string().regex(/^[0-9a-f]{24}$/, { message: '无效的记录ID' });

/** True for a 24-digit lower-case hex string. */
export function isObjectId(value: string): boolean {
  return /^[0-9a-f]{24}$/.test(value);
}
