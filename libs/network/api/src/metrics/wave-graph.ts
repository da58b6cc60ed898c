import { canonicalEnds, type NetworkEdgeInput, type NetworkInput } from '@quartier/network-core';
import { TIE_TYPES, type TieType } from '../network.constants';

export interface WaveGraphActor {
  readonly id: string;
  readonly sector: string | null;
  readonly areaId: string | null;
}

export interface WaveGraphTie {
  readonly sourceActorId: string;
  readonly targetActorId: string;
  readonly directed: boolean;
  readonly type: TieType;
  readonly weight: number;
}

/** How a wave becomes the graph that is measured. */
export interface MeasureOptions {
  /** Tie types taken into account; null = all. */
  readonly types: readonly TieType[] | null;
  readonly weighted: boolean;
  /** Louvain seed. */
  readonly seed: number;
}

/** Cache key of a measure run: same key and same wave revision = same result. */
export function optionsKey(options: MeasureOptions): string {
  const types =
    options.types === null || options.types.length === TIE_TYPES.length
      ? null
      : [...new Set(options.types)].sort();
  return JSON.stringify({ types, weighted: options.weighted, seed: options.seed });
}

/** The canonical options of a network: the measures that become indicators. */
export function isCanonical(options: MeasureOptions, networkWeighted: boolean): boolean {
  return optionsKey(options) === optionsKey({ types: null, weighted: networkWeighted, seed: 1 });
}

/**
 * The simple graph of a wave as the core measures it. A wave may hold several ties between two
 * actors (one per type, or both directions); the measures need one tie per pair (per ordered pair
 * in a directed network), so they are merged and the strongest report counts — summing would
 * double a tie that both partners reported. In a directed network an undirected tie counts in
 * both directions; in an undirected network direction is ignored. Actors are ordered by id so the
 * same wave always gives the same graph (and the same seeded communities).
 */
export function waveNetworkInput(
  actors: readonly WaveGraphActor[],
  ties: readonly WaveGraphTie[],
  network: { readonly directed: boolean },
  options: Pick<MeasureOptions, 'types' | 'weighted'>,
): NetworkInput {
  const nodes = [...actors]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((a) => ({ id: a.id, sector: a.sector }));
  const allowed = options.types === null ? null : new Set(options.types);
  const merged = new Map<string, NetworkEdgeInput>();
  const add = (source: string, target: string, weight: number) => {
    const [s, t] = canonicalEnds(source, target, network.directed);
    const key = `${s} ${t}`;
    const known = merged.get(key);
    if (!known || known.weight === undefined || known.weight < weight)
      merged.set(key, { source: s, target: t, weight });
  };
  for (const tie of ties) {
    if (allowed && !allowed.has(tie.type)) continue;
    add(tie.sourceActorId, tie.targetActorId, tie.weight);
    if (network.directed && !tie.directed) add(tie.targetActorId, tie.sourceActorId, tie.weight);
  }
  const edges = [...merged.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, edge]) => edge);
  return { nodes, edges, directed: network.directed, weighted: options.weighted };
}
