import type { MeResponse } from '@panhuo/domain/accounts/user';
import type { ExpertCertificate, ExpertDetail, ExpertListPage } from '@panhuo/domain/experts/dto';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestSession } from '../../test/auth-helpers';
import { startTestApp } from '../../test/test-app';
import type { TestApp } from '../../test/test-app';
import { EnterpriseModel, UserModel } from '../features/accounts/model';
import { InstitutionModel } from '../features/institutions/model';
import { seedDemoAccounts } from './accounts';
import { benchPassword, seedBenchExperts } from './bench-experts';
import type { DemoLogin } from './accounts';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp('seed_accounts');
});
afterAll(() => app.close());

/** Documents per collection the seed writes, to compare two runs. */
async function counts(): Promise<Record<string, number>> {
  const names = ['users', 'enterprises', 'experts', 'expert_reviews', 'expert_certificates', 'institutions'];
  const db = mongoose.connection.db!;
  return Object.fromEntries(
    await Promise.all(names.map(async (name) => [name, await db.collection(name).countDocuments()])),
  );
}

describe('seedDemoAccounts', () => {
  let logins: DemoLogin[];

  it('is idempotent: a second run creates nothing and returns the same logins', async () => {
    // One institution already stored (as by the patent seed): the university account links to it.
    const existing = await InstitutionModel.create({
      name: '浙江大学',
      kind: 'university',
      region: '浙江省',
    });
    logins = await seedDemoAccounts();
    const first = await counts();
    expect(first).toEqual({
      users: 1 + 3 + 15 + 3,
      enterprises: 3,
      experts: 15,
      expert_reviews: 3 * 4,
      expert_certificates: 3 * 2,
      institutions: 3,
    });
    expect(await seedDemoAccounts()).toEqual(logins);
    expect(await counts()).toEqual(first);

    expect(logins.filter((login) => login.role === 'operator').map((login) => login.account)).toEqual([
      'operator',
    ]);
    expect(logins.filter((login) => login.role === 'enterprise_admin').map((login) => login.account)).toEqual(
      ['admin1', 'admin2', 'admin3'],
    );
    expect(logins.every((login) => login.password === 'Panhuo2026!' && login.note.length > 0)).toBe(true);
    const univ2 = await UserModel.findOne({ account: 'univ2' }).lean();
    expect(univ2?.institutionId?.toHexString()).toBe(existing._id.toHexString());
    const enterprises = await EnterpriseModel.find().lean();
    expect(new Set(enterprises.map((e) => e.category)).size).toBe(3);
    expect(enterprises.every((e) => /^[0-9A-Z]{18}$/.test(e.creditCode ?? ''))).toBe(true);
  });

  it('gives logins that work: profiles done except the new expert’s, the frozen one refused', async () => {
    for (const login of logins) {
      const res = await new TestSession(app).login(login.account, login.password);
      if (login.account.endsWith('_frozen')) {
        expect(res.status, login.account).toBe(403);
        expect(res.body).toMatchObject({ error: 'account_frozen' });
        continue;
      }
      expect(res.status, login.account).toBe(200);
      const me = res.body as MeResponse;
      expect(me.user.role).toBe(login.role);
      expect(me.mustCompleteProfile, login.account).toBe(login.account.endsWith('_info'));
    }
  });

  it('puts each enterprise’s experts in every status, with history and certificates', async () => {
    const admin = new TestSession(app);
    expect((await admin.login('admin1', 'Panhuo2026!')).status).toBe(200);
    const page = (await admin.request('/api/experts')).body as ExpertListPage;
    const byAccount = new Map(page.items.map((item) => [item.account, item]));
    expect(page.total).toBe(5);
    expect(page.items.every((item) => item.enterpriseName === '浙江钱塘新能源科技有限公司')).toBe(true);
    expect(
      ['info', 'review', 'pass', 'reject', 'frozen'].map((suffix) => {
        const item = byAccount.get(`expert1_${suffix}`);
        return [item?.status, item?.accountStatus];
      }),
    ).toEqual([
      ['pending_info', 'active'],
      ['pending_review', 'active'],
      ['approved', 'active'],
      ['rejected', 'active'],
      ['approved', 'frozen'],
    ]);

    const pass = byAccount.get('expert1_pass')!;
    const detail = (await admin.request(`/api/experts/${pass.id}`)).body as ExpertDetail;
    expect(detail.reviews.map((review) => review.decision)).toEqual(['reject', 'approve']);
    const rejected = (await admin.request(`/api/experts/${byAccount.get('expert1_reject')!.id}`))
      .body as ExpertDetail;
    expect(rejected.reviews[0]?.opinion).toMatch(/请补充/);
    const cert = (await admin.request(`/api/experts/${pass.id}/certificate`)).body as ExpertCertificate;
    expect(cert).toMatchObject({ expertName: pass.name, enterpriseName: '浙江钱塘新能源科技有限公司' });
    expect(cert.number).toMatch(/^PH-ZJ-\d{4}-\d{6}$/);
    expect(cert.researchFields.map((field) => field.name)).toContain('太阳能产业');
  });
});

describe('seedBenchExperts', () => {
  it('adds many experts quickly with one shared hash, tops up on a rerun, and they can log in', async () => {
    const enterprise = await EnterpriseModel.findOne({ name: '江苏澄锋智能装备股份有限公司' }).lean();
    const started = performance.now();
    const result = await seedBenchExperts(enterprise!._id, 60);
    const elapsed = performance.now() - started;
    expect(result.created).toBe(60);
    expect(elapsed).toBeLessThan(15_000);
    const hashes = await UserModel.distinct('passwordHash', { account: { $in: result.accounts } });
    expect(hashes).toHaveLength(1);
    expect((await seedBenchExperts(enterprise!._id, 64)).created).toBe(4);

    const expert = new TestSession(app);
    expect((await expert.login(result.accounts[0]!, benchPassword)).status).toBe(200);
    const admin = new TestSession(app);
    await admin.login('admin2', 'Panhuo2026!');
    const list = (await admin.request('/api/experts?size=1')).body as ExpertListPage;
    expect(list.total).toBe(5 + 64);
    const library = (await admin.request('/api/expert-library?size=100')).body as {
      total: number;
      items: { certificateNumber: string }[];
    };
    expect(library.total).toBe(2 + 16);
    expect(library.items.every((item) => /^PH-ZJ-/.test(item.certificateNumber))).toBe(true);
  });
});
