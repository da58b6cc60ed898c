import { MATCHING_LIMITS } from '@quartier/contracts/browser';

export type MatchingProblem = 'no-indicator' | 'too-many-indicators' | 'bad-neighbours';

/**
 * Why the evaluation service would refuse the design's matching (its `designSchema`): matching
 * on no baseline indicator or on more than it takes, or a number of neighbours that is not a
 * whole number from 1 to 10 (a number input gives null when emptied, which went out as 0).
 */
export function matchingProblem(on: readonly string[], neighbours: unknown): MatchingProblem | null {
  if (on.length === 0) return 'no-indicator';
  if (on.length > MATCHING_LIMITS.indicators) return 'too-many-indicators';
  const k = typeof neighbours === 'string' && neighbours.trim() !== '' ? Number(neighbours) : neighbours;
  const { min, max } = MATCHING_LIMITS.neighbours;
  return typeof k === 'number' && Number.isInteger(k) && k >= min && k <= max ? null : 'bad-neighbours';
}
