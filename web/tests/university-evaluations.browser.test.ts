import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Client } from '@elastic/elasticsearch';
import { Types } from 'mongoose';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '@panhuo/api/config';
import { EnterpriseModel, UserModel } from '@panhuo/api/features/accounts/model';
import { pushTo } from '@panhuo/api/features/evaluations/fixtures';
import { ExpertModel } from '@panhuo/api/features/experts/model';
import { markRosterChanged } from '@panhuo/api/features/experts/roster';
import { createEsClient } from '@panhuo/api/infra/elasticsearch';
import { syncMongoIndexes } from '@panhuo/api/infra/mongo';
import type { TestUser } from '@panhuo/api/test/auth-helpers';
import { buildInstitution, buildPatent } from '@panhuo/api/test/factories';
import { ensurePatentIndex } from '@panhuo/indexer/patent-index';
import { syncOnce } from '@panhuo/indexer/sync';
import { useBrowser } from './chromium';
import { connectTestDb, createUser, disconnectTestDb, signedInPage } from './sign-in';

// 高校院所 in Chromium: the university reads 企业评价 (the enterprise's official evaluation, nothing of its
// expert's), and the 数据看板 draws its ECharts charts (SVG in the page) whose figures lead to their lists.

const baseUrl = inject('baseUrl');
const browser = useBrowser();
const PREFIX = 'panhuo-web-browser';
const advice = '仅供企业内部的专家建议（看板浏览器测试）';
const expertName = '周专家看板';
const opinion = '契合本企业储能产品线，拟洽谈许可（看板测试）';
const enterpriseName = '看板浏览器测试储能科技有限公司';

const screenshotDir = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  '.stack',
  'test',
  'screenshots',
);

let es: Client;
let university: TestUser;

/** A signed-in page of the user. */
const pageAs = (user: TestUser) => signedInPage(browser, baseUrl, user);

/** A state-changing API call through the web server's /api proxy, as the signed-in page. */
async function send(page: Page, method: 'PUT' | 'POST', path: string, data: unknown) {
  const csrf = (await (await page.request.get(`${baseUrl}/api/auth/csrf`)).json()) as { csrfToken: string };
  const res = await page.request.fetch(`${baseUrl}${path}`, {
    method,
    data,
    headers: { 'x-csrf-token': csrf.csrfToken },
  });
  expect(res.status(), `${method} ${path}: ${await res.text()}`).toBeLessThan(300);
}

beforeAll(async () => {
  mkdirSync(screenshotDir, { recursive: true });
  await connectTestDb();
  await syncMongoIndexes();
  es = createEsClient(loadConfig({ ...process.env, ES_INDEX_PREFIX: PREFIX, LOG_LEVEL: 'silent' }));
  await ensurePatentIndex(es, PREFIX);

  const admin = await createUser({ role: 'enterprise_admin' });
  await EnterpriseModel.updateOne(
    { _id: new Types.ObjectId(admin.enterpriseId!) },
    { $set: { name: enterpriseName } },
  );
  const expert = await createUser({ role: 'expert', enterpriseId: admin.enterpriseId! });
  await UserModel.updateOne({ _id: new Types.ObjectId(expert.id) }, { $set: { name: expertName } });
  const enterpriseId = new Types.ObjectId(admin.enterpriseId!);
  await ExpertModel.create({
    _id: new Types.ObjectId(expert.id),
    enterpriseId,
    name: expertName,
    account: expert.account,
    phone: '13912345679',
    position: '总工程师',
    status: 'approved',
    queueRank: 1,
    statusChangedAt: new Date(),
    info: {
      title: '高级工程师',
      strategicIndustries: ['6'],
      economicIndustries: ['38'],
      resume: '长期从事储能研发。',
      contact: '0571-86700001',
    },
    round: 1,
    decidedAt: new Date(),
  });
  await markRosterChanged(enterpriseId);

  const institution = await buildInstitution({ name: `看板浏览器测试大学${Date.now()}` });
  const patent = await buildPatent({
    institutionName: institution.name,
    title: '一种用于数据看板测试的储能电池热管理系统',
    strategicIndustries: ['6', '6.1'],
  });
  const patentId = patent._id.toHexString();
  await pushTo(patent._id, admin.enterpriseId!);
  university = await createUser({ role: 'university', institutionId: institution._id.toHexString() });

  // The expert rates 5 stars; the admin publishes the 企业自评 with 3.
  const expertPage = await pageAs(expert);
  await send(expertPage, 'PUT', `/api/evaluation-library/patents/${patentId}/my-evaluation`, {
    stars: 5,
    advice,
  });
  const adminPage = await pageAs(admin);
  await send(adminPage, 'POST', `/api/evaluation-library/patents/${patentId}/enterprise-evaluation`, {
    stars: 3,
    opinion,
  });
  await expertPage.context().close();
  await adminPage.context().close();
  // The outbox → Elasticsearch, as the indexer process does within seconds.
  await syncOnce(es, PREFIX, { refresh: true });
}, 60_000);

