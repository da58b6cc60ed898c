import type { DemoCity, DemoPlanningArea } from './city';
import { normal, seededRandom } from './random';
import { socialModel, type SocialModel } from './social-model';

export interface DemoIndicator {
  readonly code: string;
  readonly name: { readonly de: string; readonly en: string };
  readonly description: string;
  readonly unit: '%' | 'count' | '€' | 'index';
  readonly polarity: 'higher-is-better' | 'higher-is-worse' | 'neutral';
  readonly periodicity: 'year' | 'irregular';
  readonly plausible?: { readonly min?: number; readonly max?: number };
  /** Wirkungstreppe step the indicator evidences (outcomes in the population: 7). */
  readonly impactStep: number | null;
}

export interface DemoIndicatorValue {
  readonly area: string;
  readonly period: string;
  readonly indicator: string;
  /** null: not published (fewer than 300 inhabitants, as the MSS does). */
  readonly value: number | null;
}

/** Years of the generated series: eight, with a dip in 2020. */
export const DEMO_YEARS = [2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024] as const;
/** Municipal elections in the generated city. */
const ELECTION_YEARS = new Set([2019, 2024]);
/** Below this many inhabitants rates are not published. */
export const DEMO_MIN_POPULATION = 300;

const share = (de: string, en: string, polarity: DemoIndicator['polarity'], description: string) => ({
  name: { de, en },
  description,
  unit: '%' as const,
  polarity,
  periodicity: 'year' as const,
  plausible: { min: 0, max: 100 },
  impactStep: 7,
});

/** The catalogue of the demo city: status and dynamics as in Berlin's MSS, context indicators. */
export const DEMO_INDICATORS: readonly DemoIndicator[] = [
  {
    code: 'EW',
    name: { de: 'Einwohnerinnen und Einwohner', en: 'Inhabitants' },
    description: 'Melderechtlich registrierte Einwohnerinnen und Einwohner am 31.12.',
    unit: 'count',
    polarity: 'neutral',
    periodicity: 'year',
    plausible: { min: 0 },
    impactStep: null,
  },
  {
    code: 'S1',
    ...share(
      'Arbeitslosigkeit',
      'Unemployment',
      'higher-is-worse',
      'Arbeitslose (SGB II und III) je 100 Einwohner von 15 bis 65 Jahren.',
    ),
  },
  {
    code: 'S2',
    ...share(
      'Langzeitarbeitslosigkeit',
      'Long-term unemployment',
      'higher-is-worse',
      'Seit über einem Jahr Arbeitslose je 100 Einwohner von 15 bis 65 Jahren.',
    ),
  },
  {
    code: 'S3',
    ...share(
      'Transferbezug',
      'Transfer receipt',
      'higher-is-worse',
      'Empfänger von Leistungen nach SGB II und SGB XII (ohne Arbeitslose) je 100 Einwohner.',
    ),
  },
  {
    code: 'S4',
    ...share(
      'Kinderarmut',
      'Child poverty',
      'higher-is-worse',
      'Kinder unter 15 Jahren in Bedarfsgemeinschaften nach SGB II je 100 Kinder unter 15.',
    ),
  },
  ...(['S1', 'S3', 'S4'] as const).map((s) => ({
    code: s.replace('S', 'D'),
    name: {
      de: `Veränderung ${{ S1: 'Arbeitslosigkeit', S3: 'Transferbezug', S4: 'Kinderarmut' }[s]} (Prozentpunkte)`,
      en: `Change in ${{ S1: 'unemployment', S3: 'transfer receipt', S4: 'child poverty' }[s]} (pp)`,
    },
    description: `Veränderung von ${s} gegenüber zwei Jahren zuvor, in Prozentpunkten.`,
    unit: 'index' as const,
    polarity: 'higher-is-worse' as const,
    periodicity: 'year' as const,
    impactStep: null,
  })),
  {
    code: 'K01',
    ...share(
      'Alleinerziehende',
      'Single parents',
      'neutral',
      'Haushalte Alleinerziehender je 100 Haushalte mit Kindern.',
    ),
  },
  {
    code: 'K02',
    ...share(
      'Einwohner mit Migrationshintergrund',
      'Residents with a migration background',
      'neutral',
      'Anteil an allen Einwohnern.',
    ),
  },
  { code: 'K03', ...share('Unter 18-Jährige', 'Under 18', 'neutral', 'Anteil an allen Einwohnern.') },
  {
    code: 'K04',
    ...share('65-Jährige und Ältere', 'Aged 65 and over', 'neutral', 'Anteil an allen Einwohnern.'),
  },
  {
    code: 'K05',
    ...share(
      'Wohndauer über 5 Jahre',
      'Residence over 5 years',
      'higher-is-better',
      'Einwohner, die seit mindestens fünf Jahren an derselben Adresse gemeldet sind, je 100 Einwohner.',
    ),
  },
  {
    code: 'K06',
    name: { de: 'Angebotsmiete (netto kalt)', en: 'Asking rent (net, cold)' },
    description: 'Median der Angebotsmieten in Euro je Quadratmeter.',
    unit: '€',
    polarity: 'neutral',
    periodicity: 'year',
    plausible: { min: 3, max: 40 },
    impactStep: null,
  },
  {
    code: 'K07',
    ...share(
      'Sprachförderbedarf bei Einschulung',
      'Language support need at school entry',
      'higher-is-worse',
      'Kinder mit Sprachförderbedarf je 100 untersuchte Kinder (Einschulungsuntersuchung).',
    ),
  },
  {
    code: 'K08',
    ...share(
      'Übergewicht bei Einschulung',
      'Overweight at school entry',
      'higher-is-worse',
      'Übergewichtige Kinder je 100 untersuchte Kinder (Einschulungsuntersuchung).',
    ),
  },
  {
    ...share('Wahlbeteiligung', 'Voter turnout', 'higher-is-better', 'Wahlbeteiligung bei der Kommunalwahl.'),
    code: 'K09',
    periodicity: 'irregular',
  },
  {
    code: 'K10',
    ...share(
      'Betreuungsquote unter 3 Jahren',
      'Childcare rate under 3',
      'higher-is-better',
      'Kinder unter 3 Jahren in Kindertagesbetreuung je 100 Kinder unter 3.',
    ),
  },
  {
    code: 'K11',
    ...share(
      'Schulabgänger ohne Abschluss',
      'School leavers without qualification',
      'higher-is-worse',
      'Je 100 Schulabgänger aus dem Gebiet.',
    ),
  },
];

