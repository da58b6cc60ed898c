import type { NetworkGraph } from './graph';

export interface EiIndex {
  /** Ties between actors of different sectors. */
  readonly external: number;
  /** Ties within a sector. */
  readonly internal: number;
  /** Krackhardt–Stern (E − I) / (E + I) in [−1, 1]; null without any tie between known sectors. */
  readonly index: number | null;
  /** E / (E + I): the share of cross-sector ties; null like `index`. */
  readonly crossSectorShare: number | null;
}

export interface EiIndexBySector {
  readonly graph: EiIndex;
  /** Per sector: its members' ties leaving the sector (E) against ties inside it (I). */
  readonly sectors: Readonly<Record<string, EiIndex>>;
}

/**
 * Krackhardt & Stern's E-I index over ties whose two ends have a known sector; ties are counted
 * once regardless of direction and unweighted (the index is about the number of contacts that
 * cross group borders, not their intensity).
 */
export function eiIndex(graph: NetworkGraph): EiIndexBySector {
  let external = 0;
  let internal = 0;
  const bySector = new Map<string, { e: number; i: number }>();
  const entry = (sector: string) => {
    let value = bySector.get(sector);
    if (!value) {
      value = { e: 0, i: 0 };
      bySector.set(sector, value);
    }
    return value;
  };
  for (let e = 0; e < graph.m; e++) {
    const a = graph.sectors[graph.edgeSources[e]];
    const b = graph.sectors[graph.edgeTargets[e]];
    if (a === null || b === null) continue;
    if (a === b) {
      internal++;
      entry(a).i++;
    } else {
      external++;
      entry(a).e++;
      entry(b).e++;
    }
  }
  const sectors: Record<string, EiIndex> = {};
  for (const sector of [...bySector.keys()].sort()) {
    const { e, i } = entry(sector);
    sectors[sector] = ei(e, i);
  }
  return { graph: ei(external, internal), sectors };
}

function ei(external: number, internal: number): EiIndex {
  const total = external + internal;
  return {
    external,
    internal,
    index: total === 0 ? null : (external - internal) / total,
    crossSectorShare: total === 0 ? null : external / total,
  };
}
