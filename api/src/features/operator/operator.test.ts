import type { Role } from '@panhuo/domain/accounts/roles';
import type { MeResponse } from '@panhuo/domain/accounts/user';
import type {
  AccountRow,
  AssignedAccountResult,
  ConsolePage,
  CreatedEnterprise,
  EnterpriseSummary,
  InstitutionSummary,
} from '@panhuo/domain/operator/console';
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, signIn, TestSession } from '../../../test/auth-helpers';
import type { TestUser } from '../../../test/auth-helpers';
import { buildInstitution } from '../../../test/factories';
import { startTestApp } from '../../../test/test-app';
import type { TestApp } from '../../../test/test-app';
import { EnterpriseModel, UserModel } from '../accounts/model';
import { randomCreditCode } from '../verification/fixtures';
import { operatorRoutes } from './routes';

let app: TestApp;
let operator: TestSession;
let operatorUser: TestUser;
beforeAll(async () => {
  app = await startTestApp('operator_console');
  ({ session: operator, user: operatorUser } = await signIn(app, { role: 'operator' }));
});
afterAll(() => app.close());

const tag = () => new Types.ObjectId().toHexString().slice(-8);

describe('who may use the console', () => {
  const guarded = () =>
    operatorRoutes(app.deps).filter(
      (spec) => 'ability' in spec.policy && spec.policy.ability === 'operator.console',
    );
  const call = (session: TestSession, spec: ReturnType<typeof guarded>[number]) =>
    session.request(spec.path.replace(':id', new Types.ObjectId().toHexString()), {
      method: spec.method.toUpperCase(),
      ...(spec.method === 'get' ? {} : { json: {} }),
    });

  it('covers every operator route (the sign-up is the only public one)', () => {
    const all = operatorRoutes(app.deps);
    expect(guarded().length).toBe(all.length - 1);
    expect(all.filter((spec) => 'public' in spec.policy).map((spec) => spec.path)).toEqual([
      '/api/verifications',
    ]);
    expect(guarded().length).toBeGreaterThanOrEqual(12);
  });

  it('answers 401 to anonymous requests', async () => {
    const anonymous = new TestSession(app);
    await anonymous.fetchCsrf();
    for (const spec of guarded()) {
      const res = await call(anonymous, spec);
      expect(res.status, `${spec.method} ${spec.path}`).toBe(401);
    }
  });

  it.each(['enterprise_admin', 'expert', 'university'] satisfies Role[])(
    'answers 403 to %s',
    async (role) => {
      const { session } = await signIn(app, { role });
      for (const spec of guarded()) {
        const res = await call(session, spec);
        expect(res.status, `${spec.method} ${spec.path}`).toBe(403);
        expect(res.body).toMatchObject({ error: 'forbidden' });
      }
    },
  );

  it('refuses a console POST without the CSRF token, changing nothing', async () => {
    const name = `无令牌企业${tag()}`;
    const res = await operator.request('/api/operator/enterprises', {
      method: 'POST',
      json: { name, category: 'other', admin: { account: `csrf_${tag()}`, name: '管理员' } },
      csrf: false,
    });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ error: 'csrf_failed' });
    expect(await EnterpriseModel.countDocuments({ name })).toBe(0);
  });
});

