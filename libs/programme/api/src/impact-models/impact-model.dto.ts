import { periodSchema } from '@quartier/contracts';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export const saveImpactModelSchema = z
  .object({
    /** The model (see programme-core's ImpactModel); validated by the core, problems named by path. */
    model: z.record(z.string(), z.unknown()),
    /** The version the edit started from; a newer stored version answers 409 (no lost update). */
    baseVersion: z.number().int().min(0),
  })
  .strict();
export class SaveImpactModelDto extends createZodDto(saveImpactModelSchema) {}

export const copyImpactModelSchema = z
  .object({
    fromProgrammeId: z.uuid().optional(),
    fromMeasureId: z.uuid().optional(),
    title: z.string().max(200).optional(),
  })
  .strict()
  .refine((v) => (v.fromProgrammeId === undefined) !== (v.fromMeasureId === undefined), {
    message: 'name exactly one template: fromProgrammeId or fromMeasureId',
  });
export class CopyImpactModelDto extends createZodDto(copyImpactModelSchema) {}

export const figureQuerySchema = z.object({ lang: z.enum(['de', 'en']).default('de') });
export class FigureQueryDto extends createZodDto(figureQuerySchema) {}

// The clauses an impact model's answers share are named (`.meta({ id })`): the OpenAPI document
// has one component each, which the model, its export and the attainment refer to.

const areaSet = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('programme-areas') }),
  z.object({ kind: z.literal('areas'), areaIds: z.array(z.string()) }),
]);

/** What a binding measures: an indicator over areas, a survey item, or a network measure. */
const evidenceSourceView = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('indicator'), indicatorCode: z.string(), areas: areaSet }),
    z.object({
      kind: z.literal('survey'),
      surveyId: z.string(),
      question: z.string(),
      measure: z.discriminatedUnion('kind', [
        z.object({ kind: z.literal('share'), options: z.array(z.string()) }),
        z.object({ kind: z.literal('mean') }),
      ]),
    }),
    z.object({
      kind: z.literal('network'),
      networkId: z.string(),
      measure: z.discriminatedUnion('kind', [
        z.object({ kind: z.literal('graph'), metric: z.string() }),
        z.object({ kind: z.literal('actors'), metric: z.string(), actorIds: z.array(z.string()) }),
      ]),
    }),
  ])
  .meta({ id: 'ImpactEvidenceSource' });

// A saved model's baseline names a period of the platform's grammar (programme-core validates it).
const baselineView = z.object({ value: z.number(), period: periodSchema }).meta({ id: 'ImpactBaseline' });
const targetView = z.object({ value: z.number(), date: z.string() }).meta({ id: 'ImpactTarget' });
const polarity = z.enum(['higher-is-better', 'lower-is-better']).meta({ id: 'ImpactPolarity' });
const nodeType = z.enum(['input', 'activity', 'output', 'outcome', 'impact']);
const step = z.number().int().min(1).max(7);

const bindingView = z
  .object({
    id: z.string(),
    label: z.string().optional(),
    source: evidenceSourceView,
    baseline: baselineView,
    target: targetView,
    polarity,
  })
  .meta({ id: 'ImpactBinding' });

/** An impact model (Wirkungsmodell): typed nodes on the Wirkungstreppe, edges, evidence bindings. */
const impactModelView = z
  .object({
    id: z.string(),
    title: z.string(),
    description: z.string().optional(),
    nodes: z.array(
      z.object({
        id: z.string(),
        type: nodeType,
        step: step.nullable(),
        title: z.string(),
        description: z.string().optional(),
        assumptions: z.array(z.string()),
        risks: z.array(z.string()),
        bindings: z.array(bindingView),
      }),
    ),
    edges: z.array(z.object({ from: z.string(), to: z.string() })),
    provenance: z
      .object({
        templateModelId: z.string(),
        templateTitle: z.string(),
        copiedAt: z.string(),
        copiedBy: z.string().optional(),
      })
      .optional(),
  })
  .meta({ id: 'ImpactModel' });

/** The stored model with its version (send it back as baseVersion) and what is still missing. */
export const impactModelDocumentSchema = z.object({
  model: impactModelView,
  version: z.number().int(),
  updatedBy: z.string().describe('subject of the last editor').nullable(),
  updatedAt: z.iso.datetime({ offset: true }).nullable(),
  /** What the model still lacks: `code` and `params` for translations, `reason` in English. */
  warnings: z.array(
    z.object({
      path: z.string(),
      reason: z.string(),
      code: z.enum([
        'no-evidence',
        'target-equals-baseline',
        'target-against-polarity',
        'actors-not-published',
      ]),
      params: z.record(z.string(), z.union([z.string(), z.number()])),
    }),
  ),
});
export class ImpactModelDocumentDto extends createZodDto(impactModelDocumentSchema) {}

/** The exchange format written by the `.json` export (and read back by imports). */
export const impactModelExportSchema = z.object({
  format: z.literal('quartier.impact-model'),
  version: z.number().int(),
  model: impactModelView,
});
export class ImpactModelExportDto extends createZodDto(impactModelExportSchema) {}

const actualView = z
  .discriminatedUnion('status', [
    z.object({
      status: z.literal('value'),
      value: z.number(),
      period: z.string(),
      origin: z.string().optional(),
    }),
    z.object({ status: z.literal('suppressed'), period: z.string(), origin: z.string().optional() }),
    z.object({ status: z.literal('missing'), period: z.string().optional() }),
  ])
  .meta({ id: 'ImpactActual' });

const attainmentContext = {
  baseline: baselineView,
  target: targetView,
  polarity,
  source: evidenceSourceView,
  actual: actualView.nullable(),
};

/** One attainment: measured with its light, or why there is none (a translation key + English). */
const attainmentView = z
  .discriminatedUnion('state', [
    z.object({
      ...attainmentContext,
      state: z.literal('measured'),
      raw: z.number(),
      capped: z.number(),
      light: z.enum(['green', 'amber', 'red']),
      reason: z.null(),
    }),
    z.object({
      ...attainmentContext,
      state: z.enum(['target-against-polarity', 'target-equals-baseline', 'no-actual', 'suppressed']),
      raw: z.number().nullable(),
      capped: z.number().nullable(),
      light: z.null(),
      reason: z.object({
        code: z.enum(['target-against-polarity', 'target-equals-baseline', 'no-actual', 'suppressed']),
        message: z.string(),
      }),
    }),
  ])
  .meta({ id: 'ImpactAttainment' });

/** Per model and node: every binding with its current attainment and the series of its actuals. */
export const attainmentSchema = z.object({
  items: z.array(
    z.object({
      modelId: z.string(),
      measureId: z.string().nullable(),
      title: z.string(),
      nodes: z.array(
        z.object({
          nodeId: z.string(),
          title: z.string(),
          type: nodeType,
          step: step.nullable(),
          bindings: z.array(
            z.object({ binding: bindingView, current: attainmentView, series: z.array(attainmentView) }),
          ),
        }),
      ),
    }),
  ),
});
export class AttainmentDto extends createZodDto(attainmentSchema) {}
