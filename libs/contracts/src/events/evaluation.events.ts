import { z } from 'zod';
import { periodSchema, tenantIdSchema, uuidSchema } from '../values';

// Events of the evaluation service: evaluations of programmes, measures or free sets of areas,
// their frozen evidence and their completion, for reports and programme dashboards.

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'SHA-256, 64 lowercase hex digits');

/** An evaluation was started. */
export const evaluationCreatedV1 = z.object({
  tenantId: tenantIdSchema,
  id: uuidSchema,
  title: z.string().min(1),
  /** What is evaluated: a programme, one of its measures, or a set of areas chosen directly. */
  object: z.enum(['programme', 'measure', 'areas']),
  programmeId: uuidSchema.nullable(),
  measureId: uuidSchema.nullable(),
  /** The areas chosen directly (object `areas`); programme and measure areas come from their events. */
  areaIds: z.array(uuidSchema),
  /** The first period in which the evaluated intervention acts (periods before it are "before"). */
  startPeriod: periodSchema,
  createdBy: z.string().min(1),
});

/** The evidence an evaluation's numbers rest on was frozen as a snapshot with a content hash. */
export const evaluationSnapshotTakenV1 = z.object({
  tenantId: tenantIdSchema,
  evaluationId: uuidSchema,
  snapshotId: uuidSchema,
  /** SHA-256 of the snapshot's canonical content: equal evidence, equal hash. */
  hash: sha256,
  takenAt: z.iso.datetime(),
  takenBy: z.string().min(1),
  areaCount: z.number().int().nonnegative(),
  valueCount: z.number().int().nonnegative(),
  indicators: z.array(z.string().min(1)),
  periods: z.array(periodSchema),
});

/** An evaluation was finalised (four-eyes): its ratings and snapshot no longer change. */
export const evaluationFinalisedV1 = z.object({
  tenantId: tenantIdSchema,
  id: uuidSchema,
  title: z.string().min(1),
  programmeId: uuidSchema.nullable(),
  measureId: uuidSchema.nullable(),
  snapshotId: uuidSchema,
  snapshotHash: sha256,
  /** OECD-DAC criterion → rating on the 4-step scale (1 very successful … 4 unsuccessful). */
  ratings: z.array(
    z.object({
      criterion: z.enum([
        'relevance',
        'coherence',
        'effectiveness',
        'efficiency',
        'impact',
        'sustainability',
      ]),
      rating: z.number().int().min(1).max(4),
    }),
  ),
  finalisedAt: z.iso.datetime(),
  finalisedBy: z.string().min(1),
});
