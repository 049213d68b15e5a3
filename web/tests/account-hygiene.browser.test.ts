import type { Page } from 'playwright-core';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { UserModel } from '@panhuo/api/features/accounts/model';
import { useBrowser } from './chromium';
import { seedExpert } from './seed-expert';
import { createUser, disconnectTestDb, signInContext } from './sign-in';

const baseUrl = inject('baseUrl');

const browser = useBrowser();

afterAll(async () => {
  await disconnectTestDb();
});

const newPage = (options: { javaScriptEnabled?: boolean } = {}) => browser.newPage(options);

/** Logs in through the login form. */
async function submitLogin(page: Page, account: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/login`, { waitUntil: 'networkidle' });
  await page.getByLabel('账号').fill(account);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
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

describe('first login with a one-time password', () => {
  it('prefills what the admin entered and makes the expert replace the initial password', async () => {
    const admin = await createUser({ role: 'enterprise_admin' });
    const adminPage = await newPage();
    await signInContext(adminPage.context(), baseUrl, admin);
    const account = `onetime_${Date.now().toString(36)}`;
    await adminPage.goto(`${baseUrl}/users/accounts`, { waitUntil: 'networkidle' });
    await adminPage.getByRole('button', { name: '新增' }).click();
    await adminPage.getByLabel('姓名').fill('孙七');
    await adminPage.getByLabel('账号', { exact: true }).fill(account);
    await adminPage.getByLabel('手机号').fill('13912345670');
    await adminPage.getByLabel('所属职务').fill('首席科学家');
    await adminPage.getByLabel('部门（选填）').fill('中央研究院');
    await adminPage.getByRole('button', { name: '确定' }).click();
    const initialPassword = await adminPage.getByTestId('initial-password').innerText();

    const page = await newPage();
    await submitLogin(page, account, initialPassword);
    await page.waitForURL((url) => url.pathname === '/profile/complete');
    await page.getByTestId('must-change-password').waitFor();
    expect(await page.getByLabel('部门').inputValue()).toBe('中央研究院');
    expect(await page.getByLabel('职务').inputValue()).toBe('首席科学家');
    expect(await page.getByLabel('手机号').inputValue()).toBe('13912345670');
    await page.getByLabel('单位邮箱').fill(`${account}@example.com`);

    await page.getByLabel('初始密码').fill('Wrong2026pass');
    await page.getByLabel('新密码', { exact: true }).fill('Mine2026pass');
    await page.getByLabel('确认新密码').fill('Mine2026pass');
    await page.getByRole('button', { name: '保存' }).click();
    await page.locator('#currentPassword-error').waitFor();
    expect(await page.locator('#currentPassword-error').innerText()).toBe('初始密码不正确');
    expect(await page.getByLabel('部门').inputValue()).toBe('中央研究院');

    await page.getByLabel('初始密码').fill(initialPassword);
    await page.getByLabel('新密码', { exact: true }).fill('Mine2026pass');
    await page.getByLabel('确认新密码').fill('Mine2026pas');
    await page.getByRole('button', { name: '保存' }).click();
    await page.locator('#confirmPassword-error').waitFor();
    expect(await page.locator('#confirmPassword-error').innerText()).toBe('两次输入的新密码不一致');

    await page.getByLabel('初始密码').fill(initialPassword);
    await page.getByLabel('新密码', { exact: true }).fill('Mine2026pass');
    await page.getByLabel('确认新密码').fill('Mine2026pass');
    await page.getByRole('button', { name: '保存' }).click();
    await page.waitForURL(`${baseUrl}/`);
    // The rotated session still works; the initial password no longer does, the new one does.
    await page.goto(`${baseUrl}/me/expert`, { waitUntil: 'networkidle' });
    expect(new URL(page.url()).pathname).toBe('/me/expert');
    const fresh = await newPage();
    await submitLogin(fresh, account, initialPassword);
    await fresh.locator('.alert.error').waitFor();
    expect(await fresh.locator('.alert.error').innerText()).toBe('账号或密码错误');
    await submitLogin(fresh, account, 'Mine2026pass');
    await fresh.waitForURL(`${baseUrl}/`);
  });
});

describe('a frozen user’s next request', () => {
  it('lands on the login page that says 账号已冻结', async () => {
    const admin = await createUser({ role: 'enterprise_admin' });
    const expert = await seedExpert(admin, { name: '周八' });
    const page = await newPage();
    await signInContext(page.context(), baseUrl, expert.user);
    await page.goto(`${baseUrl}/me/expert`, { waitUntil: 'networkidle' });
    expect(new URL(page.url()).pathname).toBe('/me/expert');

    // The admin freezes the account (禁用, confirmed) while the expert's page is open.
    const adminPage = await newPage();
    await signInContext(adminPage.context(), baseUrl, admin);
    await adminPage.goto(`${baseUrl}/users/accounts`, { waitUntil: 'networkidle' });
    const row = adminPage.locator(`tr[data-account="${expert.account}"]`);
    await row.getByRole('button', { name: '禁用' }).click();
    await row.getByRole('button', { name: '确定禁用' }).click();
    await expect.poll(() => storedStatus(expert.id)).toBe('frozen');

    await page.goto(`${baseUrl}/resource-library`, { waitUntil: 'networkidle' });
    const url = new URL(page.url());
    expect(url.pathname).toBe('/login');
    expect(url.searchParams.get('reason')).toBe('frozen');
    expect(url.searchParams.get('next')).toBe('/resource-library');
    expect(await page.locator('.alert.error').innerText()).toBe('账号已冻结，请联系管理员');
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('登录');
  });
});
