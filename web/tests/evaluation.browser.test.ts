import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Types } from 'mongoose';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { UserModel } from '@panhuo/api/features/accounts/model';
import { pushTo } from '@panhuo/api/features/evaluations/fixtures';
import { ExpertModel } from '@panhuo/api/features/experts/model';
import { markRosterChanged } from '@panhuo/api/features/experts/roster';
import { syncMongoIndexes } from '@panhuo/api/infra/mongo';
import type { TestUser } from '@panhuo/api/test/auth-helpers';
import { buildPatent } from '@panhuo/api/test/factories';
import { useBrowser } from './chromium';
import { connectTestDb, createUser, disconnectTestDb, signedInPage } from './sign-in';

// The evaluation workflow in Chromium: an expert rates → the admin reviews and submits the 企业自评 → the
// expert's form is locked with the reason shown → the university receives only the official evaluation.

const baseUrl = inject('baseUrl');
const browser = useBrowser();
const screenshotDir = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  '.stack',
  'test',
  'screenshots',
);
const screenshot = (page: Page, name: string) =>
  page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });

const advice = '中试数据充分，建议与电池事业部对接（专家内部意见）';
const opinion = '与本企业动力电池产品线契合，拟洽谈许可';

let admin: TestUser;
let expert: TestUser;
let university: TestUser;
let patentId: string;

/** Renames an account (createUser names everyone 测试用户). */
async function rename(user: TestUser, name: string): Promise<void> {
  await UserModel.updateOne({ _id: new Types.ObjectId(user.id) }, { $set: { name } });
}

beforeAll(async () => {
  mkdirSync(screenshotDir, { recursive: true });
  await connectTestDb();
  // Another file may have dropped the suite's database; the unique indexes hold the evaluation rules.
  await syncMongoIndexes();
  admin = await createUser({ role: 'enterprise_admin' });
  await rename(admin, '孙管理员');
  expert = await createUser({ role: 'expert', enterpriseId: admin.enterpriseId! });
  await rename(expert, '钱专家');
  const enterpriseId = new Types.ObjectId(admin.enterpriseId!);
  await ExpertModel.create({
    _id: new Types.ObjectId(expert.id),
    enterpriseId,
    name: '钱专家',
    account: expert.account,
    phone: '13912345678',
    position: '总工程师',
    status: 'approved',
    queueRank: 1,
    statusChangedAt: new Date(),
    info: {
      title: '高级工程师',
      strategicIndustries: ['5.2'],
      economicIndustries: ['38'],
      resume: '长期从事锂离子电池研发。',
      contact: '0571-86700000',
    },
    round: 1,
    decidedAt: new Date(),
  });
  await markRosterChanged(enterpriseId);
  const patent = await buildPatent({ title: '一种用于评价流程测试的锂电池隔膜' });
  patentId = patent._id.toHexString();
  await pushTo(patent._id, admin.enterpriseId!);
  university = await createUser({ role: 'university', institutionId: patent.institutionId.toHexString() });
}, 60_000);

afterAll(async () => {
  await disconnectTestDb();
});

const pageAs = (user: TestUser) => signedInPage(browser, baseUrl, user);

const detail = () => `${baseUrl}/evaluation-library/${patentId}`;

describe('专利评价 from the expert to the university', () => {
  it('expert rates, admin reviews and submits 企业自评, the expert is locked out, the university sees the official one', async () => {
    // 1. The expert: 我要评价 with the manual's star meanings.
    const expertPage = await pageAs(expert);
    await expertPage.goto(detail(), { waitUntil: 'networkidle' });
    await expect(expertPage.getByRole('heading', { name: '我要评价' }).isVisible()).resolves.toBe(true);
    for (const meaning of ['5星代表该专利技术成熟度高，可直接用于产业', '1星代表无潜在价值和产业化前景']) {
      await expect(expertPage.getByText(meaning).isVisible()).resolves.toBe(true);
    }
    await expertPage.getByLabel('评价建议').fill(advice);
    await expertPage.getByLabel('4星代表该专利具有较高的潜在价值和产业化前景').check();
    await screenshot(expertPage, 'evaluation-expert-form');
    await expertPage.getByRole('button', { name: '提交评价' }).click();
    await expertPage.getByText('评价已提交，等待企业审核。').waitFor();
    const mine = expertPage.getByLabel('我的评价');
    await expect(mine.getByText('待审核').isVisible()).resolves.toBe(true);
    await expect(mine.getByText(advice).isVisible()).resolves.toBe(true);

    // 2. The admin: the expert's evaluation, 通过, then the 企业自评.
    const adminPage = await pageAs(admin);
    await adminPage.goto(detail(), { waitUntil: 'networkidle' });
    const row = adminPage.getByLabel('专家钱专家的评价');
    await expect(row.getByText(advice).isVisible()).resolves.toBe(true);
    await expect(adminPage.getByText('平均 4 星').isVisible()).resolves.toBe(true);
    await row.getByRole('button', { name: '通过' }).click();
    await row.getByText('已通过').first().waitFor();

    await adminPage.getByLabel('3星代表该专利具有一定的潜在价值和产业化前景').check();
    await adminPage.getByLabel('评价意见').fill(opinion);
    await adminPage.getByRole('button', { name: '提交企业评价' }).click();
    await adminPage.getByLabel('已提交的企业自评').waitFor();
    await expect(adminPage.getByLabel('已提交的企业自评').getByText(opinion).isVisible()).resolves.toBe(true);
    await screenshot(adminPage, 'evaluation-admin');

    // 专利评价管理 lists the reviewed evaluation.
    await adminPage.goto(`${baseUrl}/evaluation-management?state=approved`, { waitUntil: 'networkidle' });
    const managed = adminPage.getByRole('table', { name: '专家评价列表' });
    await expect(managed.getByText('钱专家').isVisible()).resolves.toBe(true);
    await expect(managed.getByText('企业已评').isVisible()).resolves.toBe(true);
    await screenshot(adminPage, 'evaluation-management');

    // 3. The expert again: locked, with who and when, and no form.
    await expertPage.reload({ waitUntil: 'networkidle' });
    const lock = expertPage.getByRole('status').filter({ hasText: '已锁定' });
    await expect(lock.textContent()).resolves.toMatch(
      /企业管理员孙管理员已于\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}提交企业自评，专家评价已锁定/,
    );
    await expect(expertPage.getByRole('button', { name: '修改评价' }).count()).resolves.toBe(0);
    await expect(expertPage.getByRole('radio').count()).resolves.toBe(0);
    await screenshot(expertPage, 'evaluation-expert-locked');
    await expect(expertPage.getByLabel('我的评价').getByText(advice).isVisible()).resolves.toBe(true);

    // 4. The university: the official evaluation, nothing of the expert's.
    const universityPage = await pageAs(university);
    const received = await universityPage.request.get(
      `${baseUrl}/api/university/evaluations?patentId=${patentId}`,
    );
    expect(received.status()).toBe(200);
    const body = (await received.json()) as {
      items: { opinion: string; stars: number; enterpriseName: string }[];
    };
    expect(body.items).toHaveLength(1);
    expect(body.items[0]).toMatchObject({ opinion, stars: 3 });
    const text = JSON.stringify(body);
    expect(text).not.toContain(advice);
    expect(text).not.toContain('钱专家');
    // The evaluation page is the enterprise's: the university gets the refusal page.
    const refused = await universityPage.goto(detail(), { waitUntil: 'networkidle' });
    expect(refused?.status()).toBe(403);
    await expect(universityPage.content()).resolves.not.toContain(advice);
  });
});
