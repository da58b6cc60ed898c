import { BUDGET_YEARS, labelText, MAX_CENTS } from '@quartier/contracts';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

const cents = z.number().int().min(0).max(MAX_CENTS);

// Two needs for one area would leave the split to whichever came last: refused, naming the row.
function oneNeedPerArea(values: readonly { areaId: string }[], ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  values.forEach((value, i) => {
    if (seen.has(value.areaId))
      ctx.addIssue({ code: 'custom', path: [i, 'areaId'], message: `second need for area ${value.areaId}` });
    seen.add(value.areaId);
  });
}

/** Where each programme area's need comes from. */
const needSource = z.discriminatedUnion('source', [
  z
    .object({
      source: z.literal('indicator'),
      indicatorCode: z.string().trim().min(1).max(100),
      /** Default: the latest period with values for the programme areas. */
      period: z.string().trim().min(4).max(20).optional(),
      /** `count`: need = value × population / 100 for shares (e.g. children in SGB II households). */
      weighting: z.enum(['value', 'count']).default('value'),
    })
    .strict(),
  z
    .object({
      source: z.literal('index'),
      runId: z.uuid(),
      /** The index whose value measures need (higher = more disadvantage); negative values count as 0. */
      index: z.string().trim().min(1).max(100).default('status'),
    })
    .strict(),
  z.object({ source: z.literal('population') }).strict(),
  z
    .object({
      source: z.literal('manual'),
      values: z
        .array(z.object({ areaId: z.uuid(), need: z.number().finite().min(0) }).strict())
        .min(1)
        .max(100_000)
        .superRefine(oneNeedPerArea),
    })
    .strict(),
]);

export const allocationSchema = z
  .object({
    line: z.string().trim().min(1).max(63),
    year: z.number().int().min(BUDGET_YEARS.min).max(BUDGET_YEARS.max),
    /** Default: the programme's budget for this line and year. */
    budgetCents: cents.optional(),
    floorCents: cents.default(0),
    capCents: cents.nullable().default(null),
    /** Rounding unit: 1 = cents, 100 = whole euros. */
    unitCents: z.number().int().min(1).max(1e9).default(100),
    need: needSource,
    comment: labelText(2000).default(''),
  })
  .strict();
export class AllocationDto extends createZodDto(allocationSchema) {}
export type AllocationInput = z.infer<typeof allocationSchema>;

// The split and each area's amount are named (`.meta({ id })`): the preview, the accepted split and
// the list refer to one component each in the OpenAPI document.

/** One programme area's amount, explained: need, share, the floor or cap that bound it, rounding. */
const areaAllocationView = z
  .object({
    area: z.string(),
    areaId: z.uuid(),
    name: z.string(),
    /** What the need was computed from (`population`, `status 1.234`, `S1 2023 (value)`, `manual`). */
    basis: z.string(),
    need: z.number(),
    needShare: z.number(),
    unrounded: z.number(),
    bound: z.enum(['floor', 'cap']).nullable(),
    roundedDown: z.number(),
    remainder: z.number(),
    receivedRemainderUnit: z.boolean(),
    amount: z.number(),
  })
  .meta({ id: 'AreaAllocation' });

const allocationResultFields = {
  line: z.string(),
  year: z.number().int(),
  need: z.enum(['indicator', 'index', 'population', 'manual']),
  budget: z.number(),
  floor: z.number(),
  cap: z.number().describe('cap per area in cents (null: none)').nullable(),
  unit: z.number(),
  totalNeed: z.number(),
  lambda: z.number(),
  allocated: z.number(),
  remainderUnits: z.number().int(),
  areas: z.array(areaAllocationView),
};

/** A previewed split of a budget line across the programme areas (EUR cents). */
export const allocationPreviewSchema = z.object(allocationResultFields).meta({ id: 'AllocationResult' });
export class AllocationPreviewDto extends createZodDto(allocationPreviewSchema) {}

/** An accepted split: the next version for its line and year. */
export const acceptedAllocationSchema = z.object({
  id: z.uuid(),
  version: z.number().int(),
  ...allocationResultFields,
});
export class AcceptedAllocationDto extends createZodDto(acceptedAllocationSchema) {}

/** Every accepted version, newest first per line and year, with the parameters it was made with. */
export const allocationListSchema = z.object({
  items: z.array(
    z.object({
      id: z.uuid(),
      line: z.string(),
      year: z.number().int(),
      version: z.number().int(),
      parameters: allocationSchema,
      result: allocationPreviewSchema,
      acceptedBy: z.string(),
      acceptedAt: z.iso.datetime({ offset: true }),
    }),
  ),
});
export class AllocationListDto extends createZodDto(allocationListSchema) {}
