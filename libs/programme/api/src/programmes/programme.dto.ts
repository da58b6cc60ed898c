import {
  BUDGET_YEARS,
  labelText,
  MAX_CENTS,
  nameText,
  PROGRAMME_KEY_PATTERN,
  PROGRAMME_LIST_LIMITS,
} from '@quartier/contracts';
import { changeable, pageOf, pageQueryFields, patchBody } from '@quartier/service-kit';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

const isoDate = z.iso.date();
/** Keys of budget lines and fields of action: stable identifiers used in budgets and measures. */
const key = z
  .string()
  .trim()
  .regex(PROGRAMME_KEY_PATTERN, 'lowercase letters, digits and dashes (e.g. projektfonds)');
// Clauses shared by several bodies or answers are named (`.meta({ id })`): one OpenAPI component each.
const keyedLabel = z.object({ key, label: nameText() }).strict().meta({ id: 'KeyedLabel' });

function uniqueKeys(items: readonly { key: string }[], ctx: z.RefinementCtx, path: string): void {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (seen.has(item.key))
      ctx.addIssue({ code: 'custom', path: [path, i, 'key'], message: `duplicate key ${item.key}` });
    seen.add(item.key);
  });
}

const fundingPeriod = z
  .object({ from: isoDate, to: isoDate, label: labelText(200).default('') })
  .strict()
  .refine((p) => p.from <= p.to, { message: 'from must not be after to', path: ['to'] })
  .meta({ id: 'FundingPeriod' });

const trafficLight = z
  .object({ green: z.number().gt(0).lte(1), amber: z.number().gt(0).lt(1) })
  .strict()
  .refine((t) => t.amber < t.green, { message: 'amber must be below green', path: ['amber'] });

const iatiSettings = z
  .object({
    /** The publishing organisation, e.g. `DE-BE-SENSBW`, type 10 (government). */
    reportingOrg: z
      .object({
        ref: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{1,60}$/, 'an IATI organisation identifier'),
        type: z.string().regex(/^\d{2}$/, 'an IATI OrganisationType code such as 10 or 11'),
        name: nameText(),
      })
      .strict(),
    /** Activity identifiers are `<prefix>-<measure id>`; IATI requires the reporting org's ref first. */
    identifierPrefix: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{1,80}$/, 'letters, digits, dots, dashes'),
  })
  .strict()
  .refine((v) => v.identifierPrefix.startsWith(v.reportingOrg.ref), {
    message: 'identifierPrefix must begin with the reporting organisation ref',
    path: ['identifierPrefix'],
  })
  .meta({ id: 'IatiSettings' });
export type IatiSettings = z.infer<typeof iatiSettings>;

const programmeFields = {
  name: nameText(),
  funder: labelText(200).default(''),
  legalBasis: labelText(500).default(''),
  description: labelText(4000).default(''),
  status: z.enum(['planning', 'active', 'closed']).default('planning'),
  fundingPeriods: z.array(fundingPeriod).min(1).max(20),
  budgetLines: z.array(keyedLabel).min(1).max(PROGRAMME_LIST_LIMITS.budgetLines),
  fieldsOfAction: z.array(keyedLabel).max(PROGRAMME_LIST_LIMITS.fieldsOfAction).default([]),
  trafficLight: trafficLight.default({ green: 0.8, amber: 0.4 }),
  /** How the programme's measures are published as IATI activities. */
  iati: iatiSettings.nullable().default(null),
};

export const createProgrammeSchema = z
  .object(programmeFields)
  .strict()
  .superRefine((p, ctx) => {
    uniqueKeys(p.budgetLines, ctx, 'budgetLines');
    uniqueKeys(p.fieldsOfAction, ctx, 'fieldsOfAction');
  });
export class CreateProgrammeDto extends createZodDto(createProgrammeSchema) {}
export type CreateProgrammeInput = z.infer<typeof createProgrammeSchema>;

export const updateProgrammeSchema = patchBody(changeable(programmeFields)).superRefine((p, ctx) => {
  if (p.budgetLines) uniqueKeys(p.budgetLines, ctx, 'budgetLines');
  if (p.fieldsOfAction) uniqueKeys(p.fieldsOfAction, ctx, 'fieldsOfAction');
});
export class UpdateProgrammeDto extends createZodDto(updateProgrammeSchema) {}
export type UpdateProgrammeInput = z.infer<typeof updateProgrammeSchema>;

export const listQuerySchema = z.object({
  ...pageQueryFields({ max: 500, default: 100 }),
  status: z.enum(['planning', 'active', 'closed']).optional(),
});
export class ListProgrammesQueryDto extends createZodDto(listQuerySchema) {}

const cents = z.number().int().min(0).max(MAX_CENTS);
export const budgetSchema = z
  .object({
    entries: z
      .array(
        z
          .object({
            year: z.number().int().min(BUDGET_YEARS.min).max(BUDGET_YEARS.max),
            line: key,
            amountCents: cents,
          })
          .strict(),
      )
      .max(2000),
  })
  .strict();
export class BudgetDto extends createZodDto(budgetSchema) {}
export type BudgetInput = z.infer<typeof budgetSchema>;

const isoInstant = z.iso.datetime({ offset: true });
const fundingPeriodView = z.object({ from: z.string(), to: z.string(), label: z.string() });
export type FundingPeriod = z.infer<typeof fundingPeriodView>;
const keyedLabelView = z.object({ key: z.string(), label: z.string() });
export type KeyedLabel = z.infer<typeof keyedLabelView>;
const iatiSettingsView = z.object({
  reportingOrg: z.object({ ref: z.string(), type: z.string(), name: z.string() }),
  identifierPrefix: z.string(),
});

/** A programme as the API answers it (named: one `Programme` component for it and the list). */
export const programmeViewSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    funder: z.string(),
    legalBasis: z.string(),
    description: z.string(),
    status: z.enum(['planning', 'active', 'closed']),
    fundingPeriods: z.array(fundingPeriodView),
    budgetLines: z.array(keyedLabelView),
    fieldsOfAction: z.array(keyedLabelView),
    trafficLight: z.object({ green: z.number(), amber: z.number() }),
    iati: iatiSettingsView.nullable(),
    areaCount: z.number().int(),
    measureCount: z.number().int(),
    budgetCents: z.number().int(),
    createdBy: z.string(),
    createdAt: isoInstant,
    updatedAt: isoInstant,
    /** Whether the caller may steer this programme (areas, budget, allocations, approvals). */
    manageable: z.boolean(),
  })
  .meta({ id: 'Programme' });
export class ProgrammeViewDto extends createZodDto(programmeViewSchema) {}
export type ProgrammeView = z.infer<typeof programmeViewSchema>;

export const programmeListSchema = pageOf(programmeViewSchema);
export class ProgrammeListDto extends createZodDto(programmeListSchema) {}

/** One year × budget line amount, as the programme's budget and a measure's budget answer it. */
export const budgetEntryView = z
  .object({ year: z.number().int(), line: z.string(), amountCents: z.number().int() })
  .meta({ id: 'BudgetEntryView' });
export type BudgetEntry = z.infer<typeof budgetEntryView>;
/** The programme budget per year × budget line (EUR cents). */
export const budgetViewSchema = z.object({ entries: z.array(budgetEntryView) });
export class BudgetViewDto extends createZodDto(budgetViewSchema) {}