/** Economic cycle of the fictional city: unemployment falls, jumps in 2020, recovers. */
const CYCLE: Record<number, number> = {
  2017: 0,
  2018: -0.04,
  2019: -0.08,
  2020: 0.1,
  2021: 0.06,
  2022: -0.02,
  2023: -0.05,
  2024: -0.04,
};

/**
 * Yearly values of every indicator for every planning area, drawn from the social model: the
 * status indicators rise together with the hidden status (so they correlate as in real data),
 * context indicators follow it partly and partly the distance from the centre; the series
 * carry each area's trend, the economic cycle and some year-to-year noise.
 */
export function generateIndicatorValues(
  city: DemoCity,
  model: SocialModel = socialModel(city),
  seed = city.seed + 11,
): DemoIndicatorValue[] {
  const random = seededRandom(seed);
  const out: DemoIndicatorValue[] = [];
  for (const area of city.planningAreas) {
    const series = areaSeries(area, model, random);
    for (const [year, values] of series) {
      for (const indicator of DEMO_INDICATORS) {
        if (!(indicator.code in values)) continue;
        out.push({
          area: area.code,
          period: String(year),
          indicator: indicator.code,
          value: values[indicator.code],
        });
      }
    }
  }
  return out;
}

function areaSeries(
  area: DemoPlanningArea,
  model: SocialModel,
  random: () => number,
): Map<number, Record<string, number | null>> {
  const status0 = model.status.get(area.code) ?? 0;
  const trend = model.trend.get(area.code) ?? 0;
  const inner = 1 - Math.min(1, area.centrality);
  const growth = 0.003 + 0.006 * inner + 0.002 * normal(random);
  const first = DEMO_YEARS[0];
  const last = DEMO_YEARS[DEMO_YEARS.length - 1];
  const series = new Map<number, Record<string, number | null>>();
  let noise = 0;
  for (const year of DEMO_YEARS) {
    noise = 0.6 * noise + 0.1 * normal(random);
    const z = status0 + trend * (year - first) + noise;
    const cycle = CYCLE[year] ?? 0;
    const inhabitants = Math.round(area.population / (1 + growth) ** (last - year));
    const jitter = (sd: number) => sd * normal(random);
    const s1 = clamp(4.5 * Math.exp(0.55 * z) * (1 + cycle) + jitter(0.25), 0.3, 35);
    const values: Record<string, number | null> = {
      EW: inhabitants,
      S1: s1,
      S2: clamp(s1 * (0.38 + 0.05 * z) + jitter(0.15), 0.1, 20),
      S3: clamp(8 * Math.exp(0.6 * z) * (1 + 0.6 * cycle) + jitter(0.4), 0.5, 60),
      S4: clamp(14 * Math.exp(0.55 * z) * (1 + 0.5 * cycle) + jitter(0.9), 1, 75),
      K01: clamp(22 + 5 * z + jitter(2), 5, 60),
      K02: clamp(28 + 9 * z + 12 * inner + 0.7 * (year - first) + jitter(2), 3, 85),
      K03: clamp(16 + 2.2 * z - 1.5 * inner + jitter(0.8), 6, 30),
      K04: clamp(21 - 2.5 * z + 6 * (1 - inner) - 5 * inner + 0.15 * (year - first) + jitter(1), 5, 45),
      K05: clamp(58 - 4 * z - 14 * inner + jitter(3), 20, 90),
      K06: clamp((9.5 + 4.5 * inner) * Math.exp(-0.1 * z) * 1.045 ** (year - first) + jitter(0.3), 4, 30),
      K07: clamp(20 * Math.exp(0.5 * z) + jitter(2.5), 2, 80),
      K08: clamp(9 * Math.exp(0.35 * z) + jitter(1.5), 2, 35),
      K10: clamp(45 - 5 * z + 5 * inner + jitter(3), 10, 80),
      K11: clamp(5 * Math.exp(0.5 * z) + jitter(1), 0, 40),
    };
    if (ELECTION_YEARS.has(year)) values['K09'] = clamp(72 - 9 * z + jitter(2.5), 25, 90);
    if (inhabitants < DEMO_MIN_POPULATION)
      for (const code of Object.keys(values)) if (code !== 'EW') values[code] = null;
    for (const code of Object.keys(values))
      if (code !== 'EW' && values[code] !== null) values[code] = round2(values[code] as number);
    series.set(year, values);
  }
  for (const year of DEMO_YEARS) {
    const before = series.get(year - 2);
    if (!before) continue;
    const now = series.get(year) as Record<string, number | null>;
    for (const s of ['S1', 'S3', 'S4']) {
      const [a, b] = [now[s], before[s]];
      now[s.replace('S', 'D')] = a === null || b === null ? null : round2(a - b);
    }
  }
  return series;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
