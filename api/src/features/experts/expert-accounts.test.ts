import type { ExpertCreated, ExpertDetail, ExpertListPage } from '@panhuo/domain/experts/dto';
import { newPasswordSchema } from '@panhuo/domain/accounts/user';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, TestSession } from '../../../test/auth-helpers';
import { createExpertAs, expertSession } from '../../../test/expert-factories';
import { startTestApp } from '../../../test/test-app';
import type { TestApp } from '../../../test/test-app';
import { seedBenchExperts } from '../../seed/bench-experts';
import { EnterpriseModel, UserModel } from '../accounts/model';
import { verifyPassword } from '../auth/password';
import { ExpertModel } from './model';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp('expert_accounts');
});
afterAll(() => app.close());

const list = async (session: TestSession, query = '') => {
  const res = await session.request(`/api/experts${query}`);
  expect(res.status).toBe(200);
  return res.body as ExpertListPage;
};

describe('POST /api/experts (新增)', () => {
  it('opens an expert account in the admin’s enterprise, listed as 待完善信息', async () => {
    const { user: admin, session } = await signIn(app, { role: 'enterprise_admin' });
    const res = await session.request('/api/experts', {
      method: 'POST',
      json: {
        name: ' 王立军 ',
        account: ' WangLJ_01 ',
        password: 'Expert2026pass',
        phone: '+86 139-5710-1001',
        position: '首席工程师',
        department: '电池研究院',
        enterpriseId: '0123456789abcdef01234567',
      },
    });
    expect(res.status).toBe(201);
    const enterprise = await EnterpriseModel.findById(admin.enterpriseId).lean();
    const created = res.body as ExpertCreated;
    expect(created.initialPassword).toBeUndefined();
    expect(created.expert).toMatchObject({
      name: '王立军',
      account: 'wanglj_01',
      phone: '13957101001',
      enterpriseName: enterprise?.name,
      position: '首席工程师',
      department: '电池研究院',
      status: 'pending_info',
      accountStatus: 'active',
      abilities: { freeze: true, unfreeze: false, certificate: false, view: false },
    });

    const stored = await UserModel.findById(created.expert.id).lean();
    expect(stored).toMatchObject({ role: 'expert', status: 'active', profile: null });
    expect(stored?.enterpriseId?.toHexString()).toBe(admin.enterpriseId);
    expect(await verifyPassword(stored!.passwordHash, 'Expert2026pass')).toBe(true);
    expect((await ExpertModel.findById(created.expert.id).lean())?.enterpriseId.toHexString()).toBe(
      admin.enterpriseId,
    );

    const page = await list(session);
    expect(page.total).toBe(1);
    expect(page.items[0]).toEqual({ ...created.expert, seq: 1 });
  });

  it('generates a password when none is given and shows it once; the expert logs in with it', async () => {
    const { session } = await signIn(app, { role: 'enterprise_admin' });
    const expert = await createExpertAs(session, { password: '' });
    expect(expert.created.initialPassword).toBeDefined();
    expect(newPasswordSchema.safeParse(expert.created.initialPassword).success).toBe(true);
    const login = await new TestSession(app).login(expert.account, expert.password);
    expect(login.status).toBe(200);
    // The first login of an expert asks for 部门职务, 手机号, 单位邮箱 like everyone's.
    expect(login.body).toMatchObject({ mustCompleteProfile: true, user: { role: 'expert' } });
    expect(JSON.stringify((await list(session)).items)).not.toContain(expert.password);
  });

  it('answers bad input with a 400 listing every field, storing nothing', async () => {
    const { user, session } = await signIn(app, { role: 'enterprise_admin' });
    const res = await session.request('/api/experts', {
      method: 'POST',
      json: { name: ' ', account: 'x', password: 'short1', phone: '12345', position: '' },
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      error: 'validation_failed',
      fieldErrors: [
        { path: 'body.name', message: '请填写姓名' },
        { path: 'body.account', message: '账号应为3–64位字母、数字或 _ . @ -' },
        { path: 'body.password', message: '密码至少8位' },
        { path: 'body.phone', message: '请输入正确的11位手机号码' },
        { path: 'body.position', message: '请填写所属职务' },
      ],
    });
    expect(await UserModel.countDocuments({ enterpriseId: user.enterpriseId, role: 'expert' })).toBe(0);
    expect(await ExpertModel.countDocuments({ enterpriseId: user.enterpriseId })).toBe(0);
  });

  it('refuses a taken account with 409 and a Chinese field error, leaving no half-created expert', async () => {
    const { user, session } = await signIn(app, { role: 'enterprise_admin' });
    const first = await createExpertAs(session);
    const other = await signIn(app, { role: 'enterprise_admin' });
    for (const [who, account] of [
      [session, first.account.toUpperCase()],
      [other.session, first.account],
      [session, user.account],
    ] as const) {
      const res = await who.request('/api/experts', {
        method: 'POST',
        json: { name: '重名', account, password: 'Another2026pass', phone: '13912345678', position: '专家' },
      });
      expect(res.status).toBe(409);
      expect(res.body).toEqual({
        error: 'conflict',
        message: '该账号已存在，请更换账号',
        fieldErrors: [{ path: 'body.account', message: '该账号已被使用' }],
      });
    }
    expect(await UserModel.countDocuments({ account: first.account })).toBe(1);
    expect(await ExpertModel.countDocuments({ enterpriseId: user.enterpriseId })).toBe(1);
    expect(await ExpertModel.countDocuments({ enterpriseId: other.user.enterpriseId })).toBe(0);
  });
});

