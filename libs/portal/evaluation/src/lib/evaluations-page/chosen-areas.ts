import { EVALUATED_AREAS_MAX } from '@quartier/contracts/browser';

export type ChosenAreasProblem = 'none' | 'too-many';

/**
 * Why the evaluation service would refuse the areas of an evaluation of chosen areas: none, or
 * more than it takes — a city's finest level may list more (Berlin's 542 planning areas), and a
 * select-all there came back as a generic refusal.
 */
export function chosenAreasProblem(areaIds: readonly string[]): ChosenAreasProblem | null {
  if (areaIds.length === 0) return 'none';
  return areaIds.length > EVALUATED_AREAS_MAX ? 'too-many' : null;
}
