/**
 * What a DAC criterion rating of an evaluation may rest on: the evaluation service accepts and
 * stores these kinds, and the reports name each of them in words.
 */
export const EVIDENCE_KINDS = [
  'did',
  'event-study',
  'before-after',
  'balance',
  'indicator',
  'survey',
  'network',
  'document',
] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/**
 * Nearest-neighbour matching of an evaluation design: how many comparison areas per evaluated
 * area (`neighbours`), and on how many baseline indicators at most.
 */
export const MATCHING_LIMITS = { neighbours: { min: 1, max: 10 }, indicators: 20 } as const;

/**
 * How many areas an evaluation of chosen areas may name: the evaluation service refuses more, and
 * the portal's form says so before sending (a city's finest level can have more: Berlin's 542
 * planning areas).
 */
export const EVALUATED_AREAS_MAX = 500;
