import { tenantIdSchema, nameText, tenantPublicProfileSchema } from '@quartier/contracts';
import { areaLevelSchema } from '@quartier/registry-core';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export const upsertTenantSchema = z
  .object({ name: nameText(), levels: z.array(areaLevelSchema).min(1).max(10) })
  .strict();
export class UpsertTenantDto extends createZodDto(upsertTenantSchema) {}

export const updateCurrentTenantSchema = upsertTenantSchema
  .partial()
  .extend({ publicProfile: tenantPublicProfileSchema.nullable().optional() })
  .strict();
export class UpdateCurrentTenantDto extends createZodDto(updateCurrentTenantSchema) {}

export const tenantIdParamSchema = tenantIdSchema;
