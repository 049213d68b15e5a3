import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/**
 * Signed tokens of the digest mail: a link that names a page and its recipient (`open`) and an
 * unsubscribe token (`unsubscribe`). HMAC-SHA256 with a key derived from SESSION_SECRET per purpose, so
 * neither kind can stand for the other; the payload is readable (it holds ids, no secret). A link grants
 * nothing by itself: the page it names still needs the recipient's own session.
 */
export type TokenPurpose = 'open' | 'unsubscribe';

const payloadSchema = z.object({
  /** Recipient account id. */
  u: z.string().regex(/^[0-9a-f]{24}$/),
  /** Same-site path to open (open links only). */
  p: z.string().startsWith('/').optional(),
  /** Expiry, ms since epoch. */
  e: z.number().int(),
});
export type TokenPayload = z.infer<typeof payloadSchema>;

/** Open links stay valid 30 days, unsubscribe tokens a year (old mails keep working for that long). */
export const OPEN_LINK_TTL_MS = 30 * 24 * 3600_000;
export const UNSUBSCRIBE_TTL_MS = 365 * 24 * 3600_000;

function keyOf(secret: string, purpose: TokenPurpose): Buffer {
  return createHmac('sha256', secret).update(`panhuo-digest-${purpose}`).digest();
}

/** Signs a payload for one purpose. Pure. */
export function signToken(secret: string, purpose: TokenPurpose, payload: TokenPayload): string {
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  const mac = createHmac('sha256', keyOf(secret, purpose)).update(body).digest('base64url');
  return `${body}.${mac}`;
}

/** Why a token was refused: forged or malformed (`invalid`), or past its date (`expired`). */
export type TokenCheck = { ok: true; payload: TokenPayload } | { ok: false; reason: 'invalid' | 'expired' };

/** Verifies signature (constant time), shape and expiry. */
export function verifyToken(
  secret: string,
  purpose: TokenPurpose,
  token: string,
  now = Date.now(),
): TokenCheck {
  const [body, mac, extra] = token.split('.');
  if (!body || !mac || extra !== undefined) return { ok: false, reason: 'invalid' };
  const expected = createHmac('sha256', keyOf(secret, purpose)).update(body).digest();
  const sent = Buffer.from(mac, 'base64url');
  if (sent.length !== expected.length || !timingSafeEqual(sent, expected))
    return { ok: false, reason: 'invalid' };
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  const parsed = payloadSchema.safeParse(json);
  if (!parsed.success) return { ok: false, reason: 'invalid' };
  if (parsed.data.e < now) return { ok: false, reason: 'expired' };
  return { ok: true, payload: parsed.data };
}
