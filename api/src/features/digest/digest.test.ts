import { randomBytes } from 'node:crypto';
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { economicIndustryName } from '@panhuo/domain/taxonomies/economic-industries';
import { strategicIndustryName } from '@panhuo/domain/taxonomies/strategic-industries';
import { ensurePatentIndex } from '@panhuo/indexer/patent-index';
import { reindexPatents } from '@panhuo/indexer/reindex';
import { signIn, TestSession } from '../../../test/auth-helpers';
import type { TestUser } from '../../../test/auth-helpers';
import { submittedExpert } from '../../../test/expert-factories';
import { buildPatent } from '../../../test/factories';
import { startTestApp } from '../../../test/test-app';
import type { TestApp } from '../../../test/test-app';
import { createMailer } from '../../infra/mailer';
import { UserModel } from '../accounts/model';
import { AttentionSettingsModel } from '../attention-settings/model';
import { searchMail, waitForMail } from '../mail/mailpit';
import type { ReadMail } from '../mail/mailpit';
import { DigestOptOutModel } from './model';
import { lastRuns } from './runs';
import { planDigest, runBatch } from './service';
import { signToken } from './tokens';

const domain = `digest-${randomBytes(4).toString('hex')}.example`;
const DATE = '2026-11-30'; // a Monday: window [11-23, 11-30) China 08:00
let app: TestApp;
const admins: { user: TestUser; session: TestSession }[] = [];
let expertOfFirst: TestUser;
let material: string;
let graphene: string;

async function enterpriseWith(n: number, criteria: Record<string, string[]>) {
  const signed = await signIn(app, { role: 'enterprise_admin' });
  await UserModel.updateOne({ _id: signed.user.id }, { $set: { 'profile.email': `admin${n}@${domain}` } });
  await AttentionSettingsModel.create({
    _id: new Types.ObjectId(signed.user.enterpriseId as string),
    strategicIndustries: [],
    economicIndustries: [],
    cooperationModes: [],
    keywords: [],
    institutionIds: [],
    mailFrequency: 'weekly',
    mailWeekday: 1,
    updatedBy: new Types.ObjectId(signed.user.id),
    ...criteria,
  });
  admins.push(signed);
  return signed;
}

const mailsTo = (n: number) => searchMail(`to:"admin${n}@${domain}"`);
const linkIn = (mail: ReadMail | undefined, label: string) =>
  new URL(mail?.text.match(new RegExp(`${label}：(\\S+)`))?.[1] ?? 'http://invalid/');

beforeAll(async () => {
  app = await startTestApp('digest');
  await ensurePatentIndex(app.deps.es, app.deps.config.ES_INDEX_PREFIX);
  material = (
    await buildPatent({
      title: '一种高强铝合金',
      abstract: '高强铝合金的热处理工艺。',
      strategicIndustries: ['3', '3.2'],
      registeredAt: new Date('2026-11-25T02:00:00Z'),
    })
  )._id.toHexString();
  graphene = (
    await buildPatent({
      title: '一种石墨烯导热膜',
      abstract: '石墨烯导热膜及其制备。',
      strategicIndustries: ['3', '3.6'],
      registeredAt: new Date('2026-11-26T02:00:00Z'),
    })
  )._id.toHexString();
  // Before the window: never in this digest.
  await buildPatent({ strategicIndustries: ['4'], registeredAt: new Date('2026-11-01T02:00:00Z') });
  await reindexPatents(app.deps.es, app.deps.config.ES_INDEX_PREFIX);
  const first = await enterpriseWith(0, { strategicIndustries: ['3'] });
  await enterpriseWith(1, { strategicIndustries: ['3'] });
  await enterpriseWith(2, { keywords: ['石墨烯'], cooperationModes: ['equity'] });
  await enterpriseWith(3, { strategicIndustries: ['4'] });
  // An expert not approved (no expert record): no mail.
  expertOfFirst = (await signIn(app, { role: 'expert', enterpriseId: first.user.enterpriseId as string }))
    .user;
  await UserModel.updateOne({ _id: expertOfFirst.id }, { $set: { 'profile.email': `expert0@${domain}` } });
});
afterAll(() => app.close());

