import type { Role } from '@quartier/contracts/browser';

export type { Role };

/**
 * Roles in the order an administrator thinks of them (widest first). Restated from the
 * contracts as a plain list so the portal does not ship zod; the type check below fails the
 * build if the contracts gain a role this list lacks.
 */
export const ROLE_OPTIONS = [
  'platform-admin',
  'tenant-admin',
  'programme-manager',
  'planner',
  'analyst',
  'evaluator',
  'viewer',
] as const satisfies readonly Role[];
type MissingRoleOption = Exclude<Role, (typeof ROLE_OPTIONS)[number]>;
export const ROLE_OPTIONS_COMPLETE: [MissingRoleOption] extends [never] ? true : never = true;
