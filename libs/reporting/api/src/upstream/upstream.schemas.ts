import { areaGeometrySchema } from '@quartier/contracts';
import { z } from 'zod';

// What the report reads from the other services' answers — only the fields it uses (unknown
// fields are dropped). A service answering in another shape fails the gathering with the field
// named, rather than a report printing undefined.

// The indicator service requires a German name; the English one is optional (German stands in).
const label = z.union([z.string(), z.object({ de: z.string(), en: z.string().optional() })]);
const nullableNumber = z.number().nullable();

// registry
export const tenantSchema = z.object({
  id: z.string(),
  name: z.string(),
  levels: z.array(z.object({ key: z.string(), name: z.string(), rank: z.number() })),
});
export const areaPageSchema = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      code: z.string(),
      name: z.string(),
      level: z.string(),
      parentId: z.string().nullable(),
      population: nullableNumber,
    }),
  ),
  total: z.number(),
});
export const featureCollectionSchema = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(
    z.object({
      geometry: areaGeometrySchema.nullable(),
      properties: z.object({ id: z.string(), code: z.string() }),
    }),
  ),
});

// indicator
export const indicatorListSchema = z.array(
  z.object({
    code: z.string(),
    name: label,
    unit: z.string(),
    polarity: z.enum(['higher-is-better', 'higher-is-worse', 'neutral']),
    effectiveScale: z.number(),
    /** `network`: measures the network service publishes per area (the network section has them). */
    sourceKind: z.string().default('manual'),
  }),
);
const valueCell = z.object({
  areaId: z.string(),
  status: z.enum(['value', 'suppressed', 'missing']),
  value: nullableNumber,
  numerator: nullableNumber,
  denominator: nullableNumber,
});
export const valueMapsSchema = z.object({
  indicators: z.array(
    z.object({
      indicator: z.object({ code: z.string() }),
      periods: z.array(z.object({ period: z.string(), items: z.array(valueCell) })),
    }),
  ),
});
const indexClass = z.object({
  code: z.string(),
  label: z.string(),
  upTo: z.number().optional(),
  inclusive: z.boolean().optional(),
});
export const indexDefinitionSchema = z.object({
  id: z.string(),
  label: z.string().optional(),
  population: z.string(),
  minPopulation: z.number().optional(),
  excludeAreas: z.array(z.string()).optional(),
  indices: z.array(
    z.object({
      id: z.string(),
      label: z.string().optional(),
      indicators: z.array(z.string()),
      weights: z.record(z.string(), z.number()).optional(),
      polarity: z.record(z.string(), z.union([z.literal(1), z.literal(-1)])).optional(),
      classes: z.array(indexClass),
    }),
  ),
});
export const indexRunSchema = z.object({
  id: z.string(),
  label: z.string(),
  period: z.string(),
  level: z.string(),
  definition: indexDefinitionSchema,
  areaCount: z.number(),
  validAreaCount: z.number(),
});
export const indexRunListSchema = z.array(indexRunSchema);
export const classMapSchema = z.object({
  classes: z.array(z.object({ code: z.string(), label: z.string() })).nullable(),
  items: z.array(
    z.object({
      areaId: z.string(),
      valid: z.boolean(),
      value: nullableNumber,
      class: z.string().nullable(),
      label: z.string().nullable(),
    }),
  ),
});
export const moversSchema = z.object({
  items: z.array(
    z.object({
      areaId: z.string(),
      code: z.string(),
      name: z.string(),
      from: z.object({ class: z.string().nullable(), label: z.string().nullable() }),
      to: z.object({ class: z.string().nullable(), label: z.string().nullable() }),
      direction: z.enum(['better', 'worse', 'validity-changed']),
    }),
  ),
});

// survey
export const surveyListSchema = z.object({ items: z.array(z.object({ id: z.string(), title: z.string() })) });
export const surveyDetailSchema = z.object({
  id: z.string(),
  title: z.string(),
  k: z.number(),
  indicatorItems: z.array(z.object({ measure: z.string() })),
  waves: z.array(z.object({ id: z.string(), name: z.string(), closesOn: z.string() })),
});
const indicatorCell = z.object({
  group: z.string(),
  suppressed: z.string().nullable(),
  value: z.number().nullable().optional(),
  ci: z.tuple([z.number(), z.number()]).nullable().optional(),
});
export const surveyResultsSchema = z.object({
  k: z.number(),
  areas: z.array(z.object({ key: z.string(), areaId: z.string(), respondents: nullableNumber })),
  parents: z.array(z.object({ key: z.string(), areaId: z.string(), respondents: nullableNumber })),
  total: z.object({ respondents: nullableNumber }),
  /** The survey's indicator items as the survey service publishes them (one "any of" share each). */
  indicators: z.array(
    z.object({
      name: z.string(),
      measure: z.string(),
      areas: z.array(indicatorCell),
      parents: z.array(indicatorCell),
      total: indicatorCell,
    }),
  ),
});

