import { randomBytes } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@elastic/elasticsearch';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '@panhuo/api/config';
import { InstitutionModel } from '@panhuo/api/features/institutions/model';
import { PatentModel } from '@panhuo/api/features/patents/model';
import { patentRow, toCsv } from '@panhuo/api/features/patent-import/fixtures';
import { createEsClient } from '@panhuo/api/infra/elasticsearch';
import { syncMongoIndexes } from '@panhuo/api/infra/mongo';
import type { TestUser } from '@panhuo/api/test/auth-helpers';
import { ensurePatentIndex } from '@panhuo/indexer/patent-index';
import { syncOnce } from '@panhuo/indexer/sync';
import { useBrowser } from './chromium';
import { connectTestDb, createUser, disconnectTestDb, signedInPage } from './sign-in';

// 批量导入 in Chromium: a file with one bad row is refused with the error shown on that row and nothing
// stored; the fixed file is previewed, confirmed (progress), and an enterprise admin finds it in the 资源库.

const baseUrl = inject('baseUrl');
const browser = useBrowser();
const PREFIX = 'panhuo-web-browser';

let es: Client;
let university: TestUser;
let admin: TestUser;
let institution: string;
let dir: string;

beforeAll(async () => {
  await connectTestDb();
  await syncMongoIndexes();
  es = createEsClient(loadConfig({ ...process.env, ES_INDEX_PREFIX: PREFIX, LOG_LEVEL: 'silent' }));
  await ensurePatentIndex(es, PREFIX);
  university = await createUser({ role: 'university' });
  admin = await createUser({ role: 'enterprise_admin' });
  institution = (await InstitutionModel.findById(university.institutionId).lean())!.name;
  dir = await mkdtemp(join(tmpdir(), 'panhuo-import-'));
}, 60_000);

afterAll(async () => {
  await es?.close();
  await disconnectTestDb();
});

const pageAs = (user: TestUser) => signedInPage(browser, baseUrl, user, 15_000);

async function uploadFile(page: Page, name: string, bytes: Buffer): Promise<void> {
  const path = join(dir, name);
  await writeFile(path, bytes);
  await page.getByLabel('导入文件').setInputFiles(path);
  await page.getByRole('button', { name: '上传并校验' }).click();
}

describe('批量导入', () => {
  it('one bad row → nothing stored and the error on that row; fixed and confirmed → found in the 资源库', async () => {
    const word = `铌酸锂${randomBytes(3).toString('hex')}`;
    const serial = 7_000_000 + Math.floor(Math.random() * 2_000_000);
    const rows = [
      patentRow(institution, serial, { 发明名称: `一种${word}薄膜光调制器的制备方法` }),
      patentRow(institution, serial + 1, { 申请日: '2019-02-30' }),
    ];
    const numbers = rows.map((r) => r['申请号']!);
    const page = await pageAs(university);
    await page.goto(`${baseUrl}/university/import`, { waitUntil: 'networkidle' });
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('批量导入');
    expect(await page.getByRole('link', { name: '下载导入模板（Excel）' }).getAttribute('href')).toContain(
      '/api/university/import-template',
    );

    await uploadFile(page, 'patents.csv', toCsv(rows));
    const problem = page.locator('tr[data-testid="import-problem"][data-row="3"]');
    await expect.poll(() => problem.count()).toBe(1);
    expect(await problem.locator('[data-col="column"]').innerText()).toBe('申请日');
    expect(await page.locator('tr[data-testid="import-problem"]').count()).toBe(1);
    expect(await PatentModel.countDocuments({ applicationNumber: { $in: numbers } })).toBe(0);

    rows[1]!['申请日'] = '2019-02-28';
    await uploadFile(page, 'patents-fixed.csv', toCsv(rows));
    await expect.poll(() => page.getByTestId('import-preview').isVisible()).toBe(true);
    expect(await page.getByTestId('import-preview').innerText()).toContain('新增 2 件');
    expect(await PatentModel.countDocuments({ applicationNumber: { $in: numbers } })).toBe(0);

    await page.getByRole('button', { name: '确认导入' }).click();
    await page.waitForURL((url) => url.pathname === '/university/import' && url.searchParams.has('id'));
    await expect.poll(() => page.getByTestId('import-done').isVisible(), { timeout: 20_000 }).toBe(true);
    expect(await PatentModel.countDocuments({ applicationNumber: { $in: numbers } })).toBe(2);

    await syncOnce(es, PREFIX, { refresh: true });
    const library = await pageAs(admin);
    await library.goto(`${baseUrl}/resource-library?q=${encodeURIComponent(word)}`, {
      waitUntil: 'networkidle',
    });
    const cards = library.locator('article.patent-card');
    await expect.poll(() => cards.count()).toBe(1);
    expect(await cards.first().innerText()).toContain('薄膜光调制器');
  });
});
