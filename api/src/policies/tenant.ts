import type { Ability } from '@panhuo/domain/accounts/abilities';
import { forbidden, notFound } from '../errors';
import { can } from './abilities';
import type { Actor } from './abilities';

/** The owner of a tenant-owned record (an expert account, an evaluation, an intent…), as ids or ObjectIds. */
export interface RecordTenant {
  enterpriseId?: { toString(): string } | null;
  institutionId?: { toString(): string } | null;
}

/** Outcome of checking one record: allowed, hidden (another tenant's) or refused (same tenant, wrong role). */
export type RecordAccess = 'allow' | 'not_found' | 'forbidden';

/**
 * True when the record belongs to the actor's tenant. The operator runs the whole platform and belongs to
 * every tenant; enterprise users to their enterprise; university users to their institution.
 */
export function sameTenant(actor: Actor, record: RecordTenant): boolean {
  if (actor.role === 'operator') return true;
  if (actor.role === 'university') {
    return actor.institutionId !== null && record.institutionId?.toString() === actor.institutionId;
  }
  return actor.enterpriseId !== null && record.enterpriseId?.toString() === actor.enterpriseId;
}

/**
 * The tenant rule every service follows after loading a tenant-owned record (load `{_id, enterpriseId}`
 * first; nothing found → 404):
 * - a record of another enterprise or institution answers 404 `not_found`, exactly as if it did not exist,
 *   so ids cannot be probed across tenants;
 * - a record of the actor's own tenant that the actor's role may not act on answers 403 `forbidden`.
 * Shared catalogue records (patents in the resource library) are not tenant-owned: check `can()` only.
 * Stores enforce the same rule by filtering with a TenantScope, so a query never even returns another
 * tenant's record.
 */
export function recordAccess(actor: Actor, record: RecordTenant, ability: Ability): RecordAccess {
  if (!sameTenant(actor, record)) return 'not_found';
  return can(actor, ability) ? 'allow' : 'forbidden';
}

/** Throws the AppError the tenant rule asks for (404 or 403), or returns when allowed. */
export function authorizeRecord(actor: Actor, record: RecordTenant, ability: Ability): void {
  const access = recordAccess(actor, record, ability);
  if (access === 'not_found') throw notFound();
  if (access === 'forbidden') throw forbidden();
}
