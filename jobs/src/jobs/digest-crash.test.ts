import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createConnection, createServer } from 'node:net';
import type { AddressInfo, Server, Socket } from 'node:net';
import { join } from 'node:path';
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserModel } from '@panhuo/api/features/accounts/model';
import { AttentionSettingsModel } from '@panhuo/api/features/attention-settings/model';
import { DigestBatchModel, DigestOutcomeModel, DigestSendModel } from '@panhuo/api/features/digest/model';
import { lastRuns } from '@panhuo/api/features/digest/runs';
import { searchMail } from '@panhuo/api/features/mail/mailpit';
import { createTestUser } from '@panhuo/api/test/auth-helpers';
import { buildPatent } from '@panhuo/api/test/factories';
import { startTestApp } from '@panhuo/api/test/test-app';
import type { TestApp } from '@panhuo/api/test/test-app';
import { ensurePatentIndex } from '@panhuo/indexer/patent-index';
import { reindexPatents } from '@panhuo/indexer/reindex';
import { createAgenda } from '../agenda';
import { jobs } from '../registry';

/*
 * Deliver 5's proof: the real worker (jobs/src/main.ts, what `npm start` runs) is SIGKILLed in the middle
 * of a digest batch, restarted, and every recipient ends with exactly one mail in Mailpit.
 *
 * Where it is killed matters. Killed between two sends, even a worker that recorded the send key AFTER
 * sending would pass. So the worker's SMTP goes through a proxy in front of Mailpit that forwards the
 * K-th message to Mailpit but holds back Mailpit's "250 accepted" reply: the K-th mail is in Mailpit while
 * the worker still waits for SMTP. The kill lands exactly in the window where only a key recorded before
 * sending prevents the restarted worker from mailing that recipient again (as would taking over a claim
 * without an outcome).
 */

const ENTERPRISES = 4;
const RECIPIENTS = 3; // admins per enterprise
const TOTAL = ENTERPRISES * RECIPIENTS;
const HOLD_AT = 5; // the message whose acceptance the proxy holds back
const DATE = '2026-11-30'; // a Monday: the weekly window [11-23, 11-30)
const domain = `crash-${randomBytes(4).toString('hex')}.example`;
const LOCK_MS = 3_000;

let app: TestApp;
let proxy: Server;
let holding = true;
let accepted = 0;
const held: Socket[] = [];
let worker: ChildProcess | undefined;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const mailCount = async () => {
  const res = await fetch(
    `${process.env.MAILPIT_URL}/api/v1/search?limit=1&query=${encodeURIComponent(`to:"@${domain}"`)}`,
  );
  return ((await res.json()) as { messages_count: number }).messages_count;
};

async function until<T>(what: string, ms: number, probe: () => Promise<T | undefined>): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

/**
 * A TCP proxy to Mailpit's SMTP port. It counts the server's replies that follow a `354` (the acceptance
 * of a message's DATA) and, while `holding`, swallows the HOLD_AT-th: Mailpit has stored the message, the
 * worker never hears so.
 */
async function startSmtpProxy(target: URL): Promise<number> {
  proxy = createServer((client) => {
    const upstream = createConnection(Number(target.port), target.hostname);
    let afterData = false;
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    client.on('data', (chunk) => upstream.write(chunk));
    upstream.on('data', (chunk: Buffer) => {
      const reply = chunk.toString('latin1');
      if (afterData && reply.startsWith('250')) {
        afterData = false;
        accepted += 1;
        if (holding && accepted === HOLD_AT) {
          held.push(client);
          return;
        }
      }
      if (reply.startsWith('354')) afterData = true;
      client.write(chunk);
    });
  });
  proxy.listen(0, '127.0.0.1');
  await once(proxy, 'listening');
  return (proxy.address() as AddressInfo).port;
}

