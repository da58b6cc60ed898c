import {
  isFailure,
  type DacCriterion,
  type DidResult,
  type EvaluationNumbers,
  type OutcomeNumbers,
} from '@quartier/evaluation-core';
import type { DesignInput } from '../design/design.dto';
import type { RatingInput } from '../evaluations/evaluation.dto';
import type { DemoEvidence } from './demo-read-models';

// The demo evaluations, in German like the demo tenants. Ratings of effectiveness and impact and
// the findings are written from the numbers the evaluation computes, so they always match them.

export interface DemoEvaluation {
  title: string;
  final: boolean;
  questions: string[];
  design: DesignInput;
  /** Ratings from the computed numbers (all six for a final evaluation). */
  ratings(numbers: EvaluationNumbers): Partial<Record<DacCriterion, RatingInput>>;
  findings(numbers: EvaluationNumbers): string[];
  recommendations: string[];
}

export interface DemoTenantPlan {
  evidence: DemoEvidence;
  startPeriod: string;
  /** The programme to evaluate when the programme service has published it. */
  programmeName: string | null;
  evaluations: (object: 'programme' | 'areas') => DemoEvaluation[];
}

const NAMES: Record<string, string> = {
  S1: 'Arbeitslosigkeit',
  S3: 'Transferbezug',
  S4: 'Kinderarmut',
};

const number = (x: number) =>
  x.toLocaleString('de-DE', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).replace('-', '−');

const didOf = (numbers: EvaluationNumbers, code: string): DidResult | null => {
  const outcome = numbers.outcomes.find((o) => o.indicator === code);
  return outcome && !isFailure(outcome.did) ? outcome.did : null;
};

function describeDid(code: string, did: DidResult | null): string {
  if (!did)
    return `${NAMES[code] ?? code} (${code}): die Differenz-von-Differenzen ließ sich nicht schätzen.`;
  return (
    `${NAMES[code] ?? code} (${code}): Differenz-von-Differenzen ${number(did.estimate)} Prozentpunkte ` +
    `(95 %-Intervall ${number(did.ci95[0])} bis ${number(did.ci95[1])}; ${did.clusters.treated} Fördergebiete, ` +
    `${did.clusters.comparison} Vergleichsgebiete).`
  );
}

/** Falling shares are improvements (the MSS indicators are higher-is-worse). */
function ratingOf(did: DidResult | null): 2 | 3 | 4 {
  if (!did || did.estimate >= 0) return 4;
  return did.ci95[1] < 0 ? 2 : 3;
}

/** A criterion rated by the difference-in-differences of `code`, citing it (and `more`). */
function ratedByDid(
  numbers: EvaluationNumbers,
  code: string,
  more: RatingInput['evidence'] = [],
): RatingInput {
  const did = didOf(numbers, code);
  return {
    rating: ratingOf(did),
    justification: describeDid(code, did),
    evidence: [{ kind: 'did', ref: code }, ...more],
  };
}

function describeBeforeAfter(outcome: OutcomeNumbers): string | null {
  if (isFailure(outcome.beforeAfter)) return null;
  const { programme, reference } = outcome.beforeAfter;
  if (programme.before.value === null || programme.after.value === null || !reference) return null;
  const city =
    reference.before.value !== null && reference.after.value !== null
      ? ` (Stadt: ${number(reference.before.value)} → ${number(reference.after.value)})`
      : '';
  return `${NAMES[outcome.indicator] ?? outcome.indicator} in den Fördergebieten vor/nach dem Start im Mittel ${number(programme.before.value)} → ${number(programme.after.value)} %${city}.`;
}

/** The level before the start, in the programme areas and in the city. */
function describeStart(numbers: EvaluationNumbers, code: string): string {
  const outcome = numbers.outcomes.find((o) => o.indicator === code);
  if (!outcome || isFailure(outcome.beforeAfter)) return `${NAMES[code] ?? code}: kein Vorher-Wert.`;
  const { programme, reference } = outcome.beforeAfter;
  const before = (value: number | null) => (value === null ? 'kein Wert' : `${number(value)} %`);
  return `${NAMES[code] ?? code} vor dem Start: ${before(programme.before.value)} in den Fördergebieten, ${before(reference?.before.value ?? null)} in der Stadt.`;
}

const findingsOf = (codes: readonly string[]) => (numbers: EvaluationNumbers) => [
  ...numbers.outcomes.map(describeBeforeAfter).filter((text): text is string => text !== null),
  ...codes.map((code) => describeDid(code, didOf(numbers, code))),
];

const MSS = ['S1', 'S3', 'S4'];

/** Outcomes compared with the `k` nearest areas by the MSS indicators before the start. */
const matchedOnMss = (outcomes: string[], k: number): DesignInput => ({
  outcomes,
  periods: null,
  matching: { on: MSS, period: null, k },
  comparisonAreaIds: [],
  surveyItems: [],
  networkMeasures: [],
});