describe('enterprises', () => {
  it('opens an enterprise with its admin, whose initial password logs in', async () => {
    const creditCode = randomCreditCode();
    const account = `zj_admin_${tag()}`;
    const name = `浙江分配企业${tag()}`;
    const res = await operator.request('/api/operator/enterprises', {
      method: 'POST',
      json: {
        name,
        creditCode: creditCode.toLowerCase(),
        category: 'central_soe',
        admin: { account: account.toUpperCase(), name: '王管理' },
      },
    });
    expect(res.status).toBe(201);
    const created = res.body as CreatedEnterprise;
    expect(created.enterprise).toMatchObject({
      name,
      creditCode,
      category: 'central_soe',
      adminCount: 1,
      expertCount: 0,
      verified: false,
    });
    expect(created.admin).toMatchObject({
      account,
      name: '王管理',
      role: 'enterprise_admin',
      enterpriseId: created.enterprise.id,
    });
    expect(JSON.stringify(created.admin)).not.toContain('argon2');

    const login = await new TestSession(app).login(account, created.initialPassword);
    expect(login.status).toBe(200);
    expect((login.body as MeResponse).mustCompleteProfile).toBe(true);
  });

  it('answers field-level 400s and 409s for taken names, codes and accounts, leaving nothing half-made', async () => {
    const invalid = await operator.request('/api/operator/enterprises', {
      method: 'POST',
      json: {
        name: '',
        creditCode: '91330106ABCDEFGHJ0',
        category: 'none',
        admin: { account: 'x', name: '' },
      },
    });
    expect(invalid.status).toBe(400);
    expect(
      (invalid.body as { fieldErrors: { path: string }[] }).fieldErrors.map((error) => error.path),
    ).toEqual(['body.name', 'body.creditCode', 'body.category', 'body.admin.account', 'body.admin.name']);

    const existing = await createTestUser({ role: 'enterprise_admin' });
    const existingEnterprise = await EnterpriseModel.findById(existing.enterpriseId).lean();
    const before = await EnterpriseModel.countDocuments();
    const post = (json: unknown) => operator.request('/api/operator/enterprises', { method: 'POST', json });

    const sameName = await post({
      name: existingEnterprise!.name,
      category: 'other',
      admin: { account: `n_${tag()}`, name: '甲' },
    });
    expect(sameName.status).toBe(409);
    expect(sameName.body).toMatchObject({
      fieldErrors: [{ path: 'body.name', message: '该企业名称已存在' }],
    });

    const takenAccount = await post({
      name: `新企业${tag()}`,
      category: 'other',
      admin: { account: existing.account, name: '乙' },
    });
    expect(takenAccount.status).toBe(409);
    expect(takenAccount.body).toMatchObject({ fieldErrors: [{ path: 'body.admin.account' }] });
    expect(await EnterpriseModel.countDocuments()).toBe(before);
  });

  it('lists enterprises with their admin and expert counts', async () => {
    const admin = await createTestUser({ role: 'enterprise_admin' });
    await createTestUser({ role: 'enterprise_admin', enterpriseId: admin.enterpriseId! });
    for (let i = 0; i < 3; i++) await createTestUser({ role: 'expert', enterpriseId: admin.enterpriseId! });
    const enterprise = await EnterpriseModel.findById(admin.enterpriseId).lean();

    const res = await operator.request(`/api/operator/enterprises?q=${encodeURIComponent(enterprise!.name)}`);
    expect(res.status).toBe(200);
    const page = res.body as ConsolePage<EnterpriseSummary>;
    expect(page.total).toBe(1);
    expect(page.items).toEqual([
      {
        id: admin.enterpriseId,
        name: enterprise!.name,
        creditCode: null,
        category: 'high_tech',
        adminCount: 2,
        expertCount: 3,
        verified: false,
        createdAt: enterprise!.createdAt.toISOString(),
      },
    ]);

    const all = (await operator.request('/api/operator/enterprises?category=high_tech'))
      .body as ConsolePage<EnterpriseSummary>;
    expect(all.items.every((item) => item.category === 'high_tech')).toBe(true);
    expect(all.items.length).toBeGreaterThan(0);
    // Regex characters in the search are taken literally.
    expect(
      ((await operator.request('/api/operator/enterprises?q=.*')).body as ConsolePage<EnterpriseSummary>)
        .total,
    ).toBe(0);
  });
});

describe('universities and institutes', () => {
  it('lists them with account counts and opens a university account that logs in', async () => {
    const institution = await buildInstitution({
      name: `测试理工大学${tag()}`,
      kind: 'university',
      region: '浙江省',
    });
    const id = institution._id.toHexString();
    await createTestUser({ role: 'university', institutionId: id });

    const listed = (
      await operator.request(`/api/operator/institutions?q=${encodeURIComponent(institution.name)}`)
    ).body as ConsolePage<InstitutionSummary>;
    expect(listed.items).toEqual([
      { id, name: institution.name, kind: 'university', region: '浙江省', accountCount: 1 },
    ]);

    const account = `univ_${tag()}`;
    const res = await operator.request(`/api/operator/institutions/${id}/accounts`, {
      method: 'POST',
      json: { account, name: '科技处李老师' },
    });
    expect(res.status).toBe(201);
    const created = res.body as AssignedAccountResult;
    expect(created.account).toMatchObject({
      account,
      role: 'university',
      institutionId: id,
      enterpriseId: null,
    });
    expect((await new TestSession(app).login(account, created.initialPassword)).status).toBe(200);

    const recount = (
      await operator.request(
        `/api/operator/institutions?q=${encodeURIComponent(institution.name)}&kind=university`,
      )
    ).body as ConsolePage<InstitutionSummary>;
    expect(recount.items[0]?.accountCount).toBe(2);
    const institutes = (
      await operator.request(
        `/api/operator/institutions?q=${encodeURIComponent(institution.name)}&kind=institute`,
      )
    ).body as ConsolePage<InstitutionSummary>;
    expect(institutes.total).toBe(0);

    const again = await operator.request(`/api/operator/institutions/${id}/accounts`, {
      method: 'POST',
      json: { account, name: '重名' },
    });
    expect(again.status).toBe(409);
    const missing = await operator.request(
      `/api/operator/institutions/${new Types.ObjectId().toHexString()}/accounts`,
      {
        method: 'POST',
        json: { account: `nobody_${tag()}`, name: '无单位' },
      },
    );
    expect(missing.status).toBe(404);
  });
});

