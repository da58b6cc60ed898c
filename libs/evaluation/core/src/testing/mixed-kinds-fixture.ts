// Test fixture (not exported from the library index): an evaluation whose two outcomes are
// reported at different frequencies — Y yearly 2020–2024, Q quarterly 2022Q1–2024Q4 — starting
// in 2024, three programme and three chosen comparison areas. The design's periods are those of
// both outcomes split at the start, as the evaluation service collects them.
import { splitAtStart } from '@quartier/contracts';
import type { SnapshotInput } from '../snapshot';
import type { SnapshotValue } from '../snapshot-schema';

const TREATED = ['T1', 'T2', 'T3'];
const COMPARISON = ['C1', 'C2', 'C3'];
const AREAS = [...TREATED, ...COMPARISON];
const YEARS = ['2020', '2021', '2022', '2023', '2024'];
const QUARTERS = ['2022', '2023', '2024'].flatMap((y) => [1, 2, 3, 4].map((q) => `${y}Q${q}`));
const START = '2024';

/** A value per area and period: level by area, a common trend, a deterministic wobble, the effect after the start. */
function series(indicator: string, periods: readonly string[], effect: number): SnapshotValue[] {
  return AREAS.flatMap((area, a) =>
    periods.map((period, t) => ({
      area,
      indicator,
      period,
      value: 10 + 2 * a + 0.5 * t + ((a * 7 + t * 13) % 11) / 10 + (a < 3 && period >= START ? effect : 0),
      numerator: null,
      denominator: null,
      status: 'reported' as const,
    })),
  );
}

export function mixedKindsInput(outcomes: readonly ('Y' | 'Q')[] = ['Y', 'Q']): SnapshotInput {
  const periods = [...(outcomes.includes('Y') ? YEARS : []), ...(outcomes.includes('Q') ? QUARTERS : [])];
  const { pre, post } = splitAtStart(periods, START);
  const indicator = (code: string, name: string) => ({
    code,
    name,
    unit: 'Punkte',
    polarity: 'higher-is-better' as const,
    scale: 1,
    formula: null,
    definitionVersion: 1,
  });
  return {
    tenant: 'musterstadt',
    evaluation: 'eval-mixed-kinds',
    design: {
      outcomes: [...outcomes],
      pre,
      post,
      treated: TREATED,
      matching: null,
      comparison: COMPARISON,
      adjustments: [],
      reference: { label: 'Musterstadt', areas: AREAS },
    },
    areas: AREAS.map((code) => ({
      code,
      name: `Gebiet ${code}`,
      level: 'planungsraum',
      parent: null,
      population: 1000,
    })),
    periods,
    indicators: [indicator('Q', 'Quartalswert'), indicator('Y', 'Jahreswert')].filter((i) =>
      outcomes.includes(i.code as 'Y' | 'Q'),
    ),
    values: [
      ...(outcomes.includes('Y') ? series('Y', YEARS, 3) : []),
      ...(outcomes.includes('Q') ? series('Q', QUARTERS, 1.5) : []),
    ],
    surveyAggregates: [],
    networkMeasures: [],
    takenAt: '2026-03-01T12:00:00.000Z',
    takenBy: 'eva',
  };
}
