import { createHash } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import mongoose, { Schema } from 'mongoose';
import type { Types } from 'mongoose';
import { AppError } from '../errors';

/**
 * Rate-limit hits, one document per counted attempt, shared by every API process through MongoDB.
 *
 * Why one document per hit and not one counter per window with `$inc` upserts: on the local FerretDB
 * 1.24 (PostgreSQL backend) concurrent `$inc` updates of one document lose increments and concurrent
 * conditional updates each report a match (measured: 10 parallel `$inc` upserts left 8; 20 parallel
 * `{count: 0} → {count: 1}` updates reported 13 winners). Inserts are never lost, so counting inserted
 * hits stays exact under concurrency there and on MongoDB alike. Hits also give a sliding window for free:
 * the limit applies to the hits of the last `windowMs` before now, so no fixed-window edge lets twice the
 * limit through in a moment (a fixed minute allowed 5 guesses at :59 and 5 more at :00).
 */
const hitSchema = new Schema(
  {
    /** `<rule name>:<digest of the key>`, see storedKeyOf. */
    key: { type: String, required: true },
    /** When the attempt was counted. */
    at: { type: Date, required: true },
    /** `at` plus the rule's window: the hit no longer counts and is purged (FerretDB has no TTL indexes). */
    expiresAt: { type: Date, required: true },
  },
  { collection: 'rate_limit_hits', versionKey: false },
);

// Counting path: the recent hits of one key. FerretDB pushes down the `key` equality only; the time filter
// then runs on that key's documents, which the rules keep to about their limit (see rateLimit, slowDown).
hitSchema.index({ key: 1, at: 1 });
// Purge path.
hitSchema.index({ expiresAt: 1 });

export const RateLimitHitModel = mongoose.model('RateLimitHit', hitSchema);

/**
 * The limiter's clock. Tests move it to put attempts on either side of a would-be window edge, or past a
 * window, without waiting; nothing else sets it.
 */
export const rateLimitClock = { now: (): number => Date.now() };

/** What every rule counts: attempts under `key(req)` within the last `windowMs`. */
interface WindowRule {
  /** Stable name, part of the stored key. */
  name: string;
  windowMs: number;
  /** The key to count under (account, IP, user id); undefined skips this rule for the request. */
  key: (req: Request) => string | undefined;
}

/** A hard limit: at most `limit` counted attempts per key within any `windowMs`. */
export interface RateLimitRule extends WindowRule {
  limit: number;
  /** Chinese message of the 429, or one built from the Retry-After seconds. */
  message: string | ((retryAfterSeconds: number) => string);
}

/** A soft limit: past `freeAttempts` in the window, each further attempt waits longer, up to `maxDelayMs`. */
export interface SlowDownRule extends WindowRule {
  freeAttempts: number;
  /** Added to the delay by each counted attempt past `freeAttempts`. */
  stepMs: number;
  maxDelayMs: number;
}

interface Hit {
  _id: Types.ObjectId;
  at: Date;
}

/** Hits recorded for a request, so a handler can take them back (see forgiveRateLimitHits). */
const hitsOfRequest = new WeakMap<Request, Types.ObjectId[]>();

let lastPurge = 0;

/** Removes expired hits, at most once a minute per process, without delaying the request. */
function purgeOldHits(now: number): void {
  if (Math.abs(now - lastPurge) < 60_000) return;
  lastPurge = now;
  RateLimitHitModel.deleteMany({ expiresAt: { $lt: new Date(now) } }).catch(() => undefined);
}

/** The key's hits of the last `windowMs`, oldest first (ties in insertion order, by _id). */
async function recentHits(key: string, now: number, windowMs: number): Promise<Hit[]> {
  const hits = await RateLimitHitModel.find({ key, at: { $gt: new Date(now - windowMs) } }, { at: 1 })
    .lean<Hit[]>()
    .exec();
  return hits.sort(
    (a, b) => a.at.getTime() - b.at.getTime() || a._id.toHexString().localeCompare(b._id.toHexString()),
  );
}

async function recordHit(req: Request, key: string, now: number, windowMs: number): Promise<Types.ObjectId> {
  const hit = await RateLimitHitModel.create({ key, at: new Date(now), expiresAt: new Date(now + windowMs) });
  hitsOfRequest.set(req, [...(hitsOfRequest.get(req) ?? []), hit._id]);
  return hit._id;
}

