import { randomBytes } from 'node:crypto';
import type { Client } from '@elastic/elasticsearch';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '@panhuo/api/config';
import { createEsClient } from '@panhuo/api/infra/elasticsearch';
import { syncMongoIndexes } from '@panhuo/api/infra/mongo';
import type { TestUser } from '@panhuo/api/test/auth-helpers';
import { buildPatent, buildPortfolio } from '@panhuo/api/test/factories';
import { ensurePatentIndex } from '@panhuo/indexer/patent-index';
import { syncOnce } from '@panhuo/indexer/sync';
import { useBrowser } from './chromium';
import { connectTestDb, createUser, disconnectTestDb, signedInPage } from './sign-in';

// 我有合作意向 on a 组合专利: the admin sends one from the portfolio's page and it reaches the
// institution's inbox under the portfolio's name; an expert sees no button there.

const baseUrl = inject('baseUrl');
const browser = useBrowser();

const PREFIX = 'panhuo-web-browser';
const name = `固态电池组合专利浏览器测试${randomBytes(3).toString('hex')}`;

let es: Client;
let admin: TestUser;
let expert: TestUser;
let university: TestUser;
let portfolioId: string;

beforeAll(async () => {
  await connectTestDb();
  await syncMongoIndexes();
  es = createEsClient(loadConfig({ ...process.env, ES_INDEX_PREFIX: PREFIX, LOG_LEVEL: 'silent' }));
  await ensurePatentIndex(es, PREFIX);
  admin = await createUser({ role: 'enterprise_admin' });
  expert = await createUser({ role: 'expert', enterpriseId: admin.enterpriseId! });
  const patent = await buildPatent({ title: `一种组合专利成员电解质${randomBytes(3).toString('hex')}` });
  portfolioId = (
    await buildPortfolio(patent, { name, description: '三件固态电池核心专利' })
  )._id.toHexString();
  university = await createUser({ role: 'university', institutionId: patent.institutionId.toHexString() });
  // The portfolio page lists its members from the index: mirror the patent (and its portfolio) there.
  await syncOnce(es, PREFIX, { refresh: true });
}, 60_000);

afterAll(async () => {
  await es?.close();
  await disconnectTestDb();
});

const pageAs = (user: TestUser) => signedInPage(browser, baseUrl, user);

describe('合作意向 from a 组合专利', () => {
  it('is sent from the portfolio page and arrives in the inbox under its name', async () => {
    const expertPage = await pageAs(expert);
    await expertPage.goto(`${baseUrl}/portfolios/${portfolioId}`, { waitUntil: 'networkidle' });
    await expect(expertPage.getByRole('heading', { level: 1 }).innerText()).resolves.toBe(name);
    await expect(expertPage.getByRole('link', { name: '我有合作意向' }).count()).resolves.toBe(0);

    const adminPage = await pageAs(admin);
    await adminPage.goto(`${baseUrl}/portfolios/${portfolioId}`, { waitUntil: 'networkidle' });
    await adminPage.getByRole('link', { name: '我有合作意向' }).click();
    await adminPage.getByRole('button', { name: '提交' }).waitFor();
    await expect(adminPage.getByText(name).first().isVisible()).resolves.toBe(true);
    await adminPage.getByRole('checkbox').first().check();
    await adminPage.getByLabel('需求描述').fill('希望整体受让该组合');
    await adminPage.getByLabel('最低预算（万元）').fill('100');
    await adminPage.getByLabel('最高预算（万元）').fill('300');
    await adminPage.getByLabel('期望合作时间').fill('2027年');
    await adminPage.getByRole('button', { name: '提交' }).click();
    await adminPage.getByText('合作意向已发送，高校院所将收到提醒。').waitFor();

    const universityPage = await pageAs(university);
    await universityPage.goto(`${baseUrl}/university/intents`, { waitUntil: 'networkidle' });
    const row = universityPage.getByRole('row').filter({ hasText: name });
    await expect(row.getByText('待查看').isVisible()).resolves.toBe(true);
  });
});
