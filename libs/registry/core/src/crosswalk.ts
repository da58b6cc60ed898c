import { RegistryError } from './registry.error';

export interface CrosswalkEntry {
  fromAreaId: string;
  toAreaId: string;
  /** Share of the old area (population or surface) that went to the new area. */
  weight: number;
}

/**
 * A crosswalk distributes each old area over new ones: weights in (0, 1] and, per old area,
 * summing to 1, so a series of counts keeps its total across the boundary reform.
 */
export function validateCrosswalk(
  entries: CrosswalkEntry[],
  oldAreaIds: ReadonlySet<string>,
  newAreaIds: ReadonlySet<string>,
  tolerance = 1e-6,
): CrosswalkEntry[] {
  const problems: string[] = [];
  const sums = new Map<string, number>();
  const pairs = new Set<string>();
  entries.forEach((entry, i) => {
    if (!oldAreaIds.has(entry.fromAreaId))
      problems.push(`entry ${i}: fromAreaId ${entry.fromAreaId} is not an area of the old version`);
    if (!newAreaIds.has(entry.toAreaId))
      problems.push(`entry ${i}: toAreaId ${entry.toAreaId} is not an area of the new version`);
    if (!(entry.weight > 0 && entry.weight <= 1))
      problems.push(`entry ${i}: weight ${entry.weight} must be in (0, 1]`);
    const pair = `${entry.fromAreaId}→${entry.toAreaId}`;
    if (pairs.has(pair)) problems.push(`entry ${i}: ${pair} appears twice`);
    pairs.add(pair);
    sums.set(entry.fromAreaId, (sums.get(entry.fromAreaId) ?? 0) + entry.weight);
  });
  for (const [from, sum] of sums) {
    if (Math.abs(sum - 1) > tolerance) problems.push(`weights of ${from} sum to ${sum}, not 1`);
  }
  if (problems.length > 0)
    throw new RegistryError('InvalidCrosswalk', `invalid crosswalk: ${problems[0]}`, problems);
  return entries;
}
