import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../../test/test-app';
import type { TestApp } from '../../test/test-app';
import { buildSoakWorld, percentile, runSoak } from '../../test/soak-world';
import type { SoakClient } from '../../test/soak-world';

/**
 * Many signed-in users of different tenants at once, for a bounded time, on a mix of session reads,
 * expert lists and details, search and writes read back: every answer is checked against who asked.
 * This is where broken store replies showed (a reply reaching the wrong request, a session turning
 * anonymous); see docs/conventions.md, "Why replies crossed".
 */
const seconds = Number(process.env.SOAK_SECONDS ?? 60);
let app: TestApp;
let clients: SoakClient[];

beforeAll(async () => {
  app = await startTestApp('soak');
  clients = await buildSoakWorld(app, 4);
});

afterAll(async () => {
  await app?.close();
});

describe('soak: concurrent users of different tenants', () => {
  it(
    `answers ${seconds} s of mixed traffic with no 5xx, no foreign data and no lost session`,
    async () => {
      expect(clients.length).toBeGreaterThanOrEqual(8);
      expect(new Set(clients.map((c) => c.user.id)).size).toBe(clients.length);
      // connect-mongo's expired-session sweep is an unacknowledged delete (w: 0) every 10 minutes; sent
      // every second here through the app's own connection pool, as the API process sends it.
      const sessions = mongoose.connection.db!.collection('sessions');
      const sweep = setInterval(() => {
        void sessions.deleteMany({ expires: { $lt: new Date(0) } }, { writeConcern: { w: 0 } });
      }, 1_000);
      const report = await runSoak(clients, seconds).finally(() => clearInterval(sweep));
      console.log(
        `[soak] ${clients.length} clients, ${report.requests} steps in ${seconds} s ` +
          `(${(report.requests / seconds).toFixed(0)} steps/s), p50 ${percentile(report.latenciesMs, 50).toFixed(1)} ms, ` +
          `p99 ${percentile(report.latenciesMs, 99).toFixed(1)} ms`,
      );
      expect(report.samples).toEqual([]);
      expect(report).toMatchObject({ serverErrors: 0, foreignData: 0, sessionsLost: 0, unexpected: 0 });
      expect(report.requests).toBeGreaterThan(seconds * 10);
    },
    (seconds + 60) * 1000,
  );
});
