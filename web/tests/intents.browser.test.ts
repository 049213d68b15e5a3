import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { syncMongoIndexes } from '@panhuo/api/infra/mongo';
import type { TestUser } from '@panhuo/api/test/auth-helpers';
import { buildPatent } from '@panhuo/api/test/factories';
import { useBrowser } from './chromium';
import { connectTestDb, createUser, disconnectTestDb, signedInPage } from './sign-in';

// 我有合作意向 in Chromium: the admin sends an intent from the 资源库 detail → the university user finds it
// in 收到的合作意向 and answers 接受洽谈 → the admin sees the reply and the state. HTML typed into the form
// is shown as the text it is; the expert gets no button.

const baseUrl = inject('baseUrl');
const browser = useBrowser();

// Unique per run: the suite's database outlives a run, and the institution (浙江大学) is shared.
const title = `一种用于合作意向浏览器测试的固态电解质${randomBytes(3).toString('hex')}`;
const description = '<b>需要</b>中试线<script>window.__pwned = 1</script>';
const reply = '欢迎来校洽谈，请联系技术转移中心王老师';

let admin: TestUser;
let expert: TestUser;
let university: TestUser;
let patentId: string;

beforeAll(async () => {
  await connectTestDb();
  // Another file may have dropped the suite's database; the unique indexes hold the intent rules.
  await syncMongoIndexes();
  admin = await createUser({ role: 'enterprise_admin' });
  expert = await createUser({ role: 'expert', enterpriseId: admin.enterpriseId! });
  const patent = await buildPatent({ title });
  patentId = patent._id.toHexString();
  university = await createUser({ role: 'university', institutionId: patent.institutionId.toHexString() });
}, 60_000);

afterAll(async () => {
  await disconnectTestDb();
});

const pageAs = (user: TestUser) => signedInPage(browser, baseUrl, user);

