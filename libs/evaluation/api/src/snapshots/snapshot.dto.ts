import type { SnapshotDiff } from '@quartier/evaluation-core';
import { pageOf } from '@quartier/service-kit';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

/** A frozen evidence snapshot, without its content. */
export interface SnapshotInfo {
  id: string;
  /** SHA-256 of the canonical content: equal evidence, equal hash. */
  hash: string;
  takenAt: string;
  takenBy: string;
  areaCount: number;
  valueCount: number;
  /** Whether the evaluation's numbers are computed from this snapshot now. */
  current: boolean;
}

export interface SnapshotList {
  items: SnapshotInfo[];
  total: number;
}

/**
 * What has changed in the live data since the snapshot, within its scope: values (changed, added,
 * removed; single cells below the indicator's publication minimum are withheld), indicator
 * definitions, and the evaluated areas of the programme or measure.
 */
export interface LiveComparisonView {
  snapshot: SnapshotInfo;
  values: SnapshotDiff;
  /** Areas evaluated now but not in the snapshot, and the other way round (codes). */
  treatedAreas: { added: string[]; removed: string[] };
  /** True when nothing in the comparison differs. */
  identical: boolean;
}

// Response schemas (docs/adr/0007): the interfaces above are what the service builds; the
// compile-time checks in snapshot-answers.dto.ts prove it answers what these document.

/** Named (one `SnapshotInfo` component): alone, in the list, in evaluations and comparisons. */
export const snapshotInfoSchema = z
  .object({
    id: z.uuid(),
    /** SHA-256 (hex) of the canonical content. */
    hash: z.string(),
    takenAt: z.string(),
    takenBy: z.string(),
    areaCount: z.number().int(),
    valueCount: z.number().int(),
    current: z.boolean(),
  })
  .meta({ id: 'SnapshotInfo' });
export class SnapshotInfoDto extends createZodDto(snapshotInfoSchema) {}

export const snapshotListSchema = pageOf(snapshotInfoSchema);
export class SnapshotListDto extends createZodDto(snapshotListSchema) {}

const valueCell = z
  .object({
    value: z.number().nullable(),
    numerator: z.number().nullable(),
    denominator: z.number().nullable(),
    status: z.enum(['reported', 'zero', 'suppressed', 'missing']),
  })
  .meta({ id: 'SnapshotValueCell' });
const valueKey = { area: z.string(), indicator: z.string(), period: z.string() };

export const liveComparisonSchema = z.object({
  snapshot: snapshotInfoSchema,
  values: z.object({
    changed: z.array(z.object({ ...valueKey, snapshot: valueCell, live: valueCell })),
    added: z.array(z.object({ ...valueKey, live: valueCell })),
    removed: z.array(z.object({ ...valueKey, snapshot: valueCell })),
    unchanged: z.number().int(),
    changedDefinitions: z.array(z.string()),
    identical: z.boolean(),
  }),
  treatedAreas: z.object({ added: z.array(z.string()), removed: z.array(z.string()) }),
  identical: z.boolean(),
});
export class LiveComparisonDto extends createZodDto(liveComparisonSchema) {}
