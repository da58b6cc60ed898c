import { EvaluationError } from './evaluation-error';
import type { EvidenceKind } from '@quartier/contracts';

// OECD-DAC evaluation criteria and the rating scale, as data (codes, German and English labels),
// so the portal, reports and the API use one definition.
//
// Criteria and guiding questions: OECD DAC Network on Development Evaluation, "Better Criteria for
// Better Evaluation — Revised Evaluation Criteria Definitions and Principles for Use" (2019); the
// German wording follows the BMZ's translation of the six criteria.
//
// Rating scale: German development evaluation (BMZ evaluation guidelines, applied e.g. in KfW's
// ex-post evaluations, "Bewertungskriterien und Notenskala") rates each criterion on six levels
// and calls levels 1–3 successful and 4–6 unsuccessful. Issue 12 asks for four steps, so
// Quartier keeps the three successful levels with their BMZ names and merges 4–6 into "nicht
// erfolgreich": the success threshold stays where the BMZ puts it, and a BMZ grade converts
// without loss of the successful/unsuccessful verdict (`ratingFromBmzGrade`).

export type DacCriterion =
  'relevance' | 'coherence' | 'effectiveness' | 'efficiency' | 'impact' | 'sustainability';

export interface Translated {
  de: string;
  en: string;
}

export interface DacCriterionDefinition {
  code: DacCriterion;
  label: Translated;
  question: Translated;
}

export const DAC_CRITERIA: readonly DacCriterionDefinition[] = [
  {
    code: 'relevance',
    label: { de: 'Relevanz', en: 'Relevance' },
    question: { de: 'Tut die Maßnahme das Richtige?', en: 'Is the intervention doing the right things?' },
  },
  {
    code: 'coherence',
    label: { de: 'Kohärenz', en: 'Coherence' },
    question: { de: 'Passt die Maßnahme?', en: 'How well does the intervention fit?' },
  },
  {
    code: 'effectiveness',
    label: { de: 'Effektivität', en: 'Effectiveness' },
    question: {
      de: 'Erreicht die Maßnahme ihre Ziele?',
      en: 'Is the intervention achieving its objectives?',
    },
  },
  {
    code: 'efficiency',
    label: { de: 'Effizienz', en: 'Efficiency' },
    question: {
      de: 'Wie wirtschaftlich werden die Ressourcen eingesetzt?',
      en: 'How well are resources being used?',
    },
  },
  {
    code: 'impact',
    label: { de: 'Übergeordnete Wirkungen (Impact)', en: 'Impact' },
    question: {
      de: 'Welchen Unterschied macht die Maßnahme?',
      en: 'What difference does the intervention make?',
    },
  },
  {
    code: 'sustainability',
    label: { de: 'Nachhaltigkeit', en: 'Sustainability' },
    question: { de: 'Sind die positiven Wirkungen von Dauer?', en: 'Will the benefits last?' },
  },
];

export type Rating = 1 | 2 | 3 | 4;

export interface RatingLevel {
  code: Rating;
  label: Translated;
  /** BMZ's verdict: levels 1–3 are successful. */
  successful: boolean;
  /** The BMZ six-level grades this level stands for. */
  bmzGrades: readonly number[];
}

export const RATING_SCALE: readonly RatingLevel[] = [
  { code: 1, label: { de: 'sehr erfolgreich', en: 'very successful' }, successful: true, bmzGrades: [1] },
  { code: 2, label: { de: 'erfolgreich', en: 'successful' }, successful: true, bmzGrades: [2] },
  {
    code: 3,
    label: { de: 'eingeschränkt erfolgreich', en: 'partially successful' },
    successful: true,
    bmzGrades: [3],
  },
  {
    code: 4,
    label: { de: 'nicht erfolgreich', en: 'unsuccessful' },
    successful: false,
    bmzGrades: [4, 5, 6],
  },
];

/** A piece of evidence a rating rests on, e.g. a DiD of indicator S1 or a survey item. */
export interface EvidenceReference {
  kind: EvidenceKind;
  /** What it points to: an indicator code, a survey item, a measure, a document title. */
  ref: string;
  note?: string;
}

export interface CriterionRating {
  criterion: DacCriterion;
  rating: Rating;
  justification: string;
  evidence: readonly EvidenceReference[];
}

export const isDacCriterion = (code: string): code is DacCriterion =>
  DAC_CRITERIA.some((c) => c.code === code);

/** Converts a grade of the BMZ six-level scale (1 very successful … 6 completely unsuccessful). */
export function ratingFromBmzGrade(grade: number): Rating {
  const level = RATING_SCALE.find((l) => l.bmzGrades.includes(grade));
  if (!level) throw new EvaluationError('InvalidRating', `BMZ grade ${grade} is not one of 1 … 6`, { grade });
  return level.code;
}

/**
 * Validates a rating and returns the ratings with it set (replacing an earlier one of the criterion).
 * @throws EvaluationError `InvalidRating`: unknown criterion, rating outside 1–4, blank justification.
 */
export function rateCriterion(
  ratings: readonly CriterionRating[],
  rating: CriterionRating,
): CriterionRating[] {
  if (!isDacCriterion(rating.criterion))
    throw new EvaluationError('InvalidRating', `"${rating.criterion}" is not an OECD-DAC criterion`, {
      field: 'criterion',
    });
  if (!RATING_SCALE.some((level) => level.code === rating.rating))
    throw new EvaluationError(
      'InvalidRating',
      `rating ${rating.rating} of ${rating.criterion} is not one of 1, 2, 3, 4`,
      {
        field: 'rating',
        criterion: rating.criterion,
      },
    );
  if (typeof rating.justification !== 'string' || rating.justification.trim() === '')
    throw new EvaluationError('InvalidRating', `the rating of ${rating.criterion} needs a justification`, {
      field: 'justification',
      criterion: rating.criterion,
    });
  const clean = { ...rating, justification: rating.justification.trim(), evidence: [...rating.evidence] };
  return [...ratings.filter((r) => r.criterion !== rating.criterion), clean].sort(
    (a, b) => criterionIndex(a.criterion) - criterionIndex(b.criterion),
  );
}

const criterionIndex = (code: DacCriterion) => DAC_CRITERIA.findIndex((c) => c.code === code);

/** Criteria still without a rating, in DAC order. */
export function unratedCriteria(ratings: readonly CriterionRating[]): DacCriterion[] {
  return DAC_CRITERIA.map((c) => c.code).filter((code) => !ratings.some((r) => r.criterion === code));
}

/**
 * The BMZ rule for the overall verdict: an evaluation object can only be called successful when
 * effectiveness, impact and sustainability are rated at least "eingeschränkt erfolgreich" (3).
 * Returns the criteria that block it (unrated ones block too).
 */
export function successBlockers(ratings: readonly CriterionRating[]): DacCriterion[] {
  const gate: DacCriterion[] = ['effectiveness', 'impact', 'sustainability'];
  return gate.filter((code) => {
    const rating = ratings.find((r) => r.criterion === code);
    return !rating || rating.rating > 3;
  });
}
