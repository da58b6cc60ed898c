import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { tenantIdSchema, type Role } from '@quartier/contracts';
import type { Request, Response } from 'express';
import { AccessDirectory } from '../access-directory';
import { AuthError } from '../auth.error';
import { actingTenantOf, assertCanAct, isPlatformAdmin, type Assignment } from '../authorization';
import { OidcTokenVerifier } from '../token-verifier';
import type { AccessContext, RequestWithAccess } from './access-context';
import {
  AREA_SCOPE_KEY,
  AUTH_OPTIONS,
  DEFAULT_TENANT_HEADER,
  IS_PUBLIC_KEY,
  ROLES_KEY,
} from './auth.constants';
import type { AreaScopeOptions } from './auth.decorators';
import { toHttpException, wwwAuthenticateFor } from './auth-http';
import type { AuthModuleOptions } from './auth.options';

type GuardedRequest = Request & RequestWithAccess;

/**
 * Global guard (AuthModule registers it as APP_GUARD): every HTTP route requires a valid
 * bearer token unless marked @Public, then tenant, role and area scope are checked in that
 * order. The role check runs before any area lookup, so a caller without the role learns
 * nothing about which areas exist.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly tenantHeader: string;

  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: OidcTokenVerifier,
    private readonly directory: AccessDirectory,
    @Inject(AUTH_OPTIONS) options: AuthModuleOptions,
  ) {
    this.tenantHeader = (options.tenantHeader ?? DEFAULT_TENANT_HEADER).toLowerCase();
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    // Event consumers and other transports authorise by their own rules; this guard is HTTP's.
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC_KEY, targets)) return true;

    const http = context.switchToHttp();
    const request = http.getRequest<GuardedRequest>();
    try {
      const required = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets) ?? [];
      const areaScope = this.reflector.getAllAndOverride<AreaScopeOptions | undefined>(
        AREA_SCOPE_KEY,
        targets,
      );
      request.quartierAccess = await this.authorise(request, required, areaScope);
      return true;
    } catch (error) {
      if (!(error instanceof AuthError)) throw error;
      const header = wwwAuthenticateFor(error);
      if (header) http.getResponse<Response>().setHeader('WWW-Authenticate', header);
      throw toHttpException(error);
    }
  }

  private async authorise(
    request: GuardedRequest,
    required: readonly Role[],
    areaScope: AreaScopeOptions | undefined,
  ): Promise<AccessContext> {
    const principal = await this.verifier.verify(bearerTokenOf(request));
    const tenantId = actingTenantOf(principal, this.requestedTenant(request));
    const assignments: readonly Assignment[] =
      tenantId !== null && !isPlatformAdmin(principal)
        ? await this.directory.assignmentsOf(tenantId, principal.subject)
        : [];

    // Role ceiling first (any scope): refusing here reveals nothing about areas.
    assertCanAct(principal, assignments, required);
    if (!areaScope) return { principal, tenantId, assignments };

    const areaId = areaIdOf(request, areaScope);
    if (areaId === undefined) {
      const whenAbsent = areaScope.whenAbsent ?? 'tenant';
      assertCanAct(principal, assignments, required, whenAbsent === 'tenant' ? { areaPath: null } : {});
      return { principal, tenantId, assignments };
    }
    // A platform admin who chose no tenant has nothing to be scoped to; the service's own
    // tenant-bound lookup (via @CurrentTenant) refuses tenant data without a tenant.
    if (tenantId === null) return { principal, tenantId, assignments };

    const ancestors = await this.directory.ancestorsOf(tenantId, areaId);
    if (ancestors === null) throw new AuthError('AreaNotFound', 'area not found');
    const areaPath = [...ancestors, areaId];
    assertCanAct(principal, assignments, required, { areaPath });
    return { principal, tenantId, assignments, areaPath };
  }

  private requestedTenant(request: GuardedRequest): string | undefined {
    const raw = request.headers[this.tenantHeader];
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (value === undefined || value === '') return undefined;
    // A malformed tenant id cannot name an existing tenant; answer as for an unknown one.
    if (!tenantIdSchema.safeParse(value).success) throw new AuthError('TenantNotFound', 'tenant not found');
    return value;
  }
}

function bearerTokenOf(request: Request): string {
  const header = request.headers.authorization;
  if (!header) throw new AuthError('Unauthenticated', 'authentication required');
  const match = /^Bearer\s+([A-Za-z0-9\-._~+/]+=*)\s*$/i.exec(header);
  if (!match) throw new AuthError('InvalidToken', 'Authorization header must be "Bearer <token>"');
  return match[1]!;
}

/** The area id named by the request, or undefined when absent or not a plain string. */
function areaIdOf(request: Request, source: AreaScopeOptions): string | undefined {
  let value: unknown;
  if ('param' in source) value = request.params?.[source.param];
  else if ('query' in source) value = (request.query as Record<string, unknown> | undefined)?.[source.query];
  else value = (request.body as Record<string, unknown> | undefined)?.[source.body];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}
