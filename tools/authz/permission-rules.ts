// The permission rules as the code states them: every route of every service with the roles its
// controller declares (`@Roles` on the handler, else on the class; `@Public()` for none). Read
// from the same decorator metadata the AuthGuard reads, from the service definitions the
// platform runs, so the README's matrix and the authorisation test cannot drift from the code.
// Tagged like an app (scope:platform): it wires every service's module, as the platform does.
import { RequestMethod, type Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { IS_PUBLIC_KEY, ROLES_KEY } from '@quartier/auth';
import { ROLES, type Role } from '@quartier/contracts';
import type { RuntimeConfig, ServiceDefinition } from '@quartier/service-kit';

export interface RoutePermission {
  readonly service: string;
  readonly method: string;
  /** OpenAPI style: `/api/survey/surveys/{id}`. */
  readonly path: string;
  /** Anyone, without a token. */
  readonly public: boolean;
  /** Roles the guard admits (platform-admin passes every gate); every role for `@Roles()` absent. */
  readonly roles: readonly Role[];
  /** Whether the route is in the service's OpenAPI document (ops routes are not). */
  readonly documented: boolean;
}

/** Placeholders: building a module descriptor connects nowhere. */
const PREVIEW_RUNTIME: RuntimeConfig = {
  databaseUrl: 'postgres://preview.invalid/none',
  oidcIssuer: 'http://preview.invalid/oidc',
  oidcAudience: 'quartier-api',
};

const EXCLUDED_KEY = 'swagger/apiExcludeController';
const EXCLUDED_ENDPOINT_KEY = 'swagger/apiExcludeEndpoint';

export function routePermissions(services: readonly ServiceDefinition[]): RoutePermission[] {
  const routes: RoutePermission[] = [];
  for (const service of services) {
    const controllers = (service.module(PREVIEW_RUNTIME).controllers ?? []) as Type<unknown>[];
    for (const controller of controllers) routes.push(...controllerRoutes(service.name, controller));
  }
  return routes.sort(
    (a, b) =>
      a.service.localeCompare(b.service) || a.path.localeCompare(b.path) || a.method.localeCompare(b.method),
  );
}

function controllerRoutes(service: string, controller: Type<unknown>): RoutePermission[] {
  const prototype = controller.prototype as Record<string, unknown>;
  const base = pathsOf(Reflect.getMetadata(PATH_METADATA, controller));
  const classRoles = Reflect.getMetadata(ROLES_KEY, controller) as Role[] | undefined;
  const classPublic = Reflect.getMetadata(IS_PUBLIC_KEY, controller) === true;
  const classExcluded =
    (Reflect.getMetadata(EXCLUDED_KEY, controller) as unknown[] | undefined)?.[0] === true;
  const routes: RoutePermission[] = [];
  for (const name of Object.getOwnPropertyNames(prototype)) {
    const handler = prototype[name];
    if (name === 'constructor' || typeof handler !== 'function') continue;
    const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
    if (method === undefined) continue;
    const handlerPublic = Reflect.getMetadata(IS_PUBLIC_KEY, handler) as boolean | undefined;
    const roles = (Reflect.getMetadata(ROLES_KEY, handler) as Role[] | undefined) ?? classRoles ?? [];
    const excluded =
      classExcluded ||
      (Reflect.getMetadata(EXCLUDED_ENDPOINT_KEY, handler) as { disable?: boolean } | undefined)?.disable ===
        true;
    for (const prefix of base)
      for (const suffix of pathsOf(Reflect.getMetadata(PATH_METADATA, handler))) {
        routes.push({
          service,
          method: RequestMethod[method],
          path: openApiPath(prefix, suffix),
          public: handlerPublic ?? classPublic,
          roles: roles.length === 0 ? [...ROLES] : [...roles],
          documented: !excluded,
        });
      }
  }
  return routes;
}

function pathsOf(metadata: unknown): string[] {
  if (Array.isArray(metadata)) return metadata.map(String);
  return [metadata === undefined ? '' : String(metadata)];
}

function openApiPath(prefix: string, suffix: string): string {
  const joined = [prefix, suffix]
    .map((part) => part.replace(/^\/+|\/+$/g, ''))
    .filter((part) => part !== '')
    .join('/');
  return `/${joined}`.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

/** Whether a caller holding `roles` passes the route's role gate (the guard's rule). */
export function admits(route: RoutePermission, roles: readonly Role[]): boolean {
  if (route.public) return true;
  if (roles.includes('platform-admin')) return true;
  return roles.some((role) => route.roles.includes(role));
}
