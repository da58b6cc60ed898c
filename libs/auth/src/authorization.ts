import { ROLES, type Role } from '@quartier/contracts';
import { AuthError } from './auth.error';
import type { Principal } from './principal';

/**
 * A role assignment as the registry holds it for one user in one tenant: *where* a role that
 * the token grants applies. `areaId: null` = the whole tenant; `programmeId: null` = not
 * limited to one funding programme.
 */
export interface Assignment {
  readonly role: Role;
  readonly areaId: string | null;
  readonly programmeId: string | null;
}

/**
 * What an action touches. Each dimension has three states, because "no particular area"
 * (a list that is filtered afterwards) and "the tenant as a whole" (creating a top-level
 * area) need different grants:
 *  - `undefined`: not tied to one area / programme; holding the role somewhere suffices,
 *    and the caller filters results with `scopeAreas` / `scopePrograms`.
 *  - `null`: the tenant as a whole; needs an assignment without area / programme limit.
 *  - a value: that area (given as its path) / that programme.
 */
export interface AccessTarget {
  /** Ancestor ids from the root down to the area itself (the area's id is the last element). */
  readonly areaPath?: readonly string[] | null;
  readonly programmeId?: string | null;
}

/** An AccessTarget, or just the area path (shorthand for `{ areaPath }`). */
export type AccessTargetInput = AccessTarget | readonly string[];

// Array.isArray does not narrow readonly arrays, hence the explicit guard.
function isAreaPath(input: AccessTargetInput): input is readonly string[] {
  return Array.isArray(input);
}

function targetOf(input: AccessTargetInput): AccessTarget {
  return isAreaPath(input) ? { areaPath: input } : input;
}

export type AccessDecision =
  | { readonly allowed: true; readonly via: 'platform-admin' | 'tenant-admin' | 'assignment' }
  | { readonly allowed: false; readonly reason: 'MissingRole' | 'OutOfScope' };

/** Roles whose reach comes from the token alone: they need no assignment in the registry. */
const TENANT_WIDE_BY_TOKEN: ReadonlySet<Role> = new Set<Role>(['platform-admin', 'tenant-admin']);

export function isPlatformAdmin(principal: Principal): boolean {
  return principal.roles.includes('platform-admin');
}

/**
 * Roles of `required` that the token grants. An empty `required` means "any Quartier role":
 * an authenticated caller without any of our roles is still refused.
 */
function heldRoles(principal: Principal, required: readonly Role[]): Role[] {
  const wanted = required.length > 0 ? required : ROLES;
  return wanted.filter((role) => principal.roles.includes(role));
}

function areaMatches(assignment: Assignment, areaPath: readonly string[] | null | undefined): boolean {
  if (areaPath === undefined || assignment.areaId === null) return true;
  if (areaPath === null) return false;
  return areaPath.includes(assignment.areaId);
}

function programmeMatches(assignment: Assignment, programmeId: string | null | undefined): boolean {
  if (programmeId === undefined || assignment.programmeId === null) return true;
  if (programmeId === null) return false;
  return assignment.programmeId === programmeId;
}

/**
 * Decides whether `principal` may perform an action that requires one of `required` on
 * `target`. Token roles are the ceiling: an assignment for a role the token lacks grants
 * nothing (the identity provider is the authority on *who* holds a role, the registry on
 * *where*). platform-admin passes every role requirement; tenant-admin, when required, applies
 * tenant-wide without any assignment.
 */
export function decideAccess(
  principal: Principal,
  assignments: readonly Assignment[],
  required: readonly Role[],
  targetInput: AccessTargetInput = {},
): AccessDecision {
  const target = targetOf(targetInput);
  if (isPlatformAdmin(principal)) return { allowed: true, via: 'platform-admin' };
  const held = heldRoles(principal, required);
  if (held.length === 0) return { allowed: false, reason: 'MissingRole' };
  if (held.includes('tenant-admin')) return { allowed: true, via: 'tenant-admin' };
  const granted = assignments.some(
    (assignment) =>
      held.includes(assignment.role) &&
      !TENANT_WIDE_BY_TOKEN.has(assignment.role) &&
      areaMatches(assignment, target.areaPath) &&
      programmeMatches(assignment, target.programmeId),
  );
  return granted ? { allowed: true, via: 'assignment' } : { allowed: false, reason: 'OutOfScope' };
}

