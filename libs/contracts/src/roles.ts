// Zod-free, so the portal can take the role list from here instead of restating it.

/**
 * The roles a person holds within a tenant: every realm role but platform-admin, who works across
 * tenants and passes every role gate anyway. Services that let every tenant role read take this.
 */
export const TENANT_ROLES = [
  'tenant-admin',
  'programme-manager',
  'planner',
  'analyst',
  'evaluator',
  'viewer',
] as const;

/**
 * Realm roles, as Keycloak and the dev provider put them into `realm_access.roles`; widest
 * first, the order an administrator picks them in.
 */
export const ROLES = ['platform-admin', ...TENANT_ROLES] as const;
export type Role = (typeof ROLES)[number];
