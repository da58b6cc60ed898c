import { ROLES, tenantIdSchema, type Role } from '@quartier/contracts';
import { AuthError } from './auth.error';

/** Who is calling, as far as Quartier cares; derived from a verified access token. */
export interface Principal {
  /**
   * `preferred_username`: the stable key of role assignments in the registry. Keycloak and the
   * dev provider assign different `sub` values to the same person; the username is what an
   * administrator types when granting a scope, so assignments are keyed on it.
   */
  readonly subject: string;
  /** The token's `sub` (opaque id at the identity provider), kept for audit logs. */
  readonly tokenSubject: string;
  /** The `tenant` claim; null only for platform administrators, who act across tenants. */
  readonly tenantId: string | null;
  /** Known Quartier realm roles from `realm_access.roles`; the ceiling of what the caller may do. */
  readonly roles: readonly Role[];
  readonly name?: string;
}

const KNOWN_ROLES: ReadonlySet<string> = new Set(ROLES);

function isRole(value: unknown): value is Role {
  return typeof value === 'string' && KNOWN_ROLES.has(value);
}

function nonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim().length > 0;
}

/**
 * Maps verified token claims (Keycloak's shape, which the dev provider mirrors) to a Principal.
 * Realm roles other than Quartier's (Keycloak adds `offline_access`, `uma_authorization`,
 * `default-roles-<realm>`) are dropped rather than rejected.
 */
export function principalFromClaims(claims: Readonly<Record<string, unknown>>): Principal {
  const { sub, preferred_username: username, tenant, name } = claims;
  if (!nonEmptyString(sub)) {
    throw new AuthError('InvalidToken', 'token has no subject (sub)');
  }
  if (!nonEmptyString(username)) {
    throw new AuthError('InvalidToken', 'token has no preferred_username claim');
  }

  const realmAccess = claims['realm_access'];
  const rawRoles =
    typeof realmAccess === 'object' && realmAccess !== null && 'roles' in realmAccess
      ? realmAccess.roles
      : undefined;
  if (rawRoles !== undefined && !Array.isArray(rawRoles)) {
    throw new AuthError('InvalidToken', 'realm_access.roles must be an array');
  }
  const roles = [...new Set((rawRoles ?? []).filter(isRole))].sort(
    (a, b) => ROLES.indexOf(a) - ROLES.indexOf(b),
  );

  let tenantId: string | null = null;
  if (tenant !== undefined && tenant !== null && tenant !== '') {
    const parsed = tenantIdSchema.safeParse(tenant);
    if (!parsed.success) {
      throw new AuthError('InvalidToken', 'tenant claim is not a valid tenant id');
    }
    tenantId = parsed.data;
  }

  return {
    subject: username,
    tokenSubject: sub,
    tenantId,
    roles,
    ...(nonEmptyString(name) ? { name } : {}),
  };
}
