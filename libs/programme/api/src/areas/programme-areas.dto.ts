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

const isoInstant = z.iso.datetime({ offset: true });

// The views the selection's answers share are named (`.meta({ id })`): the OpenAPI document has one
// component each, which the current areas, the preview and the pending change refer to.

/** An index run the programme areas can be selected from, with the class labels of its indices. */
const indexRunView = z
  .object({
    id: z.uuid(),
    definitionKey: z.string(),
    label: z.string(),
    period: z.string(),
    level: z.string(),
    classes: z.record(z.string(), z.array(z.object({ code: z.string(), label: z.string() }))),
    areaCount: z.number().int(),
  })
  .meta({ id: 'SelectableIndexRun' });

const selectionRuleView = z
  .object({
    version: z.literal(1),
    clauses: z.array(
      z.object({
        statusClasses: z.array(z.string()).optional(),
        dynamicsClasses: z.array(z.string()).optional(),
        level: z.string().optional(),
        withinAreaId: z.string().optional(),
      }),
    ),
  })
  .meta({ id: 'AreaSelectionRule' });

const manualChangeView = z
  .object({
    action: z.enum(['add', 'remove']),
    areaId: z.string(),
    code: z.string(),
    reason: z.string(),
    by: z.string().optional(),
    at: z.string().optional(),
  })
  .meta({ id: 'ManualAreaChange' });

const classes = { statusClass: z.string().nullable(), dynamicsClass: z.string().nullable() };

/** Why an area is a programme area: the rule's clauses it matches, or a manual addition. */
const resolvedAreaView = z
  .object({
    areaId: z.string(),
    code: z.string(),
    name: z.string().optional(),
    inRun: z.boolean(),
    ...classes,
    matchedClauses: z.array(z.number().int()),
    addition: manualChangeView.nullable(),
  })
  .meta({ id: 'ResolvedProgrammeArea' });

const notSelectedAreaView = z
  .object({
    areaId: z.string(),
    code: z.string(),
    name: z.string().optional(),
    ...classes,
    reason: z.enum(['removed', 'no-clause-matched', 'not-indexed']),
    matchedClauses: z.array(z.number().int()),
    removal: manualChangeView.nullable(),
  })
  .meta({ id: 'NotSelectedArea' });

const resolutionView = z.object({
  runId: z.string(),
  areaVersionId: z.string().optional(),
  rule: selectionRuleView,
  areas: z.array(resolvedAreaView),
  notSelected: z.array(notSelectedAreaView),
  changes: z.array(manualChangeView),
});

/** A translation key (`code`) and the English text of why an area enters, leaves or stays. */
const changeReason = z
  .object({
    code: z.enum([
      'matches-rule',
      'added-manually',
      'removed-manually',
      'no-clause-matched',
      'not-indexed',
      'not-in-run',
    ]),
    message: z.string(),
  })
  .meta({ id: 'AreaChangeReason' });

const areaDiffView = z
  .object({
    fromRunId: z.string(),
    toRunId: z.string(),
    entering: z.array(z.object({ area: resolvedAreaView, why: changeReason })),
    leaving: z.array(
      z.object({ area: resolvedAreaView, now: notSelectedAreaView.nullable(), why: changeReason }),
    ),
    staying: z.array(
      z.object({
        before: resolvedAreaView,
        after: resolvedAreaView,
        classesChanged: z.boolean(),
        areaIdChanged: z.boolean(),
        why: changeReason,
      }),
    ),
  })
  .meta({ id: 'ProgrammeAreaDiff' });

export const indexRunListSchema = z.object({ items: z.array(indexRunView) });
export class IndexRunListDto extends createZodDto(indexRunListSchema) {}

/** Every area of a run with its classes: the candidates map. */
export const candidatesSchema = z.object({
  run: indexRunView,
  areas: z.array(
    z.object({
      areaId: z.string(),
      code: z.string(),
      name: z.string().optional(),
      level: z.string(),
      ancestorIds: z.array(z.string()),
      valid: z.boolean(),
      ...classes,
    }),
  ),
});
export class CandidatesDto extends createZodDto(candidatesSchema) {}

export const programmeAreasSchema = z.object({
  selection: z
    .object({
      id: z.uuid(),
      run: indexRunView.nullable(),
      rule: selectionRuleView.nullable(),
      changes: z.array(manualChangeView),
      acceptedBy: z.string(),
      acceptedAt: isoInstant,
      comment: z.string(),
    })
    .nullable(),
  areas: z.array(resolvedAreaView),
});
export class ProgrammeAreasDto extends createZodDto(programmeAreasSchema) {}

export const areaPreviewSchema = z.object({ resolution: resolutionView, diff: areaDiffView.nullable() });
export class AreaPreviewDto extends createZodDto(areaPreviewSchema) {}

export const pendingAreasSchema = z.object({
  newerRun: indexRunView.nullable(),
  diff: areaDiffView.nullable(),
});
export class PendingAreasDto extends createZodDto(pendingAreasSchema) {}
