import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, operatorScope } from '../../../test/auth-helpers';
import { startTestApp } from '../../../test/test-app';
import type { TestApp } from '../../../test/test-app';
import { hashPassword } from '../auth/password';
import { mintTenantScope } from '../auth/scope';
import { EnterpriseModel, UserModel } from './model';
import type { UserDoc } from './model';
import { toUserDto } from './presenter';
import {
  createEnterprise,
  createUser,
  findEnterprise,
  findUserInScope,
  listUsers,
  setUserStatus,
} from './store';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp('accounts_store');
});
afterAll(() => app.close());

describe('tenant-scoped account store', () => {
  it('keeps an enterprise scope inside its enterprise', async () => {
    const admin = await createTestUser({ role: 'enterprise_admin' });
    const ownExpert = await createTestUser({ role: 'expert', enterpriseId: admin.enterpriseId! });
    const foreignExpert = await createTestUser({ role: 'expert' });
    const scope = mintTenantScope(admin);

    expect((await findUserInScope(scope, ownExpert.id))?.account).toBe(ownExpert.account);
    expect(await findUserInScope(scope, foreignExpert.id)).toBeNull();
    expect(await findUserInScope(scope, 'not-an-id')).toBeNull();

    const listed = await listUsers(scope, { limit: 50 });
    expect(listed.map((user) => user.account).sort()).toEqual([admin.account, ownExpert.account].sort());
    expect((await listUsers(scope, { role: 'expert', limit: 50 })).map((user) => user.account)).toEqual([
      ownExpert.account,
    ]);

    expect(await setUserStatus(scope, foreignExpert.id, 'frozen')).toBe(false);
    expect((await UserModel.findById(foreignExpert.id).lean())?.status).toBe('active');
  });

  it('creates accounts in the scope’s own enterprise, whatever the input says', async () => {
    const admin = await createTestUser({ role: 'enterprise_admin' });
    const other = await createTestUser({ role: 'enterprise_admin' });
    const created = await createUser(mintTenantScope(admin), {
      account: `expert_${Date.now()}`,
      name: '李专家',
      passwordHash: await hashPassword('Expert9Password'),
      role: 'expert',
      enterpriseId: new Types.ObjectId(other.enterpriseId!),
    });
    expect(created.enterpriseId?.toHexString()).toBe(admin.enterpriseId);
    expect(created).not.toHaveProperty('passwordHash');
  });

  it('refuses a taken account name with a duplicate-key error (409 at the API)', async () => {
    const admin = await createTestUser({ role: 'enterprise_admin' });
    await expect(createTestUser({ role: 'expert', account: admin.account })).rejects.toMatchObject({
      code: 11000,
    });
  });

  it('refuses an account whose tenant does not fit its role', async () => {
    const platform = operatorScope();
    const base = { account: `bad_${Date.now()}`, name: '错配', passwordHash: 'x' };
    await expect(createUser(platform, { ...base, role: 'expert' })).rejects.toThrow(/enterpriseId/);
    await expect(
      createUser(platform, { ...base, role: 'operator', enterpriseId: new Types.ObjectId() }),
    ).rejects.toThrow(/operator belongs to no tenant/);
    await expect(
      createUser(platform, { ...base, role: 'university', enterpriseId: new Types.ObjectId() }),
    ).rejects.toThrow(/institutionId/);
  });

  it('changes status only when it changes, bumping the session epoch on freeze', async () => {
    const admin = await createTestUser({ role: 'enterprise_admin' });
    const expert = await createTestUser({ role: 'expert', enterpriseId: admin.enterpriseId! });
    const scope = mintTenantScope(admin);
    const epoch = async () => (await UserModel.findById(expert.id).lean())?.sessionEpoch;
    const before = await epoch();

    expect(await setUserStatus(scope, expert.id, 'active')).toBe(false);
    expect(await setUserStatus(scope, expert.id, 'frozen')).toBe(true);
    expect(await epoch()).toBe((before ?? 0) + 1);
    expect(await setUserStatus(scope, expert.id, 'frozen')).toBe(false);
    expect(await setUserStatus(scope, expert.id, 'active')).toBe(true);
    expect(await epoch()).toBe((before ?? 0) + 1);
  });

  it('keeps enterprise names and credit codes unique, allowing many enterprises without a code', async () => {
    const platform = operatorScope();
    const stamp = Date.now();
    await createEnterprise(platform, { name: `甲公司${stamp}`, category: 'high_tech' });
    await createEnterprise(platform, { name: `乙公司${stamp}`, category: 'other' });
    await createEnterprise(platform, {
      name: `丙公司${stamp}`,
      creditCode: '91350100M000100Y43',
      category: 'state_owned',
    });
    await expect(
      createEnterprise(platform, { name: `甲公司${stamp}`, category: 'other' }),
    ).rejects.toMatchObject({ code: 11000 });
    await expect(
      createEnterprise(platform, {
        name: `丁公司${stamp}`,
        creditCode: '91350100M000100Y43',
        category: 'other',
      }),
    ).rejects.toMatchObject({ code: 11000 });
    expect(await EnterpriseModel.countDocuments({ name: { $regex: String(stamp) } })).toBe(3);
  });

  it('lets an enterprise user find only their own enterprise', async () => {
    const admin = await createTestUser({ role: 'enterprise_admin' });
    const other = await createTestUser({ role: 'enterprise_admin' });
    const scope = mintTenantScope(admin);
    if (scope.kind !== 'enterprise') throw new Error('expected an enterprise scope');
    expect((await findEnterprise(scope, admin.enterpriseId!))?._id.toHexString()).toBe(admin.enterpriseId);
    expect(await findEnterprise(scope, other.enterpriseId!)).toBeNull();
    expect(await findEnterprise(operatorScope(), other.enterpriseId!)).not.toBeNull();
  });
});

describe('account presenter', () => {
  it('never leaks the password hash or the session epoch', async () => {
    const user = await createTestUser({ role: 'university' });
    const stored = await UserModel.findById(user.id).lean<UserDoc>();
    expect(stored?.passwordHash).toMatch(/^\$argon2id\$/);
    const dto = toUserDto(stored!);
    expect(Object.keys(dto).sort()).toEqual([
      'account',
      'createdAt',
      'enterpriseId',
      'id',
      'institutionId',
      'name',
      'profile',
      'profileCompletedAt',
      'role',
      'status',
    ]);
    expect(JSON.stringify(dto)).not.toContain('argon2');
    expect(dto).toMatchObject({
      id: user.id,
      institutionId: user.institutionId,
      enterpriseId: null,
      status: 'active',
    });
  });
});
