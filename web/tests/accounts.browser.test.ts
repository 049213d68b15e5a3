import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { useBrowser } from './chromium';
import { createUser, disconnectTestDb, signInContext } from './sign-in';

const baseUrl = inject('baseUrl');
const screenshotDir = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  '.stack',
  'test',
  'screenshots',
);

const browser = useBrowser();

beforeAll(async () => {
  mkdirSync(screenshotDir, { recursive: true });
});

afterAll(async () => {
  await disconnectTestDb();
});

/** A new browser (its own cookies) with one page. */
const newPage = (width = 1280) => browser.newPage({ viewport: { width, height: 900 } });

const screenshot = (page: Page, name: string) =>
  page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });

/** Logs in through the login form (page already on /login). */
async function submitLogin(page: Page, account: string, password: string): Promise<void> {
  await page.getByLabel('账号').fill(account);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
}

/** The labels of the main menu, "group/child" for sub-pages. */
async function menuLabels(page: Page): Promise<string[]> {
  const nav = page.getByRole('navigation', { name: '主导航' });
  if ((await nav.count()) === 0) return [];
  return nav.locator(':scope > ul > li').evaluateAll((items) =>
    items.flatMap((li) => {
      const top = li.querySelector(':scope > a, :scope > span')?.textContent?.trim() ?? '';
      const children = [...li.querySelectorAll(':scope ul a')].map((a) => `${top}/${a.textContent?.trim()}`);
      return children.length ? children : [top];
    }),
  );
}

describe('登录', () => {
  it('sends an anonymous visitor to /login, refuses a wrong password in Chinese, then returns to the page', async () => {
    const user = await createUser({ role: 'enterprise_admin' });
    const page = await newPage();
    await page.goto(`${baseUrl}/resource-library?q=${encodeURIComponent('电池')}`, {
      waitUntil: 'networkidle',
    });
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(new URL(page.url()).searchParams.get('next')).toBe(
      `/resource-library?q=${encodeURIComponent('电池')}`,
    );
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('登录');
    expect(await menuLabels(page)).toEqual([]);

    await submitLogin(page, user.account, 'wrong-password-1');
    const alert = page.locator('.alert.error');
    await alert.waitFor();
    expect(await alert.innerText()).toBe('账号或密码错误');
    expect(await page.getByLabel('账号').inputValue()).toBe(user.account);
    await screenshot(page, 'login-error');

    await submitLogin(page, user.account, user.password);
    await page.waitForURL((url) => url.pathname === '/resource-library');
    expect(new URL(page.url()).searchParams.get('q')).toBe('电池');
    const cookies = await page.context().cookies();
    const session = cookies.find((cookie) => cookie.name === 'panhuo.sid');
    expect(session?.httpOnly).toBe(true);
    expect(await page.getByTestId('user-name').innerText()).toBe('测试用户');
    expect(await page.getByTestId('user-role').innerText()).toBe('企业管理员');
  });

  it('tells a frozen account it is frozen and checks the form before asking the API', async () => {
    const frozen = await createUser({ role: 'expert', status: 'frozen' });
    const page = await newPage();
    await page.goto(`${baseUrl}/login`, { waitUntil: 'networkidle' });
    await submitLogin(page, frozen.account, frozen.password);
    await page.locator('.alert.error').waitFor();
    expect(await page.locator('.alert.error').innerText()).toBe('账号已冻结，请联系管理员');
    expect(new URL(page.url()).pathname).toBe('/login');
  });

  it('forces the first-login profile before any other page, with the domain’s field messages', async () => {
    const user = await createUser({ role: 'enterprise_admin', profileComplete: false });
    const page = await newPage();
    await page.goto(`${baseUrl}/login`, { waitUntil: 'networkidle' });
    await submitLogin(page, user.account, user.password);
    await page.waitForURL((url) => url.pathname === '/profile/complete');
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('完善注册信息');

    // Every other page, the public home included, comes back here.
    for (const path of ['/resource-library', '/users/accounts', '/']) {
      await page.goto(`${baseUrl}${path}`, { waitUntil: 'networkidle' });
      expect(new URL(page.url()).pathname).toBe('/profile/complete');
    }

    await page.getByLabel('部门').fill('技术中心');
    await page.getByLabel('职务').fill('总工程师');
    await page.getByLabel('手机号').fill('12345');
    await page.getByLabel('单位邮箱').fill('not-an-email');
    await page.getByRole('button', { name: '保存' }).click();
    await page.locator('#phone-error').waitFor();
    expect(await page.locator('#phone-error').innerText()).toBe('请输入正确的11位手机号码');
    expect(await page.locator('#email-error').innerText()).toBe('请输入正确的单位邮箱');
    expect(await page.getByLabel('部门').inputValue()).toBe('技术中心');
    await screenshot(page, 'profile-complete-errors');

    await page.getByLabel('手机号').fill('138 0013 8000');
    await page.getByLabel('单位邮箱').fill('Zhang@Example.com');
    await page.getByRole('button', { name: '保存' }).click();
    await page.waitForURL(`${baseUrl}/`);
    await page.goto(`${baseUrl}/users/accounts`, { waitUntil: 'networkidle' });
    expect(new URL(page.url()).pathname).toBe('/users/accounts');
  });

  it('logs out from the user menu; the old page then needs a new login', async () => {
    const user = await createUser({ role: 'expert' });
    const page = await newPage();
    await signInContext(page.context(), baseUrl, user);
    await page.goto(`${baseUrl}/resource-library`, { waitUntil: 'networkidle' });
    await page.getByTestId('user-name').click();
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.waitForURL((url) => url.pathname === '/login');
    await page.goto(`${baseUrl}/resource-library`, { waitUntil: 'networkidle' });
    expect(new URL(page.url()).pathname).toBe('/login');
  });
});

