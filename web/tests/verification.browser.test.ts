import { randomBytes } from 'node:crypto';
import mongoose from 'mongoose';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { computeCreditCodeCheckCharacter } from '@panhuo/domain/accounts/credit-code';
import { useBrowser } from './chromium';
import { connectTestDb, createUser, disconnectTestDb, signInContext } from './sign-in';

const baseUrl = inject('baseUrl');

/** A real 1×1 PNG, the licence the applicant uploads. */
const tinyPng = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

const browser = useBrowser();

beforeAll(async () => {
  // Submissions are limited per IP and hour, and every browser submission comes from 127.0.0.1: start
  // from an empty count so repeated runs within the hour are not refused.
  await connectTestDb();
  await mongoose.connection.collection('rate_limit_hits').deleteMany({ key: /^verification-ip:/ });
});

afterAll(async () => {
  await disconnectTestDb();
});

/** A new browser (its own cookies) with one page. */
const newPage = () => browser.newPage();

const codeCharset = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** A fresh 统一社会信用代码 with a correct check character. */
function validCreditCode(): string {
  const bytes = randomBytes(9);
  const organisation = [...bytes].map((byte) => codeCharset[byte % codeCharset.length]).join('');
  const first17 = `91330106${organisation}`;
  return first17 + computeCreditCodeCheckCharacter(first17);
}

/** The same code with a wrong check character. */
function withWrongCheckCharacter(code: string): string {
  const last = code.at(-1);
  return code.slice(0, 17) + (last === '0' ? '1' : '0');
}

interface Applicant {
  companyName: string;
  creditCode: string;
  contactEmail: string;
  adminAccount: string;
}

function applicant(): Applicant {
  const tag = randomBytes(4).toString('hex');
  return {
    companyName: `杭州盘活浏览器测试科技有限公司${tag}`,
    creditCode: validCreditCode(),
    contactEmail: `verify-${tag}@example.com`,
    adminAccount: `verify_${tag}`,
  };
}

/** Fills the /verify form (page already there) and submits it with `licence` (default the 1×1 PNG). */
async function submitVerification(page: Page, fields: Applicant, licence = tinyPng): Promise<void> {
  await page.getByLabel('企业名称').fill(fields.companyName);
  await page.getByLabel('统一社会信用代码').fill(fields.creditCode);
  await page.getByLabel('企业类别').selectOption('specialized_sme');
  await page.getByLabel('联系人').fill('李明');
  await page.getByLabel('手机号').fill('138 0013 8000');
  await page.getByLabel('邮箱').fill(fields.contactEmail);
  await page.getByLabel('申请的管理员账号').fill(fields.adminAccount);
  await page
    .getByLabel('营业执照')
    .setInputFiles({ name: '营业执照.png', mimeType: 'image/png', buffer: licence });
  await page.getByRole('button', { name: '提交申请' }).click();
}

interface MailpitSearch {
  messages: { ID: string; Subject: string }[];
}

