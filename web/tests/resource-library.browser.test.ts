import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { exportHeaders } from '@panhuo/api/features/patent-export/workbook';
import type { TestUser } from '@panhuo/api/test/auth-helpers';
import { launchChromium } from './chromium';
import { addBulkPatents, dropLibrary, seedLibrary } from './seed-library';
import type { SeededLibrary } from './seed-library';
import { createUser, signInContext } from './sign-in';

const baseUrl = inject('baseUrl');
const stackDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '.stack', 'test');
const screenshotDir = join(stackDir, 'screenshots');
const downloadDir = join(stackDir, 'downloads');

let browser: Browser;
let context: BrowserContext | undefined;
let seeded: SeededLibrary;
let admin: TestUser;
let expert: TestUser;

beforeAll(async () => {
  seeded = await seedLibrary();
  // The library is for signed-in users; created after the seed, which starts from an empty database.
  admin = await createUser({ role: 'enterprise_admin' });
  expert = await createUser({ role: 'expert', enterpriseId: admin.enterpriseId ?? undefined });
  browser = await launchChromium();
  mkdirSync(screenshotDir, { recursive: true });
  mkdirSync(downloadDir, { recursive: true });
}, 120_000);

afterEach(async () => {
  await context?.close();
  context = undefined;
});

afterAll(async () => {
  await browser?.close();
  await dropLibrary();
});

/** A fresh page of a signed-in 企业管理员 (or `user`) at the given width, loaded and hydrated. */
async function open(path: string, width = 1280, javaScriptEnabled = true, user = admin): Promise<Page> {
  context = await browser.newContext({
    viewport: { width, height: 900 },
    locale: 'zh-CN',
    javaScriptEnabled,
  });
  await signInContext(context, baseUrl, user);
  const page = await context.newPage();
  await page.goto(`${baseUrl}${path}`, { waitUntil: 'networkidle' });
  return page;
}

/** The "共 N 条" of the result list. */
async function totalOf(page: Page): Promise<number> {
  return Number(await page.locator('[data-total]').getAttribute('data-total'));
}

const cards = (page: Page) => page.locator('article.patent-card');
const cardIds = (page: Page) =>
  cards(page).evaluateAll((els) => els.map((el) => el.getAttribute('data-patent-id')));
/** One labelled value of every result card, e.g. 登记入库时间. */
const cardValues = (page: Page, label: string) =>
  cards(page).locator(`dl.meta > div:has(dt:text-is("${label}")) > dd`).allInnerTexts();
const screenshot = (page: Page, name: string, fullPage = true) =>
  page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage });

