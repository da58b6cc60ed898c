import { z } from 'zod';
import { tenantIdSchema, uuidSchema } from '../values';

const isoDate = z.iso.date();

/** A funding programme as other services (evaluation, reporting) keep it in their read models. */
export const programmeUpsertedV1 = z.object({
  tenantId: tenantIdSchema,
  id: uuidSchema,
  name: z.string().min(1),
  funder: z.string(),
  status: z.enum(['planning', 'active', 'closed']),
  fundingPeriods: z.array(z.object({ from: isoDate, to: isoDate })),
  /** The accepted programme areas. */
  areaIds: z.array(uuidSchema),
  /** The index run the programme areas were selected from, if any. */
  indexRunId: uuidSchema.nullable(),
});

/** A measure (project) of a programme. */
export const measureUpsertedV1 = z.object({
  tenantId: tenantIdSchema,
  id: uuidSchema,
  programmeId: uuidSchema,
  title: z.string().min(1),
  areaIds: z.array(uuidSchema),
  fieldOfAction: z.string().nullable(),
  status: z.enum(['proposed', 'approved', 'running', 'completed', 'rejected', 'cancelled']),
  plannedStart: isoDate.nullable(),
  plannedEnd: isoDate.nullable(),
  actualStart: isoDate.nullable(),
  actualEnd: isoDate.nullable(),
  budgetCents: z.number().int().nonnegative(),
});