describe('合作意向 from the 资源库 to the university and back', () => {
  it('admin sends, the university accepts with a message, the admin reads the reply and the state', async () => {
    // The expert: 仅查看, no button.
    const expertPage = await pageAs(expert);
    await expertPage.goto(`${baseUrl}/patents/${patentId}`, { waitUntil: 'networkidle' });
    await expect(expertPage.getByRole('heading', { level: 1 }).innerText()).resolves.toBe(title);
    await expect(expertPage.getByRole('link', { name: '我有合作意向' }).count()).resolves.toBe(0);

    // 1. The admin: 我有合作意向 from the patent's detail, the form prefilled with the contact.
    const adminPage = await pageAs(admin);
    await adminPage.goto(`${baseUrl}/patents/${patentId}`, { waitUntil: 'networkidle' });
    await adminPage.getByRole('link', { name: '我有合作意向' }).click();
    await adminPage.getByRole('button', { name: '提交' }).waitFor();
    await expect(adminPage.getByLabel('联系电话').inputValue()).resolves.toBe('13800138000');
    // Only the modes the patent offers (转让, 普通许可).
    await expect(adminPage.getByRole('checkbox').count()).resolves.toBe(2);
    await adminPage.getByLabel('转让', { exact: true }).check();
    await adminPage.getByLabel('需求描述').fill(description);
    await adminPage.getByLabel('最低预算（万元）').fill('50');
    await adminPage.getByLabel('最高预算（万元）').fill('20');
    await adminPage.getByLabel('期望合作时间').fill('2027年上半年');
    await adminPage.getByRole('button', { name: '提交' }).click();
    // min > max: the field's message, nothing sent.
    await adminPage.getByText('最高预算不能低于最低预算').waitFor();
    await adminPage.getByLabel('最高预算（万元）').fill('80');
    await adminPage.getByRole('button', { name: '提交' }).click();
    await adminPage.getByText('合作意向已发送，高校院所将收到提醒。').waitFor();
    expect(adminPage.url()).toMatch(/\/demands\/intents\/[0-9a-f]{24}\?sent=new$/);
    await expect(adminPage.locator('[data-state]').innerText()).resolves.toBe('待查看');
    await expect(adminPage.locator('[data-description]').innerText()).resolves.toBe(description);
    await expect(adminPage.evaluate(() => (window as { __pwned?: number }).__pwned)).resolves.toBeUndefined();

    // 2. The university: in the inbox, unread; opening it marks it 已查看; 接受洽谈 with a message.
    const universityPage = await pageAs(university);
    await universityPage.goto(`${baseUrl}/university/intents`, { waitUntil: 'networkidle' });
    const row = universityPage.getByRole('row').filter({ hasText: title });
    await expect(row.getByText('未读').isVisible()).resolves.toBe(true);
    await expect(row.getByText('待查看').isVisible()).resolves.toBe(true);
    await row.getByRole('link', { name: title }).click();
    await universityPage.getByLabel('回复内容').waitFor();
    await expect(universityPage.locator('[data-state]').innerText()).resolves.toBe('已查看');
    await expect(universityPage.locator('[data-description]').innerText()).resolves.toBe(description);
    await universityPage.getByLabel('回复内容').fill(reply);
    await universityPage.getByRole('button', { name: '接受洽谈' }).click();
    await universityPage.locator('[data-state="negotiating"]').waitFor();
    await expect(universityPage.getByLabel('回复内容').count()).resolves.toBe(0);

    // 3. The admin: the list shows 洽谈中 and the unread marker; the detail the reply.
    await adminPage.goto(`${baseUrl}/demands`, { waitUntil: 'networkidle' });
    const mine = adminPage.getByRole('row').filter({ hasText: title });
    await expect(mine.getByText('洽谈中').isVisible()).resolves.toBe(true);
    await expect(mine.getByText('未读').isVisible()).resolves.toBe(true);
    await mine.getByRole('link', { name: title }).click();
    await adminPage.locator('[data-step="accepted"]').waitFor();
    await expect(adminPage.locator('[data-step="accepted"]').innerText()).resolves.toContain(reply);
    await expect(adminPage.locator('[data-state]').innerText()).resolves.toBe('洽谈中');
    await expect(adminPage.getByRole('button', { name: '撤回' }).count()).resolves.toBe(0);

    // 4. The conversation goes on, and the admin closes it as 已达成合作 with the agreed mode and amount.
    await adminPage.getByLabel('消息内容').fill('请提供中试报告<img src=x onerror=alert(1)>');
    await adminPage.getByRole('button', { name: '发送' }).click();
    await adminPage.locator('[data-step="message"]').waitFor();
    await expect(adminPage.locator('[data-step="message"]').innerText()).resolves.toContain(
      '请提供中试报告<img src=x onerror=alert(1)>',
    );

    // A message with a file: listed on the step with a download link, which serves the same bytes.
    const pdf = Buffer.from('%PDF-1.4\n% 中试报告\n%%EOF\n');
    await adminPage.getByLabel('消息内容').fill('附中试报告');
    await adminPage
      .getByLabel('附件', { exact: true })
      .setInputFiles({ name: '中试报告.pdf', mimeType: 'application/pdf', buffer: pdf });
    await adminPage.getByRole('button', { name: '发送' }).click();
    const fileLink = adminPage.getByRole('link', { name: '中试报告.pdf' });
    await fileLink.waitFor();
    const downloaded = await adminPage.request.get(
      new URL((await fileLink.getAttribute('href'))!, baseUrl).toString(),
    );
    expect(downloaded.status()).toBe(200);
    expect(Buffer.from(await downloaded.body()).equals(pdf)).toBe(true);
    // A page renamed .pdf is refused beside the file input, and nothing is added to the conversation.
    await adminPage.getByLabel('消息内容').fill('再附一个');
    await adminPage.getByLabel('附件', { exact: true }).setInputFiles({
      name: '报告.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('<html><script>alert(1)</script></html>'),
    });
    await adminPage.getByRole('button', { name: '发送' }).click();
    await adminPage.getByText('附件仅支持PDF、PNG、JPG、Word、Excel或PowerPoint文件').waitFor();
    await expect(adminPage.locator('[data-step="message"]').count()).resolves.toBe(2);
    await universityPage.reload({ waitUntil: 'networkidle' });
    await expect(universityPage.getByRole('link', { name: '中试报告.pdf' }).count()).resolves.toBe(1);

    await adminPage.getByLabel('达成的合作方式').selectOption('transfer');
    await adminPage.getByLabel('合作金额（万元）').fill('35');
    await adminPage.getByRole('button', { name: '已达成合作' }).click();
    await adminPage.locator('[data-state="agreed"]').waitFor();
    await expect(adminPage.locator('[data-step="agreed"]').innerText()).resolves.toContain('35 万元');
    await expect(adminPage.getByLabel('消息内容').count()).resolves.toBe(0);
  });
});