// network
export const networkListSchema = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      areaId: z.string().nullable(),
      waves: z.array(z.object({ id: z.string(), label: z.string(), observedOn: z.string() })),
    }),
  ),
});
export const networkMetricsSchema = z.object({
  graph: z.object({ nodes: z.number(), edges: z.number(), density: z.number() }),
  actors: z.array(
    z.object({
      name: z.string(),
      sector: z.string().nullable(),
      areaId: z.string().nullable(),
      identityHidden: z.boolean(),
      betweenness: z.number().optional(),
      brokerage: z.record(z.string(), z.number()).nullable().optional(),
    }),
  ),
});

// programme
const fundingPeriod = z.object({ label: z.string(), from: z.string(), to: z.string() });
const keyed = z.object({ key: z.string(), label: z.string() });
export const programmeSchema = z.object({
  id: z.string(),
  name: z.string(),
  funder: z.string(),
  legalBasis: z.string(),
  description: z.string(),
  status: z.string(),
  fundingPeriods: z.array(fundingPeriod),
  budgetLines: z.array(keyed),
  fieldsOfAction: z.array(keyed),
});
export const programmeListSchema = z.object({ items: z.array(programmeSchema) });
export const measureListSchema = z.object({
  items: z.array(
    z.object({
      title: z.string(),
      areas: z.array(z.object({ id: z.string(), code: z.string(), name: z.string() })),
      fieldOfAction: z.string().nullable(),
      status: z.string(),
      budgetCents: z.number(),
      spentCents: z.number(),
    }),
  ),
  total: z.number(),
});
export const dashboardSchema = z.object({
  budget: z.object({
    cells: z.array(
      z.object({
        year: z.number(),
        line: z.string(),
        planned: z.number(),
        committed: z.number(),
        spent: z.number(),
        remaining: z.number(),
      }),
    ),
  }),
  measuresByField: z.record(z.string(), z.number()),
  areas: z.array(
    z.object({
      id: z.string(),
      code: z.string(),
      name: z.string(),
      population: nullableNumber,
      measures: z.number(),
      budgetCents: z.number(),
    }),
  ),
});
/** Accepted budget splits, newest version first per line and year. */
export const allocationListSchema = z.object({
  items: z.array(
    z.object({
      line: z.string(),
      year: z.number(),
      version: z.number(),
      result: z.object({
        need: z.enum(['indicator', 'index', 'population', 'manual']),
        budget: z.number(),
        floor: z.number(),
        cap: nullableNumber,
        areas: z.array(
          z.object({
            area: z.string(),
            name: z.string(),
            basis: z.string(),
            needShare: z.number(),
            amount: z.number(),
          }),
        ),
      }),
    }),
  ),
});
export const impactModelSchema = z.object({
  model: z.object({
    title: z.string(),
    nodes: z.array(
      z.object({
        id: z.string(),
        type: z.string(),
        step: z.number().nullable(),
        title: z.string(),
        assumptions: z.array(z.string()),
      }),
    ),
  }),
});
const attainmentPoint = z.object({
  actual: z
    .union([
      z.object({ status: z.literal('value'), value: z.number(), period: z.string() }),
      z.object({ status: z.literal('suppressed'), period: z.string() }),
      z.object({ status: z.literal('missing'), period: z.string().optional() }),
    ])
    .nullable(),
  capped: nullableNumber,
  light: z.enum(['green', 'amber', 'red']).nullable(),
});
export const attainmentSchema = z.object({
  items: z.array(
    z.object({
      measureId: z.string().nullable(),
      nodes: z.array(
        z.object({
          nodeId: z.string(),
          title: z.string(),
          type: z.string(),
          step: z.number().nullable(),
          bindings: z.array(
            z.object({
              binding: z.object({
                label: z.string().optional(),
                source: z.object({ kind: z.string(), indicatorCode: z.string().optional() }),
                baseline: z.object({ value: z.number(), period: z.string() }),
                target: z.object({ value: z.number(), date: z.string() }),
              }),
              current: attainmentPoint,
              series: z.array(attainmentPoint),
            }),
          ),
        }),
      ),
    }),
  ),
});
export const programmeAreasSchema = z
  .object({ items: z.array(z.object({ id: z.string() })) })
  .or(z.array(z.object({ id: z.string() })));

