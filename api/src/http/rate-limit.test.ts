import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../test/test-database';
import { AppError } from '../errors';
import { RateLimitHitModel, rateLimit, rateLimitClock, slowDown, storedKeyOf } from './rate-limit';

useTestDatabase('rate_limit');

let server: Server;
let baseUrl: string;
const realNow = rateLimitClock.now;
afterEach(() => {
  rateLimitClock.now = realNow;
});

/** Each guard on a path of its own; the key is the `k` query parameter. */
const guards: Record<string, RequestHandler> = {
  limited: rateLimit({
    name: 'test-limit',
    limit: 3,
    windowMs: 60_000,
    key: (req) => String(req.query.k),
    message: '太快了',
  }),
  slowed: slowDown({
    name: 'test-slow',
    windowMs: 60_000,
    freeAttempts: 2,
    stepMs: 10,
    maxDelayMs: 30,
    key: (req) => String(req.query.k),
  }),
};

beforeAll(async () => {
  const app = express();
  for (const [path, guard] of Object.entries(guards)) app.post(`/${path}`, guard, (_req, res) => res.end());
  const onError: ErrorRequestHandler = (err: unknown, _req, res, _next) => {
    res.status(err instanceof AppError ? err.status : 500).end();
  };
  app.use(onError);
  server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.close();
});

const hit = async (path: string, key: string) =>
  (await fetch(`${baseUrl}/${path}?k=${key}`, { method: 'POST' })).status;

describe('rateLimit', () => {
  it('lets no more than the limit through a parallel burst, and stores no refused attempt', async () => {
    const statuses = await Promise.all(Array.from({ length: 20 }, () => hit('limited', 'burst')));
    const passed = statuses.filter((status) => status === 200).length;
    expect(passed).toBeLessThanOrEqual(3);
    expect(statuses.filter((status) => status === 429)).toHaveLength(20 - passed);
    expect(await RateLimitHitModel.countDocuments({ key: storedKeyOf('test-limit', 'burst') })).toBe(passed);
  });

  it('counts the last window from now, not per fixed minute', async () => {
    const edge = (Math.ceil(Date.now() / 60_000) + 10) * 60_000;
    rateLimitClock.now = () => edge - 1000;
    for (let i = 0; i < 3; i++) expect(await hit('limited', 'slide')).toBe(200);
    // A new fixed minute would start empty here.
    rateLimitClock.now = () => edge + 1000;
    expect(await hit('limited', 'slide')).toBe(429);
    rateLimitClock.now = () => edge + 58_999;
    expect(await hit('limited', 'slide')).toBe(429);
    // A hit frees its place exactly one window after it.
    rateLimitClock.now = () => edge + 59_000;
    expect(await hit('limited', 'slide')).toBe(200);
  });
});

describe('slowDown', () => {
  it('never refuses, and stops storing hits once the delay is at its maximum', async () => {
    for (let i = 0; i < 10; i++) expect(await hit('slowed', 'many')).toBe(200);
    // 2 free attempts + 30 ms / 10 ms steps: the 6th attempt and later wait the maximum already.
    expect(await RateLimitHitModel.countDocuments({ key: storedKeyOf('test-slow', 'many') })).toBe(5);
  });
});
