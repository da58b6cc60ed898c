import { isInScope, type Scope } from '@quartier/auth';
import type { ResolvedCell } from '@quartier/indicator-core';
import type { IndicatorView } from '../catalogue/indicator.dto';
import type { AreaNode, TenantAreas } from '../common/area-tree';
import { IndicatorServiceError } from '../common/indicator-service.error';

// The values as the service answers them: one area's value in the cached compact form and as
// the API's record, the summary of an indicator, the areas a caller sees.

export interface AreaValue {
  areaId: string;
  code: string;
  name: string;
  level: string;
  status: 'value' | 'suppressed' | 'missing';
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  /** stored, ratio-of-sums, population-weighted-mean, sum; why it is suppressed or missing otherwise. */
  source: string | null;
  approximate: boolean;
  reason: string | null;
  /** Share of the population in areas with a value, when an aggregate left some out; else null. */
  coverage: number | null;
}

export interface IndicatorSummary {
  code: string;
  version: number;
  name: IndicatorView['name'];
  unit: IndicatorView['unit'];
  polarity: IndicatorView['polarity'];
}

/** The map of one indicator, period and level as the map endpoint answers it. */
export interface ValueMap {
  indicator: IndicatorSummary;
  period: string;
  level: string;
  items: AreaValue[];
  statistics: ValueStatistics;
}

/** Compact cached form: one tuple per area of every level. */
export type CachedCell = [
  string,
  'value' | 'suppressed' | 'missing',
  number | null,
  number | null,
  number | null,
  string | null,
  boolean,
  string | null,
  (number | null)?,
];

/**
 * Area scope rule for reading: a caller sees an area when the area itself or one of its
 * ancestors is a root of their scope — i.e. the whole area lies inside what they may see.
 * Aggregates of larger areas (the district above a planner's district region, the city) mix
 * in areas outside the scope and are therefore not shown to them.
 */
export function visible(scope: Scope, area: AreaNode): boolean {
  return isInScope(scope, [...area.path, area.id]);
}

/** The area by id when the caller sees it; an area outside their scope is as unknown as a missing one. */
export function visibleArea(tree: TenantAreas, scope: Scope, areaId: string): AreaNode {
  const area = tree.byId.get(areaId);
  if (!area || !visible(scope, area))
    throw new IndicatorServiceError('AreaNotFound', `area ${areaId} not found`);
  return area;
}

/**
 * The areas of `level` (below `parent`) the caller may see, in the tree's order: those of the
 * current area version (`current`: in force on the service clock's day), so a superseded area
 * is not listed beside the new area that took over its code, nor a version dated ahead before
 * its day.
 */
export function shownAreas(
  tree: TenantAreas,
  scope: Scope,
  query: { level: string; parent?: string },
): AreaNode[] {
  return tree.list.filter(
    (area) =>
      area.current &&
      area.level === query.level &&
      visible(scope, area) &&
      (!query.parent || area.path.includes(query.parent)),
  );
}

export function toCached(cell: ResolvedCell): CachedCell {
  switch (cell.status) {
    case 'value':
      return [
        cell.area,
        'value',
        cell.value,
        cell.numerator,
        cell.denominator,
        cell.source,
        cell.approximate,
        null,
        cell.coverage ?? null,
      ];
    case 'suppressed':
      return [cell.area, 'suppressed', null, null, null, null, false, cell.reason];
    case 'missing':
      return [cell.area, 'missing', null, null, null, null, false, cell.reason];
  }
}

export function toAreaValue(area: AreaNode, cell: CachedCell | undefined): AreaValue {
  const [, status, value, numerator, denominator, source, approximate, reason, coverage] = cell ?? [
    area.id,
    'missing',
    null,
    null,
    null,
    null,
    false,
    'no-data',
  ];
  return {
    areaId: area.id,
    code: area.code,
    name: area.name,
    level: area.level,
    status,
    value,
    numerator,
    denominator,
    source,
    approximate,
    reason,
    coverage: coverage ?? null,
  };
}

export function pick(v: AreaValue) {
  return {
    status: v.status,
    value: v.value,
    numerator: v.numerator,
    denominator: v.denominator,
    source: v.source,
    approximate: v.approximate,
    reason: v.reason,
    coverage: v.coverage,
  };
}

export function summary(indicator: IndicatorView): IndicatorSummary {
  return {
    code: indicator.code,
    version: indicator.version,
    name: indicator.name,
    unit: indicator.unit,
    polarity: indicator.polarity,
  };
}

/** Count, range and quintile breaks of the shown values (the map legend's classes). */
export function statistics(items: readonly AreaValue[]) {
  const values = items
    .filter((i) => i.status === 'value')
    .map((i) => i.value as number)
    .sort((a, b) => a - b);
  const counts = {
    value: values.length,
    suppressed: items.filter((i) => i.status === 'suppressed').length,
    missing: items.filter((i) => i.status === 'missing').length,
  };
  if (values.length === 0) return { counts, min: null, max: null, breaks: [] as number[] };
  const quantile = (q: number) => {
    const pos = (values.length - 1) * q;
    const lo = Math.floor(pos);
    return values[lo] + (values[Math.min(lo + 1, values.length - 1)] - values[lo]) * (pos - lo);
  };
  return {
    counts,
    min: values[0],
    max: values[values.length - 1],
    breaks: [0.2, 0.4, 0.6, 0.8].map(quantile),
  };
}

export type ValueStatistics = ReturnType<typeof statistics>;
