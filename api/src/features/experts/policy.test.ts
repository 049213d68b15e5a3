import { roles } from '@panhuo/domain/accounts/roles';
import { expertStatuses } from '@panhuo/domain/experts/status';
import { describe, expect, it } from 'vitest';
import {
  accountRowAbilities,
  detailAbilities,
  libraryRowAbilities,
  ownExpertAbilities,
  reviewRowAbilities,
} from './policy';

const admin = { role: 'enterprise_admin' } as const;
const expert = { role: 'expert' } as const;

describe('expert row abilities (操作 of the manual’s lists)', () => {
  it('shows 禁用 or 启用 on every row, 证书 and 查看 only once approved', () => {
    expect(accountRowAbilities(admin, { status: 'pending_info', accountStatus: 'active' })).toEqual({
      freeze: true,
      unfreeze: false,
      certificate: false,
      view: false,
    });
    expect(accountRowAbilities(admin, { status: 'approved', accountStatus: 'frozen' })).toEqual({
      freeze: false,
      unfreeze: true,
      certificate: true,
      view: true,
    });
    for (const status of ['pending_review', 'rejected'] as const) {
      expect(accountRowAbilities(admin, { status, accountStatus: 'active' })).toMatchObject({
        certificate: false,
        view: false,
      });
    }
  });

  it('offers 审核 only while 待审核, and nothing at all to roles that do not manage experts', () => {
    expect(expertStatuses.filter((status) => reviewRowAbilities(admin, { status }).review)).toEqual([
      'pending_review',
    ]);
    expect(detailAbilities(admin, { status: 'pending_review', accountStatus: 'active' }).review).toBe(true);
    expect(libraryRowAbilities(admin, { status: 'approved' })).toEqual({ certificate: true, view: true });
    for (const role of roles.filter((r) => r !== 'enterprise_admin')) {
      for (const status of expertStatuses) {
        const all = {
          ...detailAbilities({ role }, { status, accountStatus: 'active' }),
          ...detailAbilities({ role }, { status, accountStatus: 'frozen' }),
          ...libraryRowAbilities({ role }, { status }),
        };
        expect(Object.values(all).some(Boolean), `${role} ${status}`).toBe(false);
      }
    }
  });
});

describe('the expert’s own buttons (status machine)', () => {
  it('edits while 待完善信息 or 未通过 and applies from there once the info is saved', () => {
    const table = expertStatuses.flatMap((status) =>
      [false, true].map(
        (hasInfo) => [status, hasInfo, ownExpertAbilities(expert, { status, hasInfo })] as const,
      ),
    );
    expect(table).toEqual([
      ['pending_info', false, { edit: true, apply: false }],
      ['pending_info', true, { edit: true, apply: true }],
      ['pending_review', false, { edit: false, apply: false }],
      ['pending_review', true, { edit: false, apply: false }],
      ['approved', false, { edit: false, apply: false }],
      ['approved', true, { edit: false, apply: false }],
      ['rejected', false, { edit: true, apply: false }],
      ['rejected', true, { edit: true, apply: true }],
    ]);
    expect(ownExpertAbilities(admin, { status: 'pending_info', hasInfo: true })).toEqual({
      edit: false,
      apply: false,
    });
  });
});
