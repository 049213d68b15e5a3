import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { UserModel } from '@panhuo/api/features/accounts/model';
import { launchChromium } from './chromium';
import { seedExpert } from './seed-expert';
import { createUser, disconnectTestDb, signInContext } from './sign-in';

const baseUrl = inject('baseUrl');

let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  browser = await launchChromium();
});

afterEach(async () => {
  await Promise.all(contexts.splice(0).map((context) => context.close()));
});

afterAll(async () => {
  await browser?.close();
  await disconnectTestDb();
});

async function newPage(options: { javaScriptEnabled?: boolean } = {}): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    locale: 'zh-CN',
    ...options,
  });
  contexts.push(context);
  return context.newPage();
}

/** The stored 账号状态 of an account. */
const storedStatus = async (id: string) => (await UserModel.findById(id, { status: 1 }).lean())?.status;

describe('禁用 asks first', () => {
  it('the first press only asks; 取消 leaves the account alone; 确定禁用 freezes it', async () => {
    const admin = await createUser({ role: 'enterprise_admin' });
    const expert = await seedExpert(admin, { name: '李四' });
    const page = await newPage();
    await signInContext(page.context(), baseUrl, admin);
    await page.goto(`${baseUrl}/users/accounts`, { waitUntil: 'networkidle' });
    const row = page.locator(`tr[data-account="${expert.account}"]`);

    await row.getByRole('button', { name: '禁用' }).click();
    const confirm = row.getByRole('button', { name: '确定禁用' });
    await confirm.waitFor();
    expect(await row.getByRole('group', { name: '确定禁用' }).innerText()).toContain('禁用后李四无法登录');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('确定禁用');
    expect(await storedStatus(expert.id)).toBe('active');

    await row.getByRole('button', { name: '取消' }).click();
    await row.getByRole('button', { name: '禁用' }).waitFor();
    expect(await confirm.count()).toBe(0);
    await page.reload({ waitUntil: 'networkidle' });
    expect(await row.locator('[data-col="accountStatus"]').innerText()).toBe('正常');
    expect(await storedStatus(expert.id)).toBe('active');

    await row.getByRole('button', { name: '禁用' }).click();
    await confirm.click();
    await expect.poll(() => row.locator('[data-col="accountStatus"]').innerText()).toBe('冻结');
    expect(await storedStatus(expert.id)).toBe('frozen');
  });

  it('without JavaScript the page asks too: the unconfirmed post does not freeze', async () => {
    const admin = await createUser({ role: 'enterprise_admin' });
    const expert = await seedExpert(admin, { name: '赵六' });
    const page = await newPage({ javaScriptEnabled: false });
    await signInContext(page.context(), baseUrl, admin);
    await page.goto(`${baseUrl}/users/accounts`, { waitUntil: 'networkidle' });
    const row = page.locator(`tr[data-account="${expert.account}"]`);

    await row.getByRole('button', { name: '禁用' }).click();
    await page.waitForLoadState('networkidle');
    await row.getByRole('button', { name: '确定禁用' }).waitFor();
    expect(await row.locator('[data-col="accountStatus"]').innerText()).toBe('正常');
    expect(await storedStatus(expert.id)).toBe('active');

    await row.getByRole('button', { name: '确定禁用' }).click();
    await page.waitForLoadState('networkidle');
    expect(await storedStatus(expert.id)).toBe('frozen');
  });
});