// evaluation
const translated = z.object({ de: z.string(), en: z.string() });
export const evaluationCriteriaSchema = z.object({
  criteria: z.array(z.object({ code: z.string(), label: translated, question: translated })),
  scale: z.array(z.object({ code: z.number(), label: translated })),
  statuses: z.array(z.object({ code: z.string(), label: translated })),
});
export const evaluationSchema = z.object({
  id: z.string(),
  title: z.string(),
  object: z.object({
    kind: z.string(),
    programmeName: z.string().nullable(),
    measureTitle: z.string().nullable(),
    areas: z.array(
      z.object({ id: z.string().nullable(), code: z.string(), name: z.string(), level: z.string() }),
    ),
  }),
  startPeriod: z.string(),
  status: z.string(),
  questions: z.array(z.string()),
  ratings: z.array(
    z.object({
      criterion: z.string(),
      rating: z.number(),
      justification: z.string(),
      evidence: z.array(z.object({ kind: z.string(), ref: z.string() })),
    }),
  ),
  unrated: z.array(z.string()),
  findings: z.array(z.string()),
  recommendations: z.array(z.string()),
  design: z.object({
    adjustments: z.array(
      z.object({ action: z.enum(['drop', 'add']), areaId: z.string(), reason: z.string() }),
    ),
  }),
});
/** A number the evaluation service could not compute: its error in place of the number. */
const failure = z.object({ error: z.object({ code: z.string(), message: z.string() }) });
const aggregate = z.object({ value: nullableNumber, withheld: z.literal(true).optional() });
const evaluationSeries = z.object({ before: aggregate, after: aggregate, change: nullableNumber });
const ci95 = z.tuple([z.number(), z.number()]);
export const evaluationResultsSchema = z.object({
  source: z.enum(['snapshot', 'live']),
  evidenceHash: z.string(),
  snapshot: z.object({ id: z.string(), hash: z.string(), takenAt: z.string() }).nullable(),
  pre: z.array(z.string()),
  post: z.array(z.string()),
  indicators: z.array(z.object({ code: z.string(), name: z.string(), unit: z.string() })),
  reference: z.object({ label: z.string(), level: z.string(), areaCount: z.number() }).nullable(),
  areas: z.array(
    z.object({
      id: z.string().nullable(),
      code: z.string(),
      name: z.string(),
      level: z.string(),
      population: nullableNumber,
      role: z.enum(['treated', 'comparison', 'context']),
    }),
  ),
  numbers: z.object({
    matching: z
      .union([z.object({ period: z.string(), indicators: z.array(z.string()), k: z.number() }), failure])
      .nullable(),
    comparison: z.array(
      z.object({ area: z.string(), weight: z.number(), origin: z.enum(['matched', 'chosen', 'added']) }),
    ),
    balance: z
      .array(
        z.object({
          indicator: z.string(),
          treated: z.object({ mean: nullableNumber }),
          before: z.object({ mean: nullableNumber, smd: nullableNumber }),
          after: z.object({ mean: nullableNumber, smd: nullableNumber }),
        }),
      )
      .nullable(),
    outcomes: z.array(
      z.object({
        indicator: z.string(),
        beforeAfter: z.union([
          z.object({ programme: evaluationSeries, reference: evaluationSeries.nullable() }),
          failure,
        ]),
        did: z.union([
          z.object({
            estimate: z.number(),
            p: nullableNumber,
            ci95,
            observations: z.number(),
            clusters: z.object({ treated: z.number(), comparison: z.number() }),
            means: z.object({
              treated: z.object({ pre: z.number(), post: z.number() }),
              comparison: z.object({ pre: z.number(), post: z.number() }),
            }),
          }),
          failure,
        ]),
        eventStudy: z.union([
          z.object({
            reference: z.string(),
            points: z.array(
              z.object({
                period: z.string(),
                relative: z.number(),
                reference: z.boolean(),
                estimate: z.number(),
                ci95,
              }),
            ),
            omitted: z.array(z.object({ period: z.string(), relative: z.number(), reason: z.string() })),
          }),
          failure,
        ]),
      }),
    ),
  }),
});
