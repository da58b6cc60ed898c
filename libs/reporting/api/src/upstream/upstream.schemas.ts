import { z } from 'zod';

// What the report reads from the other services' answers — only the fields it uses (unknown
// fields are dropped). A service answering in another shape fails the gathering with the field
// named, rather than a report printing undefined.

const label = z.union([z.string(), z.object({ de: z.string(), en: z.string() })]);
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
const position = z.array(z.number()).min(2);
const geometry = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Polygon'), coordinates: z.array(z.array(position)) }),
  z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(z.array(position))) }),
]);
export const featureCollectionSchema = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(
    z.object({
      geometry: geometry.nullable(),
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
export const periodsSchema = z.object({ periods: z.array(z.string()) });
export const valueMapSchema = z.object({
  items: z.array(
    z.object({
      areaId: z.string(),
      status: z.enum(['value', 'suppressed', 'missing']),
      value: nullableNumber,
      numerator: nullableNumber,
      denominator: nullableNumber,
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
  indicatorItems: z.array(
    z.object({
      name: z.string(),
      measure: z.string(),
      options: z.array(z.string()),
      question: z.string(),
    }),
  ),
  waves: z.array(z.object({ id: z.string(), name: z.string(), closesOn: z.string() })),
});
const interval = z.tuple([z.number(), z.number()]).nullable();
const resultCell = z.object({
  group: z.string(),
  suppressed: z.string().nullable(),
  options: z.array(z.object({ option: z.string(), share: z.number(), ci: interval })).optional(),
  topTwoBox: z.object({ share: z.number().nullable(), ci: interval }).optional(),
});
export const surveyResultsSchema = z.object({
  k: z.number(),
  areas: z.array(z.object({ key: z.string(), areaId: z.string(), respondents: nullableNumber })),
  parents: z.array(z.object({ key: z.string(), areaId: z.string(), respondents: nullableNumber })),
  total: z.object({ respondents: nullableNumber }),
  questions: z.array(
    z.object({
      question: z.string(),
      areas: z.array(resultCell),
      parents: z.array(resultCell),
      total: resultCell,
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
