import type { MapArea } from '../maps/geo';
import type { NumberFormat } from '../model/report-document';
import type { ReportProvenance } from './report-data';

// Input of the evaluation report: design, comparison areas, results per outcome (before/after,
// difference-in-differences, event study), DAC ratings, findings, recommendations and the
// evidence the numbers come from — as the evaluation service answers its reader. Labels are
// already in the report's language; numbers are exactly the service's.

export interface EvaluationOutcome {
  code: string;
  name: string;
  /** How levels (means) print: "%"-indicators as percent, others as decimals. */
  format: NumberFormat;
  /** How differences print: percentage points for "%"-indicators. */
  effectFormat: NumberFormat;
  /** Cell means of the programme and the comparison areas before and after the start (of the DiD). */
  means: { treatedPre: number; treatedPost: number; comparisonPre: number; comparisonPost: number } | null;
  did: {
    estimate: number;
    lower: number;
    upper: number;
    p: number | null;
    observations: number;
    treatedAreas: number;
    comparisonAreas: number;
  } | null;
  /** Why no estimate exists (too few areas, missing values …), in the report's language. */
  didProblem: string | null;
  /** Before/after of the programme areas and of the whole city (ratio of sums or mean). */
  beforeAfter: {
    programme: { before: number | null; after: number | null; change: number | null };
    city: { before: number | null; after: number | null; change: number | null } | null;
    /** An aggregate withheld by the service (its numerator could identify people). */
    withheld: boolean;
  } | null;
  eventStudy: {
    /** The reference period's label ("2014"); its relative position is `referenceRelative`. */
    reference: string;
    referenceRelative: number;
    points: { period: string; relative: number; estimate: number; lower: number; upper: number }[];
    /** Periods without an estimate, with the reason in the report's language. */
    omitted: { period: string; reason: string }[];
  } | null;
  /** Why no event study exists, in the report's language. */
  eventStudyProblem: string | null;
}

export interface EvaluationAreaRow {
  code: string;
  name: string;
  /** Translated role: programme area, comparison (matched / chosen / added). */
  role: string;
  /** How often a matched area was chosen as a neighbour; 1 for programme and chosen areas. */
  weight: number | null;
  population: number | null;
}

export interface EvaluationBalanceRow {
  indicator: string;
  format: NumberFormat;
  treatedMean: number | null;
  candidatesMean: number | null;
  smdBefore: number | null;
  comparisonMean: number | null;
  smdAfter: number | null;
}

export interface EvaluationReportData extends ReportProvenance {
  title: string;
  /** What is evaluated ("Programm Quartiersmanagement (Demo)"). */
  object: string;
  status: string;
  startPeriod: string;
  questions: string[];
  design: {
    pre: string[];
    post: string[];
    /** The level the areas are of, and the city they are compared with. */
    levelName: string;
    city: { areaCount: number } | null;
    /** Nearest-neighbour matching: indicator names, k, baseline period; null when chosen directly. */
    matching: { on: string[]; k: number; period: string } | null;
    /** Why matching gave no comparison areas, in the report's language. */
    matchingProblem: string | null;
    outcomes: string[];
    areas: EvaluationAreaRow[];
    adjustments: { action: string; area: string; reason: string }[];
    balance: EvaluationBalanceRow[] | null;
  };
  /** Programme and comparison areas on the map of their level; null when geometries are missing. */
  map: {
    areas: MapArea[];
    roleOf: Record<string, 'treated' | 'comparison' | 'other'>;
    outlines: MapArea[];
    /** Evaluated areas the registry no longer holds (not drawn). */
    missing: string[];
  } | null;
  /** Why there are no numbers yet (the evaluation service computes none), translated. */
  resultsProblem: string | null;
  outcomes: EvaluationOutcome[];
  ratings: {
    criterion: string;
    question: string;
    rating: number;
    label: string;
    justification: string;
    evidence: string;
  }[];
  unrated: string[];
  findings: string[];
  recommendations: string[];
  /** null when there are no numbers yet. */
  evidence: {
    source: 'snapshot' | 'live';
    hash: string;
    snapshotId: string | null;
    takenAt: string | null;
  } | null;
}