/** Boolean form of `decideAccess`, for filters and conditional UI hints. */
export function canAct(
  principal: Principal,
  assignments: readonly Assignment[],
  required: readonly Role[],
  target: AccessTargetInput = {},
): boolean {
  return decideAccess(principal, assignments, required, target).allowed;
}

/** Throws the matching AuthError when `decideAccess` refuses. */
export function assertCanAct(
  principal: Principal,
  assignments: readonly Assignment[],
  required: readonly Role[],
  target: AccessTargetInput = {},
): void {
  const decision = decideAccess(principal, assignments, required, target);
  if (decision.allowed) return;
  if (decision.reason === 'MissingRole') {
    throw new AuthError(
      'MissingRole',
      `requires one of the roles: ${required.join(', ') || ROLES.join(', ')}`,
    );
  }
  throw new AuthError('OutOfScope', 'outside the area or programme scope of your role assignments');
}

/** 'all' (no restriction) or the ids of the scope roots; an empty list means nothing. */
export type Scope = 'all' | readonly string[];

function uniqueSorted(ids: Iterable<string>): string[] {
  return [...new Set(ids)].sort();
}

/**
 * The areas a principal may act on with one of `required`, to filter lists: 'all', or the
 * roots of the permitted subtrees (an area is in scope when one of them is on its path, see
 * `isInScope`). `programmeId` narrows to assignments valid for that programme (see
 * AccessTarget for undefined / null).
 */
export function scopeAreas(
  principal: Principal,
  assignments: readonly Assignment[],
  required: readonly Role[],
  options: { readonly programmeId?: string | null } = {},
): Scope {
  return scopeOf(principal, assignments, required, 'areaId', (a) => programmeMatches(a, options.programmeId));
}

/** The programmes a principal may act on with one of `required` (see `scopeAreas`). */
export function scopeProgrammes(
  principal: Principal,
  assignments: readonly Assignment[],
  required: readonly Role[],
  options: { readonly areaPath?: readonly string[] | null } = {},
): Scope {
  return scopeOf(principal, assignments, required, 'programmeId', (a) => areaMatches(a, options.areaPath));
}

/**
 * One dimension of a principal's scope: 'all' when the token alone reaches the whole tenant or
 * a granting assignment that `matches` keeps has no limit in that dimension, else their limits.
 */
function scopeOf(
  principal: Principal,
  assignments: readonly Assignment[],
  required: readonly Role[],
  dimension: 'areaId' | 'programmeId',
  matches: (assignment: Assignment) => boolean,
): Scope {
  if (isPlatformAdmin(principal)) return 'all';
  const held = heldRoles(principal, required);
  if (held.includes('tenant-admin')) return 'all';
  const limits = assignments
    .filter((a) => held.includes(a.role) && !TENANT_WIDE_BY_TOKEN.has(a.role) && matches(a))
    .map((a) => a[dimension]);
  if (limits.includes(null)) return 'all';
  return uniqueSorted(limits.filter((id): id is string => id !== null));
}

/** Whether an area, given by its path (root first, ending with itself), lies in `scope`. */
export function isInScope(scope: Scope, areaPath: readonly string[]): boolean {
  return scope === 'all' || areaPath.some((id) => scope.includes(id));
}

/**
 * The tenant a request acts in. Everyone but a platform admin acts in the tenant of their
 * token; naming another tenant answers "not found" (no hint that it exists). A platform admin
 * chooses the tenant per request (`requested`), falling back to a tenant claim if they have
 * one; null means no tenant chosen, which tenant-bound endpoints refuse (`requireTenant`).
 */
export function actingTenantOf(principal: Principal, requested?: string): string | null {
  if (isPlatformAdmin(principal)) return requested ?? principal.tenantId;
  if (principal.tenantId === null) {
    throw new AuthError('NoTenant', 'your account is not assigned to a tenant');
  }
  if (requested !== undefined && requested !== principal.tenantId) {
    throw new AuthError('TenantNotFound', 'tenant not found');
  }
  return principal.tenantId;
}

export function requireTenant(tenantId: string | null): string {
  if (tenantId === null) {
    throw new AuthError(
      'TenantRequired',
      'choose a tenant: platform administrators send the X-Quartier-Tenant header',
    );
  }
  return tenantId;
}
