import { z } from 'zod';
import { IndicatorError } from './indicator-error';

// A composite index (Berlin MSS status/dynamics index, Hamburg Sozialmonitoring, …) declared as
// data, so a city can configure indicators, weights, polarity, thresholds and class labels
// without code. Validation is strict: a definition that silently does something other than
// what its author meant would misclassify areas that budgets are then distributed by.

const identifier = z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters');

/**
 * A label in further languages, by language tag (`{ en: 'high' }`): `label` is written in the
 * tenant's own language, and the portal shows the reader's language where the definition has it.
 */
const translations = z
  .record(
    z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$/, 'must be a language tag such as "en"'),
    z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
  )
  .optional();

/** One class of an index; `upTo` missing = the open top class. */
export const indexClassSchema = z
  .object({
    code: identifier,
    label: z.string().trim().min(1, 'must not be empty'),
    labels: translations,
    upTo: z.number().finite().optional(),
    inclusive: z.boolean().optional(),
  })
  .strict();

export const compositeIndexSchema = z
  .object({
    id: identifier,
    label: z.string().optional(),
    labels: translations,
    indicators: z.array(identifier).min(1, 'an index needs at least one indicator'),
    weights: z.record(z.string(), z.number().finite().positive('weights must be positive')).optional(),
    polarity: z.record(z.string(), z.union([z.literal(1), z.literal(-1)])).optional(),
    classes: z.array(indexClassSchema).min(2, 'an index needs at least two classes'),
  })
  .strict()
  .superRefine((index, ctx) => {
    const seen = new Set<string>();
    index.indicators.forEach((code, i) => {
      if (seen.has(code))
        ctx.addIssue({
          code: 'custom',
          path: ['indicators', i],
          message: `indicator "${code}" is listed twice`,
        });
      seen.add(code);
    });
    for (const key of ['weights', 'polarity'] as const) {
      for (const code of Object.keys(index[key] ?? {})) {
        if (!seen.has(code)) {
          ctx.addIssue({
            code: 'custom',
            path: [key, code],
            message: `"${code}" is not one of the indicators of index "${index.id}"`,
          });
        }
      }
    }
    for (const issue of classLayoutIssues(index.classes))
      ctx.addIssue({ code: 'custom', path: ['classes', ...issue.path], message: issue.message });
  });

export const indexDefinitionSchema = z
  .object({
    id: identifier,
    label: z.string().optional(),
    labels: translations,
    /** Indicator code holding the area's population (checked against `minPopulation`). */
    population: identifier,
    /** Areas with fewer inhabitants are invalid (Berlin and Hamburg: 300). */
    minPopulation: z.number().finite().nonnegative().optional(),
    /** Areas left out by decision (e.g. Berlin's flagged outliers). */
    excludeAreas: z.array(z.string().min(1)).optional(),
    indices: z.array(compositeIndexSchema).min(1, 'a definition needs at least one index'),
  })
  .strict()
  .superRefine((definition, ctx) => {
    const ids = new Set<string>();
    definition.indices.forEach((index, i) => {
      if (ids.has(index.id))
        ctx.addIssue({
          code: 'custom',
          path: ['indices', i, 'id'],
          message: `index id "${index.id}" is used twice`,
        });
      ids.add(index.id);
    });
  });

export type IndexClassDefinition = z.infer<typeof indexClassSchema>;
export type CompositeIndexDefinition = z.infer<typeof compositeIndexSchema>;
export type IndexDefinition = z.infer<typeof indexDefinitionSchema>;

interface LayoutIssue {
  path: (string | number)[];
  message: string;
}

/**
 * The class layout must partition the real line without gaps or overlaps: bounded classes in
 * strictly increasing order, then exactly one open top class. Anything else is ambiguous
 * (which class gets a value between two unordered bounds?), so it is rejected, not repaired.
 */
function classLayoutIssues(classes: readonly IndexClassDefinition[]): LayoutIssue[] {
  const issues: LayoutIssue[] = [];
  const open = classes.map((c, i) => (c.upTo === undefined ? i : -1)).filter((i) => i >= 0);
  if (open.length !== 1) {
    issues.push({
      path: [],
      message: `unknown class layout: exactly one class without "upTo" (the open top class) is required, found ${open.length}`,
    });
  } else if (open[0] !== classes.length - 1) {
    issues.push({
      path: [open[0]],
      message: `unknown class layout: the open class "${classes[open[0]].code}" (no "upTo") must be the last class`,
    });
  }
  let previous: number | undefined;
  classes.forEach((c, i) => {
    if (c.upTo === undefined) {
      if (c.inclusive !== undefined)
        issues.push({
          path: [i, 'inclusive'],
          message: `unknown class layout: "inclusive" needs an "upTo" bound (class "${c.code}")`,
        });
      return;
    }
    if (previous !== undefined && !(c.upTo > previous)) {
      issues.push({
        path: [i, 'upTo'],
        message: `unknown class layout: bounds must be strictly increasing, but class "${c.code}" has upTo ${c.upTo} after ${previous}`,
      });
    }
    previous = c.upTo;
  });
  const codes = new Set<string>();
  classes.forEach((c, i) => {
    if (codes.has(c.code))
      issues.push({ path: [i, 'code'], message: `class code "${c.code}" is used twice` });
    codes.add(c.code);
  });
  return issues;
}

/** Formats zod issues as `path: message` lines, e.g. `indices.0.classes: unknown class layout: …`. */
export function formatDefinitionIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const path = issue.path.map(String).join('.');
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join('\n');
}

/**
 * Validates unknown input (parsed JSON) as an index definition.
 * @throws IndicatorError `InvalidIndexDefinition` listing every problem with its path.
 */
export function parseIndexDefinition(input: unknown): IndexDefinition {
  const result = indexDefinitionSchema.safeParse(input);
  if (!result.success) {
    throw new IndicatorError(
      'InvalidIndexDefinition',
      `invalid index definition:\n${formatDefinitionIssues(result.error)}`,
    );
  }
  return result.data;
}

/** Every indicator code the definition needs per area (population first, no duplicates). */
export function requiredIndicators(definition: IndexDefinition): string[] {
  return [...new Set([definition.population, ...definition.indices.flatMap((index) => index.indicators)])];
}
