// The network service leaves a measure out where it is not defined or did not converge, and
// says why in `graph.omitted` (measure → reason, in the words of network-core). The page shows
// that reason in the reader's language instead of a column of dashes.

/** The measures the service computes per actor, in the order the page lists them. */
export const ACTOR_MEASURES = [
  'degree',
  'betweenness',
  'closeness',
  'eigenvector',
  'pagerank',
  'constraint',
] as const;
export type ActorMeasure = (typeof ACTOR_MEASURES)[number];

export type OmittedReason = 'disconnected' | 'directed' | 'not-converged' | 'no-sectors' | 'other';

/** The kind of reason network-core gave (its messages are fixed texts, see metrics.ts). */
export function omittedReason(reason: string): OmittedReason {
  if (/not connected/i.test(reason)) return 'disconnected';
  if (/undirected networks only/i.test(reason)) return 'directed';
  if (/converge|did not reach/i.test(reason)) return 'not-converged';
  if (/no actor has a sector/i.test(reason)) return 'no-sectors';
  return 'other';
}

/** Measures left out, in the order of `measures`, with the kind of reason. */
export function omittedMeasures(
  omitted: Readonly<Record<string, string>> | undefined,
  measures: readonly string[],
): { measure: string; reason: OmittedReason }[] {
  if (!omitted) return [];
  return measures
    .filter((m) => typeof omitted[m] === 'string')
    .map((m) => ({ measure: m, reason: omittedReason(omitted[m]) }));
}
