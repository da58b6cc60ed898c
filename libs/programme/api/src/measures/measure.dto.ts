import {
  BUDGET_YEARS,
  labelText,
  MAX_CENTS,
  MEASURE_TEXT_LIMITS,
  nameText,
  PROGRAMME_KEY_PATTERN,
} from '@quartier/contracts';
import { changeable, pageOf, pageQueryFields, patchBody } from '@quartier/service-kit';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { budgetEntryView } from '../programmes/programme.dto';

const isoDate = z.iso.date();
const key = z
  .string()
  .trim()
  .regex(PROGRAMME_KEY_PATTERN, 'a key of the programme (lowercase, digits, dashes)');
const cents = z.number().int().min(0).max(MAX_CENTS);
// Clauses shared by several bodies are named (`.meta({ id })`): one OpenAPI component each.
export const budgetEntry = z
  .object({
    year: z.number().int().min(BUDGET_YEARS.min).max(BUDGET_YEARS.max),
    line: key,
    amountCents: cents,
  })
  .strict()
  .meta({ id: 'MeasureBudgetEntry' });

const responsible = z
  .object({
    name: nameText(),
    /** The actor in a network of the network service, when the responsible body is one. */
    actorId: z.uuid().nullable().default(null),
  })
  .strict()
  .meta({ id: 'MeasureResponsible' });

const measureFields = {
  title: nameText(),
  description: labelText(MEASURE_TEXT_LIMITS.description).default(''),
  areaIds: z.array(z.uuid()).min(1).max(500),
  fieldOfAction: key.nullable().default(null),
  responsible,
  targetGroups: z
    .array(nameText(MEASURE_TEXT_LIMITS.targetGroupLength))
    .max(MEASURE_TEXT_LIMITS.targetGroups)
    .default([]),
  budget: z.array(budgetEntry).max(500).default([]),
  plannedStart: isoDate.nullable().default(null),
  plannedEnd: isoDate.nullable().default(null),
};

function datesInOrder(
  m: {
    plannedStart?: string | null;
    plannedEnd?: string | null;
    actualStart?: string | null;
    actualEnd?: string | null;
  },
  ctx: z.RefinementCtx,
): void {
  if (m.plannedStart && m.plannedEnd && m.plannedStart > m.plannedEnd)
    ctx.addIssue({
      code: 'custom',
      path: ['plannedEnd'],
      message: 'plannedEnd must not be before plannedStart',
    });
  if (m.actualStart && m.actualEnd && m.actualStart > m.actualEnd)
    ctx.addIssue({
      code: 'custom',
      path: ['actualEnd'],
      message: 'actualEnd must not be before actualStart',
    });
}

export const createMeasureSchema = z
  .object({ ...measureFields, deliberateOverCommitment: z.boolean().default(false) })
  .strict()
  .superRefine(datesInOrder);
export class CreateMeasureDto extends createZodDto(createMeasureSchema) {}
export type CreateMeasureInput = z.infer<typeof createMeasureSchema>;

export const updateMeasureSchema = patchBody({
  ...changeable(measureFields),
  actualStart: isoDate.nullable().optional(),
  actualEnd: isoDate.nullable().optional(),
  deliberateOverCommitment: z.boolean().optional(),
}).superRefine(datesInOrder);
export class UpdateMeasureDto extends createZodDto(updateMeasureSchema) {}
export type UpdateMeasureInput = z.infer<typeof updateMeasureSchema>;

export const transitionSchema = z
  .object({
    action: z.enum(['approve', 'reject', 'start', 'complete', 'cancel']),
    comment: labelText(2000).optional(),
    /** Approve although a budget line would be over-committed (recorded in the audit trail). */
    deliberateOverCommitment: z.boolean().default(false),
  })
  .strict();
export class TransitionDto extends createZodDto(transitionSchema) {}
export type TransitionInput = z.infer<typeof transitionSchema>;

export const expendituresSchema = z.object({ entries: z.array(budgetEntry).max(500) }).strict();
export class ExpendituresDto extends createZodDto(expendituresSchema) {}
export type ExpendituresInput = z.infer<typeof expendituresSchema>;

export const listMeasuresQuerySchema = z.object({
  ...pageQueryFields({ max: 1000, default: 200 }),
  status: z.enum(['proposed', 'approved', 'running', 'completed', 'rejected', 'cancelled']).optional(),
  fieldOfAction: key.optional(),
  /** Measures in this area or any area below it. */
  areaId: z.uuid().optional(),
  q: z.string().trim().max(200).optional(),
});
export class ListMeasuresQueryDto extends createZodDto(listMeasuresQuerySchema) {}
export type ListMeasuresQuery = z.infer<typeof listMeasuresQuerySchema>;

const isoInstant = z.iso.datetime({ offset: true });
const measureStatus = z.enum(['proposed', 'approved', 'running', 'completed', 'rejected', 'cancelled']);
export type BudgetEntry = z.infer<typeof budgetEntryView>;

/** A measure as the API answers it (named: one `Measure` component for the measure and the list). */
export const measureViewSchema = z
  .object({
    id: z.uuid(),
    programmeId: z.uuid(),
    title: z.string(),
    description: z.string(),
    areas: z.array(z.object({ id: z.uuid(), code: z.string(), name: z.string() })),
    fieldOfAction: z.string().describe('key of a field of action of the programme').nullable(),
    responsible: z.object({ name: z.string(), actorId: z.string().nullable() }),
    targetGroups: z.array(z.string()),
    budget: z.array(budgetEntryView),
    budgetCents: z.number().int(),
    expenditures: z.array(budgetEntryView),
    spentCents: z.number().int(),
    plannedStart: z.string().describe('ISO date').nullable(),
    plannedEnd: z.string().describe('ISO date').nullable(),
    actualStart: z.string().describe('ISO date').nullable(),
    actualEnd: z.string().describe('ISO date').nullable(),
    status: measureStatus,
    deliberateOverCommitment: z.boolean(),
    /** Workflow actions this caller may take now (the portal's buttons). */
    actions: z.array(z.string()),
    editable: z.boolean(),
    createdBy: z.string(),
    createdAt: isoInstant,
    updatedAt: isoInstant,
  })
  .meta({ id: 'Measure' });
export class MeasureViewDto extends createZodDto(measureViewSchema) {}
export type MeasureView = z.infer<typeof measureViewSchema>;

export const measureListSchema = pageOf(measureViewSchema);
export class MeasureListDto extends createZodDto(measureListSchema) {}

/** The audit trail: every status change with who, when and why (oldest first). */
export const measureAuditSchema = z.object({
  items: z.array(
    z.object({
      from: measureStatus.nullable(),
      to: measureStatus,
      by: z.string(),
      at: isoInstant,
      comment: z.string(),
    }),
  ),
});
export class MeasureAuditDto extends createZodDto(measureAuditSchema) {}

/** What a table import did: every row became a proposed measure (all rows or none). */
export const measureImportSchema = z.object({ created: z.number().int() });
export class MeasureImportDto extends createZodDto(measureImportSchema) {}
