import { roleSchema, type Role } from '@quartier/contracts';
import { orNull, pageOf, pageQueryFields } from '@quartier/service-kit';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export const grantRoleSchema = z
  .object({
    subject: z.string().trim().min(1).max(200),
    role: roleSchema,
    areaId: z.uuid().nullable().default(null),
    programmeId: z.string().min(1).max(100).nullable().default(null),
    /**
     * The administrator is having the identity provider grant the role now: accept the
     * assignment although the user's last sign-in did not carry the role.
     */
    acknowledgeProviderRole: z.boolean().default(false),
  })
  .strict();
export class GrantRoleDto extends createZodDto(grantRoleSchema) {}

export const listAssignmentsQuerySchema = z.object({
  subject: z.string().min(1).optional(),
  ...pageQueryFields({ max: 1000, default: 50 }),
});
export class ListAssignmentsQueryDto extends createZodDto(listAssignmentsQuerySchema) {}

export interface RoleAssignmentView {
  id: string;
  subject: string;
  role: Role;
  areaId: string | null;
  areaName: string | null;
  programmeId: string | null;
  createdAt: string;
  /** The roles the user's token carried at their last sign-in here; null = not signed in yet. */
  providerRoles: Role[] | null;
  seenAt: string | null;
  /** Whether the assignment applies as the user was last seen; null = not known yet. */
  effective: boolean | null;
}

// Response schemas (docs/adr/0007-generated-portal-clients.md); registry-answers.dto.ts proves
// the service answers what these document.

/** Named (one `RoleAssignment` component): alone and in pages. */
export const roleAssignmentViewSchema = z
  .object({
    id: z.uuid(),
    subject: z.string(),
    role: roleSchema,
    areaId: z.uuid().nullable(),
    areaName: orNull(z.string(), 'null: tenant-wide'),
    programmeId: orNull(z.string(), 'null: not limited to a programme'),
    createdAt: z.string(),
    /** The roles the user's token carried at their last sign-in here; null = not signed in yet. */
    providerRoles: z.array(roleSchema).nullable(),
    seenAt: orNull(z.string(), 'when the user last signed in here; null: not yet'),
    /** Whether the assignment applies as the user was last seen; null = not known yet. */
    effective: orNull(z.boolean(), 'null: not known yet'),
  })
  .meta({ id: 'RoleAssignment' });
export class RoleAssignmentViewDto extends createZodDto(roleAssignmentViewSchema) {}

export const roleAssignmentPageSchema = pageOf(roleAssignmentViewSchema);
export class RoleAssignmentPageDto extends createZodDto(roleAssignmentPageSchema) {}
