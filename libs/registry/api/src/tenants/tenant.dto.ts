import { nameText, roleSchema, tenantIdSchema, tenantPublicProfileSchema } from '@quartier/contracts';
import { areaLevelSchema } from '@quartier/registry-core';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

/** Named (one `AreaLevel` component): a new tenant's levels and a change of them. */
const areaLevel = areaLevelSchema.meta({ id: 'AreaLevel' });

export const upsertTenantSchema = z
  .object({ name: nameText(), levels: z.array(areaLevel).min(1).max(10) })
  .strict();
export class UpsertTenantDto extends createZodDto(upsertTenantSchema) {}

export const updateCurrentTenantSchema = upsertTenantSchema
  .partial()
  .extend({ publicProfile: tenantPublicProfileSchema.nullable().optional() })
  .strict();
export class UpdateCurrentTenantDto extends createZodDto(updateCurrentTenantSchema) {}

export const tenantIdParamSchema = tenantIdSchema;

// Response schemas (docs/adr/0007-generated-portal-clients.md); registry-answers.dto.ts proves
// the services answer what these document.

export const tenantViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** Rank 0 = top level (e.g. Bezirk), increasing towards the finest level. */
  levels: z.array(areaLevelSchema),
  /** What the public sees of the tenant on survey forms; null = nothing set. */
  publicProfile: z
    .object({
      operatorName: z.string().nullable(),
      imprintUrl: z.string().nullable(),
      privacyUrl: z.string().nullable(),
    })
    .nullable(),
});
export class TenantViewDto extends createZodDto(tenantViewSchema) {}

export const meViewSchema = z.object({
  subject: z.string(),
  name: z.string(),
  tenantId: z.string(),
  tenantName: z.string(),
  timeZone: z
    .string()
    .describe(
      "the platform's IANA time zone (QUARTIER_TIME_ZONE): its calendar days are the ones dates such as a wave's opening day are",
    ),
  roles: z.array(roleSchema),
  assignments: z.array(
    z.object({
      id: z.uuid(),
      role: roleSchema,
      areaId: z.uuid().nullable(),
      areaName: z.string().nullable(),
      programmeId: z.string().nullable(),
    }),
  ),
});
export class MeViewDto extends createZodDto(meViewSchema) {}