describe('accounts', () => {
  it('lists every account with its 所属单位, filtered by role, status and text', async () => {
    const marker = tag();
    const admin = await createTestUser({ role: 'enterprise_admin', account: `list_admin_${marker}` });
    const university = await createTestUser({ role: 'university', account: `list_univ_${marker}` });
    await createTestUser({
      role: 'expert',
      account: `list_expert_${marker}`,
      enterpriseId: admin.enterpriseId!,
      status: 'frozen',
    });

    const res = await operator.request(`/api/operator/accounts?q=${marker}`);
    expect(res.status).toBe(200);
    const page = res.body as ConsolePage<AccountRow>;
    expect(page.total).toBe(3);
    const enterprise = await EnterpriseModel.findById(admin.enterpriseId).lean();
    expect(page.items.find((row) => row.id === admin.id)).toMatchObject({
      role: 'enterprise_admin',
      tenantName: enterprise!.name,
    });
    expect(page.items.find((row) => row.id === university.id)?.tenantName).toMatch(/^测试大学/);
    expect(JSON.stringify(page)).not.toMatch(/passwordHash|sessionEpoch/);

    const experts = (await operator.request(`/api/operator/accounts?q=${marker}&role=expert&status=frozen`))
      .body as ConsolePage<AccountRow>;
    expect(experts.items.map((row) => row.account)).toEqual([`list_expert_${marker}`]);
    const operators = (await operator.request('/api/operator/accounts?role=operator'))
      .body as ConsolePage<AccountRow>;
    expect(operators.items.map((row) => row.id)).toContain(operatorUser.id);
    expect(operators.items.every((row) => row.tenantName === null)).toBe(true);

    const bad = await operator.request('/api/operator/accounts?role=admin&status=gone');
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({
      fieldErrors: [
        { path: 'query.role', message: '角色不正确' },
        { path: 'query.status', message: '账号状态不正确' },
      ],
    });
  });

  it('freezes an account, ending its open sessions at once, and unfreezes it', async () => {
    const { user, session } = await signIn(app, { role: 'enterprise_admin' });
    expect((await session.request('/api/auth/me')).status).toBe(200);

    const frozen = await operator.request(`/api/operator/accounts/${user.id}/freeze`, { method: 'POST' });
    expect(frozen.status).toBe(200);
    expect(frozen.body).toMatchObject({ id: user.id, status: 'frozen' });
    expect((await session.request('/api/auth/me')).status).toBe(401);
    expect((await new TestSession(app).login(user.account, user.password)).status).toBe(403);
    expect((await UserModel.findById(user.id).lean())?.status).toBe('frozen');

    const twice = await operator.request(`/api/operator/accounts/${user.id}/freeze`, { method: 'POST' });
    expect(twice.status).toBe(409);

    const unfrozen = await operator.request(`/api/operator/accounts/${user.id}/unfreeze`, { method: 'POST' });
    expect(unfrozen.status).toBe(200);
    expect(unfrozen.body).toMatchObject({ status: 'active' });
    // The old session stays ended; a new login works.
    expect((await session.request('/api/auth/me')).status).toBe(401);
    expect((await new TestSession(app).login(user.account, user.password)).status).toBe(200);
    expect(
      (await operator.request(`/api/operator/accounts/${user.id}/unfreeze`, { method: 'POST' })).status,
    ).toBe(409);
  });

  it('does not freeze the operator’s own account, and 404s an unknown one', async () => {
    const self = await operator.request(`/api/operator/accounts/${operatorUser.id}/freeze`, {
      method: 'POST',
    });
    expect(self.status).toBe(409);
    expect(self.body).toMatchObject({ message: '不能冻结当前登录的账号' });
    expect((await operator.request('/api/auth/me')).status).toBe(200);
    const unknown = await operator.request(
      `/api/operator/accounts/${new Types.ObjectId().toHexString()}/freeze`,
      {
        method: 'POST',
      },
    );
    expect(unknown.status).toBe(404);
  });
});
