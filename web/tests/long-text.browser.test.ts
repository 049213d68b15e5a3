import type { Locator, Page } from 'playwright-core';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { useBrowser } from './chromium';
import type { TestUser } from '@panhuo/api/test/auth-helpers';
import { seedExpert } from './seed-expert';
import { createUser, disconnectTestDb, signInContext } from './sign-in';

const baseUrl = inject('baseUrl');

const browser = useBrowser();

afterAll(async () => {
  await disconnectTestDb();
});

const viewport = { width: 1280, height: 900 };

const newPage = () => browser.newPage({ viewport });

/**
 * One unbroken 2,000-character string, as pasted from somewhere without spaces. Stored directly: the
 * schemas now cap an opinion far below this, but records written before the cap (or by another client)
 * are still shown.
 */
const hostileOpinion = `不通过${'A'.repeat(1997)}`;

/** An admin, and an expert of its enterprise with a three-character name, hostile texts and 待审核. */
async function seedHostileExpert(): Promise<{ admin: TestUser; account: string }> {
  const admin = await createUser({ role: 'enterprise_admin' });
  const { account } = await seedExpert(admin, {
    name: '王小明',
    position: `总工程师${'B'.repeat(300)}`,
    resume: 'C'.repeat(2000),
    rejectedWith: hostileOpinion,
  });
  return { admin, account };
}

/** The page's width beyond the viewport, in CSS pixels (0 when nothing overflows sideways). */
const horizontalOverflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** How many lines the element's text takes (one client rect per line box of its text). */
const textLines = (cell: Locator) =>
  cell.evaluate((element) => {
    const range = document.createRange();
    range.selectNodeContents(element);
    const tops = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top)));
    return tops.size;
  });

/** True when the element's box lies inside the viewport (and inside every scrolling ancestor's view). */
const fullyVisible = (element: Locator) =>
  element.evaluate((node) => {
    const box = node.getBoundingClientRect();
    if (box.left < 0 || box.top < 0 || box.right > window.innerWidth) return false;
    for (let parent = node.parentElement; parent; parent = parent.parentElement) {
      const style = getComputedStyle(parent);
      if (style.overflowX === 'visible') continue;
      const frame = parent.getBoundingClientRect();
      if (box.left < frame.left - 1 || box.right > frame.right + 1) return false;
    }
    return true;
  });

describe('hostile long text', () => {
  it('专家审核 keeps a 2,000-character unbroken opinion inside the page, the 审核 button in view and a three-character name on one line', async () => {
    const { admin, account } = await seedHostileExpert();
    const page = await newPage();
    await signInContext(page.context(), baseUrl, admin);
    await page.goto(`${baseUrl}/action/expert-review`, { waitUntil: 'networkidle' });
    const row = page.locator(`tr[data-account="${account}"]`);
    await row.waitFor();
    expect(await row.locator('[data-col="lastReview"]').innerText()).toContain('AAAA');

    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(2);
    const table = page.locator('.table-scroll');
    expect(await table.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(2);
    const review = row.getByRole('link', { name: '审核' });
    expect(await fullyVisible(review)).toBe(true);
    expect(await textLines(row.locator('td.cell-name'))).toBe(1);
    // The list shows the start of the opinion; the row stays a few lines high.
    expect((await row.boundingBox())?.height ?? Infinity).toBeLessThan(200);

    // The detail page: the whole opinion in 审核记录, wrapped; the form still reachable.
    await review.click();
    await page.waitForURL((url) => url.pathname.startsWith('/action/expert-review/'));
    const opinion = page.locator('.record .opinion');
    expect(await opinion.innerText()).toBe(hostileOpinion);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(2);
    expect(await fullyVisible(page.getByRole('button', { name: '提交审核' }))).toBe(true);
    expect(await fullyVisible(opinion)).toBe(true);
  });

  it('账号管理 keeps a long 所属职务 inside the page and the three-character name on one line', async () => {
    const { admin, account } = await seedHostileExpert();
    const page = await newPage();
    await signInContext(page.context(), baseUrl, admin);
    await page.goto(`${baseUrl}/users/accounts`, { waitUntil: 'networkidle' });
    const row = page.locator(`tr[data-account="${account}"]`);
    await row.waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(2);
    expect(await textLines(row.locator('td.cell-name'))).toBe(1);
    expect(await fullyVisible(row.getByRole('button', { name: '禁用' }))).toBe(true);
  });
});
