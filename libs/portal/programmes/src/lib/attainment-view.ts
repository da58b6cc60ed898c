/**
 * What the attainment dashboard shows for one binding: the light in words (never colour alone)
 * and the sparkline points of the actuals.
 */
import type { ProgrammeSchemas } from '@quartier/portal-data-access';

type Attainment = ProgrammeSchemas['ImpactAttainment_Output'];
/** What the dashboard reads of a binding's attainment, as the programme service answers it. */
export type AttainmentLike = Pick<Attainment, 'state' | 'raw' | 'capped' | 'light' | 'actual'>;
type Light = NonNullable<Attainment['light']>;

/** The text key of the light or, without one, of the state (`light.green`, `state.no-actual`). */
export function statusKey(attainment: AttainmentLike): string {
  return attainment.light ? `light.${attainment.light}` : `state.${attainment.state}`;
}

/** The actuals of a series as chart points: suppressed and missing periods stay gaps (null). */
export function sparklinePoints(
  series: readonly AttainmentLike[],
): { period: string; value: number | null }[] {
  return series
    .filter((a) => a.actual !== null && a.actual.period !== undefined)
    .map((a) => ({
      period: (a.actual as { period: string }).period,
      value: a.actual?.status === 'value' ? a.actual.value : null,
    }));
}

/** Counts per light and per state without a light, for the dashboard's summary line. */
export function lightCounts(items: readonly AttainmentLike[]): Record<Light | 'none', number> {
  const counts = { green: 0, amber: 0, red: 0, none: 0 };
  for (const item of items) counts[item.light ?? 'none'] += 1;
  return counts;
}
