import { randomBytes } from 'node:crypto';
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../../../test/auth-helpers';
import type { TestSession, TestUser } from '../../../test/auth-helpers';
import { createExpertAs, expertSession } from '../../../test/expert-factories';
import { buildInstitution, buildPatent } from '../../../test/factories';
import { startTestApp } from '../../../test/test-app';
import type { TestApp } from '../../../test/test-app';
import { searchMail, waitForMail } from '../mail/mailpit';
import { intentBody } from './fixtures';
import { IntentMailSendModel, IntentModel, IntentStepModel } from './model';

// 我有合作意向 end to end over HTTP: the admin sends, the institution's inbox and mail receive it, both
// sides talk, one closes it; with the invariants (one open intent per patent) and the bad inputs.

type Detail = {
  id: string;
  state: string;
  unread: boolean;
  description: string;
  steps: { kind: string; side: string; text: string; agreedMode?: string; agreedAmount?: number }[];
  can: { withdraw: boolean; reply: boolean; message: boolean; close: boolean };
  existing?: boolean;
};
type Page = { total: number; items: { id: string; state: string; unread: boolean }[] };

let app: TestApp;
let admin: TestSession;
let adminUser: TestUser;
let expert: TestSession;
let university: TestSession;
let universityUser: TestUser;
let otherAdmin: TestSession;
let otherUniversity: TestSession;
let institutionName: string;
const domain = `intents-${randomBytes(3).toString('hex')}.example`;
const contactEmail = `buyer@${domain}`;

const body = (patentId: string, overrides: Record<string, unknown> = {}) =>
  intentBody(patentId, {
    contact: { name: '张经理', phone: '0571-88886666', email: contactEmail },
    ...overrides,
  });

async function newPatent(overrides: Parameters<typeof buildPatent>[0] = {}): Promise<string> {
  return (await buildPatent({ institutionName, ...overrides }))._id.toHexString();
}

async function send(patentId: string): Promise<Detail> {
  const res = await admin.request('/api/intents', { method: 'POST', json: body(patentId) });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as Detail;
}

beforeAll(async () => {
  app = await startTestApp('intents_flow');
  const institution = await buildInstitution({ name: `意向测试大学${randomBytes(3).toString('hex')}` });
  institutionName = institution.name;
  const uni = await signIn(app, { role: 'university', institutionId: institution._id.toHexString() });
  university = uni.session;
  universityUser = uni.user;
  const a = await signIn(app, { role: 'enterprise_admin' });
  admin = a.session;
  adminUser = a.user;
  expert = await expertSession(app, await createExpertAs(admin));
  otherAdmin = (await signIn(app, { role: 'enterprise_admin' })).session;
  otherUniversity = (await signIn(app, { role: 'university' })).session;
});

afterAll(async () => {
  await app?.close();
});

