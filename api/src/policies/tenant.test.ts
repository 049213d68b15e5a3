import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import type { Actor } from './abilities';
import { authorizeRecord, recordAccess, sameTenant } from './tenant';

const enterpriseA = 'aaaaaaaaaaaaaaaaaaaaaaaa';
const enterpriseB = 'bbbbbbbbbbbbbbbbbbbbbbbb';
const institution = 'cccccccccccccccccccccccc';
const actor = (role: Actor['role'], tenant: Partial<Actor> = {}): Actor => ({
  role,
  enterpriseId: null,
  institutionId: null,
  profileComplete: true,
  ...tenant,
});

const adminA = actor('enterprise_admin', { enterpriseId: enterpriseA });
const expertA = actor('expert', { enterpriseId: enterpriseA });
const expertRecordA = { enterpriseId: enterpriseA };
const expertRecordB = { enterpriseId: enterpriseB };

describe('tenant rule', () => {
  it('hides another enterprise’s record as not found, whatever the role may do', () => {
    expect(recordAccess(adminA, expertRecordB, 'experts.manage')).toBe('not_found');
    expect(recordAccess(expertA, expertRecordB, 'experts.manage')).toBe('not_found');
  });

  it('refuses the same enterprise’s record with forbidden when the role lacks the ability', () => {
    expect(recordAccess(expertA, expertRecordA, 'experts.manage')).toBe('forbidden');
    expect(recordAccess(adminA, expertRecordA, 'experts.manage')).toBe('allow');
  });

  it('keeps university users to their institution and lets the operator see every tenant', () => {
    const university = actor('university', { institutionId: institution });
    expect(sameTenant(university, { institutionId: institution })).toBe(true);
    expect(sameTenant(university, { enterpriseId: enterpriseA })).toBe(false);
    expect(sameTenant(university, {})).toBe(false);
    expect(sameTenant(actor('operator'), expertRecordB)).toBe(true);
    expect(sameTenant(adminA, {})).toBe(false);
  });

  it('compares ObjectId-like owners by their hex string', () => {
    const objectIdLike = { toString: () => enterpriseA };
    expect(sameTenant(adminA, { enterpriseId: objectIdLike })).toBe(true);
  });

  it('throws 404 and 403 AppErrors', () => {
    const error = (fn: () => void) => {
      try {
        fn();
      } catch (err) {
        return err;
      }
      return undefined;
    };
    expect(error(() => authorizeRecord(adminA, expertRecordB, 'experts.manage'))).toMatchObject({
      status: 404,
      code: 'not_found',
    });
    expect(error(() => authorizeRecord(expertA, expertRecordA, 'experts.manage'))).toBeInstanceOf(AppError);
    expect(error(() => authorizeRecord(expertA, expertRecordA, 'experts.manage'))).toMatchObject({
      status: 403,
      code: 'forbidden',
    });
    expect(error(() => authorizeRecord(adminA, expertRecordA, 'experts.manage'))).toBeUndefined();
  });
});