describe('the 关注库 digest', () => {
  it('groups identical settings, matches in one msearch, mails each due recipient once; nothing new, no mail', async () => {
    const plan = await planDigest(app.deps, DATE);
    expect(plan.enterprises).toBe(4);
    expect(plan.groups).toBe(3);
    expect(plan.esRequests).toBe(1);
    expect(plan.batches.map((b) => b.enterpriseIds.length).sort()).toEqual([1, 2]);
    for (const batch of plan.batches) await runBatch(app.deps, batch, {});
    await waitForMail(`to:"@${domain}"`, 3);
    expect((await mailsTo(0)).length).toBe(1);
    expect((await mailsTo(1)).length).toBe(1);
    expect((await mailsTo(2)).length).toBe(1);
    expect((await mailsTo(3)).length).toBe(0);
    expect((await searchMail(`to:"expert0@${domain}"`)).length).toBe(0);

    // A second run of the same day (a restart, another worker) sends nothing more.
    const again = await planDigest(app.deps, DATE);
    for (const batch of again.batches) await runBatch(app.deps, batch, {});
    expect((await searchMail(`to:"@${domain}"`)).length).toBe(3);
  });

  it('writes HTML and text parts, best first with reasons, and the one-click unsubscribe headers', async () => {
    const [mail] = await mailsTo(2);
    expect(mail?.subject).toBe('【盘活行动】专利转化关注库本周新匹配 1 件专利');
    expect(mail?.text).toContain('一种石墨烯导热膜');
    expect(mail?.text).toContain('匹配：关键词 石墨烯');
    expect(mail?.html).toContain('匹配：关键词 石墨烯');
    expect(mail?.html).toContain('<table');
    expect(mail?.headers['List-Unsubscribe-Post']).toEqual(['List-Unsubscribe=One-Click']);
    expect(mail?.headers['List-Unsubscribe']?.[0]).toMatch(/^<http.*\/api\/digest\/unsubscribe\/[^>]+>$/);
    const [both] = await mailsTo(0);
    // Same score (one dimension each): newer first.
    expect(both?.text.indexOf('石墨烯导热膜')).toBeLessThan(both?.text.indexOf('高强铝合金') ?? 0);
  });

  it('opens a link for its recipient only; forged, expired and someone else’s links are refused', async () => {
    const [mail] = await mailsTo(0);
    const link = linkIn(mail, '查看');
    expect(link.pathname).toBe('/attention-library/open');
    const token = link.searchParams.get('t') ?? '';
    const own = await admins[0]?.session.request(`/api/digest/links/${token}`);
    expect(own?.status).toBe(200);
    expect((own?.body as { path: string }).path).toMatch(new RegExp(`^/patents/(${graphene}|${material})$`));
    const other = await admins[1]?.session.request(`/api/digest/links/${token}`);
    expect(other?.status).toBe(403);
    expect((await new TestSession(app).request(`/api/digest/links/${token}`)).status).toBe(401);
    const forged = `${token.slice(0, -2)}xx`;
    expect((await admins[0]?.session.request(`/api/digest/links/${forged}`))?.status).toBe(404);
    const expired = signToken(app.deps.config.SESSION_SECRET, 'open', {
      u: admins[0]?.user.id ?? '',
      p: '/attention-library',
      e: Date.now() - 1,
    });
    const late = await admins[0]?.session.request(`/api/digest/links/${expired}`);
    expect(late?.status).toBe(400);
    expect(late?.body).toMatchObject({ fieldErrors: [{ path: 'params.token', message: '链接已过期' }] });
  });

  it('unsubscribes with the one-click POST (no session), reversible on the account page; a forged token stores nothing', async () => {
    const [mail] = await mailsTo(1);
    const url = new URL(mail?.headers['List-Unsubscribe']?.[0]?.slice(1, -1) ?? '');
    const token = url.pathname.split('/').pop() ?? '';
    const forged = await fetch(`${app.baseUrl}/api/digest/unsubscribe/${token.slice(0, -2)}xx`, {
      method: 'POST',
    });
    expect(forged.status).toBe(404);
    expect(await DigestOptOutModel.exists({ _id: admins[1]?.user.id })).toBeNull();
    const res = await fetch(`${app.baseUrl}${url.pathname}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(res.status).toBe(200);
    const session = admins[1]?.session as TestSession;
    expect((await session.request('/api/me/digest-subscription')).body).toEqual({ subscribed: false });
    // Unsubscribed: the next digest skips him.
    const plan = await planDigest(app.deps, '2026-12-07');
    expect(plan.batches.length).toBe(0);
    const back = await session.request('/api/me/digest-subscription', {
      method: 'PUT',
      json: { subscribed: true },
    });
    expect(back.body).toEqual({ subscribed: true });
    expect(await DigestOptOutModel.exists({ _id: admins[1]?.user.id })).toBeNull();
    const bad = await session.request('/api/me/digest-subscription', {
      method: 'PUT',
      json: { subscribed: 'yes' },
    });
    expect(bad.status).toBe(400);
  });

  it('retries a failed SMTP send with back-off and records it for the operator', async () => {
    const dead = createMailer({
      ...app.deps.config,
      SMTP_URL: 'smtp://127.0.0.1:9',
      DEPENDENCY_TIMEOUT_MS: 300,
    });
    const plan = await planDigest(app.deps, '2026-11-30');
    // Same date: everyone is claimed already, so use a fresh period for the failing send.
    const batch = {
      ...plan.batches[0],
      batchId: 'fail-test',
      period: 'weekly:fail-test',
    } as (typeof plan.batches)[0];
    const counts = await runBatch({ ...app.deps, mailer: dead }, batch, {
      retry: { attempts: 2, firstDelayMs: 50 },
    });
    dead.close();
    expect(counts.failed).toBe(batch.enterpriseIds.length);
    expect(counts.retried).toBe(batch.enterpriseIds.length);
    const [run] = (await lastRuns()).filter((r) => r.id === '2026-11-30');
    expect(run).toMatchObject({
      enterprises: 4,
      sent: 3,
      failed: batch.enterpriseIds.length,
      esRequests: 1,
      unconfirmed: 0,
    });
  });

  it('mails an enterprise that never saved settings from its registration data, as its 关注库 shows it', async () => {
    const signed = await signIn(app, { role: 'enterprise_admin' });
    await UserModel.updateOne({ _id: signed.user.id }, { $set: { 'profile.email': `unsaved@${domain}` } });
    const applied = await submittedExpert(app, signed.session);
    const review = await signed.session.request(`/api/experts/${applied.id}/review`, {
      method: 'POST',
      json: { decision: 'approve', opinion: '同意入库' },
    });
    expect(review.status).toBe(200);
    expect(await AttentionSettingsModel.exists({ _id: signed.user.enterpriseId })).toBeNull();
    await buildPatent({
      title: '一种钠离子电池正极材料',
      strategicIndustries: ['5', '5.2'],
      registeredAt: new Date('2026-12-09T02:00:00Z'),
    });
    await reindexPatents(app.deps.es, app.deps.config.ES_INDEX_PREFIX);
    const plan = await planDigest(app.deps, '2026-12-14');
    const batch = plan.batches.find((b) => b.enterpriseIds.includes(signed.user.enterpriseId as string));
    expect(batch?.match.hits.map((h) => [h.title, h.reasons])).toEqual([
      ['一种钠离子电池正极材料', [strategicIndustryName('5.2'), economicIndustryName('38')]],
    ]);
    for (const b of plan.batches) await runBatch(app.deps, b, {});
    const [mail] = await waitForMail(`to:"unsaved@${domain}"`, 1);
    expect(mail?.text).toContain('一种钠离子电池正极材料');
  });
});
