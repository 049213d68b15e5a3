import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { TestUser } from '@panhuo/api/test/auth-helpers';
import { useBrowser } from './chromium';
import { dropLibrary, seedLibrary } from './seed-library';
import { createUser, signInContext } from './sign-in';

// 关注领域设置's 高校院所 and 地区 pickers in Chromium: picked, saved, shown again, and the 关注库 (which the
// digest mails from) lists only what they match, each row saying why.
const baseUrl = inject('baseUrl');
const browser = useBrowser();
let admin: TestUser;

beforeAll(async () => {
  await seedLibrary();
  admin = await createUser({ role: 'enterprise_admin' });
}, 120_000);

afterAll(() => dropLibrary());

describe('关注领域设置: 高校院所 and 地区', () => {
  it('saves the picks, shows them checked again, and the 关注库 matches them', async () => {
    const context = await browser.newContext();
    await signInContext(context, baseUrl, admin);
    const page = await context.newPage();
    await page.goto(`${baseUrl}/attention-settings`, { waitUntil: 'networkidle' });
    const region = page
      .getByRole('group', { name: /^地区/ })
      .getByRole('checkbox', { name: '上海市', exact: true });
    const institution = page
      .getByRole('group', { name: /^高校院所/ })
      .getByRole('checkbox', { name: '华中科技大学（湖北省）' });
    await region.check();
    await institution.check();
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByRole('status').filter({ hasText: '关注领域设置已保存' }).waitFor();

    await page.reload({ waitUntil: 'networkidle' });
    expect(await region.isChecked()).toBe(true);
    expect(await institution.isChecked()).toBe(true);
    expect(await page.getByRole('checkbox', { name: '浙江省', exact: true }).isChecked()).toBe(false);

    await page.goto(`${baseUrl}/attention-library`, { waitUntil: 'networkidle' });
    const reasons = await page.locator('.attention-match').allInnerTexts();
    expect(reasons.length).toBeGreaterThan(0);
    expect(reasons.some((r) => r.includes('地区 上海市'))).toBe(true);
    expect(reasons.some((r) => r.includes('华中科技大学'))).toBe(true);
    for (const reason of reasons) expect(reason).toMatch(/^匹配：(地区 上海市|华中科技大学)$/);
    const body = await page.locator('main').innerText();
    expect(body).not.toContain('浙江大学');
  });
});
