// When a role assignment can take effect. Roles come from the identity provider; an assignment
// only says *where* a role the token already carries applies. So an assignment does nothing
// when the role is one the provider grants tenant-wide by itself (platform-admin, tenant-admin),
// or when the user's token does not carry the role. The registry cannot ask the provider about
// users (in distributed mode it is Keycloak's business), but it sees each user's roles whenever
// they sign in to the portal: that sighting is what "does not carry the role" is judged by.
import type { Role } from '@quartier/contracts';

/** Roles that apply tenant-wide from the token alone; an assignment of them grants nothing. */
export const ROLES_WITHOUT_ASSIGNMENT: readonly Role[] = ['platform-admin', 'tenant-admin'];

/** Roles an administrator may assign (offered in the portal, accepted by the API). */
export function assignableRole(role: Role): boolean {
  return !ROLES_WITHOUT_ASSIGNMENT.includes(role);
}

/** The roles a user's token carried when they last signed in to this tenant. */
export interface ProviderRoleSighting {
  readonly roles: readonly Role[];
  /** ISO timestamp of the sign-in. */
  readonly seenAt: string;
}

export type AssignmentRefusal =
  | { readonly code: 'RoleNotAssignable'; readonly role: Role }
  | {
      readonly code: 'RoleNotHeldAtProvider';
      readonly role: Role;
      readonly providerRoles: readonly Role[];
      readonly seenAt: string;
    };

/**
 * Why assigning `role` to a user cannot take effect, or null when it can. A user never seen is
 * given the benefit of the doubt (the assignment applies once the provider grants the role);
 * `providerRoleAcknowledged` says the administrator is having the provider grant it now.
 */
export function assignmentRefusal(
  role: Role,
  sighting: ProviderRoleSighting | null,
  providerRoleAcknowledged = false,
): AssignmentRefusal | null {
  if (!assignableRole(role)) return { code: 'RoleNotAssignable', role };
  if (sighting && !sighting.roles.includes(role) && !providerRoleAcknowledged)
    return { code: 'RoleNotHeldAtProvider', role, providerRoles: sighting.roles, seenAt: sighting.seenAt };
  return null;
}

/** Whether an existing assignment applies for the user as last seen (null: not seen yet). */
export function assignmentEffective(role: Role, sighting: ProviderRoleSighting | null): boolean | null {
  if (!assignableRole(role)) return false;
  return sighting ? sighting.roles.includes(role) : null;
}
