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
