import { nameText, refuseUnsafeText } from '@quartier/contracts';
import { orNull, pageOf, patchBody } from '@quartier/service-kit';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export const createNetworkSchema = z
  .object({
    name: nameText(),
    description: z.string().trim().max(2000).superRefine(refuseUnsafeText).nullable().optional(),
    /** The area the network describes (an id of the registry's areas). */
    areaId: z.uuid().nullable().optional(),
    /** The funding programme the network belongs to. */
    programmeId: z.string().trim().min(1).max(100).nullable().optional(),
    /** Whether ties are read as directed for the measures (e.g. "names as partner"). */
    directed: z.boolean().default(false),
    /** Whether tie weights count as tie strength in the measures. */
    weighted: z.boolean().default(true),
  })
  .strict()
  .refine((v) => Boolean(v.areaId) || Boolean(v.programmeId), {
    message: 'a network belongs to an area and/or a programme: send areaId or programmeId',
    path: ['areaId'],
  });
export class CreateNetworkDto extends createZodDto(createNetworkSchema) {}
export type CreateNetworkInput = z.infer<typeof createNetworkSchema>;

export const updateNetworkSchema = patchBody({
  name: nameText().optional(),
  description: z.string().trim().max(2000).superRefine(refuseUnsafeText).nullable().optional(),
  directed: z.boolean().optional(),
  weighted: z.boolean().optional(),
});
export class UpdateNetworkDto extends createZodDto(updateNetworkSchema) {}
export type UpdateNetworkInput = z.infer<typeof updateNetworkSchema>;

export const listNetworksQuerySchema = z.object({
  /** Networks of this area or any area below it. */
  areaId: z.uuid().optional(),
  programmeId: z.string().min(1).max(100).optional(),
});
export class ListNetworksQueryDto extends createZodDto(listNetworksQuerySchema) {}

export const createWaveSchema = z
  .object({
    label: z.string().trim().min(1).max(100),
    observedOn: z.iso.date(),
  })
  .strict();
export class CreateWaveDto extends createZodDto(createWaveSchema) {}
export type CreateWaveInput = z.infer<typeof createWaveSchema>;

export const updateWaveSchema = patchBody(createWaveSchema.partial().shape);
export class UpdateWaveDto extends createZodDto(updateWaveSchema) {}

export interface NetworkRow {
  id: string;
  tenantId: string;
  name: string;
  description: string | null;
  areaId: string | null;
  programmeId: string | null;
  directed: boolean;
  weighted: boolean;
  createdAt: string;
  updatedAt: string;
}

/** A network with what authorisation needs (ancestors of its area from the read model). */
export interface NetworkRecord extends NetworkRow {
  areaAncestors: string[] | null;
}

export interface NetworkView extends NetworkRow {
  area: { id: string; code: string; name: string; level: string } | null;
  waves: WaveView[];
  actors: number;
  /** Whether the caller may edit actors, ties, waves and imports of this network. */
  editable: boolean;
}

export interface WaveRow {
  id: string;
  networkId: string;
  label: string;
  observedOn: string;
  revision: number;
}

export interface WaveView extends WaveRow {
  actors: number;
  ties: number;
}

export const NETWORK_COLUMNS = `n.id, n.tenant_id AS "tenantId", n.name, n.description, n.area_id AS "areaId", n.programme_id AS "programmeId",
  n.directed, n.weighted, n.created_at AS "createdAt", n.updated_at AS "updatedAt"`;
export const WAVE_COLUMNS = `w.id, w.network_id AS "networkId", w.label, to_char(w.observed_on, 'YYYY-MM-DD') AS "observedOn", w.revision::int AS revision`;

// Response schemas (docs/adr/0007-generated-portal-clients.md): the interfaces above are what the
// service builds; network-answers.dto.ts proves it answers exactly what these document. The views
// several answers share are named (`.meta({ id })`): one OpenAPI component each.

export const waveRowSchema = z
  .object({
    id: z.uuid(),
    networkId: z.uuid(),
    label: z.string(),
    observedOn: z.iso.date(),
    /** Counts changes of the wave's actors and ties (measures are cached per revision). */
    revision: z.number().int(),
  })
  .meta({ id: 'NetworkWaveRef' });

export const waveViewSchema = waveRowSchema
  .extend({ actors: z.number().int(), ties: z.number().int() })
  .meta({ id: 'NetworkWave' });
export class WaveViewDto extends createZodDto(waveViewSchema) {}

export const networkViewSchema = z
  .object({
    id: z.uuid(),
    tenantId: z.string(),
    name: z.string(),
    description: orNull(z.string(), 'null: no description'),
    areaId: z.uuid().nullable(),
    programmeId: orNull(z.string(), 'null: not part of a programme'),
    directed: z.boolean(),
    weighted: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
    area: z.object({ id: z.uuid(), code: z.string(), name: z.string(), level: z.string() }).nullable(),
    waves: z.array(waveViewSchema),
    actors: z.number().int(),
    /** Whether the caller may edit actors, ties, waves and imports of this network. */
    editable: z.boolean(),
  })
  .meta({ id: 'Network' });
export class NetworkViewDto extends createZodDto(networkViewSchema) {}

export const networkListSchema = pageOf(networkViewSchema);
export class NetworkListDto extends createZodDto(networkListSchema) {}
