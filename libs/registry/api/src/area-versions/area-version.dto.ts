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
