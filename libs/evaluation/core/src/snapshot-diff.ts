import { canonicalJson } from './snapshot';
import { byPeriod } from './values';
import type { EvidenceSnapshot, SnapshotIndicator, SnapshotValue } from './snapshot-schema';

// "Compare with live data": what has changed in the platform since the snapshot was taken,
// within the snapshot's scope (its areas × indicators × periods — values outside it never
// entered the evaluation). A value counts as changed when its value, numerator, denominator
// or status differs; a revised definition of an indicator is listed too.

export type ValueCell = Pick<SnapshotValue, 'value' | 'numerator' | 'denominator' | 'status'>;

export interface ValueKey {
  area: string;
  indicator: string;
  period: string;
}

export interface ChangedValue extends ValueKey {
  snapshot: ValueCell;
  live: ValueCell;
}

export interface SnapshotDiff {
  changed: ChangedValue[];
  /** Live values in scope that the snapshot did not have. */
  added: (ValueKey & { live: ValueCell })[];
  /** Snapshot values that no longer exist live. */
  removed: (ValueKey & { snapshot: ValueCell })[];
  unchanged: number;
  /** Indicator codes whose live definition differs from the frozen one. */
  changedDefinitions: string[];
  /** True when nothing differs. */
  identical: boolean;
}

const keyOf = (v: ValueKey) => `${v.area}\u0000${v.indicator}\u0000${v.period}`;
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
/** By area and indicator, each one's periods in time order. */
const byKey = (a: ValueKey, b: ValueKey) =>
  byText(a.area, b.area) || byText(a.indicator, b.indicator) || byPeriod(a.period, b.period);
const cellOf = (v: ValueCell): ValueCell => ({
  value: v.value,
  numerator: v.numerator,
  denominator: v.denominator,
  status: v.status,
});
const sameCell = (a: ValueCell, b: ValueCell) =>
  a.value === b.value &&
  a.numerator === b.numerator &&
  a.denominator === b.denominator &&
  a.status === b.status;

/** Compares a snapshot with the live values (and optionally live indicator definitions). */
export function diffSnapshot(
  snapshot: EvidenceSnapshot,
  live: Iterable<SnapshotValue>,
  liveIndicators: readonly SnapshotIndicator[] = [],
): SnapshotDiff {
  const { content } = snapshot;
  const areas = new Set(content.areas.map((a) => a.code));
  const indicators = new Set(content.indicators.map((i) => i.code));
  const periods = new Set(content.periods);
  const frozen = new Map(content.values.map((v) => [keyOf(v), v]));
  const seen = new Set<string>();
  const diff: SnapshotDiff = {
    changed: [],
    added: [],
    removed: [],
    unchanged: 0,
    changedDefinitions: [],
    identical: true,
  };
  for (const value of live) {
    if (!areas.has(value.area) || !indicators.has(value.indicator) || !periods.has(value.period)) continue;
    const key = keyOf(value);
    seen.add(key);
    const before = frozen.get(key);
    const at = { area: value.area, indicator: value.indicator, period: value.period };
    if (!before) diff.added.push({ ...at, live: cellOf(value) });
    else if (!sameCell(before, value))
      diff.changed.push({ ...at, snapshot: cellOf(before), live: cellOf(value) });
    else diff.unchanged += 1;
  }
  for (const [key, value] of frozen)
    if (!seen.has(key))
      diff.removed.push({
        area: value.area,
        indicator: value.indicator,
        period: value.period,
        snapshot: cellOf(value),
      });
  const liveByCode = new Map(liveIndicators.map((i) => [i.code, i]));
  diff.changedDefinitions = content.indicators
    .filter((i) => liveByCode.has(i.code) && canonicalJson(i) !== canonicalJson(liveByCode.get(i.code)))
    .map((i) => i.code);
  diff.changed.sort(byKey);
  diff.added.sort(byKey);
  diff.removed.sort(byKey);
  diff.identical =
    diff.changed.length + diff.added.length + diff.removed.length + diff.changedDefinitions.length === 0;
  return diff;
}