/** The finalised evaluation: all six criteria rated, effectiveness and impact from the DiD. */
function berlinFinal(subject: string): DemoEvaluation {
  return {
    title: `${subject}: Wirkungsevaluation 2015–2018`,
    final: true,
    questions: [
      'Sind Arbeitslosigkeit, Transferbezug und Kinderarmut in den Fördergebieten seit 2015 stärker gesunken als in vergleichbaren Gebieten?',
      'Haben sich die Fördergebiete der Gesamtstadt angenähert?',
    ],
    design: matchedOnMss(MSS, 2),
    ratings: (numbers) => ({
      relevance: {
        rating: 1,
        justification:
          'Die Fördergebiete gehören im MSS 2015 zur Statusklasse 4 (sehr niedrig): die Förderung setzt dort an, wo der Bedarf am größten ist.',
        evidence: [{ kind: 'indicator', ref: 'MSS 2015 Status-Index' }],
      },
      coherence: {
        rating: 2,
        justification:
          'Die Ziele (Beschäftigung, Teilhabe von Kindern) decken sich mit den Status-Indikatoren des Monitorings Soziale Stadtentwicklung.',
        evidence: [],
      },
      effectiveness: ratedByDid(numbers, 'S1', [{ kind: 'balance', ref: 'S1' }]),
      efficiency: {
        rating: 3,
        justification:
          'Kosten je Gebiet liegen der Demo-Evaluation nicht vor; die Bewertung stützt sich allein auf die erreichten Veränderungen.',
        evidence: [],
      },
      impact: ratedByDid(numbers, 'S4', [{ kind: 'before-after', ref: 'S4' }]),
      sustainability: {
        rating: 3,
        justification:
          'Die Event-Study zeigt die Entwicklung bis 2018; ob sie nach dem Ende der Förderung trägt, ist mit späteren Daten zu prüfen.',
        evidence: [{ kind: 'event-study', ref: 'S1' }],
      },
    }),
    findings: findingsOf(MSS),
    recommendations: [
      'Die Förderung in den Gebieten mit sehr niedrigem Status fortführen und Beschäftigungsangebote stärken.',
      'Die Evaluation mit dem MSS 2021 wiederholen (neue Planungsräume: über die Umschlüsselung vergleichen).',
    ],
  };
}

/** The draft: child poverty only, two criteria rated so far. */
function berlinDraft(subject: string): DemoEvaluation {
  return {
    title: `${subject}: Zwischenbilanz Kinderarmut`,
    final: false,
    questions: ['Geht die Kinderarmut in den Fördergebieten stärker zurück als in ähnlichen Gebieten?'],
    design: matchedOnMss(['S4'], 1),
    ratings: (numbers) => ({
      relevance: {
        rating: 1,
        justification: describeStart(numbers, 'S4'),
        evidence: [{ kind: 'before-after', ref: 'S4' }],
      },
      effectiveness: ratedByDid(numbers, 'S4'),
    }),
    findings: findingsOf(['S4']),
    recommendations: [],
  };
}

/** Berlin: Mitte's MSS status-4 planning areas (or the demo programme) from 2015, MSS 2013–2019. */
export const BERLIN_PLAN: DemoTenantPlan = {
  evidence: {
    tenant: 'berlin-demo',
    run: { definitionKey: 'berlin-mss-2015', period: '2014', statusClass: '4', within: '01' },
    indicators: MSS,
    periods: ['2012', '2014', '2016', '2018'],
  },
  startPeriod: '2015',
  programmeName: 'Quartiersmanagement (Demo)',
  evaluations: (object) => {
    const subject =
      object === 'programme'
        ? 'Quartiersmanagement (Demo)'
        : 'Quartiersmanagement Mitte (Statusklasse 4, MSS 2015)';
    return [berlinFinal(subject), berlinDraft(subject)];
  },
};

/** Musterstadt: the generated city's status-4 planning areas of its 2019 social index, from 2020. */
export const MUSTERSTADT_PLAN: DemoTenantPlan = {
  evidence: {
    tenant: 'musterstadt',
    run: { definitionKey: 'musterstadt-sozialindex', period: '2019', statusClass: '4', within: null },
    indicators: MSS,
    periods: ['2017', '2018', '2019', '2020', '2021', '2022', '2023', '2024'],
  },
  startPeriod: '2020',
  programmeName: null,
  evaluations: () => [
    {
      title: 'Sozialraumprogramm Musterstadt 2020: Zwischenbilanz (Demo)',
      final: false,
      questions: [
        'Entwickeln sich die Gebiete mit sehr niedrigem Status seit 2020 anders als ähnliche Gebiete?',
      ],
      design: matchedOnMss(['S1', 'S4'], 1),
      ratings: (numbers) => ({
        effectiveness: ratedByDid(numbers, 'S1'),
      }),
      findings: findingsOf(['S1', 'S4']),
      recommendations: [],
    },
  ],
};
