import { z } from 'zod';
import { periodSchema, tenantIdSchema, uuidSchema } from '../values';

// Events other services consume from the indicator, network and survey services. Declared here
// (the one shared place) before those services fill their domains, so producers and consumers
// agree from the first line of code.

/** Values of an indicator changed for some areas and periods (after an import commits). */
export const indicatorValuesChangedV1 = z.object({
  tenantId: tenantIdSchema,
  indicatorCode: z.string().min(1),
  /** The definition version the values were computed with. */
  definitionVersion: z.number().int().positive(),
  periods: z.array(periodSchema).min(1),
  /** The areas whose values changed; empty: any area of the periods (large imports). */
  areaIds: z.array(uuidSchema),
  /** The import or computation that caused the change, for tracing. */
  sourceId: z.string().min(1),
});

/** A composite index (e.g. Berlin MSS) was computed over stored values and its run stored. */
export const indicatorIndexComputedV1 = z.object({
  tenantId: tenantIdSchema,
  runId: uuidSchema,
  definitionId: uuidSchema,
  /** The definition's own key, e.g. `berlin-mss-2019`. */
  definitionKey: z.string().min(1),
  period: periodSchema,
  areaCount: z.number().int().nonnegative(),
  validAreaCount: z.number().int().nonnegative(),
  /** Index id → class code → number of valid areas in that class. */
  classCounts: z.record(z.string(), z.record(z.string(), z.number().int().nonnegative())),
});

/** Network measures of one network and wave, per area, to become indicator values there. */
export const networkMetricsComputedV1 = z.object({
  tenantId: tenantIdSchema,
  networkId: uuidSchema,
  waveId: uuidSchema,
  areaId: uuidSchema.nullable(),
  period: periodSchema,
  /**
   * `network`: measures of the whole network (its own area, if any); `area`: of the actors
   * located in `areaId`. Absent in events from before this field existed (read as `area`).
   */
  scope: z.enum(['network', 'area']).optional(),
  /** Measure code → value, e.g. density, crossSectorTieShare, isolates, components. */
  metrics: z.record(z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/), z.number().finite()),
});

/** A survey response was stored (no answers: results are published only aggregated). */
export const surveyResponseSubmittedV1 = z.object({
  tenantId: tenantIdSchema,
  surveyId: uuidSchema,
  waveId: uuidSchema,
  areaId: uuidSchema.nullable(),
  /** Day only: anonymous surveys store no finer timestamps. */
  submittedOn: z.iso.date(),
  channel: z.enum(['web', 'interviewer', 'import']),
});

const networkActor = z.object({
  /** `actor:<id>` for listed actors, `new:<normalised name>` for actors named for the first time. */
  key: z.string().min(1),
  actorId: z.string().min(1).optional(),
  name: z.string().min(1).max(200),
  type: z.string().min(1).optional(),
  isNew: z.boolean(),
});

/** A network survey submission: the respondent actor, the actors named and the reported ties. */
export const surveyNetworkResponseSubmittedV1 = z.object({
  tenantId: tenantIdSchema,
  surveyId: z.string().min(1),
  waveId: z.string().min(1),
  areaId: z.string().min(1).optional(),
  submittedOn: z.iso.date(),
  respondent: z.string().min(1),
  actors: z.array(networkActor),
  ties: z.array(
    z.object({
      source: z.string().min(1),
      target: z.string().min(1),
      /** As reported by the source: whether the target confirms the tie is the network service's concern. */
      directed: z.literal(true),
      attributes: z.record(z.string(), z.union([z.string(), z.number()])),
    }),
  ),
});

/**
 * k-anonymous results of a survey wave for the items its authors flagged as indicators (e.g.
 * "share feeling safe in the neighbourhood"), per surveyed area and the level above. Only
 * published cells travel: suppressed areas are listed without a value. The programme and
 * evaluation services keep them as evidence (impact-model bindings, evaluation snapshots), under
 * `indicatorCode` for `period`. The values equal the survey results' `indicators` cells.
 */
export const surveyResultsPublishedV1 = z.object({
  tenantId: tenantIdSchema,
  surveyId: uuidSchema,
  waveId: uuidSchema,
  /** The period the values describe: the day the wave closed. */
  period: periodSchema,
  k: z.number().int().min(2),
  weighted: z.boolean(),
  items: z.array(
    z.object({
      indicatorCode: z.string().min(1),
      name: z.string().min(1),
      question: z.string().min(1),
      /** share / topTwoBox: a share in [0, 1]; mean: the item's mean. */
      measure: z.enum(['share', 'topTwoBox', 'mean']),
      options: z.array(z.string()),
      values: z.array(
        z.object({
          areaId: uuidSchema,
          value: z.number().finite(),
          /** Respondents behind the value: who answered the item (a top-2-box: on the scale). */
          n: z.number().int().nonnegative(),
          ciLower: z.number().finite().nullable(),
          ciUpper: z.number().finite().nullable(),
        }),
      ),
      suppressedAreaIds: z.array(uuidSchema),
    }),
  ),
});

const valueStatus = z.enum(['value', 'suppressed', 'missing']);
const finiteOrNull = z.number().finite().nullable();

/** What every part of an `indicator.values.published` says about the indicator. */
const publishedIndicator = {
  tenantId: tenantIdSchema,
  indicatorCode: z.string().min(1),
  definitionVersion: z.number().int().positive(),
  name: z.string().min(1),
  unit: z.string(),
  polarity: z.enum(['higher-is-better', 'higher-is-worse', 'neutral']),
  /** value = numerator / denominator × scale (100 for percentages): how to aggregate ratios of sums. */
  scale: z.number().positive(),
  /** Minimum numerator below which a single cell is suppressed on publication (0 = none). */
  minNumerator: z.number().int().nonnegative(),
  sourceId: z.string().min(1),
  part: z.number().int().min(1),
  parts: z.number().int().min(1),
};

