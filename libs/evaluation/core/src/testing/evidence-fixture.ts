// Test fixture (not exported from the library index): also usable by the service's tests.
import { seededRandom } from '@quartier/demo-city';
import type { SnapshotInput } from '../snapshot';
import type { SnapshotValue } from '../snapshot-schema';

// A small, fully specified evaluation for the snapshot tests: 12 planning areas of a fictional
// city, unemployment (U, %, with counts) and child poverty (K, %, without counts) 2013–2019,
// three programme areas from 2015, matching on both indicators in 2013.

const AREAS = Array.from({ length: 12 }, (_, i) => `A${String(i + 1).padStart(2, '0')}`);
const PERIODS = ['2013', '2014', '2015', '2016', '2017', '2018', '2019'];

export function fixtureValues(seed = 42): SnapshotValue[] {
  const random = seededRandom(seed);
  const values: SnapshotValue[] = [];
  AREAS.forEach((area, i) => {
    const residents = 1000 + Math.floor(random() * 4000);
    const treated = i < 3;
    PERIODS.forEach((period, t) => {
      const rate =
        0.05 + i * 0.006 + t * 0.002 - (treated && period >= '2015' ? 0.01 * (t - 1) : 0) + random() * 0.004;
      const numerator = Math.round(rate * residents);
      values.push({
        area,
        indicator: 'U',
        period,
        value: (100 * numerator) / residents,
        numerator,
        denominator: residents,
        status: 'reported',
      });
      values.push({
        area,
        indicator: 'K',
        period,
        value: 20 + i * 1.5 - t * 0.3 + random() * 2,
        numerator: null,
        denominator: null,
        status: 'reported',
      });
    });
  });
  return values;
}

export function fixtureInput(values: SnapshotValue[] = fixtureValues()): SnapshotInput {
  return {
    tenant: 'musterstadt',
    evaluation: 'eval-quartiersmanagement-2015',
    design: {
      outcomes: ['U', 'K'],
      pre: ['2013', '2014'],
      post: ['2015', '2016', '2017', '2018', '2019'],
      treated: ['A01', 'A02', 'A03'],
      matching: { on: ['U', 'K'], period: '2013', k: 2, candidatePool: null },
      comparison: [],
      adjustments: [
        {
          action: 'add',
          area: 'A12',
          reason: 'Nachbargebiet mit ähnlicher Struktur',
          by: 'eva',
          at: '2026-01-10T09:00:00Z',
        },
      ],
      reference: { label: 'Musterstadt', areas: AREAS },
    },
    areas: AREAS.map((code) => ({
      code,
      name: `Gebiet ${code}`,
      level: 'planungsraum',
      parent: null,
      population: 2500,
    })),
    periods: PERIODS,
    indicators: [
      {
        code: 'U',
        name: 'Arbeitslosigkeit',
        unit: '%',
        polarity: 'higher-is-worse',
        scale: 100,
        formula: null,
        definitionVersion: 1,
      },
      {
        code: 'K',
        name: 'Kinderarmut',
        unit: '%',
        polarity: 'higher-is-worse',
        scale: 100,
        formula: null,
        definitionVersion: 2,
      },
    ],
    values,
    surveyAggregates: [
      {
        survey: 'nachbarschaft',
        wave: 'w2014',
        waveDate: '2014-05-01',
        item: 'safe',
        option: 'yes',
        area: 'A01',
        statistic: 'share',
        respondents: 40,
        value: 0.55,
        suppressed: false,
      },
      {
        survey: 'nachbarschaft',
        wave: 'w2018',
        waveDate: '2018-05-01',
        item: 'safe',
        option: 'yes',
        area: 'A01',
        statistic: 'share',
        respondents: 52,
        value: 0.7,
        suppressed: false,
      },
    ],
    networkMeasures: [
      {
        network: 'akteure-a01',
        wave: 'w1',
        waveDate: '2014-09-01',
        measure: 'density',
        area: 'A01',
        value: 0.12,
      },
      {
        network: 'akteure-a01',
        wave: 'w2',
        waveDate: '2018-09-01',
        measure: 'density',
        area: 'A01',
        value: 0.2,
      },
    ],
    takenAt: '2026-02-01T12:00:00.000Z',
    takenBy: 'eva',
  };
}
