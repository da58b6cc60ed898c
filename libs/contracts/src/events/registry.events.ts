import { z } from 'zod';
import { nameText } from '../text-safety';
import { areaRefSchema, roleSchema, tenantIdSchema, uuidSchema } from '../values';

/** A link the public follows from a Quartier page: http(s) only, so no script can hide in it. */
const publicLink = z.url({ protocol: /^https?$/ }).max(2000);

/** What the public sees of a tenant on its survey forms (all optional: absent = not shown). */
export const tenantPublicProfileSchema = z
  .object({
    operatorName: nameText(200).nullable().default(null),
    imprintUrl: publicLink.nullable().default(null),
    privacyUrl: publicLink.nullable().default(null),
  })
  .strict();
export type TenantPublicProfile = z.infer<typeof tenantPublicProfileSchema>;

export const tenantUpsertedV1 = z.object({
  tenantId: tenantIdSchema,
  name: z.string().min(1),
  levels: z.array(z.object({ key: z.string(), name: z.string(), rank: z.number().int() })),
  /** Added later within v1: absent on events of registries from before the public profile. */
  publicProfile: tenantPublicProfileSchema.nullable().optional(),
});

export const areaUpsertedV1 = areaRefSchema.extend({ validFrom: z.iso.date() });
export const areaDeletedV1 = z.object({ id: uuidSchema, tenantId: tenantIdSchema });

export const areaVersionCreatedV1 = z.object({
  id: uuidSchema,
  tenantId: tenantIdSchema,
  name: z.string(),
  validFrom: z.iso.date(),
  /** Crosswalk from the previous version: old area → new area with weight (share). */
  crosswalk: z.array(
    z.object({ fromAreaId: uuidSchema, toAreaId: uuidSchema, weight: z.number().min(0).max(1) }),
  ),
});

/** The crosswalk into a version was (re)defined: old area → new area with weight. */
export const crosswalkReplacedV1 = z.object({
  tenantId: tenantIdSchema,
  fromVersionId: uuidSchema,
  toVersionId: uuidSchema,
  entries: z.array(
    z.object({ fromAreaId: uuidSchema, toAreaId: uuidSchema, weight: z.number().gt(0).max(1) }),
  ),
});

const assignment = z.object({
  id: uuidSchema,
  tenantId: tenantIdSchema,
  subject: z.string().min(1),
  role: roleSchema,
  /** null = whole tenant; otherwise the area and its subtree. */
  areaId: uuidSchema.nullable(),
  programmeId: z.string().nullable(),
});
export const roleAssignmentGrantedV1 = assignment;
export const roleAssignmentRevokedV1 = assignment.pick({ id: true, tenantId: true, subject: true });