afterAll(async () => {
  await es?.close();
  await disconnectTestDb();
});

describe('高校院所: 企业评价 and 数据看板', () => {
  it('shows the enterprise’s official evaluation and nothing of its expert’s', async () => {
    const page = await pageAs(university);
    await page.goto(`${baseUrl}/university/evaluations`, { waitUntil: 'networkidle' });
    await expect(page.getByRole('heading', { name: '企业评价', level: 1 }).isVisible()).resolves.toBe(true);
    const row = page.locator('tbody tr[data-id]');
    await expect(row.count()).resolves.toBe(1);
    await expect(row.locator('[data-col="enterprise"]').innerText()).resolves.toBe(enterpriseName);
    await expect(row.locator('[data-col="opinion"]').innerText()).resolves.toBe(opinion);
    await expect(row.locator('[data-col="stars"] [role="img"]').getAttribute('aria-label')).resolves.toBe(
      '3星',
    );
    const html = await page.content();
    expect(html).not.toContain(advice);
    expect(html).not.toContain(expertName);
    // The filter by stars: nothing with 5 (the expert's rating never counts).
    await page.selectOption('select[name="stars"]', '5');
    await page.getByRole('button', { name: '查询' }).click();
    await page.waitForURL(/stars=5/);
    await expect(page.locator('tbody tr[data-id]').count()).resolves.toBe(0);
    await page.context().close();
  });

  it('draws the dashboard’s charts, and a figure leads to the list behind it', async () => {
    const page = await pageAs(university);
    await page.goto(`${baseUrl}/university/dashboard`, { waitUntil: 'networkidle' });
    await page.locator('[data-charts-ready="true"]').waitFor();
    for (const chart of ['stars', 'intents', 'industries', 'months']) {
      await expect(page.locator(`[data-chart="${chart}"] svg`).count(), chart).resolves.toBe(1);
    }
    // The stars chart has drawn its bar: marks (paths) inside the SVG, and the 3星 column counts 1.
    await expect(page.locator('[data-chart="stars"] svg path').count()).resolves.toBeGreaterThan(1);
    await expect(page.locator('a[data-stars="3"]').innerText()).resolves.toBe('1');
    await expect(page.locator('a[data-stars="5"]').innerText()).resolves.toBe('0');
    await expect(page.locator('[data-figure="registered"] strong').innerText()).resolves.toBe('1');
    await expect(page.locator('[data-figure="pushed"] strong').innerText()).resolves.toBe('1');
    await expect(page.locator('[data-industry="6"]').innerText()).resolves.toBe('1');
    expect(await page.content()).not.toContain(advice);
    await page.screenshot({ path: join(screenshotDir, 'university-dashboard.png'), fullPage: true });

    await page.locator('[data-figure="evaluated"]').click();
    await page.waitForURL(`${baseUrl}/university/evaluations`);
    await expect(page.locator('tbody tr[data-id] [data-col="opinion"]').innerText()).resolves.toBe(opinion);

    await page.goBack({ waitUntil: 'networkidle' });
    await page.locator('a[data-stars="3"]').click();
    await page.waitForURL(/\/university\/evaluations\?stars=3$/);
    await expect(page.locator('tbody tr[data-id]').count()).resolves.toBe(1);
    await page.context().close();
  });
});