/** Version 1: one object per value, at most 2,000 a part. Accepted from producers not yet upgraded. */
export const indicatorValuesPublishedV1 = z.object({
  ...publishedIndicator,
  values: z
    .array(
      z.object({
        areaId: uuidSchema,
        period: periodSchema,
        status: valueStatus,
        value: finiteOrNull,
        numerator: finiteOrNull,
        denominator: finiteOrNull,
      }),
    )
    .max(2000),
});

/**
 * Values per part of `indicator.values.published`: ~85 bytes a value in columns, so a part is
 * ~430 kB, below Kafka's default 1 MB message limit.
 */
export const PUBLISHED_VALUES_PER_PART = 5000;
const VALUE_COLUMNS = ['status', 'value', 'numerator', 'denominator'] as const;

/**
 * An array whose entries are checked in one loop. `z.array(element)` builds a result object and
 * an issue list per entry: checking the 1.5 million values of a 50,000-area import that way
 * allocated about a gigabyte per consumer (sampled heap profile), which the process's memory
 * then had to hold until the next full collection. Same checks, same paths in the issues.
 */
function column<T>(expected: string, accepts: (entry: unknown) => entry is T, max?: number) {
  return z.custom<T[]>().superRefine((entries, ctx) => {
    if (!Array.isArray(entries)) {
      ctx.addIssue({ code: 'custom', message: 'expected an array' });
      return;
    }
    if (max !== undefined && entries.length > max)
      ctx.addIssue({ code: 'custom', message: `more than ${max} entries` });
    const at = entries.findIndex((entry) => !accepts(entry));
    if (at >= 0) ctx.addIssue({ code: 'custom', path: [at], message: `expected ${expected}` });
  });
}

const UUID = z.regexes.uuid();
const isUuid = (v: unknown): v is string => typeof v === 'string' && UUID.test(v);
const isFiniteOrNull = (v: unknown): v is number | null => v === null || Number.isFinite(v);
const isValueStatus = (v: unknown): v is z.infer<typeof valueStatus> =>
  valueStatus.options.includes(v as z.infer<typeof valueStatus>);

/**
 * The stored values behind an `indicator.values.changed`, for services that keep a read model
 * of indicator values (programme attainment, evaluations). Raw, unsuppressed cells with their
 * counts, so consumers can aggregate across areas as a ratio of sums; consumers apply
 * publication suppression themselves before showing single areas. Large changes travel in
 * parts (`part` of `parts`), each of one period, in columns: the i-th area has the i-th status,
 * value, numerator and denominator. Columns, not an object per value, because a value import
 * over 50,000 areas publishes 1.5 million of them: as objects they were most of the work of
 * producer and consumers (building, checking, encoding and collecting 1.5 million objects at
 * each step), and twice the bytes.
 */
export const indicatorValuesPublishedV2 = z
  .object({
    ...publishedIndicator,
    period: periodSchema,
    areaIds: column('a UUID', isUuid, PUBLISHED_VALUES_PER_PART),
    status: column('value, suppressed or missing', isValueStatus),
    value: column('a finite number or null', isFiniteOrNull),
    numerator: column('a finite number or null', isFiniteOrNull),
    denominator: column('a finite number or null', isFiniteOrNull),
  })
  .superRefine((p, ctx) => {
    for (const column of VALUE_COLUMNS)
      if (Array.isArray(p[column]) && Array.isArray(p.areaIds) && p[column].length !== p.areaIds.length)
        ctx.addIssue({
          code: 'custom',
          path: [column],
          message: `${p[column].length} entries for ${p.areaIds.length} areas`,
        });
  });

/**
 * A version-1 part as version 2. Version-1 producers (this service before columns) wrote each
 * part from one period and never an empty one; other parts have no version-2 form.
 */
export function valuesPublishedV1ToV2(
  v1: z.infer<typeof indicatorValuesPublishedV1>,
): z.input<typeof indicatorValuesPublishedV2> | { refused: string } {
  const { values, ...indicator } = v1;
  const periods = new Set(values.map((v) => v.period));
  if (periods.size !== 1) return { refused: `a version-1 part with ${periods.size} periods, not one` };
  return {
    ...indicator,
    period: values[0].period,
    areaIds: values.map((v) => v.areaId),
    status: values.map((v) => v.status),
    value: values.map((v) => v.value),
    numerator: values.map((v) => v.numerator),
    denominator: values.map((v) => v.denominator),
  };
}

/**
 * The per-area results of an index run (after `indicator.index.computed`): validity, each
 * index's value and class. In parts of at most 2,000 areas.
 */
export const indicatorIndexResultsV1 = z.object({
  tenantId: tenantIdSchema,
  runId: uuidSchema,
  definitionKey: z.string().min(1),
  label: z.string().min(1),
  period: periodSchema,
  level: z.string().min(1),
  /** Index id → its classes in order (code and label), e.g. status 1…4, dynamics + / +/- / -. */
  classes: z.record(z.string(), z.array(z.object({ code: z.string(), label: z.string() }))),
  part: z.number().int().min(1),
  parts: z.number().int().min(1),
  areas: z
    .array(
      z.object({
        areaId: uuidSchema,
        valid: z.boolean(),
        values: z.record(z.string(), z.number().finite()),
        classes: z.record(z.string(), z.string()),
      }),
    )
    .max(2000),
});
