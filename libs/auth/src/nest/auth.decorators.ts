import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Role } from '@quartier/contracts';
import { AuthError } from '../auth.error';
import { requireTenant } from '../authorization';
import type { Principal } from '../principal';
import type { AccessContext, RequestWithAccess } from './access-context';
import { AREA_SCOPE_KEY, IS_PUBLIC_KEY, ROLES_KEY } from './auth.constants';
import { toHttpException } from './auth-http';

/** No token required: health, metrics, API docs. */
export const Public = () => SetMetadata(IS_PUBLIC_KEY, true);

/**
 * The caller's token must hold one of `roles` (platform-admin always passes). Without @Roles
 * any Quartier role suffices. Where the role applies is checked against the assignments: with
 * @AreaScope for the addressed area, otherwise "held somewhere in the tenant".
 */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

export type AreaScopeSource =
  { readonly param: string } | { readonly query: string } | { readonly body: string };

export type AreaScopeOptions = AreaScopeSource & {
  /**
   * When the request carries no area id: `'tenant'` (default) requires a tenant-wide grant,
   * e.g. creating a root area; `'any'` accepts a grant anywhere in the tenant, e.g. a list
   * whose `parent` filter is optional and whose results the service narrows with scopeAreas.
   */
  readonly whenAbsent?: 'tenant' | 'any';
};

/**
 * The action touches the area named by a route parameter, query parameter or body field: the
 * caller's role must apply to that area or one of its ancestors (403 otherwise), and the area
 * must exist in the caller's tenant (404 otherwise — also for another tenant's area).
 */
export const AreaScope = (options: AreaScopeOptions) => SetMetadata(AREA_SCOPE_KEY, options);

function accessOf(context: ExecutionContext): AccessContext {
  const access = context.switchToHttp().getRequest<RequestWithAccess>().quartierAccess;
  if (!access) {
    // Only reachable on a @Public route, where no principal exists: a wiring error, answered
    // as "not authenticated" rather than a crash.
    throw toHttpException(new AuthError('Unauthenticated', 'authentication required'));
  }
  return access;
}

export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal => {
    return accessOf(context).principal;
  },
);

/** The tenant the request acts in; 400 for a platform admin who did not choose one. */
export const CurrentTenant = createParamDecorator((_data: unknown, context: ExecutionContext): string => {
  try {
    return requireTenant(accessOf(context).tenantId);
  } catch (error) {
    throw error instanceof AuthError ? toHttpException(error) : error;
  }
});

/**
 * Who calls, in one parameter: the access context, the tenant the request acts in (400 for a
 * platform admin who chose none) and the subject for audit trails. Services take a Caller
 * instead of three separate values.
 */
export interface Caller {
  readonly access: AccessContext;
  readonly tenantId: string;
  /** The principal's preferred_username, as role assignments and audit trails name people. */
  readonly subject: string;
}

export const CurrentCaller = createParamDecorator((_data: unknown, context: ExecutionContext): Caller => {
  const access = accessOf(context);
  try {
    return { access, tenantId: requireTenant(access.tenantId), subject: access.principal.subject };
  } catch (error) {
    throw error instanceof AuthError ? toHttpException(error) : error;
  }
});