describe('GET /api/experts (账号管理)', () => {
  it('pages newest first with 序号 over the whole list, searches 姓名/账号/手机号 and filters', async () => {
    const { user, session } = await signIn(app, { role: 'enterprise_admin' });
    const bench = await seedBenchExperts(user.enterpriseId!, 25);
    expect(bench.created).toBe(25);
    const stored = await ExpertModel.find({ enterpriseId: user.enterpriseId }).sort({ createdAt: -1 }).lean();

    const page2 = await list(session, '?page=2&size=10');
    expect(page2).toMatchObject({ total: 25, page: 2, size: 10 });
    expect(page2.items.map((item) => item.seq)).toEqual([11, 12, 13, 14, 15, 16, 17, 18, 19, 20]);
    expect(page2.items.map((item) => item.account)).toEqual(stored.slice(10, 20).map((doc) => doc.account));
    const last = await list(session, '?page=3&size=10');
    expect(last.items.map((item) => item.seq)).toEqual([21, 22, 23, 24, 25]);

    // Each row: the manual's columns and the 操作 the row allows (证书 and 查看 only once approved).
    for (const item of page2.items) {
      expect(Object.keys(item).sort()).toEqual(
        [
          'seq',
          'id',
          'name',
          'account',
          'phone',
          'createdAt',
          'enterpriseName',
          'position',
          'department',
          'status',
          'accountStatus',
          'abilities',
        ].sort(),
      );
      const approved = item.status === 'approved';
      expect(item.abilities).toEqual({
        freeze: true,
        unfreeze: false,
        certificate: approved,
        view: approved,
      });
    }

    const target = stored[7]!;
    for (const q of [target.account.toUpperCase(), target.phone, target.name]) {
      const found = await list(session, `?q=${encodeURIComponent(q)}`);
      expect(found.items.map((item) => item.id)).toContain(target._id.toHexString());
      const matches = found.items.filter((item) =>
        [item.name, item.account, item.phone].some((value) => value.toLowerCase().includes(q.toLowerCase())),
      );
      expect(matches).toHaveLength(found.items.length);
    }
    expect((await list(session, '?q=%E6%B2%A1%E6%9C%89%E8%BF%99%E4%B8%AA%E4%BA%BA')).total).toBe(0);

    const approved = await list(session, '?status=approved&size=100');
    expect(approved.total).toBe(stored.filter((doc) => doc.status === 'approved').length);
    expect(approved.items.every((item) => item.status === 'approved')).toBe(true);
    expect((await list(session, '?status=&accountStatus=&q=')).total).toBe(25);

    const frozen = await session.request(`/api/experts/${target._id.toHexString()}/freeze`, {
      method: 'POST',
    });
    expect(frozen.status).toBe(200);
    const frozenPage = await list(session, '?accountStatus=frozen');
    expect(frozenPage.items.map((item) => [item.id, item.accountStatus, item.abilities.unfreeze])).toEqual([
      [target._id.toHexString(), 'frozen', true],
    ]);
    expect((await list(session, '?accountStatus=active')).total).toBe(24);
  });

  it('refuses bad paging and filters with field errors', async () => {
    const { session } = await signIn(app, { role: 'enterprise_admin' });
    const res = await session.request('/api/experts?page=0&size=500&status=done&accountStatus=x');
    expect(res.status).toBe(400);
    expect((res.body as { fieldErrors: { path: string }[] }).fieldErrors.map((e) => e.path)).toEqual([
      'query.status',
      'query.accountStatus',
      'query.page',
      'query.size',
    ]);
  });
});

describe('禁用 / 启用 and 查看', () => {
  it('freezing ends the expert’s open session at once; unfreezing lets him log in again', async () => {
    const { session: admin } = await signIn(app, { role: 'enterprise_admin' });
    const expert = await createExpertAs(admin);
    const open = await expertSession(app, expert);
    expect((await open.request('/api/me/expert')).status).toBe(200);

    const frozen = await admin.request(`/api/experts/${expert.id}/freeze`, { method: 'POST' });
    expect(frozen.status).toBe(200);
    expect(frozen.body).toMatchObject({
      accountStatus: 'frozen',
      abilities: { freeze: false, unfreeze: true },
    });
    const after = await open.request('/api/me/expert');
    expect(after.status).toBe(401);
    expect(after.body).toMatchObject({ error: 'account_frozen' });
    expect((await new TestSession(app).login(expert.account, expert.password)).status).toBe(403);

    const again = await admin.request(`/api/experts/${expert.id}/freeze`, { method: 'POST' });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: 'conflict', message: '该账号已是冻结状态' });

    const unfrozen = await admin.request(`/api/experts/${expert.id}/unfreeze`, { method: 'POST' });
    expect(unfrozen.status).toBe(200);
    expect((unfrozen.body as ExpertDetail).accountStatus).toBe('active');
    expect((await open.request('/api/me/expert')).status).toBe(401);
    expect((await new TestSession(app).login(expert.account, expert.password)).status).toBe(200);
    expect((await admin.request(`/api/experts/${expert.id}/unfreeze`, { method: 'POST' })).status).toBe(409);
  });

  it('shows one expert with info, history and certificate; 400 for a malformed id, 404 for an unknown one', async () => {
    const { session: admin } = await signIn(app, { role: 'enterprise_admin' });
    const expert = await createExpertAs(admin);
    const res = await admin.request(`/api/experts/${expert.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: expert.id,
      status: 'pending_info',
      info: null,
      researchFields: [],
      submittedAt: null,
      reviews: [],
      certificate: null,
      abilities: { freeze: true, unfreeze: false, certificate: false, view: false, review: false },
    });
    expect(JSON.stringify(res.body)).not.toMatch(/passwordHash|argon2|sessionEpoch/);
    expect((await admin.request('/api/experts/not-an-id')).status).toBe(400);
    const unknown = await admin.request('/api/experts/0123456789abcdef01234567');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ error: 'not_found', message: '专家不存在' });
  });
});
