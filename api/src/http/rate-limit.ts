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
 * hits stays exact under concurrency there and on MongoDB alike.
 */
const hitSchema = new Schema(
  {
    /** `<rule name>:<key>`, e.g. `login-account:zju_admin`. */
    key: { type: String, required: true },
    /** Start of the fixed window the hit counts in. */
    windowStart: { type: Date, required: true },
    /** End of that window: hits older than this are purged (FerretDB has no TTL indexes). */
    expiresAt: { type: Date, required: true },
  },
  { collection: 'rate_limit_hits', versionKey: false },
);

// Counting path: the hits of one key in one window.
hitSchema.index({ key: 1, windowStart: 1 });
// Purge path.
hitSchema.index({ expiresAt: 1 });

export const RateLimitHitModel = mongoose.model('RateLimitHit', hitSchema);

/** One limit: at most `limit` counted attempts per key in each fixed window of `windowMs`. */
export interface RateLimitRule {
  /** Stable name, part of the stored key. */
  name: string;
  limit: number;
  windowMs: number;
  /** The key to count under (account, IP, user id); undefined skips this rule for the request. */
  key: (req: Request) => string | undefined;
  /** Chinese message of the 429. */
  message: string;
}

/** Hits recorded for a request, so a handler can take them back (see forgiveRateLimitHits). */
const hitsOfRequest = new WeakMap<Request, Types.ObjectId[]>();

let lastPurge = 0;

/** Removes hits of finished windows, at most once a minute per process, without delaying the request. */
function purgeOldHits(now: number): void {
  if (now - lastPurge < 60_000) return;
  lastPurge = now;
  RateLimitHitModel.deleteMany({ expiresAt: { $lt: new Date(now) } }).catch(() => undefined);
}

/**
 * A guard (for RouteSpec.guards) that counts the request under `rule.key(req)` and refuses it with 429
 * `rate_limited` and a Retry-After header once the window holds `limit` hits. The refusal comes before
 * anything else runs: no authentication, no validation, no password check.
 *
 * It checks before and after recording the hit: the first check keeps a flood from writing, the second
 * refuses the attempts of a concurrent burst that got past the first check together.
 */
export function rateLimit(rule: RateLimitRule): RequestHandler {
  return async (req, res, next) => {
    const key = rule.key(req);
    if (key === undefined) return next();
    const now = Date.now();
    purgeOldHits(now);
    const windowStart = Math.floor(now / rule.windowMs) * rule.windowMs;
    const filter = { key: `${rule.name}:${key}`, windowStart: new Date(windowStart) };
    const refuse = () => {
      res.setHeader(
        'Retry-After',
        String(Math.max(1, Math.ceil((windowStart + rule.windowMs - now) / 1000))),
      );
      next(new AppError(429, 'rate_limited', rule.message));
    };
    if ((await RateLimitHitModel.countDocuments(filter)) >= rule.limit) return refuse();
    const hit = await RateLimitHitModel.create({
      ...filter,
      expiresAt: new Date(windowStart + rule.windowMs),
    });
    hitsOfRequest.set(req, [...(hitsOfRequest.get(req) ?? []), hit._id]);
    if ((await RateLimitHitModel.countDocuments(filter)) > rule.limit) return refuse();
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
  await RateLimitHitModel.deleteMany({ _id: { $in: ids } });
}
