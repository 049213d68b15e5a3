import { randomBytes } from 'node:crypto';
import { Types } from 'mongoose';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '@panhuo/api/config';
import { UserModel } from '@panhuo/api/features/accounts/model';
import { AttentionSettingsModel } from '@panhuo/api/features/attention-settings/model';
import { planDigest, runBatch } from '@panhuo/api/features/digest/service';
import { waitForMail } from '@panhuo/api/features/mail/mailpit';
import type { ReadMail } from '@panhuo/api/features/mail/mailpit';
import { createEsClient } from '@panhuo/api/infra/elasticsearch';
import { createLogger } from '@panhuo/api/infra/logger';
import { createMailer } from '@panhuo/api/infra/mailer';
import type { TestUser } from '@panhuo/api/test/auth-helpers';
import { buildPatent } from '@panhuo/api/test/factories';
import { reindexPatents } from '@panhuo/indexer/reindex';
import { useBrowser } from './chromium';
import { DB, dropLibrary, PREFIX, seedLibrary } from './seed-library';
import { createUser, signInContext } from './sign-in';

// Deliver 8: the 关注库 mail as its recipient gets it. The digest runs in this process (planDigest +
// runBatch, what the worker's jobs call) against the harness's database, index and Mailpit, with links to
// the harness's web origin; the mail is then read back from Mailpit and opened in Chromium.
const baseUrl = inject('baseUrl');
const browser = useBrowser();
const domain = `digest-web-${randomBytes(4).toString('hex')}.example`;
const titles = [
  '一种钠离子电池层状氧化物正极材料',
  '一种锂电池包液冷板及其制造方法',
  '一种电池极耳激光焊接质量检测方法',
];
let recipient: TestUser;
let outsider: TestUser;
let mail: ReadMail;
const patentIds = new Map<string, string>();

beforeAll(async () => {
  await seedLibrary();
  for (const [i, title] of titles.entries()) {
    const patent = await buildPatent({
      title,
      strategicIndustries: ['5', '5.2'],
      registeredAt: new Date(Date.UTC(2026, 10, 24 + i, 2)),
    });
    patentIds.set(title, patent._id.toHexString());
  }
  const config = loadConfig({
    ...process.env,
    MONGODB_DB: DB,
    ES_INDEX_PREFIX: PREFIX,
    PUBLIC_URL: baseUrl,
    LOG_LEVEL: 'silent',
  });
  const es = createEsClient(config);
  await reindexPatents(es, PREFIX);
  recipient = await createUser({ role: 'enterprise_admin' });
  outsider = await createUser({ role: 'enterprise_admin' });
  await UserModel.updateOne({ _id: recipient.id }, { $set: { 'profile.email': `admin@${domain}` } });
  await AttentionSettingsModel.create({
    _id: new Types.ObjectId(recipient.enterpriseId as string),
    strategicIndustries: ['5'],
    economicIndustries: [],
    cooperationModes: [],
    keywords: [],
    institutionIds: [],
    mailFrequency: 'weekly',
    mailWeekday: 1,
    updatedBy: new Types.ObjectId(recipient.id),
  });
  const mailer = createMailer(config);
  const deps = { config, es, mailer, logger: createLogger(config, 'digest-browser-test') };
  const plan = await planDigest(deps, '2026-11-30');
  for (const batch of plan.batches) await runBatch(deps, batch, {});
  mailer.close();
  await es.close();
  [mail] = (await waitForMail(`to:"admin@${domain}"`, 1)) as [ReadMail];
}, 120_000);

afterAll(() => dropLibrary());

/** The link of a patent in the text part (`   查看：<url>` under its title). */
function linkOf(title: string): string {
  const after = mail.text.slice(mail.text.indexOf(title));
  const url = after.match(/查看：(\S+)/)?.[1];
  if (!url) throw new Error(`no link under ${title} in the text part`);
  return url;
}

/** Renders the mail's HTML as a mail client would, at a width, with scripts off. */
async function renderMail(width: number): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height: 800 }, javaScriptEnabled: false });
  await page.setContent(mail.html, { waitUntil: 'load' });
  return page;
}

describe('the 关注库 digest mail', () => {
  it('is read back from Mailpit with HTML and text parts and the one-click unsubscribe headers', () => {
    expect(mail.subject).toBe('【盘活行动】专利转化关注库本周新匹配 3 件专利');
    expect(mail.to).toEqual([`admin@${domain}`]);
    for (const title of titles) {
      expect(mail.text).toContain(title);
      expect(mail.html).toContain(title);
    }
    expect(mail.text).toContain('匹配：新能源汽车产业');
    // Newest first among equal matches.
    expect(mail.text.indexOf(titles[2] ?? '')).toBeLessThan(mail.text.indexOf(titles[0] ?? ''));
    const unsubscribe = mail.headers['List-Unsubscribe']?.[0] ?? '';
    expect(unsubscribe).toMatch(new RegExp(`^<${baseUrl}/api/digest/unsubscribe/[A-Za-z0-9._-]+>$`));
    expect(mail.headers['List-Unsubscribe-Post']).toEqual(['List-Unsubscribe=One-Click']);
    expect(linkOf(titles[0] ?? '')).toMatch(new RegExp(`^${baseUrl}/attention-library/open\\?t=`));
  });

  for (const width of [375, 1280]) {
    it(`renders at ${width} px without horizontal overflow, every patent row visible`, async () => {
      const page = await renderMail(width);
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
      for (const title of titles) {
        const link = page.getByRole('link', { name: title });
        expect(await link.isVisible(), title).toBe(true);
        const box = await link.boundingBox();
        expect(box, title).not.toBeNull();
        expect((box?.x ?? -1) >= 0 && (box?.x ?? 0) + (box?.width ?? 0) <= width, title).toBe(true);
        expect(await link.getAttribute('href')).toBe(linkOf(title));
      }
      expect(await page.getByRole('link', { name: '退订关注库邮件提醒' }).isVisible()).toBe(true);
    });
  }

  it('sends a signed-out reader to 登录 first, then to the patent', async () => {
    const title = titles[1] ?? '';
    const page = await browser.newPage();
    await page.goto(linkOf(title));
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.getByLabel('账号').fill(recipient.account);
    await page.getByLabel('密码').fill(recipient.password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(`${baseUrl}/patents/${patentIds.get(title)}`);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(title);
  });

  it('opens the patent straight away for the signed-in recipient', async () => {
    const title = titles[0] ?? '';
    const context = await browser.newContext();
    await signInContext(context, baseUrl, recipient);
    const page = await context.newPage();
    await page.goto(linkOf(title));
    expect(page.url()).toBe(`${baseUrl}/patents/${patentIds.get(title)}`);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(title);
  });

  it('shows another signed-in user a clear page and none of the patent', async () => {
    const title = titles[0] ?? '';
    const context = await browser.newContext();
    await signInContext(context, baseUrl, outsider);
    const page = await context.newPage();
    await page.goto(linkOf(title));
    expect(new URL(page.url()).pathname).toBe('/attention-library/open');
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('该链接属于其他用户');
    const body = await page.locator('body').innerText();
    expect(body).toContain('请退出后使用收到邮件的本人账号登录');
    for (const other of titles) expect(body).not.toContain(other);
  });
});