describe('role-aware menu', () => {
  it('shows each role only the entries its abilities allow', async () => {
    const expected: Record<string, string[]> = {
      enterprise_admin: [
        '盘活行动/专家审核',
        '用户管理/账号管理',
        '专利转化评价库',
        '专利转化关注库',
        '专利转化资源库',
        '专利评价管理',
        '企业需求发布管理/高校院所合作需求',
        '企业需求发布管理/公开需求',
      ],
      expert: ['我的空间/专家信息', '专利转化评价库', '专利转化关注库', '专利转化资源库'],
      operator: [
        '专利转化资源库',
        '平台运营/实名认证审核',
        '平台运营/企业管理',
        '平台运营/高校院所',
        '平台运营/推送管理',
        '平台运营/邮件提醒记录',
        '平台运营/账号管理',
      ],
      university: [
        '专利转化资源库',
        '高校院所/我的专利',
        '高校院所/专利登记',
        '高校院所/批量导入',
        '高校院所/组合专利',
        '高校院所/收到的合作意向',
        '高校院所/企业评价',
        '高校院所/数据看板',
      ],
    };
    for (const [role, labels] of Object.entries(expected)) {
      const user = await createUser({ role: role as 'expert' });
      const page = await newPage();
      await signInContext(page.context(), baseUrl, user);
      await page.goto(`${baseUrl}/`, { waitUntil: 'networkidle' });
      expect(await menuLabels(page), role).toEqual(labels);
      if (role === 'expert') await screenshot(page, 'nav-expert');
    }
  });
});

