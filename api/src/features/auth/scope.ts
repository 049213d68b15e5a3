import type { Request } from 'express';
import { Types } from 'mongoose';
import { unauthenticated } from '../../errors';
import type { Actor } from '../../policies/abilities';

declare const tenantScopeBrand: unique symbol;

/** Marks a scope as minted here; nothing else can produce the type without a visible cast. */
interface Minted {
  readonly [tenantScopeBrand]: true;
  /** The signed-in account the scope was minted for (used by own-account store functions). */
  readonly actorId: Types.ObjectId;
}

/** An enterprise admin's or expert's scope: their enterprise's records only. */
export type EnterpriseScope = Minted & { readonly kind: 'enterprise'; readonly enterpriseId: Types.ObjectId };
/** A university user's scope: their institution's records only. */
export type InstitutionScope = Minted & {
  readonly kind: 'institution';
  readonly institutionId: Types.ObjectId;
};
/** The operator's scope: the whole platform. */
export type PlatformScope = Minted & { readonly kind: 'platform' };

/**
 * The tenant a store call is limited to. Tenant-scoped store functions take one, so a query can only
 * reach records of the signed-in user's tenant; it is minted from the authenticated session only
 * (tenantScopeOf), never from request input.
 */
export type TenantScope = EnterpriseScope | InstitutionScope | PlatformScope;

/** What a scope is minted from: an account that authenticated (Express.User satisfies it). */
export type ScopeSource = Pick<Actor, 'role' | 'enterpriseId' | 'institutionId'> & { id: string };

/**
 * Mints the scope of an authenticated account. Only features/auth and tests may call it (a test in
 * scope.test.ts checks the importers); services get their scope from tenantScopeOf(req).
 */
export function mintTenantScope(user: ScopeSource): TenantScope {
  const actorId = new Types.ObjectId(user.id);
  if (user.role === 'operator') return { kind: 'platform', actorId } as PlatformScope;
  if (user.role === 'university') {
    if (!user.institutionId) throw new Error(`university user ${user.id} has no institution`);
    return {
      kind: 'institution',
      actorId,
      institutionId: new Types.ObjectId(user.institutionId),
    } as InstitutionScope;
  }
  if (!user.enterpriseId) throw new Error(`${user.role} ${user.id} has no enterprise`);
  return {
    kind: 'enterprise',
    actorId,
    enterpriseId: new Types.ObjectId(user.enterpriseId),
  } as EnterpriseScope;
}

/** The signed-in user of a request that passed requireUser (401 if there is none). */
export function currentUser(req: Request): Express.User {
  if (!req.user) throw unauthenticated();
  return req.user;
}

/** The tenant scope of the signed-in user making the request. */
export function tenantScopeOf(req: Request): TenantScope {
  return mintTenantScope(currentUser(req));
}
