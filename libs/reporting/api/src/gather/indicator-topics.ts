import type { PinnedCell, PinnedIndexRun, PinnedIndicator } from '@quartier/reporting-core';
import { chunksOf } from '@quartier/service-kit';
import { inParallel, type Gathering } from './gathering';
import { classMapSchema, indexRunListSchema, valueMapsSchema } from '../upstream/upstream.schemas';

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

/** The indicator service answers at most this many indicators per value-maps request. */
const INDICATORS_PER_READ = 50;

export async function gatherIndicators(g: Gathering, scope: IndicatorScope): Promise<PinnedIndicator[]> {
  const catalogue = keyIndicators(await g.indicatorCatalogue());
  const chunks = chunksOf(catalogue, INDICATORS_PER_READ);
  // One read per level (and chunk of indicators) with every indicator's latest periods: the
  // same cells as a map request per indicator, period and level, without the 70-odd requests.
  const reads = await inParallel(
    chunks.flatMap((chunk) =>
      scope.levels.map((level) => async () => {
        const parent =
          scope.parentOf && scope.parentOf.level === level && scope.parentOf.parentId
            ? scope.parentOf.parentId
            : undefined;
        const answer = await g.client.get('indicator', '/api/indicator/values/maps', valueMapsSchema, {
          indicators: chunk.map((i) => i.code).join(','),
          latest: scope.periods,
          level,
          parent,
        });
        return answer.indicators;
      }),
    ),
    3,
  );
  const answers = new Map<string, (typeof reads)[number]>();
  for (const entries of reads)
    for (const entry of entries)
      answers.set(entry.indicator.code, [...(answers.get(entry.indicator.code) ?? []), entry]);
  const indicators: PinnedIndicator[] = [];
  for (const indicator of catalogue) {
    const levels = answers.get(indicator.code) ?? [];
    const periods = levels[0]?.periods.map((p) => p.period) ?? [];
    if (periods.length === 0) continue;
    const values: PinnedIndicator['values'] = {};
    for (const period of periods) {
      const cells: Record<string, PinnedCell> = {};
      for (const level of levels)
        for (const item of level.periods.find((p) => p.period === period)?.items ?? [])
          if (!scope.keep || scope.keep.has(item.areaId))
            cells[item.areaId] = [item.status, item.value, item.numerator, item.denominator];
      values[period] = cells;
    }
    indicators.push({
      code: indicator.code,
      name: indicator.name,
      unit: indicator.unit,
      polarity: indicator.polarity,
      scale: indicator.effectiveScale,
      periods,
      values,
    });
  }
  return indicators;
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