describe('推荐技术专家', () => {
  it('admin opens an expert account; the expert completes 专家信息 and applies; the admin approves; the certificate prints on A4; 禁用 ends the expert’s session', async () => {
    const admin = await createUser({ role: 'enterprise_admin' });
    const adminPage = await newPage();
    await signInContext(adminPage.context(), baseUrl, admin);
    const expertAccount = `expert_${Date.now().toString(36)}`;
    const expertPassword = 'Expert2026own';

    // 用户管理—账号管理—新增, the initial password left to the system.
    await adminPage.goto(`${baseUrl}/users/accounts`, { waitUntil: 'networkidle' });
    expect(await adminPage.locator('table thead th').allInnerTexts()).toEqual([
      '序号',
      '姓名',
      '账号',
      '手机号',
      '开通时间',
      '所属单位',
      '所属职务',
      '信息完善状态',
      '账号状态',
      '操作',
    ]);
    await adminPage.getByRole('button', { name: '新增' }).click();
    await adminPage.getByLabel('姓名').fill('王振华');
    await adminPage.getByLabel('账号', { exact: true }).fill(expertAccount);
    await adminPage.getByLabel('手机号').fill('bad');
    await adminPage.getByLabel('所属职务').fill('首席技术专家');
    await adminPage.getByRole('button', { name: '确定' }).click();
    await adminPage.locator('#new-phone-error').waitFor();
    expect(await adminPage.locator('#new-phone-error').innerText()).toBe('请输入正确的11位手机号码');
    await adminPage.getByLabel('手机号').fill('13912345678');
    await adminPage.getByRole('button', { name: '确定' }).click();
    const passwordCell = adminPage.getByTestId('initial-password');
    await passwordCell.waitFor();
    const initialPassword = await passwordCell.innerText();
    expect(initialPassword.length).toBeGreaterThanOrEqual(8);
    const row = adminPage.locator(`tr[data-account="${expertAccount}"]`);
    await row.waitFor();
    expect(await row.locator('[data-col="status"]').innerText()).toBe('待完善信息');
    expect(await row.locator('[data-col="accountStatus"]').innerText()).toBe('正常');
    await screenshot(adminPage, 'accounts-created');
    // Shown once: a reload no longer has it.
    await adminPage.reload({ waitUntil: 'networkidle' });
    expect(await adminPage.getByTestId('initial-password').count()).toBe(0);

    // The expert's own browser: first login, profile, 专家信息, 申请入库.
    const expertPage = await newPage();
    await expertPage.goto(`${baseUrl}/login`, { waitUntil: 'networkidle' });
    await submitLogin(expertPage, expertAccount, initialPassword);
    await expertPage.waitForURL((url) => url.pathname === '/profile/complete');
    // What the admin entered is filled in; the one-time password is replaced.
    expect(await expertPage.getByLabel('职务').inputValue()).toBe('首席技术专家');
    expect(await expertPage.getByLabel('手机号').inputValue()).toBe('13912345678');
    await expertPage.getByLabel('部门').fill('研发中心');
    await expertPage.getByLabel('单位邮箱').fill(`${expertAccount}@example.com`);
    await expertPage.getByLabel('初始密码').fill(initialPassword);
    await expertPage.getByLabel('新密码', { exact: true }).fill(expertPassword);
    await expertPage.getByLabel('确认新密码').fill(expertPassword);
    await expertPage.getByRole('button', { name: '保存' }).click();
    await expertPage.waitForURL(`${baseUrl}/`);
    await expertPage
      .getByRole('navigation', { name: '主导航' })
      .getByRole('link', { name: '专家信息' })
      .click();
    await expertPage.waitForURL(`${baseUrl}/me/expert`);
    expect(await expertPage.getByTestId('expert-status').innerText()).toBe('待完善信息');
    await expertPage.getByLabel('职称').fill('高级工程师');
    await expertPage.getByLabel('人工智能', { exact: true }).check();
    await expertPage
      .getByLabel('个人简介')
      .fill('长期从事工业视觉检测与深度学习算法研究，主持省部级项目3项。');
    await expertPage.getByRole('textbox', { name: '联系方式' }).fill('13912345678');
    await expertPage.getByRole('button', { name: '保存' }).click();
    await expertPage.getByText('专家信息已保存。').waitFor();
    await expertPage.getByRole('button', { name: '申请入库' }).click();
    await expertPage.getByText('已申请入库，请等待企业管理员审核。').waitFor();
    expect(await expertPage.getByTestId('expert-status').innerText()).toBe('待审核');
    await screenshot(expertPage, 'me-expert-applied');

    // 盘活行动—专家审核: a rejection needs an opinion; then 通过.
    await adminPage.goto(`${baseUrl}/action/expert-review`, { waitUntil: 'networkidle' });
    const reviewRow = adminPage.locator(`tr[data-account="${expertAccount}"]`);
    expect(await reviewRow.locator('[data-col="status"]').innerText()).toBe('待审核');
    await reviewRow.getByRole('link', { name: '审核' }).click();
    await adminPage.waitForURL((url) => url.pathname.startsWith('/action/expert-review/'));
    expect(await adminPage.getByText('人工智能').first().isVisible()).toBe(true);
    await adminPage.getByLabel('不通过').check();
    await adminPage.getByRole('button', { name: '提交审核' }).click();
    await adminPage.locator('#opinion-error').waitFor();
    expect(await adminPage.locator('#opinion-error').innerText()).toBe('审核不通过时请填写审核意见');
    await adminPage.getByLabel('通过', { exact: true }).check();
    await adminPage.getByLabel('审核意见').fill('研究方向与企业需求匹配，同意入库。');
    await adminPage.getByRole('button', { name: '提交审核' }).click();
    await adminPage.waitForURL((url) => url.pathname === '/action/expert-review');
    expect(await reviewRow.locator('[data-col="status"]').innerText()).toBe('已通过');

    // 证书 from 账号管理: one A4 page when printed.
    await adminPage.goto(`${baseUrl}/users/accounts`, { waitUntil: 'networkidle' });
    await row.getByRole('link', { name: '证书' }).click();
    await adminPage.waitForURL((url) => url.pathname.endsWith('/certificate'));
    const certificate = adminPage.getByRole('article', { name: '专家证书' });
    expect(await certificate.getByRole('heading', { level: 1 }).innerText()).toBe('专家证书');
    expect(await certificate.innerText()).toContain('王振华');
    expect(await certificate.innerText()).toContain('人工智能');
    expect(await adminPage.getByTestId('certificate-number').innerText()).toMatch(/\S+/);
    await screenshot(adminPage, 'certificate');
    await adminPage.emulateMedia({ media: 'print' });
    expect(await adminPage.getByRole('navigation', { name: '主导航' }).isVisible()).toBe(false);
    expect(await adminPage.getByRole('banner').isVisible()).toBe(false);
    await adminPage.screenshot({ path: join(screenshotDir, 'certificate-print.png'), fullPage: true });
    const pdf = await adminPage.pdf({
      path: join(screenshotDir, 'certificate.pdf'),
      preferCSSPageSize: true,
      printBackground: true,
    });
    const pdfText = pdf.toString('latin1');
    expect(pdfText.match(/\/Type\s*\/Page[^s]/g)?.length).toBe(1);
    const box = pdfText.match(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/);
    expect(Math.round(Number(box?.[1]))).toBe(595);
    expect(Math.round(Number(box?.[2]))).toBe(842);
    await adminPage.emulateMedia({ media: 'screen' });

    // 禁用: the expert's open session stops working at the next navigation.
    await adminPage.goto(`${baseUrl}/users/accounts`, { waitUntil: 'networkidle' });
    await row.getByRole('button', { name: '禁用' }).click();
    await row.getByRole('button', { name: '确定禁用' }).click();
    await expect.poll(() => row.locator('[data-col="accountStatus"]').innerText()).toBe('冻结');
    expect(await row.getByRole('button', { name: '启用' }).isVisible()).toBe(true);
    await expertPage.goto(`${baseUrl}/me/expert`, { waitUntil: 'networkidle' });
    expect(new URL(expertPage.url()).pathname).toBe('/login');
    await submitLogin(expertPage, expertAccount, expertPassword);
    await expertPage.locator('.alert.error').waitFor();
    expect(await expertPage.locator('.alert.error').innerText()).toBe('账号已冻结，请联系管理员');
  });
});
