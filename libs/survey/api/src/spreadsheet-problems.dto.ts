import { apiErrorSchema } from '@quartier/service-kit';
import { z } from 'zod';

/**
 * The 422 of a spreadsheet refused as a whole (nothing stored) — an XLSForm or a paper import:
 * every problem located as the spreadsheet shows it, with a stable code the portal words it by.
 * `locatedBy` names what else places a problem (an XLSForm's sheet), before its row; `alongside`
 * what else the details carry.
 */
export function spreadsheetProblemsSchema<
  const Code extends string,
  Located extends z.ZodRawShape = Record<never, never>,
  Alongside extends z.ZodRawShape = Record<never, never>,
>(options: { codes: readonly Code[]; locatedBy?: Located; alongside?: Alongside }) {
  return apiErrorSchema.extend({
    details: z
      .object({
        issues: z.array(
          z.object({
            ...(options.locatedBy as Located),
            /** The row as the spreadsheet numbers it (header = 1). */
            row: z.number().int(),
            /** The column's header as written; absent for a problem of the row, the sheet or the file. */
            column: z.string().optional(),
            /** What is wrong, stable (e.g. type-unknown, column-unknown): the portal words it by this. */
            code: z.enum(options.codes),
            /** The values the problem names (type, column, got, max, …), for a worded sentence. */
            params: z.record(z.string(), z.union([z.string(), z.number()])),
            /** The same in English, for logs and API clients. */
            reason: z.string(),
          }),
        ),
        ...(options.alongside as Alongside),
      })
      .optional(),
  });
}