describe('专利转化资源库', () => {
  it('searches, highlights, sorts, narrows by a facet, opens a detail page and comes back', async () => {
    const page = await open('/resource-library');
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('专利转化资源库');
    expect(await totalOf(page)).toBe(seeded.total);

    const box = page.getByRole('searchbox', { name: '检索词' });
    expect(await box.getAttribute('maxlength')).toBe('100');
    expect(await box.getAttribute('placeholder')).toBe('输入关键词、专利名称或申请号');
    await box.fill('电池');
    await page.getByRole('button', { name: '检索', exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('q') === '电池');
    await expect.poll(() => totalOf(page)).toBe(seeded.keywordCounts['电池']);
    expect(await page.locator('[data-total]').innerText()).toBe(`共 ${seeded.keywordCounts['电池']} 条`);

    // Matched words are marked in titles and abstracts, as text inside <mark>.
    const titleMarks = cards(page).locator('h3 mark');
    expect(await titleMarks.count()).toBeGreaterThan(0);
    expect(await titleMarks.first().innerText()).toContain('电池');
    expect(await cards(page).locator('.snippet mark').first().isVisible()).toBe(true);
    await screenshot(page, 'resource-library');

    // Sort by 登记入库时间, oldest first: the select submits itself and the URL carries the order.
    await page.getByLabel('排序').selectOption('registeredAt:asc');
    await page.waitForURL((url) => url.searchParams.get('sort') === 'registeredAt:asc');
    await expect
      .poll(async () => {
        const dates = await cardValues(page, '登记入库时间');
        return dates.length > 1 && dates.every((d, i) => i === 0 || dates[i - 1]! <= d);
      })
      .toBe(true);
    const ascending = await cardValues(page, '登记入库时间');
    expect(ascending[0]! < ascending.at(-1)!).toBe(true);
    expect(await page.getByRole('searchbox', { name: '检索词' }).inputValue()).toBe('电池');

    // Facet: the count beside 实用新型 is what the narrowed list shows; the URL and a chip say so.
    const facet = page.locator('a[data-facet="patentType"][data-value="utility_model"]');
    const facetCount = Number(await facet.locator('.count').innerText());
    expect(facetCount).toBeGreaterThan(0);
    expect(facetCount).toBeLessThan(seeded.keywordCounts['电池']!);
    await facet.click();
    await page.waitForURL((url) => url.searchParams.getAll('patentType').includes('utility_model'));
    await expect.poll(() => totalOf(page)).toBe(facetCount);
    expect(new URL(page.url()).searchParams.get('sort')).toBe('registeredAt:asc');
    expect(await cards(page).count()).toBe(facetCount);
    expect(new Set(await cards(page).locator('.badge.type').allInnerTexts())).toEqual(new Set(['实用新型']));
    const chip = page.getByRole('link', { name: '移除条件 专利类型：实用新型' });
    expect(await chip.isVisible()).toBe(true);
    expect(await facet.getAttribute('class')).toContain('selected');
    const resultsUrl = page.url();

    // Detail page: every section, then back to the same results.
    const firstTitle = cards(page).first().locator('h3 a');
    const title = await firstTitle.innerText();
    await firstTitle.click();
    await page.waitForURL((url) => url.pathname.startsWith('/patents/'));
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    for (const section of ['基本信息', '摘要', '主权项', '建档信息', '登记信息', '产业分类', '合作方式'])
      expect(await page.getByRole('heading', { level: 2, name: section }).isVisible(), section).toBe(true);
    const back = page.getByRole('link', { name: '← 返回检索结果' });
    expect(await back.getAttribute('href')).toBe(resultsUrl.slice(baseUrl.length));

    await page.goBack();
    await page.waitForURL(resultsUrl);
    await expect.poll(() => totalOf(page)).toBe(facetCount);
    expect(await chip.isVisible()).toBe(true);
  });

  it('shows every field, the 建档信息 and the portfolio of a patent', async () => {
    const page = await open(`/patents/${seeded.sample.id}`);
    expect(await page.title()).toBe(`${seeded.sample.title} · 专利详情 · 盘活行动`);
    const basic = page.getByRole('region', { name: '基本信息' });
    const fact = (region: typeof basic, label: string) =>
      region.locator(`.fact:has(dt:text-is("${label}")) dd`).innerText();
    expect(await fact(basic, '申请号')).toBe(seeded.sample.applicationNumber);
    expect(await fact(basic, '公开(公告)号')).toBe(seeded.sample.publicationNumber);
    expect(await fact(basic, '专利类型')).toBe('发明');
    expect(await fact(basic, 'IPC主分类号')).toBe(
      'H01M 4/36（用于直接转变化学能为电能的方法或装置，例如电池组）',
    );
    expect(await fact(basic, '申请(专利权)人')).toBe('浙江大学');
    expect(await fact(basic, '代理机构')).toBe('杭州求是专利事务所有限公司');

    const dossier = page.getByRole('region', { name: '建档信息' });
    expect(['实验室阶段', '小试', '中试', '小批量生产', '可量产']).toContain(
      await fact(dossier, '技术成熟度'),
    );
    expect(await fact(dossier, '应用场景')).toBe('新能源汽车动力电池、电化学储能电站');
    expect(await fact(dossier, '联系方式')).toMatch(/老师 0571-8795\d{4}$/);
    expect(await fact(dossier, '交易条件')).toBe('转让价格面议，可分期付款');

    const registration = page.getByRole('region', { name: '登记信息' });
    expect(await fact(registration, '登记入库时间')).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    const industries = page.getByRole('region', { name: '产业分类' });
    expect(await industries.innerText()).toContain('新能源汽车装置、配件制造');
    expect(await industries.innerText()).toContain('电气机械和器材制造业');

    const portfolioLink = page.getByRole('region', { name: '所属组合专利' }).getByRole('link');
    expect(await portfolioLink.innerText()).toBe(seeded.portfolio.name);
    await screenshot(page, 'patent-detail');

    await portfolioLink.click();
    await page.waitForURL(`${baseUrl}/portfolios/${seeded.portfolio.id}`);
    await page.getByRole('heading', { level: 1, name: seeded.portfolio.name }).waitFor();
    expect((await cardIds(page)).sort()).toEqual([...seeded.portfolio.patentIds].sort());
    expect(await page.locator('.summary').innerText()).toContain('3 件');
    await screenshot(page, 'portfolio');
  });

  it('links a result card’s 组合专利 badge to the portfolio page', async () => {
    const page = await open(`/resource-library?q=${encodeURIComponent('电池')}`);
    const badges = page.locator('a.badge.portfolio');
    expect(await badges.count()).toBe(seeded.portfolio.patentIds.length);
    await badges.first().click();
    await page.waitForURL((url) => url.pathname === `/portfolios/${seeded.portfolio.id}`);
    await page.getByRole('heading', { level: 1, name: seeded.portfolio.name }).waitFor();
    expect(await cards(page).count()).toBe(3);
    // 返回 leads back to the search it came from, not to an empty 资源库.
    await page.getByRole('link', { name: '← 返回检索结果' }).click();
    await page.waitForURL(
      (url) => url.pathname === '/resource-library' && url.searchParams.get('q') === '电池',
    );
  });

  it('pages by number and by cursor, and changes the page size', async () => {
    const page = await open('/resource-library');
    const first = await cardIds(page);
    expect(first).toHaveLength(20);
    const pager = page.getByRole('navigation', { name: '分页' });
    const next = pager.getByRole('link', { name: '下一页' });
    expect(await next.getAttribute('href')).toContain('cursor=');
    await next.click();
    await page.waitForURL((url) => url.searchParams.has('cursor'));
    await expect.poll(async () => (await cardIds(page))[0]).not.toBe(first[0]);
    const second = await cardIds(page);
    expect(second).toHaveLength(seeded.total - 20);
    expect(second.filter((id) => first.includes(id))).toEqual([]);
    expect(await pager.locator('[aria-current="page"]').innerText()).toContain('2');

    await pager.getByRole('link', { name: '第 1 页' }).click();
    await page.waitForURL(`${baseUrl}/resource-library`);
    await expect.poll(() => cardIds(page)).toEqual(first);

    await page.getByLabel('每页').selectOption('50');
    await page.waitForURL((url) => url.searchParams.get('size') === '50');
    await expect.poll(() => cards(page).count()).toBe(seeded.total);
    expect(await page.getByRole('navigation', { name: '分页' }).count()).toBe(0);
  });

  it('applies the 高级检索 panel as one canonical URL and clears it with 清除全部', async () => {
    const page = await open('/resource-library');
    await page.getByText('高级检索', { exact: true }).click();
    await page.getByRole('checkbox', { name: '审中' }).check();
    await page
      .getByRole('group', { name: '战略性新兴产业' })
      .getByRole('checkbox', { name: '节能环保产业' })
      .check();
    await page.getByRole('button', { name: '按条件检索' }).click();
    await page.waitForURL(`${baseUrl}/resource-library?strategicIndustries=7&legalStatus=pending`);
    await expect.poll(() => totalOf(page)).toBe(seeded.pendingCounts['污水']);
    expect(await page.getByRole('link', { name: '移除条件 法律状态：审中' }).isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: '移除条件 战略性新兴产业：节能环保产业' }).isVisible()).toBe(
      true,
    );

    await page.getByRole('link', { name: '清除全部' }).click();
    await page.waitForURL(`${baseUrl}/resource-library`);
    await expect.poll(() => totalOf(page)).toBe(seeded.total);
  });

  it('exports the visible results as XLSX with the header row and one row per result', async () => {
    const page = await open('/resource-library?strategicIndustries=7');
    const total = await totalOf(page);
    expect(total).toBe(seeded.keywordCounts['污水']);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '导出', exact: true }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^专利转化资源库-导出-\d{8}\.xlsx$/);
    const file = join(downloadDir, 'resource-library-export.xlsx');
    await download.saveAs(file);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(1).getCell(2).value).toBe('基本信息');
    expect((sheet.getRow(2).values as unknown[]).slice(1)).toEqual(exportHeaders);
    expect(sheet.rowCount - 2).toBe(total);
    const titles = new Set<string>();
    for (let row = 3; row <= sheet.rowCount; row += 1)
      titles.add(String(sheet.getRow(row).getCell(exportHeaders.indexOf('发明名称') + 1).value));
    expect([...titles].every((t) => t.includes('污水'))).toBe(true);
    expect(await page.getByRole('status').filter({ hasText: '已导出' }).innerText()).toBe(
      `已导出 ${total} 条`,
    );
  });

  it('shows the empty state for a query nothing matches, with a way back', async () => {
    const page = await open('/resource-library?q=qwzxvbnm');
    expect(await page.getByRole('heading', { name: '没有找到符合条件的专利' }).isVisible()).toBe(true);
    expect(await totalOf(page)).toBe(0);
    expect(await page.getByRole('button', { name: '导出', exact: true }).isDisabled()).toBe(true);
    await screenshot(page, 'resource-library-empty');
    await page.getByRole('link', { name: '清除全部条件' }).click();
    await page.waitForURL(`${baseUrl}/resource-library`);
    await expect.poll(() => totalOf(page)).toBe(seeded.total);
  });

  it('moves focus to the results after a search, and its skip link jumps there from the search box', async () => {
    const page = await open('/resource-library');
    const activeId = () => page.evaluate(() => document.activeElement?.id ?? '');
    await page.getByRole('searchbox', { name: '检索词' }).fill('电池');
    await page.getByRole('button', { name: '检索', exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('q') === '电池');
    await expect.poll(activeId).toBe('results-heading');
    // The skip link right after the search form shows when focused and jumps past the facets.
    await page.getByRole('searchbox', { name: '检索词' }).focus();
    const skip = page.getByRole('link', { name: '跳到检索结果' });
    await skip.focus();
    expect(await skip.isVisible()).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(activeId).toBe('results-heading');
  });

  it('answers words no patent holds together with the patents holding some, saying which words each lacks', async () => {
    // 电池 is in the battery titles, qwzxvbnm nowhere: a partial answer instead of nothing.
    const page = await open(`/resource-library?q=${encodeURIComponent('电池 qwzxvbnm')}`);
    const notice = page.getByRole('note');
    expect(await notice.textContent()).toContain('未找到同时包含全部关键词（电池、qwzxvbnm）的专利');
    expect(await totalOf(page)).toBeGreaterThan(0);
    const firstCard = page.locator('article.patent-card').first();
    expect(await firstCard.locator('.missing').textContent()).toBe('缺少：qwzxvbnm');
    await screenshot(page, 'resource-library-partial');
  });

  it('shows the API’s Chinese field message for an unknown filter code, keeping the search form', async () => {
    const page = await open('/resource-library?strategicIndustries=99');
    const alert = page.getByRole('alert');
    expect(await alert.getByRole('heading').innerText()).toBe('检索条件有误');
    expect(await alert.innerText()).toContain('战略性新兴产业：未知的战略性新兴产业代码：99');
    expect(await page.getByRole('searchbox', { name: '检索词' }).isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: '移除条件 战略性新兴产业：99' }).isVisible()).toBe(true);
    await screenshot(page, 'resource-library-error');
  });

  it('answers unknown patents and portfolios with the Chinese 404 page', async () => {
    const page = await open('/');
    for (const [path, title] of [
      ['/patents/0123456789abcdef01234567', '专利不存在'],
      ['/patents/not-an-id', '专利不存在'],
      ['/portfolios/0123456789abcdef01234567', '组合专利不存在'],
    ] as const) {
      const response = await page.goto(`${baseUrl}${path}`);
      expect(response?.status(), path).toBe(404);
      expect(await page.getByRole('heading', { level: 1 }).innerText(), path).toBe(title);
      expect(await page.getByRole('link', { name: '返回专利转化资源库' }).isVisible()).toBe(true);
    }
  });

  it('works without JavaScript: the search form and facet links are plain GETs', async () => {
    const page = await open('/resource-library', 1280, false);
    await page.getByRole('searchbox', { name: '检索词' }).fill('电池');
    await page.getByRole('searchbox', { name: '检索词' }).press('Enter');
    // The submitted form's empty fields are redirected away: one canonical, shareable address.
    await page.waitForURL(`${baseUrl}/resource-library?q=${encodeURIComponent('电池')}`);
    expect(await totalOf(page)).toBe(seeded.keywordCounts['电池']);
    await page.locator('a[data-facet="legalStatus"][data-value="valid"]').click();
    await page.waitForURL((url) => url.searchParams.get('legalStatus') === 'valid');
    expect(await totalOf(page)).toBeLessThan(seeded.keywordCounts['电池']!);
  });

  it('fits a 375 px phone: no sideways scrolling, the facets fold behind a button', async () => {
    const page = await open(`/resource-library?q=${encodeURIComponent('电池')}`, 375);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    const toggle = page.getByRole('button', { name: /按分类筛选/ });
    const facets = page.locator('#facet-panel-body');
    expect(await facets.isVisible()).toBe(false);
    await screenshot(page, 'resource-library-375');
    await toggle.click();
    await facets.waitFor({ state: 'visible' });
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');

    await page.goto(`${baseUrl}/patents/${seeded.sample.id}`, { waitUntil: 'networkidle' });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await screenshot(page, 'patent-detail-375');
  });
});

