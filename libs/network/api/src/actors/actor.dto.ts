import { nameText, SECTORS, type Sector } from '@quartier/contracts';
import { orNull, pageOf, pageQueryFields, patchBody } from '@quartier/service-kit';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { ACTOR_KINDS, OFFERING_TYPES, type ActorKind, type OfferingType } from '../network.constants';

export const offeringSchema = z.object({
  type: z.enum(OFFERING_TYPES),
  description: z.string().trim().min(1).max(500),
});

export const contactSchema = z
  .object({
    person: nameText().optional(),
    email: z.email().max(200).optional(),
    phone: z
      .string()
      .trim()
      .regex(/^[+0-9 ()/-]{3,40}$/, 'phone: digits, spaces and + ( ) / - only')
      .optional(),
    website: z
      .url({ protocol: /^https?$/ })
      .max(300)
      .optional(),
  })
  .strict()
  .meta({ id: 'ActorContact' }); // named: new actors and changes share one component

export const pointSchema = z
  .object({ lon: z.number().min(-180).max(180), lat: z.number().min(-90).max(90) })
  .strict();

const actorFields = {
  externalId: z.string().trim().min(1).max(200).nullable().optional(),
  kind: z.enum(ACTOR_KINDS).default('organisation'),
  name: nameText(),
  sector: z.enum(SECTORS).nullable().optional(),
  field: z.string().trim().min(1).max(100).nullable().optional(),
  areaId: z.uuid().nullable().optional(),
  address: z.string().trim().min(1).max(300).nullable().optional(),
  point: pointSchema.nullable().optional(),
  offerings: z.array(offeringSchema).max(50).optional(),
  contact: contactSchema.optional(),
  pseudonymised: z.boolean().optional(),
};

export const createActorSchema = z
  .object({
    ...actorFields,
    /** Waves the actor takes part in (also as an isolate). */
    waveIds: z.array(z.uuid()).max(100).optional(),
  })
  .strict();
export class CreateActorDto extends createZodDto(createActorSchema) {}
export type CreateActorInput = z.infer<typeof createActorSchema>;

export const updateActorSchema = patchBody({
  ...actorFields,
  kind: z.enum(ACTOR_KINDS).optional(),
  name: actorFields.name.optional(),
});
export class UpdateActorDto extends createZodDto(updateActorSchema) {}
export type UpdateActorInput = z.infer<typeof updateActorSchema>;

export const listActorsQuerySchema = z.object({
  waveId: z.uuid().optional(),
  sector: z.enum(SECTORS).optional(),
  q: z.string().trim().min(1).max(100).optional(),
  ...pageQueryFields({ max: 5000, default: 500 }),
});
export class ListActorsQueryDto extends createZodDto(listActorsQuerySchema) {}

export interface Offering {
  type: OfferingType;
  description: string;
}

export interface Contact {
  person?: string;
  email?: string;
  phone?: string;
  website?: string;
}

/** An actor as stored. */
export interface ActorRow {
  id: string;
  networkId: string;
  externalId: string | null;
  kind: ActorKind;
  name: string;
  sector: Sector | null;
  field: string | null;
  areaId: string | null;
  address: string | null;
  lon: number | null;
  lat: number | null;
  offerings: Offering[];
  contact: Contact;
  pseudonymised: boolean;
}

/** An actor as a caller sees it: pseudonymised actors without the right show a pseudonym only. */
export interface ActorView {
  id: string;
  externalId: string | null;
  kind: ActorKind;
  name: string;
  pseudonymised: boolean;
  /** True when name, contact, address and location are withheld from this caller. */
  identityHidden: boolean;
  sector: Sector | null;
  field: string | null;
  areaId: string | null;
  address: string | null;
  point: { lon: number; lat: number } | null;
  offerings: Offering[];
  contact: Contact | null;
}

export const ACTOR_COLUMNS = `a.id, a.network_id AS "networkId", a.external_id AS "externalId", a.kind, a.name, a.sector, a.field,
  a.area_id AS "areaId", a.address, a.lon, a.lat, a.offerings, a.contact, a.pseudonymised`;

// Response schemas (docs/adr/0007-generated-portal-clients.md); network-answers.dto.ts proves the
// service answers exactly what these document.

export const offeringViewSchema = z.object({ type: z.enum(OFFERING_TYPES), description: z.string() });

export const actorViewSchema = z.object({
  id: z.uuid(),
  externalId: orNull(z.string(), 'null: not imported from a file'),
  kind: z.enum(ACTOR_KINDS),
  name: z.string(),
  pseudonymised: z.boolean(),
  /** True when name, contact, address and location are withheld from this caller. */
  identityHidden: z.boolean(),
  sector: z.enum(SECTORS).nullable(),
  field: orNull(z.string(), 'null: no field of action'),
  areaId: z.uuid().nullable(),
  address: orNull(z.string(), 'null: none, or withheld'),
  point: z.object({ lon: z.number(), lat: z.number() }).nullable(),
  offerings: z.array(offeringViewSchema),
  contact: z
    .object({
      person: z.string().optional(),
      email: z.string().optional(),
      phone: z.string().optional(),
      website: z.string().optional(),
    })
    .nullable(),
});

export const actorListSchema = pageOf(actorViewSchema);
export class ActorListDto extends createZodDto(actorListSchema) {}

export const actorWithWavesSchema = actorViewSchema.extend({
  /** The waves the actor takes part in. */
  waveIds: z.array(z.uuid()),
});
export class ActorWithWavesDto extends createZodDto(actorWithWavesSchema) {}
