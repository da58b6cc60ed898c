import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

const keyedLabel = z.object({ key: z.string(), label: z.string() });

/** The programme office's overview (EUR cents): budget per year × line, measures, areas. */
export const dashboardSchema = z.object({
  programmeId: z.uuid(),
  budgetLines: z.array(keyedLabel),
  fieldsOfAction: z.array(keyedLabel),
  budget: z.object({
    /** Every year × line with a budget, a commitment, a proposal or an expenditure; sorted. */
    cells: z.array(
      z.object({
        year: z.number().int(),
        line: z.string(),
        planned: z.number(),
        committed: z.number(),
        proposed: z.number(),
        spent: z.number(),
        remaining: z.number(),
      }),
    ),
    /** Expenditures booked without a budget line. */
    unassigned: z.array(z.object({ measureId: z.string(), year: z.number().int(), amount: z.number() })),
  }),
  /** Status → number of measures the caller may read. */
  measuresByStatus: z.record(z.string(), z.number().int()),
  /** Field of action key ('' = none) → number of measures. */
  measuresByField: z.record(z.string(), z.number().int()),
  areas: z.array(
    z.object({
      id: z.uuid(),
      code: z.string(),
      name: z.string(),
      population: z.number().nullable(),
      measures: z.number().int(),
      budgetCents: z.number(),
    }),
  ),
});
export class DashboardDto extends createZodDto(dashboardSchema) {}
