import { randomBytes } from 'node:crypto';
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../../../test/auth-helpers';
import type { TestSession } from '../../../test/auth-helpers';
import { buildInstitution, buildPatent } from '../../../test/factories';
import { startTestApp } from '../../../test/test-app';
import type { TestApp } from '../../../test/test-app';
import { searchMail, waitForMail } from '../mail/mailpit';
import { intentBody } from './fixtures';
import { mailHeldSteps } from './mail';
import { IntentMailSendModel } from './model';

// The tail of a burst: messages posted within ten minutes of the last mail wait, and the sweep the worker
// runs every minute mails them once the window has passed, even when nobody writes again.

let app: TestApp;
let admin: TestSession;
let university: TestSession;
let institutionName: string;
const contactEmail = `tail-${randomBytes(3).toString('hex')}@intents-tail.example`;

beforeAll(async () => {
  app = await startTestApp('intents_mail_tail');
  const institution = await buildInstitution({ name: `意向尾信大学${randomBytes(3).toString('hex')}` });
  institutionName = institution.name;
  university = (await signIn(app, { role: 'university', institutionId: institution._id.toHexString() }))
    .session;
  admin = (await signIn(app, { role: 'enterprise_admin' })).session;
});

afterAll(async () => {
  await app?.close();
});

/** Sends an intent and has the institution accept it (one mail to the enterprise); returns its id. */
async function acceptedIntent(): Promise<string> {
  const patent = await buildPatent({ institutionName });
  const sent = await admin.request('/api/intents', {
    method: 'POST',
    json: intentBody(patent._id.toHexString(), {
      contact: { name: '李经理', phone: '0571-88886666', email: contactEmail },
    }),
  });
  expect(sent.status, JSON.stringify(sent.body)).toBe(201);
  const id = (sent.body as { id: string }).id;
  const before = (await searchMail(`to:"${contactEmail}"`)).length;
  const accepted = await university.request(`/api/university/intents/${id}/reply`, {
    method: 'POST',
    json: { decision: 'accept', message: '欢迎洽谈' },
  });
  expect(accepted.status).toBe(200);
  await waitForMail(`to:"${contactEmail}"`, before + 1);
  return id;
}

async function message(id: string, text: string) {
  const res = await university.request(`/api/university/intents/${id}/messages`, {
    method: 'POST',
    json: { text },
  });
  expect(res.status).toBe(200);
}

const deps = () => ({ config: app.deps.config, logger: app.deps.logger, mailer: app.deps.mailer });

describe('the held-mail sweep', () => {
  it('mails a held message once its window has passed, exactly once, and nothing while it is open', async () => {
    const id = await acceptedIntent();
    const before = (await searchMail(`to:"${contactEmail}"`)).length;
    await message(id, '尾信一：样品可于下周寄出');

    // Within the window: the sweep leaves it waiting.
    await mailHeldSteps(deps());
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await searchMail(`to:"${contactEmail}"`)).length).toBe(before);

    // Eleven minutes on (from the sweep's clock), the held message goes, and a second sweep sends nothing.
    const later = new Date(Date.now() + 11 * 60_000);
    expect(await mailHeldSteps(deps(), later)).toBeGreaterThanOrEqual(1);
    const mails = await waitForMail(`to:"${contactEmail}"`, before + 1);
    expect(mails.filter((m) => m.text.includes('尾信一：样品可于下周寄出'))).toHaveLength(1);
    await mailHeldSteps(deps(), later);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await searchMail(`to:"${contactEmail}"`)).length).toBe(before + 1);
    const sends = await IntentMailSendModel.find({ intentId: new Types.ObjectId(id), side: 'enterprise' });
    expect(sends.map((s) => s.seq).sort()).toEqual([1, 2]);
  });

  it('mails once when two sweeps run at the same moment', async () => {
    const id = await acceptedIntent();
    const before = (await searchMail(`to:"${contactEmail}"`)).length;
    await message(id, '尾信二：并发清扫只发一封');
    const later = new Date(Date.now() + 11 * 60_000);
    const counts = await Promise.all([mailHeldSteps(deps(), later), mailHeldSteps(deps(), later)]);
    const mails = await waitForMail(`to:"${contactEmail}"`, before + 1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await searchMail(`to:"${contactEmail}"`)).length).toBe(before + 1);
    expect(mails.filter((m) => m.text.includes('尾信二'))).toHaveLength(1);
    expect(counts.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(1);
  });

  it('does not mail the institution about an intent withdrawn before it was read', async () => {
    const patent = await buildPatent({ institutionName });
    const sent = await admin.request('/api/intents', {
      method: 'POST',
      json: intentBody(patent._id.toHexString(), {
        contact: { name: '李经理', phone: '0571-88886666', email: contactEmail },
      }),
    });
    const id = (sent.body as { id: string }).id;
    expect((await admin.request(`/api/intents/${id}/withdraw`, { method: 'POST' })).status).toBe(200);
    const institutionSends = () =>
      IntentMailSendModel.countDocuments({ intentId: new Types.ObjectId(id), side: 'institution' });
    const claimed = await institutionSends();
    await mailHeldSteps(deps(), new Date(Date.now() + 11 * 60_000));
    expect(await institutionSends()).toBe(claimed);
  });
});
