import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import mongoose from 'mongoose';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '@panhuo/api/config';
import { InstitutionModel } from '@panhuo/api/features/institutions/model';
import { createEsClient } from '@panhuo/api/infra/elasticsearch';
import { ensurePatentIndex } from '@panhuo/indexer/patent-index';
import { useBrowser } from './chromium';
import { connectTestDb, createUser, disconnectTestDb, signInContext } from './sign-in';

const baseUrl = inject('baseUrl');
const screenshotDir = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  '.stack',
  'test',
  'screenshots',
);

/** Marks this run's institutions, so searches see only them whatever else the database holds. */
const tag = randomBytes(3).toString('hex');
/** The university the operator opens accounts for. */
const target = { name: `盘活测试理工大学${tag}`, kind: 'university', region: '浙江省杭州市' } as const;
/** An institute without a region (shows —), the one row of the 科研院所 filter. */
const institute = { name: `盘活测试能源研究所${tag}`, kind: 'institute' } as const;
/** Enough further universities that the search needs a second page of 20 rows. */
const fillers = Array.from({ length: 20 }, (_, i) => ({
  name: `盘活测试大学${tag}-${String(i + 1).padStart(2, '0')}`,
  kind: 'university' as const,
  region: '上海市',
}));

const browser = useBrowser();

beforeAll(async () => {
  mkdirSync(screenshotDir, { recursive: true });
  await connectTestDb();
  await InstitutionModel.insertMany([target, institute, ...fillers]);
  // The figures columns aggregate the patents index, which another file may have dropped.
  const es = createEsClient(
    loadConfig({ ...process.env, ES_INDEX_PREFIX: 'panhuo-web-browser', LOG_LEVEL: 'silent' }),
  );
  await ensurePatentIndex(es, 'panhuo-web-browser');
  await es.close();
});

afterAll(async () => {
  await disconnectTestDb();
});

/** A new browser (its own cookies) with one page. */
const newPage = () => browser.newPage();

/** An operator's browser on /operator/institutions, reached through the menu. */
async function operatorOnInstitutions(): Promise<Page> {
  const operator = await createUser({ role: 'operator' });
  const page = await newPage();
  await signInContext(page.context(), baseUrl, operator);
  await page.goto(`${baseUrl}/`, { waitUntil: 'networkidle' });
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '高校院所' }).click();
  await page.waitForURL(`${baseUrl}/operator/institutions`);
  await page.waitForLoadState('networkidle');
  return page;
}

const screenshot = (page: Page, name: string) =>
  page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });

/** Searches the list through its form and waits for the answer's URL. */
async function search(page: Page, text: string): Promise<void> {
  await page.getByRole('search').getByLabel('检索').fill(text);
  await page.getByRole('button', { name: '查询' }).click();
  await page.waitForURL((url) => url.searchParams.get('q') === text);
  await page.waitForLoadState('networkidle');
}

const rowOf = (page: Page, name: string) => page.locator(`tr[data-institution="${name}"]`);
const rowNames = (page: Page) =>
  page.locator('tr[data-institution]').evaluateAll((rows) => rows.map((row) => row.dataset.institution));

/** Opens the 开通账号 form of a row and fills it (not submitted). */
async function fillAccountForm(page: Page, name: string, account: string, holder: string) {
  await rowOf(page, name).getByRole('button', { name: '开通账号' }).click();
  const form = page.getByRole('region', { name: `为 ${name} 开通高校院所用户账号` });
  await form.getByLabel('使用人姓名').fill(holder);
  await form.getByLabel('账号', { exact: true }).fill(account);
  return form;
}

