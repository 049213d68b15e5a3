import type { Request } from 'express';
import { forbidden } from '../../errors';
import { tenantScopeOf } from '../auth/scope';
import type { PlatformScope } from '../auth/scope';

/**
 * The platform scope of the operator making the request. Routes reach it only after the operator.console
 * ability was checked; the 403 here is a second line should a role ever get the ability without being
 * the operator.
 */
export function platformScopeOf(req: Request): PlatformScope {
  const scope = tenantScopeOf(req);
  if (scope.kind !== 'platform') throw forbidden();
  return scope;
}