/** The text of the one message Mailpit received for `address`, waiting up to 5 s for it. */
async function mailTextTo(address: string): Promise<string> {
  const mailpit = process.env.MAILPIT_URL;
  if (!mailpit) throw new Error('MAILPIT_URL must point at the test Mailpit');
  const query = encodeURIComponent(`to:"${address}"`);
  for (let attempt = 0; attempt < 25; attempt++) {
    const found = (await (await fetch(`${mailpit}/api/v1/search?query=${query}`)).json()) as MailpitSearch;
    const [first] = found.messages;
    if (first) {
      expect(found.messages).toHaveLength(1);
      const message = (await (await fetch(`${mailpit}/api/v1/message/${first.ID}`)).json()) as {
        Text: string;
      };
      return message.Text;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`no mail to ${address} arrived`);
}

/** The operator console's rows of applications with this credit code (all states). */
async function applicationsWithCode(page: Page, creditCode: string): Promise<number> {
  await page.goto(`${baseUrl}/operator/verifications?status=all`, { waitUntil: 'networkidle' });
  return page.locator(`tr[data-credit-code="${creditCode}"]`).count();
}

describe('实名认证', () => {
  it('an enterprise applies, the operator approves, and the e-mailed admin account logs in', async () => {
    const fields = applicant();
    const page = await newPage();
    await page.goto(`${baseUrl}/verify`, { waitUntil: 'networkidle' });
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('企业实名认证');
    expect(await page.getByLabel('营业执照').getAttribute('accept')).toBe('image/png,image/jpeg');
    await submitVerification(page, fields);
    await page.getByTestId('verify-submitted').waitFor();
    expect(await page.getByTestId('verify-submitted').innerText()).toBe('申请已提交，审核结果将通过邮件通知');

    // The operator finds it first in the queue (待审核), looks at the licence and approves it.
    const operator = await createUser({ role: 'operator' });
    const review = await newPage();
    await signInContext(review.context(), baseUrl, operator);
    await review.goto(`${baseUrl}/operator/verifications`, { waitUntil: 'networkidle' });
    const row = review.locator(`tr[data-credit-code="${fields.creditCode}"]`);
    expect(await row.innerText()).toContain('待审核');
    await row.getByRole('link', { name: '审核' }).click();
    await review.waitForURL((url) => /^\/operator\/verifications\/[0-9a-f]{24}$/.test(url.pathname));
    await review.waitForLoadState('networkidle');
    expect(await review.getByTestId('credit-code').innerText()).toBe(fields.creditCode);
    // The review page is reached by client-side navigation, after which networkidle does not wait for its
    // image: on a busy machine the licence may still be loading here, so wait for it to finish.
    const licenceWidth = () =>
      review
        .getByTestId('licence')
        .evaluate((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth);
    await expect.poll(licenceWidth).toBe(1);

    await review.getByRole('button', { name: '通过' }).click();
    await review.getByTestId('approved').waitFor();
    expect(await review.getByTestId('approved').innerText()).toContain(fields.adminAccount);
    // The mail went out, so the password is not shown to the operator.
    expect(await review.getByTestId('initial-password').count()).toBe(0);
    expect(await review.getByTestId('verification-status').innerText()).toBe('已通过');

    const text = await mailTextTo(fields.contactEmail);
    const account = /账号：(\S+)/.exec(text)?.[1];
    const password = /初始密码：(\S+)/.exec(text)?.[1];
    expect(account).toBe(fields.adminAccount);
    expect(password).toBeTruthy();

    // The new 企业管理员 logs in and must complete the first-login profile before anything else.
    const admin = await newPage();
    await admin.goto(`${baseUrl}/login`, { waitUntil: 'networkidle' });
    await admin.getByLabel('账号').fill(account!);
    await admin.getByLabel('密码').fill(password!);
    await admin.getByRole('button', { name: '登录' }).click();
    await admin.waitForURL((url) => url.pathname === '/profile/complete');
    await admin.goto(`${baseUrl}/resource-library`, { waitUntil: 'networkidle' });
    expect(new URL(admin.url()).pathname).toBe('/profile/complete');
    await admin.getByLabel('部门').fill('综合管理部');
    await admin.getByLabel('职务').fill('总经理');
    await admin.getByLabel('手机号').fill('13800138000');
    await admin.getByLabel('单位邮箱').fill(fields.contactEmail);
    // The e-mailed password is a one-time one: the first login replaces it.
    await admin.getByLabel('初始密码').fill(password!);
    await admin.getByLabel('新密码', { exact: true }).fill('Admin2026own');
    await admin.getByLabel('确认新密码').fill('Admin2026own');
    await admin.getByRole('button', { name: '保存' }).click();
    await admin.waitForURL(`${baseUrl}/`);
    expect(await admin.getByTestId('user-role').innerText()).toBe('企业管理员');
  });

  it('shows the API’s field error for a bad credit code, keeps the values and creates nothing', async () => {
    const fields = { ...applicant(), creditCode: withWrongCheckCharacter(validCreditCode()) };
    const page = await newPage();
    await page.goto(`${baseUrl}/verify`, { waitUntil: 'networkidle' });
    await submitVerification(page, fields);
    await page.locator('#creditCode-error').waitFor();
    expect(await page.locator('#creditCode-error').innerText()).toBe('统一社会信用代码校验位错误，请核对');
    expect(await page.getByLabel('企业名称').inputValue()).toBe(fields.companyName);
    expect(await page.getByTestId('verify-submitted').count()).toBe(0);

    const operator = await createUser({ role: 'operator' });
    const review = await newPage();
    await signInContext(review.context(), baseUrl, operator);
    expect(await applicationsWithCode(review, fields.creditCode)).toBe(0);
  });

  it('accepts a licence of almost 5 MB through the form action (over the web server’s 512K default)', async () => {
    const large = Buffer.alloc(5 * 1024 * 1024 - 4096, 0x11);
    tinyPng.copy(large);
    const page = await newPage();
    await page.goto(`${baseUrl}/verify`, { waitUntil: 'networkidle' });
    await submitVerification(page, applicant(), large);
    await page.getByTestId('verify-submitted').waitFor();
  });

  it('opens an enterprise with its admin from the console, then freezes and unfreezes the admin', async () => {
    const operator = await createUser({ role: 'operator' });
    const page = await newPage();
    await signInContext(page.context(), baseUrl, operator);
    await page.goto(`${baseUrl}/operator/enterprises`, { waitUntil: 'networkidle' });
    const tag = randomBytes(4).toString('hex');
    await page.getByRole('button', { name: '新增企业' }).click();
    const add = page.getByRole('region', { name: '新增企业及企业管理员账号' });
    await add.getByLabel('企业名称').fill(`平台分配测试企业${tag}`);
    await add.getByLabel('统一社会信用代码（选填）').fill(validCreditCode());
    await add.getByLabel('企业类别').selectOption('high_tech');
    await add.getByLabel('管理员姓名').fill('王芳');
    await add.getByLabel('管理员账号').fill(`assigned_${tag}`);
    await add.getByRole('button', { name: '确定' }).click();
    await page.getByTestId('created-enterprise').waitFor();
    expect(await page.getByTestId('created-login').innerText()).toBe(`assigned_${tag}`);
    expect(await page.getByTestId('initial-password').innerText()).toMatch(/^\S{8,}$/);

    await page.goto(`${baseUrl}/operator/accounts?q=assigned_${tag}`, { waitUntil: 'networkidle' });
    const row = page.locator(`tr[data-account="assigned_${tag}"]`);
    expect(await row.innerText()).toContain('企业管理员');
    // 冻结 asks first; only 确定冻结 freezes.
    await row.getByRole('button', { name: '冻结' }).click();
    await row.getByRole('button', { name: '确定冻结' }).click();
    await row.getByRole('button', { name: '解冻' }).waitFor();
    expect(await row.locator('[data-col="status"]').innerText()).toBe('冻结');
    await row.getByRole('button', { name: '解冻' }).click();
    await row.getByRole('button', { name: '冻结' }).waitFor();
    expect(await row.locator('[data-col="status"]').innerText()).toBe('正常');
  });

  it('keeps the operator console from other roles', async () => {
    const admin = await createUser({ role: 'enterprise_admin' });
    const page = await newPage();
    await signInContext(page.context(), baseUrl, admin);
    const response = await page.goto(`${baseUrl}/operator/verifications`, { waitUntil: 'networkidle' });
    expect(response?.status()).toBe(403);
  });
});
