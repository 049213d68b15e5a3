import { randomBytes } from 'node:crypto';
import type { Client } from '@elastic/elasticsearch';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '@panhuo/api/config';
import { InstitutionModel } from '@panhuo/api/features/institutions/model';
import type { PatentDoc } from '@panhuo/api/features/patents/model';
import { PatentModel } from '@panhuo/api/features/patents/model';
import { createEsClient } from '@panhuo/api/infra/elasticsearch';
import { syncMongoIndexes } from '@panhuo/api/infra/mongo';
import type { TestUser } from '@panhuo/api/test/auth-helpers';
import { buildPatent } from '@panhuo/api/test/factories';
import { ensurePatentIndex } from '@panhuo/indexer/patent-index';
import { syncOnce } from '@panhuo/indexer/sync';
import { useBrowser } from './chromium';
import { connectTestDb, createUser, disconnectTestDb, signedInPage } from './sign-in';

// 组合专利 in Chromium: a university user builds a portfolio from two of its registered patents, found in
// the form's search → the portfolio page shows it with both patents, and their search documents carry it.

const baseUrl = inject('baseUrl');
const browser = useBrowser();
const PREFIX = 'panhuo-web-browser';

let es: Client;
let university: TestUser;
let admin: TestUser;
let word: string;
let patents: PatentDoc[];

beforeAll(async () => {
  await connectTestDb();
  await syncMongoIndexes();
  es = createEsClient(loadConfig({ ...process.env, ES_INDEX_PREFIX: PREFIX, LOG_LEVEL: 'silent' }));
  await ensurePatentIndex(es, PREFIX);
  university = await createUser({ role: 'university' });
  admin = await createUser({ role: 'enterprise_admin' });
  const institutionName = (await InstitutionModel.findById(university.institutionId).lean())!.name;
  word = `氮化镓${randomBytes(3).toString('hex')}`;
  patents = [
    await buildPatent({ institutionName, title: `一种${word}功率器件的外延结构` }),
    await buildPatent({ institutionName, title: `一种${word}功率器件的封装方法` }),
  ];
  await syncOnce(es, PREFIX, { refresh: true });
}, 60_000);

afterAll(async () => {
  await es?.close();
  await disconnectTestDb();
});

const pageAs = (user: TestUser) => signedInPage(browser, baseUrl, user, 15_000);

describe('组合专利', () => {
  it('a portfolio built in the browser shows on the portfolio page with its patents', async () => {
    const page = await pageAs(university);
    await page.goto(`${baseUrl}/university/portfolios/new`, { waitUntil: 'networkidle' });
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('新建组合专利');
    const name = `${word}功率器件组合`;
    await page.getByLabel('组合名称').fill(name);
    await page.getByLabel('组合说明').fill('外延与封装一并许可');
    await page.locator('#candidate-q').fill(word);
    await page.getByRole('search').getByRole('button', { name: '检索' }).click();
    const candidates = page.getByTestId('portfolio-candidates').locator('li[data-id]');
    await expect.poll(() => candidates.count()).toBe(2);
    for (const patent of patents)
      await page
        .locator(`[data-testid="portfolio-candidates"] li[data-id="${patent._id.toHexString()}"] button`)
        .click();
    await expect.poll(() => page.getByTestId('portfolio-members').locator('li[data-id]').count()).toBe(2);
    await page.getByRole('button', { name: '保存' }).click();

    await page.waitForURL((url) => /^\/university\/portfolios\/[0-9a-f]{24}$/.test(url.pathname));
    const id = new URL(page.url()).pathname.split('/').pop() ?? '';
    await expect.poll(() => page.getByTestId('portfolio-saved').isVisible()).toBe(true);
    const stored = await PatentModel.find({ _id: { $in: patents.map((p) => p._id) } }).lean();
    for (const p of stored) expect(p.portfolioIds.map(String)).toEqual([id]);

    await syncOnce(es, PREFIX, { refresh: true });
    const viewer = await pageAs(admin);
    await viewer.goto(`${baseUrl}/portfolios/${id}`, { waitUntil: 'networkidle' });
    expect(await viewer.getByRole('heading', { level: 1 }).innerText()).toContain(name);
    const body = await viewer.locator('main').innerText();
    expect(body).toContain('外延与封装一并许可');
    expect(body).toContain('外延结构');
    expect(body).toContain('封装方法');
  });
});