describe('高校院所 (operator console)', () => {
  it('lists institutions with kind, region and account count; searches, filters and pages by the URL', async () => {
    const page = await operatorOnInstitutions();
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('高校院所');
    const link = page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '高校院所' });
    expect(await link.getAttribute('aria-current')).toBe('page');
    expect(await page.locator('table thead th').allInnerTexts()).toEqual([
      '名称',
      '类型',
      '地区',
      '账号数',
      '登记专利',
      '已推送',
      '企业评价',
      '合作意向',
      '操作',
    ]);

    await search(page, tag);
    expect(await page.locator('[data-total]').innerText()).toBe('共 22 条');
    expect(await rowNames(page)).toHaveLength(20);
    const pager = page.getByRole('navigation', { name: '分页' });
    expect(await pager.innerText()).toContain('第 1 / 2 页');
    await pager.getByRole('link', { name: '下一页' }).click();
    await page.waitForURL((url) => url.searchParams.get('page') === '2' && url.searchParams.get('q') === tag);
    await page.waitForLoadState('networkidle');
    // By name (code point order): 盘活测试大学… ×20, then 盘活测试理工大学…, then 盘活测试能源研究所….
    expect(await rowNames(page)).toEqual([target.name, institute.name]);
    expect(await pager.innerText()).toContain('第 2 / 2 页');
    await screenshot(page, 'institutions-page-2');

    const instituteRow = rowOf(page, institute.name);
    expect(await instituteRow.locator('td').allInnerTexts()).toEqual([
      institute.name,
      '科研院所',
      '—',
      '0',
      '0',
      '0件 / 0家企业',
      '0',
      '0',
      '开通账号',
    ]);
    // Its registered patents: the 资源库 limited to the institution.
    expect(await instituteRow.locator('[data-col="registered"] a').getAttribute('href')).toMatch(
      /^\/resource-library\?institutionId=[0-9a-f]{24}$/,
    );
    expect(await rowOf(page, target.name).locator('td').nth(2).innerText()).toBe('浙江省杭州市');

    await page.getByLabel('单位类型').selectOption('institute');
    await page.getByRole('button', { name: '查询' }).click();
    await page.waitForURL((url) => url.searchParams.get('kind') === 'institute');
    await page.waitForLoadState('networkidle');
    expect(await rowNames(page)).toEqual([institute.name]);
    expect(new URL(page.url()).searchParams.get('page')).toBeNull();
    expect(await page.getByRole('navigation', { name: '分页' }).count()).toBe(0);

    await search(page, `不存在的单位${tag}`);
    expect(await page.locator('td.list-empty').innerText()).toBe('没有符合条件的高校院所');
  });

  it('opens an account whose one-time password lets the new university user in, to the first-login profile', async () => {
    const page = await operatorOnInstitutions();
    await search(page, target.name);
    expect(await rowNames(page)).toEqual([target.name]);
    const countCell = rowOf(page, target.name).locator('[data-col="accounts"]');
    const before = Number(await countCell.innerText());

    // The domain's message beside the field, the typed values kept, nothing created.
    const form = await fillAccountForm(page, target.name, 'ab', '科技处李老师');
    await form.getByRole('button', { name: '确定' }).click();
    await page.locator('#open-account-error').waitFor();
    expect(await page.locator('#open-account-error').innerText()).toBe('账号应为3–64位字母、数字或 _ . @ -');
    expect(await form.getByLabel('使用人姓名').inputValue()).toBe('科技处李老师');
    expect(await form.getByLabel('账号', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByTestId('created-account').count()).toBe(0);
    await screenshot(page, 'institutions-open-account-error');

    const account = `univ_${tag}`;
    await form.getByLabel('账号', { exact: true }).fill(account);
    await form.getByRole('button', { name: '确定' }).click();
    await page.getByTestId('created-account').waitFor();
    expect(await page.getByTestId('created-account').innerText()).toContain(target.name);
    expect(await page.getByTestId('created-login').innerText()).toBe(account);
    const initialPassword = await page.getByTestId('initial-password').innerText();
    expect(initialPassword).toMatch(/^\S{8,}$/);
    // The form closes and the row counts the new account.
    await expect.poll(() => form.count()).toBe(0);
    await expect.poll(() => countCell.innerText()).toBe(String(before + 1));
    await screenshot(page, 'institutions-account-opened');
    // Shown once: a reload no longer has it.
    await page.reload({ waitUntil: 'networkidle' });
    expect(await page.getByTestId('initial-password').count()).toBe(0);

    // The holder's own browser: login with the initial password, then the first-login profile first.
    const holder = await newPage();
    await holder.goto(`${baseUrl}/login`, { waitUntil: 'networkidle' });
    await holder.getByLabel('账号').fill(account);
    await holder.getByLabel('密码').fill(initialPassword);
    await holder.getByRole('button', { name: '登录' }).click();
    await holder.waitForURL((url) => url.pathname === '/profile/complete');
    expect(await holder.getByRole('heading', { level: 1 }).innerText()).toBe('完善注册信息');
    await holder.getByLabel('部门').fill('科学技术研究院');
    await holder.getByLabel('职务').fill('成果转化办公室主任');
    await holder.getByLabel('手机号').fill('13700137000');
    await holder.getByLabel('单位邮箱').fill(`${account}@example.edu.cn`);
    // Opened with a one-time password: the first login replaces it.
    await holder.getByLabel('初始密码').fill(initialPassword);
    await holder.getByLabel('新密码', { exact: true }).fill('Holder2026own');
    await holder.getByLabel('确认新密码').fill('Holder2026own');
    await holder.getByRole('button', { name: '保存' }).click();
    await holder.waitForURL(`${baseUrl}/`);
    expect(await holder.getByTestId('user-role').innerText()).toBe('高校院所用户');
  });

  it('answers a taken account (in any letter case) with a visible 409 message and keeps the form', async () => {
    const existing = await createUser({ role: 'university', account: `taken_${tag}` });
    const page = await operatorOnInstitutions();
    await search(page, target.name);
    const countCell = rowOf(page, target.name).locator('[data-col="accounts"]');
    const before = await countCell.innerText();

    // Accounts compare case-insensitively, so the upper-case spelling is the same, taken account.
    const form = await fillAccountForm(page, target.name, existing.account.toUpperCase(), '王老师');
    await form.getByRole('button', { name: '确定' }).click();
    const banner = page.locator('.alert.error[data-code="conflict"]');
    await banner.waitFor();
    expect(await banner.innerText()).toBe('该账号已被占用，请更换');
    expect(await form.locator('#open-account-error').innerText()).toBe('该账号已被占用，请更换');
    expect(await form.getByLabel('使用人姓名').inputValue()).toBe('王老师');
    expect(await page.getByTestId('initial-password').count()).toBe(0);
    expect(await countCell.innerText()).toBe(before);
    await screenshot(page, 'institutions-account-taken');
  });

  it('keeps other roles out of the page, its menu entry and its action', async () => {
    const admin = await createUser({ role: 'enterprise_admin' });
    const page = await newPage();
    await signInContext(page.context(), baseUrl, admin);
    await page.goto(`${baseUrl}/`, { waitUntil: 'networkidle' });
    const menu = page.getByRole('navigation', { name: '主导航' });
    expect(await menu.getByRole('link', { name: '高校院所', exact: true }).count()).toBe(0);

    const response = await page.goto(`${baseUrl}/operator/institutions`, { waitUntil: 'networkidle' });
    expect(response?.status()).toBe(403);
    expect(await page.getByText('仅平台运营人员可以访问此页面').count()).toBe(1);
    expect(await page.locator('tr[data-institution]').count()).toBe(0);

    // Form actions run without the layout's check: the API's own refusal must stop a hand-made POST.
    const [row] = await InstitutionModel.find({ name: target.name }).lean();
    const account = `sneaky_${tag}`;
    const post = await page.request.post(`${baseUrl}/operator/institutions?/openAccount`, {
      headers: { origin: baseUrl, 'x-sveltekit-action': 'true' },
      form: { institutionId: row!._id.toHexString(), account, name: '冒名' },
    });
    expect(await post.json()).toMatchObject({ type: 'failure', status: 403 });
    expect(await mongoose.connection.collection('users').countDocuments({ account })).toBe(0);
  });
});
