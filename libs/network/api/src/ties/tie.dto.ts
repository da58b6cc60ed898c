import { pageOf, patchBody } from '@quartier/service-kit';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { TIE_SOURCES, TIE_TYPES, type TieSource, type TieType } from '../network.constants';

const attributesSchema = z.record(
  z.string().min(1).max(100),
  z.union([z.string().max(500), z.number().finite()]),
);

export const createTieSchema = z
  .object({
    sourceActorId: z.uuid(),
    targetActorId: z.uuid(),
    /** Absent: the network's default direction. */
    directed: z.boolean().optional(),
    type: z.enum(TIE_TYPES).default('cooperation'),
    /** Frequency / intensity; a positive number. */
    weight: z.number().positive().finite().default(1),
    attributes: attributesSchema.optional(),
  })
  .strict()
  .refine((v) => v.sourceActorId !== v.targetActorId, {
    message: 'a tie connects two different actors',
    path: ['targetActorId'],
  });
export class CreateTieDto extends createZodDto(createTieSchema) {}
export type CreateTieInput = z.infer<typeof createTieSchema>;

export const updateTieSchema = patchBody({
  weight: z.number().positive().finite().optional(),
  type: z.enum(TIE_TYPES).optional(),
  attributes: attributesSchema.optional(),
});
export class UpdateTieDto extends createZodDto(updateTieSchema) {}
export type UpdateTieInput = z.infer<typeof updateTieSchema>;

export const listTiesQuerySchema = z.object({
  type: z.enum(TIE_TYPES).optional(),
  actorId: z.uuid().optional(),
});
export class ListTiesQueryDto extends createZodDto(listTiesQuerySchema) {}

export interface TieRow {
  id: string;
  waveId: string;
  sourceActorId: string;
  targetActorId: string;
  directed: boolean;
  type: TieType;
  weight: number;
  source: TieSource;
  attributes: Record<string, string | number>;
}

export interface TieView extends TieRow {
  sourceName: string;
  targetName: string;
}

export const TIE_COLUMNS = `t.id, t.wave_id AS "waveId", t.source_actor_id AS "sourceActorId", t.target_actor_id AS "targetActorId", t.directed, t.type,
  t.weight, t.source, t.attributes`;

export { TIE_SOURCES };

// Response schemas (docs/adr/0007-generated-portal-clients.md); network-answers.dto.ts proves the
// service answers exactly what these document.

export const tieRowSchema = z.object({
  id: z.uuid(),
  waveId: z.uuid(),
  sourceActorId: z.uuid(),
  targetActorId: z.uuid(),
  directed: z.boolean(),
  type: z.enum(TIE_TYPES),
  weight: z.number(),
  /** How the tie was recorded: a network survey, by hand, or a file import. */
  source: z.enum(TIE_SOURCES),
  attributes: z.record(z.string(), z.union([z.string(), z.number()])),
});
export class TieRowDto extends createZodDto(tieRowSchema) {}

export const tieListSchema = pageOf(tieRowSchema.extend({ sourceName: z.string(), targetName: z.string() }));
export class TieListDto extends createZodDto(tieListSchema) {}
