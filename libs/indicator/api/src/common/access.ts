import {
  assertCanAct,
  AuthError,
  scopeAreas,
  toHttpException,
  type AccessContext,
  type Scope,
} from '@quartier/auth';
import { ROLES, type Role } from '@quartier/contracts';

/** Who may change the catalogue, import values and run indices. */
export const INDICATOR_EDITORS: Role[] = ['tenant-admin', 'analyst'];

/**
 * Catalogue edits, imports and index runs act on the whole tenant (a file or a run spans every
 * area), so a role limited to one district is not enough: the grant must be tenant-wide.
 */
export function requireTenantWide(access: AccessContext, roles: readonly Role[] = INDICATOR_EDITORS): void {
  try {
    assertCanAct(access.principal, access.assignments, roles, { areaPath: null });
  } catch (error) {
    throw error instanceof AuthError ? toHttpException(error) : error;
  }
}

/** The areas a caller may read values of (any Quartier role). */
export function readScope(access: AccessContext): Scope {
  return scopeAreas(access.principal, access.assignments, [...ROLES]);
}
