import { PUBLISHED_VALUES_PER_PART, type EventPayload } from '@quartier/contracts';
import { randomUUID } from 'node:crypto';
import { chunksOf } from '../chunks';

type ValuesPublished = EventPayload<'indicator.values.published'>;

/** What a part says about its indicator (everything but the numbering and the cells). */
export type PublishedIndicator = Omit<
  ValuesPublished,
  'part' | 'parts' | 'period' | 'areaIds' | 'status' | 'value' | 'numerator' | 'denominator'
>;

/** One stored cell, as tests and benchmarks write them. */
export interface PublishedCell {
  areaId: string;
  period: string;
  status: ValuesPublished['status'][number];
  value: number | null;
  numerator: number | null;
  denominator: number | null;
}

/**
 * Cells as the indicator service publishes them: a part per period (and per 5,000 areas), in
 * columns, numbered across the periods in the order they first appear.
 */
export function valueFacts(
  indicator: PublishedIndicator,
  cells: readonly PublishedCell[],
): ValuesPublished[] {
  const byPeriod = new Map<string, PublishedCell[]>();
  for (const cell of cells) {
    const list = byPeriod.get(cell.period);
    if (list) list.push(cell);
    else byPeriod.set(cell.period, [cell]);
  }
  const slices = [...byPeriod].flatMap(([period, list]) =>
    chunksOf(list, PUBLISHED_VALUES_PER_PART).map((part) => ({ period, cells: part })),
  );
  return slices.map(({ period, cells: part }, i) => ({
    ...indicator,
    part: i + 1,
    parts: slices.length,
    period,
    areaIds: part.map((c) => c.areaId),
    status: part.map((c) => c.status),
    value: part.map((c) => c.value),
    numerator: part.map((c) => c.numerator),
    denominator: part.map((c) => c.denominator),
  }));
}

/**
 * An indicator as tests publish it: a percentage where higher is worse, first version, counts
 * suppressed below 3, from a fresh source — unless `overrides` say otherwise.
 */
export function testIndicator(
  tenantId: string,
  indicatorCode: string,
  overrides: Partial<PublishedIndicator> = {},
): PublishedIndicator {
  return {
    tenantId,
    indicatorCode,
    definitionVersion: 1,
    name: indicatorCode,
    unit: '%',
    polarity: 'higher-is-worse',
    scale: 100,
    minNumerator: 3,
    sourceId: randomUUID(),
    ...overrides,
  };
}

/** A fixture cell of an area named by its code; without a status, a null value is missing. */
export interface AreaCodeValue {
  code: string;
  period: string;
  value: number | null;
  numerator?: number | null;
  denominator?: number | null;
  status?: PublishedCell['status'];
}

/** `valueFacts` of cells whose areas are named by code (`areas`: code → id). */
export function areaValueFacts(
  indicator: PublishedIndicator,
  values: readonly AreaCodeValue[],
  areas: Readonly<Record<string, string>>,
): ValuesPublished[] {
  return valueFacts(
    indicator,
    values.map((v) => ({
      areaId: areas[v.code],
      period: v.period,
      status: v.status ?? (v.value === null ? 'missing' : 'value'),
      value: v.value,
      numerator: v.numerator ?? null,
      denominator: v.denominator ?? null,
    })),
  );
}
