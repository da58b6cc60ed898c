import { labelText } from '@quartier/contracts';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

const change = z
  .object({
    action: z.enum(['add', 'remove']),
    areaId: z.uuid(),
    reason: labelText(1000).refine((r) => r.trim().length > 0, { message: 'a reason is required' }),
  })
  .strict();

export const areaSelectionSchema = z
  .object({
    /** The index run to select from (null: manual additions only). */
    runId: z.uuid().nullable(),
    /** The selection rule (see programme-core's SelectionRule); null with runId null. */
    rule: z.unknown().nullable(),
    changes: z.array(change).max(2000).default([]),
    comment: labelText(2000).default(''),
  })
  .strict()
  .refine((v) => v.runId !== null || v.rule === null, {
    message: 'a rule needs an index run',
    path: ['runId'],
  });
export class AreaSelectionDto extends createZodDto(areaSelectionSchema) {}
export type AreaSelectionInput = z.infer<typeof areaSelectionSchema>;