describe('我有合作意向', () => {
  it('opens with the patent’s modes and the admin’s contact', async () => {
    const patentId = await newPatent();
    const res = await admin.request(`/api/intent-draft?kind=patent&id=${patentId}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      target: { id: patentId, institutionName },
      offeredModes: ['transfer', 'license_general'],
      contact: { phone: '13800138000', email: `${adminUser.account}@example.com` },
      openIntentId: null,
    });
  });

  it('reaches the institution’s inbox and mail at once; a second submission answers the open one', async () => {
    const patentId = await newPatent({ title: '一种收件箱测试用的电池材料' });
    const first = await send(patentId);
    expect(first).toMatchObject({ state: 'pending', existing: false, can: { withdraw: true } });

    const mails = await waitForMail(`to:"${universityUser.account}@example.com"`);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toContain('一种收件箱测试用的电池材料');
    expect(mails[0]!.text).toContain(`/university/intents/${first.id}`);

    const inbox = (await university.request('/api/university/intents')).body as Page;
    expect(inbox.items.find((i) => i.id === first.id)).toMatchObject({ state: 'pending', unread: true });

    const again = await admin.request('/api/intents', { method: 'POST', json: body(patentId) });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id: first.id, existing: true });
    expect(await IntentModel.countDocuments({ targetId: patentId })).toBe(1);
    const draft = await admin.request(`/api/intent-draft?kind=patent&id=${patentId}`);
    expect((draft.body as { openIntentId: string }).openIntentId).toBe(first.id);
  });

  it('gives one intent to two submissions at the same moment', async () => {
    const patentId = await newPatent();
    const answers = await Promise.all(
      [0, 1, 2].map(() => admin.request('/api/intents', { method: 'POST', json: body(patentId) })),
    );
    const ids = new Set(answers.map((a) => (a.body as Detail).id));
    expect(ids.size).toBe(1);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 201]);
    expect(await IntentModel.countDocuments({ targetId: patentId })).toBe(1);
  });
});

describe('the conversation', () => {
  it('goes 待查看 → 已查看 → 洽谈中 → 已达成合作, shown to both sides, mailing each side at most once per 10 minutes', async () => {
    const patentId = await newPatent();
    const sent = await send(patentId);
    const opened = (await university.request(`/api/university/intents/${sent.id}`)).body as Detail;
    expect(opened.state).toBe('viewed');
    expect(opened.can).toMatchObject({ reply: true, withdraw: false });

    const seen = (await admin.request('/api/intents')).body as Page;
    expect(seen.items.find((i) => i.id === sent.id)).toMatchObject({ state: 'viewed', unread: true });
    const withdraw = await admin.request(`/api/intents/${sent.id}/withdraw`, { method: 'POST' });
    expect(withdraw.status).toBe(409);
    expect(withdraw.body).toMatchObject({ error: 'intent_state_conflict' });

    const before = (await searchMail(`to:"${contactEmail}"`)).length;
    const accepted = await university.request(`/api/university/intents/${sent.id}/reply`, {
      method: 'POST',
      json: { decision: 'accept', message: '欢迎来校洽谈，请联系技术转移中心' },
    });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect((accepted.body as Detail).state).toBe('negotiating');
    const replyMails = await waitForMail(`to:"${contactEmail}"`, before + 1);
    expect(replyMails.length).toBe(before + 1);
    expect(replyMails.some((m) => m.text.includes('欢迎来校洽谈'))).toBe(true);

    // Two more institution messages within ten minutes: no further mail to the enterprise.
    for (const text of ['补充一：可提供中试数据', '补充二：可安排实验室参观']) {
      const res = await university.request(`/api/university/intents/${sent.id}/messages`, {
        method: 'POST',
        json: { text },
      });
      expect(res.status).toBe(200);
    }
    const mine = (await admin.request(`/api/intents/${sent.id}`)).body as Detail;
    expect(mine.steps.map((s) => s.kind)).toEqual(['submitted', 'viewed', 'accepted', 'message', 'message']);
    expect(mine.steps[2]).toMatchObject({ side: 'institution', text: '欢迎来校洽谈，请联系技术转移中心' });
    expect(mine.unread).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await searchMail(`to:"${contactEmail}"`)).length).toBe(before + 1);

    // Ten minutes later (the last mail moved back), the next message mails the whole batch at once.
    // (Through the driver: mongoose keeps createdAt immutable.)
    await IntentMailSendModel.collection.updateMany(
      { intentId: new Types.ObjectId(sent.id) },
      { $set: { createdAt: new Date(Date.now() - 11 * 60_000) } },
    );
    const third = await university.request(`/api/university/intents/${sent.id}/messages`, {
      method: 'POST',
      json: { text: '补充三：报价另议' },
    });
    expect(third.status).toBe(200);
    const batched = await waitForMail(`to:"${contactEmail}"`, before + 2);
    expect(batched.length).toBe(before + 2);
    const batch = batched.find((m) => m.text.includes('补充三'));
    expect(batch?.text).toContain('补充一：可提供中试数据');
    expect(batch?.text).toContain('补充二：可安排实验室参观');
    expect(batch?.text).toContain('3条新动态');

    const closed = await admin.request(`/api/intents/${sent.id}/close`, {
      method: 'POST',
      json: { outcome: 'agreed', mode: 'transfer', amount: 35 },
    });
    expect(closed.status).toBe(200);
    const final = closed.body as Detail;
    expect(final.state).toBe('agreed');
    expect(final.steps.at(-1)).toMatchObject({ kind: 'agreed', agreedMode: 'transfer', agreedAmount: 35 });
    expect(final.can).toEqual({ withdraw: false, reply: false, message: false, close: false });
    const late = await university.request(`/api/university/intents/${sent.id}/messages`, {
      method: 'POST',
      json: { text: '还有一个问题' },
    });
    expect(late.status).toBe(409);
    // Ended: the enterprise may send a new intent on the same patent.
    expect((await send(patentId)).id).not.toBe(sent.id);
  });

  it('withdraws an unread intent, which then leaves the inbox; 婉拒 ends another', async () => {
    const withdrawn = await send(await newPatent());
    const res = await admin.request(`/api/intents/${withdrawn.id}/withdraw`, { method: 'POST' });
    expect(res.status).toBe(200);
    expect((res.body as Detail).state).toBe('withdrawn');
    expect((await university.request(`/api/university/intents/${withdrawn.id}`)).status).toBe(404);
    const inbox = (await university.request('/api/university/intents?size=100')).body as Page;
    expect(inbox.items.map((i) => i.id)).not.toContain(withdrawn.id);

    const declined = await send(await newPatent());
    const answer = await university.request(`/api/university/intents/${declined.id}/reply`, {
      method: 'POST',
      json: { decision: 'decline', message: '该专利已有意向方' },
    });
    expect((answer.body as Detail).state).toBe('declined');
    const list = (await admin.request('/api/intents?state=declined')).body as Page;
    expect(list.items.map((i) => i.id)).toEqual([declined.id]);
  });
});

describe('races decided by the gates', () => {
  it('撤回 against the first opening: one of them wins, never both, and both sides agree', async () => {
    for (let round = 0; round < 8; round += 1) {
      const sent = await send(await newPatent());
      const [withdraw, open] = await Promise.all([
        admin.request(`/api/intents/${sent.id}/withdraw`, { method: 'POST' }),
        university.request(`/api/university/intents/${sent.id}`),
      ]);
      const kinds = (await IntentStepModel.find({ intentId: sent.id }).lean()).map((s) => s.kind);
      const state = ((await admin.request(`/api/intents/${sent.id}`)).body as Detail).state;
      if (withdraw.status === 200) {
        expect(open.status).toBe(404);
        expect(kinds).toContain('withdrawn');
        expect(kinds).not.toContain('viewed');
        expect(state).toBe('withdrawn');
      } else {
        expect(withdraw.status).toBe(409);
        expect(open.status).toBe(200);
        expect(kinds).toContain('viewed');
        expect(kinds).not.toContain('withdrawn');
        expect(state).toBe('viewed');
      }
    }
  });
});

describe('bad input and tenancy', () => {
  it('answers a field-level 4xx with a stable code and stores nothing', async () => {
    const patentId = await newPatent();
    const steps = await IntentStepModel.countDocuments({});
    const cases: [Record<string, unknown>, number, string, string][] = [
      [
        { contact: { name: '张经理', phone: '', email: contactEmail } },
        400,
        'validation_failed',
        'body.contact.phone',
      ],
      [{ budget: { kind: 'range', min: 90, max: 10 } }, 400, 'validation_failed', 'body.budget.max'],
      [{ target: { kind: 'patent', id: '0123456789abcdef01234567' } }, 404, 'not_found', 'body.target.id'],
      [{ modes: ['equity'] }, 400, 'cooperation_mode_not_offered', 'body.modes.0'],
      [{ source: 'evaluation' }, 404, 'not_found', 'body.target.id'],
      [{ institutionId: '0123456789abcdef01234567' }, 400, 'validation_failed', 'body'],
    ];
    for (const [overrides, status, code, path] of cases) {
      const res = await admin.request('/api/intents', { method: 'POST', json: body(patentId, overrides) });
      expect(res.status, JSON.stringify(overrides)).toBe(status);
      const err = res.body as { error: string; fieldErrors?: { path: string }[] };
      expect(err.error).toBe(code);
      expect(err.fieldErrors?.map((f) => f.path).join(','), JSON.stringify(overrides)).toContain(path);
    }
    const lapsed = await newPatent({ legalStatus: 'invalid' });
    const refused = await admin.request('/api/intents', { method: 'POST', json: body(lapsed) });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({
      error: 'patent_lapsed',
      fieldErrors: [{ path: 'body.target.id', message: '该专利已失效（驳回、撤回或终止）' }],
    });
    expect(await IntentModel.countDocuments({ targetId: patentId })).toBe(0);
    expect(await IntentModel.countDocuments({ targetId: lapsed })).toBe(0);
    expect(await IntentStepModel.countDocuments({})).toBe(steps);
  });

  it('stores HTML as the text it is', async () => {
    const html = '<img src=x onerror=alert(1)><b>需求</b>';
    const res = await admin.request('/api/intents', {
      method: 'POST',
      json: body(await newPatent(), { description: html }),
    });
    expect(res.status).toBe(201);
    expect((res.body as Detail).description).toBe(html);
  });

  it('refuses experts (403) and hides the intent from other tenants (404)', async () => {
    const sent = await send(await newPatent());
    expect(
      (await expert.request('/api/intents', { method: 'POST', json: body(await newPatent()) })).status,
    ).toBe(403);
    expect((await expert.request('/api/intents')).status).toBe(403);
    expect((await expert.request(`/api/intents/${sent.id}`)).status).toBe(403);
    expect((await otherAdmin.request(`/api/intents/${sent.id}`)).status).toBe(404);
    expect((await otherUniversity.request(`/api/university/intents/${sent.id}`)).status).toBe(404);
    const reply = await otherUniversity.request(`/api/university/intents/${sent.id}/reply`, {
      method: 'POST',
      json: { decision: 'accept', message: '冒充' },
    });
    expect(reply.status).toBe(404);
    expect(((await otherAdmin.request('/api/intents')).body as Page).total).toBe(0);
    expect((await university.request(`/api/intents/${sent.id}`)).status).toBe(403);
  });
});
