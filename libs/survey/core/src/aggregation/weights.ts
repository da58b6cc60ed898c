// Post-stratification: weighting respondents so that each area's sample matches the area's
// population by cell (e.g. age group × sex). Weights are computed within each area, normalised
// to a mean of 1 there, so weighted and unweighted results share one scale.

export interface PostStratificationResult {
  /** One weight per respondent, in input order. */
  readonly weights: number[];
  /** Per area, population cells without any respondent: they cannot be represented and are left out. */
  readonly emptyCells: ReadonlyMap<string, readonly string[]>;
}

/**
 * `w = (N_c / N) / (n_c / n)` within the respondent's area, where N counts the population of the
 * cells that have respondents. Respondents without a cell, or in areas without population
 * figures, keep weight 1 and do not enter the normalisation.
 */
export function postStratificationWeights(
  respondents: readonly { readonly area: string; readonly cell: string | undefined }[],
  population: ReadonlyMap<string, ReadonlyMap<string, number>>,
): PostStratificationResult {
  const sampleByArea = new Map<string, Map<string, number>>();
  for (const { area, cell } of respondents) {
    if (cell === undefined || !population.get(area)?.has(cell)) continue;
    const cells = sampleByArea.get(area) ?? new Map<string, number>();
    cells.set(cell, (cells.get(cell) ?? 0) + 1);
    sampleByArea.set(area, cells);
  }
  const factors = new Map<string, Map<string, number>>();
  const emptyCells = new Map<string, string[]>();
  for (const [area, cells] of population) {
    const sample = sampleByArea.get(area);
    if (!sample) continue;
    const n = [...sample.values()].reduce((a, b) => a + b, 0);
    const covered = [...cells].filter(([cell]) => sample.has(cell));
    const populationN = covered.reduce((a, [, count]) => a + count, 0);
    const empty = [...cells.keys()].filter((cell) => !sample.has(cell));
    if (empty.length > 0) emptyCells.set(area, empty);
    factors.set(
      area,
      new Map(covered.map(([cell, count]) => [cell, count / populationN / (sample.get(cell)! / n)])),
    );
  }
  const weights = respondents.map(({ area, cell }) =>
    cell === undefined ? 1 : (factors.get(area)?.get(cell) ?? 1),
  );
  return { weights, emptyCells };
}
