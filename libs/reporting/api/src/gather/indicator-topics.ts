import type { PinnedCell, PinnedIndexRun, PinnedIndicator } from '@quartier/reporting-core';
import { inParallel, type Gathering } from './gathering';
import {
  classMapSchema,
  indexRunListSchema,
  indicatorListSchema,
  periodsSchema,
  valueMapSchema,
} from '../upstream/upstream.schemas';

// Indicator values and social-index classes, read from the indicator service as the reader may
// see them (published values with suppression, only areas in their scope).

export interface IndicatorScope {
  /** Levels to read values for (the subjects' level, and the top level for city values). */
  levels: readonly string[];
  /** Keep values of these areas only (null: all the answers hold). */
  keep: ReadonlySet<string> | null;
  /** How many of the latest periods to read per indicator. */
  periods: number;
  /** With a single subject: only its siblings (the map's `parent` filter) at its own level. */
  parentOf?: { level: string; parentId: string | null };
}

/**
 * The key indicators of a profile: the tenant's own indicators (network measures published as
 * indicators have the network section), shares first, each group in catalogue order.
 */
export function keyIndicators<T extends { unit: string; sourceKind: string }>(catalogue: readonly T[]): T[] {
  const own = catalogue.filter((i) => i.sourceKind !== 'network');
  return [...own.filter((i) => i.unit === '%'), ...own.filter((i) => i.unit !== '%')];
}

export async function gatherIndicators(g: Gathering, scope: IndicatorScope): Promise<PinnedIndicator[]> {
  const catalogue = keyIndicators(
    await g.client.get('indicator', '/api/indicator/indicators', indicatorListSchema),
  );
  const indicators = await inParallel(
    catalogue.map((indicator) => async (): Promise<PinnedIndicator | null> => {
      const { periods: all } = await g.client.get(
        'indicator',
        '/api/indicator/values/periods',
        periodsSchema,
        {
          indicator: indicator.code,
        },
      );
      const periods = all.slice(-scope.periods);
      if (periods.length === 0) return null;
      const values: PinnedIndicator['values'] = {};
      const reads = periods.flatMap((period) =>
        scope.levels.map((level) => async () => {
          const parent =
            scope.parentOf && scope.parentOf.level === level && scope.parentOf.parentId
              ? scope.parentOf.parentId
              : undefined;
          const map = await g.client.get('indicator', '/api/indicator/values', valueMapSchema, {
            indicator: indicator.code,
            period,
            level,
            parent,
          });
          const cells = (values[period] ??= {});
          for (const item of map.items)
            if (!scope.keep || scope.keep.has(item.areaId))
              cells[item.areaId] = [item.status, item.value, item.numerator, item.denominator] as PinnedCell;
        }),
      );
      await inParallel(reads, 3);
      return {
        code: indicator.code,
        name: indicator.name,
        unit: indicator.unit,
        polarity: indicator.polarity,
        scale: indicator.effectiveScale,
        periods,
        values,
      };
    }),
    2,
  );
  return indicators.filter((i): i is PinnedIndicator => i !== null);
}

/** The run's class map of the combined index (two indices, Berlin scheme) or its only index. */
export function indexOfRun(definition: { indices: { id: string }[] }): string {
  return definition.indices.length === 2 ? 'combined' : (definition.indices[0]?.id ?? 'combined');
}

export async function gatherIndexRuns(
  g: Gathering,
  levels: ReadonlySet<string>,
  keep: ReadonlySet<string> | null,
): Promise<PinnedIndexRun[]> {
  const runs = (await g.client.get('indicator', '/api/indicator/index-runs', indexRunListSchema)).filter(
    (r) => levels.has(r.level),
  );
  return inParallel(
    runs.map((run) => async () => {
      const index = indexOfRun(run.definition);
      const map = await g.client.get(
        'indicator',
        `/api/indicator/index-runs/${run.id}/classes`,
        classMapSchema,
        {
          index,
        },
      );
      const classes: PinnedIndexRun['classes'] = {};
      for (const item of map.items)
        if (!keep || keep.has(item.areaId))
          classes[item.areaId] =
            item.class === null ? null : { code: item.class, label: item.label ?? item.class };
      return {
        id: run.id,
        label: run.label,
        period: run.period,
        level: run.level,
        definitionLabel: run.definition.label ?? run.definition.id,
        index,
        layout: map.classes,
        classes,
      };
    }),
  );
}
