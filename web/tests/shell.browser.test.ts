import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import type { TestUser } from '@panhuo/api/test/auth-helpers';
import { launchChromium } from './chromium';
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

// What a 企业管理员 sees: the manual's eight entries but 我的空间 (专家信息 is the expert's own page).
const topLevelLabels = [
  '盘活行动',
  '用户管理',
  '专利转化评价库',
  '专利转化关注库',
  '专利转化资源库',
  '专利评价管理',
  '企业需求发布管理',
];

let browser: Browser;
let context: BrowserContext | undefined;
let admin: TestUser;

beforeAll(async () => {
  admin = await createUser({ role: 'enterprise_admin' });
  browser = await launchChromium();
  mkdirSync(screenshotDir, { recursive: true });
});

afterEach(async () => {
  await context?.close();
  context = undefined;
});

afterAll(async () => {
  await browser?.close();
  await disconnectTestDb();
});

/** A fresh page of a signed-in 企业管理员 at the given viewport width, loaded and hydrated (no requests for 500 ms). */
async function open(path: string, width = 1280): Promise<Page> {
  context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'zh-CN' });
  await signInContext(context, baseUrl, admin);
  const page = await context.newPage();
  await page.goto(`${baseUrl}${path}`, { waitUntil: 'networkidle' });
  return page;
}

describe('app shell', () => {
  it('shows the 企业管理员’s menu entries in the manual’s order, the landmarks and a working skip link', async () => {
    const page = await open('/');
    const nav = page.getByRole('navigation', { name: '主导航' });
    const entries = nav.locator(':scope > ul > li > :is(a, span)');
    expect(await entries.allInnerTexts()).toEqual(topLevelLabels);
    for (const label of topLevelLabels)
      expect(await nav.getByText(label, { exact: true }).isVisible()).toBe(true);

    expect(await page.getByRole('banner').count()).toBe(1);
    expect(await page.getByRole('main').count()).toBe(1);
    expect(await page.getByRole('contentinfo').getByText('中国专利保护协会').isVisible()).toBe(true);
    expect(await page.getByRole('heading', { level: 1, name: '盘活行动' }).isVisible()).toBe(true);
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await page.screenshot({ path: join(screenshotDir, 'shell.png'), fullPage: true });

    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: '跳到主要内容' });
    expect(await skip.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await skip.isVisible()).toBe(true);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
  });

  it('navigates to 专利转化资源库 by a click and marks it as the current page', async () => {
    const page = await open('/');
    const nav = page.getByRole('navigation', { name: '主导航' });
    const link = nav.getByRole('link', { name: '专利转化资源库' });
    expect(await link.getAttribute('aria-current')).toBeNull();

    await link.click();
    await page.waitForURL(`${baseUrl}/resource-library`);
    const heading = page.getByRole('heading', { level: 1 });
    await heading.waitFor();
    expect(await heading.innerText()).toBe('专利转化资源库');
    expect(await page.title()).toBe('专利转化资源库 · 盘活行动');
    expect(await link.getAttribute('aria-current')).toBe('page');
    expect(await nav.locator('[aria-current]').count()).toBe(1);
    expect(await page.getByRole('main').getByRole('searchbox', { name: '检索词' }).isVisible()).toBe(true);
  });

  it('marks a sub-page of a group as current when loaded directly', async () => {
    const page = await open('/demands/public');
    const nav = page.getByRole('navigation', { name: '主导航' });
    expect(await nav.getByRole('link', { name: '公开需求' }).getAttribute('aria-current')).toBe('page');
    expect(await nav.getByRole('link', { name: '高校院所合作需求' }).getAttribute('aria-current')).toBeNull();
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('公开需求');
  });

  it('collapses the menu behind a button at 375 px and toggles it', async () => {
    const page = await open('/', 375);
    const nav = page.locator('nav[aria-label="主导航"]');
    const button = page.getByRole('button', { name: '菜单' });

    expect(await button.isVisible()).toBe(true);
    expect(await button.getAttribute('aria-expanded')).toBe('false');
    expect(await nav.isVisible()).toBe(false);
    // Nothing may force sideways scrolling on a phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

    await button.click();
    await nav.waitFor({ state: 'visible' });
    expect(await button.getAttribute('aria-expanded')).toBe('true');
    expect(await nav.getByRole('link', { name: '专利评价管理' }).isVisible()).toBe(true);
    await page.screenshot({ path: join(screenshotDir, 'shell-375.png'), fullPage: true });

    await button.click();
    await nav.waitFor({ state: 'hidden' });
    expect(await button.getAttribute('aria-expanded')).toBe('false');

    // Following a link from the open menu closes it, so the new page is what the user sees.
    await button.click();
    await nav.getByRole('link', { name: '账号管理' }).click();
    await page.waitForURL(`${baseUrl}/users/accounts`);
    await nav.waitFor({ state: 'hidden' });
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('账号管理');
  });

  it('shows on /status the dependencies reported by the real API', async () => {
    // The same report straight through the proxy; x-request-id is set by the API, not by web.
    const direct = await fetch(`${baseUrl}/api/healthz`);
    expect(direct.headers.get('x-request-id')).toBeTruthy();
    const report = (await direct.json()) as { checks: Record<string, { ok: boolean }> };
    expect(Object.keys(report.checks).sort()).toEqual(['elasticsearch', 'mongodb', 'smtp']);

    const page = await open('/status');
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('系统状态');
    const rows = page.locator('tr[data-dependency]');
    expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-dependency')))).toEqual([
      'mongodb',
      'elasticsearch',
      'smtp',
    ]);
    expect(await rows.locator('th').allInnerTexts()).toEqual([
      '数据库（MongoDB）',
      '检索服务（Elasticsearch）',
      '邮件服务（SMTP）',
    ]);
    for (const badge of await rows.locator('.badge').allInnerTexts())
      expect(['正常', '异常']).toContain(badge);
    await page.screenshot({ path: join(screenshotDir, 'status.png'), fullPage: true });
  });
});