// Last: it adds 1000 patents to the suite's data.
describe('who sees what', () => {
  it('sends a visitor to the login page, and shows an expert the results without 导出 (仅查看)', async () => {
    context = await browser.newContext({ locale: 'zh-CN' });
    const anonymous = await context.newPage();
    await anonymous.goto(`${baseUrl}/resource-library`, { waitUntil: 'networkidle' });
    expect(new URL(anonymous.url()).pathname).toBe('/login');
    await context.close();

    const page = await open('/resource-library', 1280, true, expert);
    expect(await totalOf(page)).toBe(seeded.total);
    expect(await cards(page).count()).toBeGreaterThan(0);
    expect(await page.getByRole('button', { name: '导出', exact: true }).count()).toBe(0);
  });
});

describe('导出 of more than 1000 matches', () => {
  it('shows the API’s refusal, then asks for 导出条数 and exports exactly that many rows', async () => {
    const page = await open('/resource-library');
    expect(await totalOf(page)).toBe(seeded.total);
    // The library grows past 1000 while the page is open: the plain export is refused with the API's words.
    await addBulkPatents(1000);
    await page.getByRole('button', { name: '导出', exact: true }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).toBe(
      `当前检索结果共 ${seeded.total + 1000} 条，每次最多导出 1000 条，请缩小检索范围或指定导出条数`,
    );

    await page.reload({ waitUntil: 'networkidle' });
    expect(await totalOf(page)).toBe(seeded.total + 1000);
    await page.locator('details.limit-panel > summary').click();
    const panel = page.locator('details.limit-panel form');
    expect(await panel.innerText()).toContain('每次最多导出1000条');
    const limit = page.getByLabel('导出条数');
    expect(await limit.inputValue()).toBe('1000');
    await screenshot(page, 'resource-library-export-limit', false);
    await limit.fill('25');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      panel.getByRole('button', { name: '导出' }).click(),
    ]);
    const file = join(downloadDir, 'resource-library-export-limit.xlsx');
    await download.saveAs(file);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    expect(workbook.worksheets[0]!.rowCount - 2).toBe(25);
  });
});
