import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import type { TestUser } from '@panhuo/api/test/auth-helpers';
import { launchChromium } from './chromium';
import { dropLibrary, seedLibrary } from './seed-library';
import { createUser, signInContext } from './sign-in';

// 智能检索 / 精确检索 in the shared search form: the choice lives in the URL (mode=exact; the default
// 智能检索 is left out) and stays there through facets and paging.
const baseUrl = inject('baseUrl');

let browser: Browser;
let context: BrowserContext | undefined;
let admin: TestUser;

beforeAll(async () => {
  await seedLibrary();
  admin = await createUser({ role: 'enterprise_admin' });
  browser = await launchChromium();
}, 120_000);

afterEach(async () => {
  await context?.close();
  context = undefined;
});

afterAll(async () => {
  await browser?.close();
  await dropLibrary();
});

async function open(path: string): Promise<Page> {
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
  await signInContext(context, baseUrl, admin);
  const page = await context.newPage();
  await page.goto(`${baseUrl}${path}`, { waitUntil: 'networkidle' });
  return page;
}

describe('search mode switch', () => {
  it('defaults to 智能检索, and keeps 精确检索 in the URL across a search, a facet and a reload', async () => {
    const page = await open('/resource-library?q=%E7%94%B5%E6%B1%A0');
    const hybrid = page.getByRole('radio', { name: '智能检索' });
    const exact = page.getByRole('radio', { name: '精确检索' });
    await expect.poll(() => hybrid.isChecked()).toBe(true);
    expect(new URL(page.url()).searchParams.get('mode')).toBeNull();

    await exact.check();
    await Promise.all([
      page.waitForURL(/mode=exact/),
      page.getByRole('button', { name: '检索', exact: true }).click(),
    ]);
    await page.waitForLoadState('networkidle');
    expect(new URL(page.url()).searchParams.get('mode')).toBe('exact');
    expect(new URL(page.url()).searchParams.get('q')).toBe('电池');
    expect(await page.getByRole('radio', { name: '精确检索' }).isChecked()).toBe(true);

    // A facet value is a link of the same search: it keeps the mode.
    const facet = page.locator('.facet-panel a[href*="mode=exact"]').first();
    await expect.poll(() => facet.count()).toBeGreaterThan(0);
    await Promise.all([
      page.waitForURL(
        /patentType|strategicIndustries|economicIndustries|ipc|legalStatus|institutionId|registered|validAtEnd2023|cooperationModes/,
      ),
      facet.click(),
    ]);
    expect(new URL(page.url()).searchParams.get('mode')).toBe('exact');

    await page.reload({ waitUntil: 'networkidle' });
    expect(await page.getByRole('radio', { name: '精确检索' }).isChecked()).toBe(true);

    // Back to 智能检索: the default leaves the URL.
    await page.getByRole('radio', { name: '智能检索' }).check();
    await Promise.all([
      page.waitForURL((url) => !url.searchParams.has('mode')),
      page.getByRole('button', { name: '检索', exact: true }).click(),
    ]);
    expect(new URL(page.url()).searchParams.get('q')).toBe('电池');
  });

  it('shows the semantic index progress in 智能检索 while patents lack their vectors, not in 精确检索', async () => {
    const hybrid = await open('/resource-library?q=%E7%94%B5%E6%B1%A0');
    await expect
      .poll(() => hybrid.getByText(/语义索引建立中：已完成 [\d,]+ \/ [\d,]+|语义检索暂不可用/).count())
      .toBeGreaterThan(0);
    await context?.close();
    const exact = await open('/resource-library?q=%E7%94%B5%E6%B1%A0&mode=exact');
    expect(await exact.getByText(/语义索引建立中|语义检索暂不可用/).count()).toBe(0);
  });
});
