// Respondent counts of the result groups (target areas, the level above, the total), before and
// after suppression: pure helpers of ResultsService.
import { isAnswered, type Respondent, type Suppression } from '@quartier/survey-core';
import { AREA, PARENT } from './result-values';

export interface AnsweredCounts {
  areas: number[];
  parents: number[];
  total: number;
}

/** Counts, per question (null: everyone), who answered in each area, each parent and in total. */
export function answeredCounter(
  respondents: readonly Respondent[],
  areaOrder: readonly string[],
  parentOrder: readonly string[],
): (question: string | null) => AnsweredCounts {
  // One pass per question over the respondents.
  return (question) => {
    const byAreaKey = new Map<string, number>();
    const byParentKey = new Map<string, number>();
    let total = 0;
    for (const r of respondents) {
      if (question !== null && !isAnswered(r[question])) continue;
      total += 1;
      byAreaKey.set(r[AREA] as string, (byAreaKey.get(r[AREA] as string) ?? 0) + 1);
      byParentKey.set(r[PARENT] as string, (byParentKey.get(r[PARENT] as string) ?? 0) + 1);
    }
    return {
      areas: areaOrder.map((g) => byAreaKey.get(g) ?? 0),
      parents: parentOrder.map((g) => byParentKey.get(g) ?? 0),
      total,
    };
  };
}

/** The groups with their respondents and response rate, neither where the group is suppressed. */
export function withCounts<G extends { key: string; population: number | null }>(
  groups: readonly G[],
  n: readonly number[],
  suppression: ReadonlyMap<string, Suppression>,
): (G & { respondents: number | null; responseRate: number | null; suppressed: Suppression | null })[] {
  return groups.map((g, i) => {
    const suppressed = suppression.get(g.key) ?? null;
    return {
      ...g,
      respondents: suppressed ? null : n[i],
      responseRate: suppressed || !g.population ? null : n[i] / g.population,
      suppressed,
    };
  });
}

/** Population per parent key: the sum of its target areas', null when one of them is unknown. */
export function parentPopulations<T extends { population: number | null }>(
  targets: readonly T[],
  parentKeyOf: (t: T) => string,
): Map<string, number | null> {
  const populations = new Map<string, number | null>();
  for (const t of targets) {
    const key = parentKeyOf(t);
    const before = populations.get(key);
    populations.set(key, before === null || t.population === null ? null : (before ?? 0) + t.population);
  }
  return populations;
}

/** The target areas' total population; null when one of them is unknown. */
export function totalPopulation(targets: readonly { population: number | null }[]): number | null {
  return targets.every((t) => t.population !== null)
    ? targets.reduce((s, t) => s + (t.population ?? 0), 0)
    : null;
}