function startWorker(smtpPort: number): ChildProcess {
  const { config } = app.deps;
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '../main.ts')], {
    cwd: join(import.meta.dirname, '../..'),
    env: {
      ...process.env,
      LOG_LEVEL: 'error',
      MONGODB_DB: config.MONGODB_DB,
      ES_INDEX_PREFIX: config.ES_INDEX_PREFIX,
      SESSION_SECRET: config.SESSION_SECRET,
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      DIGEST_BATCH_LOCK_MS: String(LOCK_MS),
      DIGEST_SEND_PAUSE_MS: '100',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  worker = child;
  return child;
}

beforeAll(async () => {
  app = await startTestApp('digest_crash');
  await ensurePatentIndex(app.deps.es, app.deps.config.ES_INDEX_PREFIX);
  await buildPatent({
    title: '一种钠离子电池负极材料',
    strategicIndustries: ['5', '5.2'],
    registeredAt: new Date('2026-11-25T02:00:00Z'),
  });
  await reindexPatents(app.deps.es, app.deps.config.ES_INDEX_PREFIX);
  for (let e = 0; e < ENTERPRISES; e += 1) {
    const first = await createTestUser({ role: 'enterprise_admin' });
    const enterpriseId = first.enterpriseId as string;
    const users = [first];
    for (let r = 1; r < RECIPIENTS; r += 1)
      users.push(await createTestUser({ role: 'enterprise_admin', enterpriseId }));
    for (const [r, user] of users.entries()) {
      await UserModel.updateOne({ _id: user.id }, { $set: { 'profile.email': `e${e}r${r}@${domain}` } });
    }
    // Identical settings: one group, one batch, sent one recipient after another.
    await AttentionSettingsModel.create({
      _id: new Types.ObjectId(enterpriseId),
      strategicIndustries: ['5'],
      economicIndustries: [],
      cooperationModes: [],
      keywords: [],
      institutionIds: [],
      mailFrequency: 'weekly',
      mailWeekday: 1,
      updatedBy: new Types.ObjectId(first.id),
    });
  }
});

afterAll(async () => {
  worker?.kill('SIGKILL');
  for (const socket of held) socket.destroy();
  proxy?.close();
  await app?.close();
});

describe('the digest after the worker is killed mid-run', () => {
  it('mails every recipient exactly once across a SIGKILL and a restart', { timeout: 60_000 }, async () => {
    const smtpPort = await startSmtpProxy(new URL(app.deps.config.SMTP_URL));
    const first = startWorker(smtpPort);
    // Enqueue the day's run as the 08:00 schedule would; this process only writes the job.
    const agenda = createAgenda(app.deps, jobs);
    await agenda.now('digest-run', { date: DATE });

    // Kill the moment the held message shows in Mailpit, while the worker waits for its acceptance.
    await until('the held message in Mailpit', 40_000, async () =>
      held.length > 0 && (await mailCount()) >= HOLD_AT ? true : undefined,
    );
    first.kill('SIGKILL');
    await once(first, 'exit');
    const atKill = await searchMail(`to:"@${domain}"`);
    expect(atKill.length).toBe(HOLD_AT);
    expect(atKill.length).toBeLessThan(TOTAL);

    // What a key recorded before sending means: the held recipient is claimed, though the worker died
    // before SMTP answered (no outcome), and the rest are not claimed yet.
    const heldTo = atKill.map((m) => m.to[0] ?? '');
    const claims = await DigestSendModel.find({}, { to: 1 }).lean();
    expect(claims.map((c) => c.to).sort()).toEqual([...heldTo].sort());
    const outcomes = await DigestOutcomeModel.countDocuments({});
    expect(outcomes).toBe(HOLD_AT - 1);

    holding = false;
    startWorker(smtpPort);
    // The batch's lock expires after LOCK_MS; the restarted worker runs it again and records it done.
    await until('the batch to finish', 40_000, async () =>
      (await DigestBatchModel.exists({})) ? true : undefined,
    );
    await sleep(500);
    const mails = await searchMail(`to:"@${domain}"`);
    const perRecipient = new Map<string, number>();
    for (const mail of mails) for (const to of mail.to) perRecipient.set(to, (perRecipient.get(to) ?? 0) + 1);
    const expected = new Map<string, number>();
    for (let e = 0; e < ENTERPRISES; e += 1) {
      for (let r = 0; r < RECIPIENTS; r += 1) expected.set(`e${e}r${r}@${domain}`, 1);
    }
    expect(Object.fromEntries(perRecipient)).toEqual(Object.fromEntries(expected));
    expect(accepted).toBe(TOTAL);
    // The operator's record: the held mail went, but no worker can know it; it is shown, not re-sent.
    const [run] = await lastRuns();
    expect(run).toMatchObject({ id: DATE, sent: TOTAL - 1, failed: 0, unconfirmed: 1, batchesDone: 1 });
  });
});
