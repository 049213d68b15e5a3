import type { Client } from '@elastic/elasticsearch';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { computeCheckDigit } from '@panhuo/domain/patents/application-number';
import { loadConfig } from '@panhuo/api/config';
import { PatentModel } from '@panhuo/api/features/patents/model';
import { createEsClient } from '@panhuo/api/infra/elasticsearch';
import { syncMongoIndexes } from '@panhuo/api/infra/mongo';
import type { TestUser } from '@panhuo/api/test/auth-helpers';
import { ensurePatentIndex } from '@panhuo/indexer/patent-index';
import { syncOnce } from '@panhuo/indexer/sync';
import { useBrowser } from './chromium';
import { connectTestDb, createUser, disconnectTestDb, signedInPage } from './sign-in';

// 专利登记 in Chromium: a university user fills in the form and submits it (提交登记) → after the outbox
// sync an enterprise admin finds the patent by keyword in the 专利转化资源库.

const baseUrl = inject('baseUrl');
const browser = useBrowser();
const PREFIX = 'panhuo-web-browser';

let es: Client;
let university: TestUser;
let admin: TestUser;

beforeAll(async () => {
  await connectTestDb();
  // Another file may have dropped the suite's database: the unique 申请号 index guards registration.
  await syncMongoIndexes();
  es = createEsClient(loadConfig({ ...process.env, ES_INDEX_PREFIX: PREFIX, LOG_LEVEL: 'silent' }));
  await ensurePatentIndex(es, PREFIX);
  university = await createUser({ role: 'university' });
  admin = await createUser({ role: 'enterprise_admin' });
}, 60_000);

afterAll(async () => {
  await es?.close();
  await disconnectTestDb();
});

const pageAs = (user: TestUser) => signedInPage(browser, baseUrl, user, 10_000);

/** A valid invention application number no other test of the suite uses. */
function freshNumber(): string {
  const digits = `20241${String(Math.floor(Math.random() * 9_000_000) + 1_000_000)}`;
  return `${digits}.${computeCheckDigit(digits)}`;
}

describe('专利登记', () => {
  it('a university user registers a patent in the form → an enterprise admin finds it in the 资源库', async () => {
    const page = await pageAs(university);
    await page.goto(`${baseUrl}/university/patents/new`, { waitUntil: 'networkidle' });
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('专利登记');

    const number = freshNumber();
    // A wrong check digit is refused on its field, with the typed values kept.
    const wrong = `${number.slice(0, -1)}${number.endsWith('1') ? '2' : '1'}`;
    await page.getByLabel('申请号').fill(wrong);
    await page.getByLabel('发明名称').fill('一种锑烯量子点修饰的钠离子电池负极材料');
    await page.getByRole('button', { name: '保存草稿' }).click();
    await expect.poll(() => page.locator('#applicationNumber-error').textContent()).toContain('校验位');
    expect(await page.getByLabel('发明名称').inputValue()).toBe('一种锑烯量子点修饰的钠离子电池负极材料');

    await page.getByLabel('申请号').fill(number);
    await page.getByLabel('申请日').fill('2024-03-18');
    await page.getByLabel('专利类型').selectOption('invention');
    await page.getByLabel('法律状态').selectOption('pending');
    await page
      .getByLabel('摘要')
      .fill('本发明公开了一种锑烯量子点修饰的钠离子电池负极材料，提高了循环稳定性。');
    await page.getByLabel('申请(专利权)人').fill('测试大学');
    await page.getByLabel('发明人').fill('赵一；钱二');
    await page.getByLabel('IPC主分类号').fill('H01M 4/36');
    // The industry codes come from the IPC concordance, as the import derives them.
    await page.getByRole('button', { name: '按IPC建议产业分类' }).click();
    await expect
      .poll(() => page.locator('input[name="economicIndustries"]:checked').count())
      .toBeGreaterThan(0);
    await page.getByRole('checkbox', { name: '转让', exact: true }).check();
    await page.getByRole('checkbox', { name: '截至2023年底有效' }).check();
    await page.getByLabel('技术成熟度').selectOption('pilot');
    await page.getByRole('textbox', { name: '联系方式' }).fill('技术转移中心 0571-88000000');

    await page.getByRole('button', { name: '提交登记' }).click();
    await page.waitForURL(
      (url) => url.pathname === '/university/patents' && url.searchParams.has('registered'),
    );
    const id = new URL(page.url()).searchParams.get('registered') ?? '';
    await expect.poll(() => page.getByTestId('registered-notice').isVisible()).toBe(true);
    const stored = await PatentModel.findById(id).lean();
    expect(stored).toMatchObject({
      applicationNumber: number,
      cooperationModes: ['transfer'],
      legalStatus: 'pending',
    });
    expect(stored?.economicIndustries.length).toBeGreaterThan(0);

    // The outbox → Elasticsearch, as the indexer process does within seconds.
    await syncOnce(es, PREFIX, { refresh: true });
    // 我的专利 lists the registered patents from the index too.
    await page.reload({ waitUntil: 'networkidle' });
    expect(await page.locator(`tr[data-id="${id}"]`).innerText()).toContain('锑烯量子点');
    const library = await pageAs(admin);
    await library.goto(`${baseUrl}/resource-library?q=${encodeURIComponent('锑烯量子点')}`, {
      waitUntil: 'networkidle',
    });
    const card = library.locator(`article.patent-card[data-patent-id="${id}"]`);
    await expect.poll(() => card.count()).toBe(1);
    expect(await card.innerText()).toContain('钠离子电池负极材料');
  });
});