/**
 * Seconds until the window holds fewer than `limit` of these hits (sorted, oldest first, at least `limit`):
 * the hit that must age out is the one `limit` places from the newest.
 */
function secondsUntilFree(hits: Hit[], limit: number, windowMs: number, now: number): number {
  const mustExpire = hits[hits.length - limit];
  const freeAt = (mustExpire?.at.getTime() ?? now) + windowMs;
  return Math.max(1, Math.ceil((freeAt - now) / 1000));
}

/**
 * The stored form of a rule's key: the rule's name and a SHA-256 digest of the key. Keys come from raw,
 * unvalidated input (guards run before validation), so storing them as typed would let an attacker store
 * megabytes per attempt, or a NUL byte that PostgreSQL under FerretDB refuses with a 500.
 */
export function storedKeyOf(ruleName: string, key: string): string {
  return `${ruleName}:${createHash('sha256').update(key).digest('base64url')}`;
}

/**
 * A guard (for RouteSpec.guards) that counts the request under `rule.key(req)` and refuses it with 429
 * `rate_limited` and a Retry-After header once the last `windowMs` hold `limit` hits. The refusal comes
 * before anything else runs: no authentication, no validation, no password check. A refused request
 * leaves no hit (its own and those of earlier guards are taken back), so a key under attack holds about
 * `limit` documents and a lock ends `windowMs` after the attempts that caused it.
 *
 * It checks before and after recording the hit: the first check keeps a flood from writing, the second
 * refuses the attempts of a concurrent burst that got past the first check together. Whichever of those
 * recorded its hit last sees every other's, so no more than `limit` pass (ranking the hits by time instead
 * would let one more through when a hit with an earlier time is stored after another's count).
 */
export function rateLimit(rule: RateLimitRule): RequestHandler {
  return async (req, res, next) => {
    const key = rule.key(req);
    if (key === undefined) return next();
    const now = rateLimitClock.now();
    purgeOldHits(now);
    const storedKey = storedKeyOf(rule.name, key);
    const refuse = async (others: Hit[]) => {
      await forgiveRateLimitHits(req);
      const retryAfter = secondsUntilFree(others, rule.limit, rule.windowMs, now);
      res.setHeader('Retry-After', String(retryAfter));
      const message = typeof rule.message === 'string' ? rule.message : rule.message(retryAfter);
      next(new AppError(429, 'rate_limited', message));
    };
    const before = await recentHits(storedKey, now, rule.windowMs);
    if (before.length >= rule.limit) return refuse(before);
    const id = await recordHit(req, storedKey, now, rule.windowMs);
    const after = await recentHits(storedKey, now, rule.windowMs);
    if (after.length > rule.limit) return refuse(after.filter((hit) => !hit._id.equals(id)));
    next();
  };
}

/**
 * A guard that never refuses: it counts the request under `rule.key(req)` and, once the last `windowMs`
 * hold `freeAttempts` hits, holds it for `stepMs` per hit past that (the first one included), at most
 * `maxDelayMs`, before passing it on. For limits on a shared key (an IP that a whole office sits behind)
 * where refusing would lock out people who did nothing wrong. Once the delay is at its maximum further
 * attempts are not recorded, which keeps the key's documents bounded.
 */
export function slowDown(rule: SlowDownRule): RequestHandler {
  const enough = rule.freeAttempts + Math.ceil(rule.maxDelayMs / rule.stepMs);
  return async (req, _res, next) => {
    const key = rule.key(req);
    if (key === undefined) return next();
    const now = rateLimitClock.now();
    purgeOldHits(now);
    const storedKey = storedKeyOf(rule.name, key);
    const counted = (await recentHits(storedKey, now, rule.windowMs)).length;
    if (counted < enough) await recordHit(req, storedKey, now, rule.windowMs);
    const past = counted - rule.freeAttempts + 1;
    if (past > 0) {
      const delay = Math.min(rule.maxDelayMs, past * rule.stepMs);
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
    next();
  };
}

/**
 * Takes back the hits this request recorded, for rules that count failures only: a successful login does
 * not use up the account's or the IP's attempts.
 */
export async function forgiveRateLimitHits(req: Request): Promise<void> {
  const ids = hitsOfRequest.get(req);
  if (!ids?.length) return;
  hitsOfRequest.delete(req);
  // One delete by _id each: FerretDB pushes `_id` equality down but would scan the collection for `$in`.
  await Promise.all(ids.map((_id) => RateLimitHitModel.deleteOne({ _id })));
}
