import { abilityLabels, isAbility } from '@panhuo/domain/accounts/abilities';
import type { Ability } from '@panhuo/domain/accounts/abilities';

/**
 * What every route must declare (RouteSpec.policy, required): deny by default, so a route nobody thought
 * about cannot be mounted.
 * - `{ public: true, reason }`: anyone, signed in or not (health, OpenAPI, login, csrf, logout); the reason
 *   is read in review and shown in the OpenAPI document.
 * - `{ ability }`: a signed-in user (401 otherwise) whose first-login profile is complete (403
 *   `profile_incomplete`, except for the profile-exempt abilities) and whose role holds the ability (403).
 *   Tenant checks on the records the handler loads stay in the service (policies/tenant.ts).
 * CSRF protection and rate limits are independent of the policy: CSRF applies to every POST/PUT/PATCH/
 * DELETE, rate limits go in RouteSpec.guards.
 */
export type RoutePolicy = { public: true; reason: string } | { ability: Ability };

/**
 * Throws when a route's policy is missing or malformed. mountRoutes calls it for every route: TypeScript
 * already requires the field, this also stops plain-JS or cast routes.
 */
export function assertRoutePolicy(policy: unknown, route: string): asserts policy is RoutePolicy {
  if (typeof policy !== 'object' || policy === null) {
    throw new Error(`${route}: no policy declared (add policy: { ability } or { public: true, reason })`);
  }
  const candidate = policy as Record<string, unknown>;
  if ('public' in candidate) {
    if (
      candidate.public !== true ||
      typeof candidate.reason !== 'string' ||
      candidate.reason.trim().length < 3
    ) {
      throw new Error(`${route}: a public policy needs public: true and a reason`);
    }
    if ('ability' in candidate)
      throw new Error(`${route}: a policy is either public or an ability, not both`);
    return;
  }
  if (!isAbility(candidate.ability)) {
    throw new Error(`${route}: unknown ability ${JSON.stringify(candidate.ability)}`);
  }
}

/** One line for the OpenAPI document saying who may call the route. */
export function describePolicy(policy: RoutePolicy): string {
  if ('public' in policy) return `权限：公开（${policy.reason}）`;
  return `权限：${abilityLabels[policy.ability]}（${policy.ability}）`;
}
