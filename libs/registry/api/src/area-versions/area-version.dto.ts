import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export const replaceCrosswalkSchema = z
  .object({
    fromVersionId: z.uuid(),
    /** Areas by code, as planners know them; weight = share of the old area going to the new one. */
    entries: z
      .array(
        z
          .object({ fromCode: z.string().min(1), toCode: z.string().min(1), weight: z.number().gt(0).max(1) })
          .strict(),
      )
      .min(1)
      .max(100_000),
  })
  .strict();
export class ReplaceCrosswalkDto extends createZodDto(replaceCrosswalkSchema) {}

export interface AreaVersionView {
  id: string;
  name: string;
  validFrom: string;
  areas: number;
  /** The version in force today. */
  current: boolean;
}

export interface CrosswalkView {
  fromVersionId: string | null;
  toVersionId: string;
  entries: { fromAreaId: string; fromCode: string; toAreaId: string; toCode: string; weight: number }[];
}

// Response schemas (docs/adr/0007-generated-portal-clients.md); registry-answers.dto.ts proves
// the service answers what these document.

export const areaVersionViewSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  validFrom: z.iso.date(),
  areas: z.number().int(),
  /** The version in force today. */
  current: z.boolean(),
});
export class AreaVersionViewDto extends createZodDto(areaVersionViewSchema) {}

export const crosswalkViewSchema = z.object({
  fromVersionId: z.uuid().nullable(),
  toVersionId: z.uuid(),
  entries: z.array(
    z.object({
      fromAreaId: z.uuid(),
      fromCode: z.string(),
      toAreaId: z.uuid(),
      toCode: z.string(),
      /** Share of the old area that goes to the new one. */
      weight: z.number(),
    }),
  ),
});
export class CrosswalkViewDto extends createZodDto(crosswalkViewSchema) {}
