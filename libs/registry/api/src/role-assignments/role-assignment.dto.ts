import { ROLES } from '@quartier/contracts';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export const grantRoleSchema = z
  .object({
    subject: z.string().trim().min(1).max(200),
    role: z.enum(ROLES),
    areaId: z.uuid().nullable().default(null),
    programmeId: z.string().min(1).max(100).nullable().default(null),
  })
  .strict();
export class GrantRoleDto extends createZodDto(grantRoleSchema) {}

export const listAssignmentsQuerySchema = z.object({
  subject: z.string().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export class ListAssignmentsQueryDto extends createZodDto(listAssignmentsQuerySchema) {}

export interface RoleAssignmentView {
  id: string;
  subject: string;
  role: (typeof ROLES)[number];
  areaId: string | null;
  areaName: string | null;
  programmeId: string | null;
  createdAt: string;
}
