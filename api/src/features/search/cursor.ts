import { createHash } from 'node:crypto';
import { z } from 'zod';

/**
 * Deep pagination cursor. Opaque to clients: base64url of a small JSON object.
 *
 * - `pit`: the point-in-time id the next page reads, or null when the page that made the cursor was a plain
 *   `from`/`size` page (search.ts opens a point in time on the first cursor request, so plain pages never
 *   leave one open).
 * - `after`: the sort values of the last hit shown, for `search_after`. The sort always ends on the unique
 *   `applicationNumber`, so the position is exact even without a point in time.
 * - `page`: the number of the page this cursor leads to (for display).
 * - `fp`: a fingerprint of the query, filters, sort, size and scope. A cursor only continues the search
 *   that made it; sent with other parameters it is refused instead of silently mixing two result lists.
 */
export interface SearchCursor {
  pit: string | null;
  after: SortValue[];
  page: number;
  fp: string;
  /** Set when the search fell back to a partial match (no patent held every word): later pages continue it. */
  partial?: true;
  /**
   * A hybrid search in relevance order (hybrid-search.ts): `offset` continues at row `after[0]` of the
   * fused list (recomputed), `tail` after the words hit whose sort values `after` holds, past the fused
   * window (the remaining words hits, semantic hits left out as already shown).
   */
  fused?: 'offset' | 'tail';
}

/** A sort value as ES returns it in `hits.hits[].sort`. */
export type SortValue = string | number | boolean | null;

const cursorSchema = z.object({
  v: z.literal(1),
  pit: z.string().min(1).max(2000).nullable(),
  after: z
    .array(z.union([z.string().max(200), z.number(), z.boolean(), z.null()]))
    .min(1)
    .max(4),
  page: z.number().int().min(2),
  fp: z.string().regex(/^[0-9a-f]{16}$/),
  partial: z.literal(true).optional(),
  fused: z.enum(['offset', 'tail']).optional(),
});

/** Serializes a cursor for the client. Pure. */
export function encodeCursor(cursor: SearchCursor): string {
  return Buffer.from(JSON.stringify({ v: 1, ...cursor }), 'utf8').toString('base64url');
}

/** Reads a cursor sent by a client; null when it is not one this module made. Pure; never throws. */
export function decodeCursor(text: string): SearchCursor | null {
  if (!/^[A-Za-z0-9_-]+$/.test(text)) return null;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  const parsed = cursorSchema.safeParse(json);
  if (!parsed.success) return null;
  const { pit, after, page, fp, partial, fused } = parsed.data;
  return { pit, after, page, fp, ...(partial ? { partial } : {}), ...(fused ? { fused } : {}) };
}

/** JSON with object keys sorted, so equal inputs give equal text whatever their key order. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** 16 hex digits identifying a search (whatever defines its result list). Pure. */
export function searchFingerprint(parts: Record<string, unknown>): string {
  return createHash('sha256').update(canonicalJson(parts)).digest('hex').slice(0, 16);
}
