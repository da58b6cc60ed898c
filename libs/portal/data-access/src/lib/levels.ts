import type { AreaLevel } from './openapi/registry-client';

/** A level's name by its key; the key itself for a level not among `levels`. */
export function levelName(levels: readonly AreaLevel[], key: string): string {
  return levels.find((level) => level.key === key)?.name ?? key;
}

/**
 * The finest level's key (the highest rank: Berlin's planning areas), where area pages start and
 * the tree ends; null before the tenant's levels are known.
 */
export function finestLevelOf(levels: readonly AreaLevel[]): string | null {
  return levels.length > 0 ? levels.reduce((a, b) => (b.rank > a.rank ? b : a)).key : null;
}
