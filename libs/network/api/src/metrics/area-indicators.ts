import {
  buildNetworkGraph,
  connectivity,
  density,
  type NetworkInput,
  type NetworkMetrics,
} from '@quartier/network-core';
import type { WaveGraphActor } from './wave-graph';

/** Indicator values of one area, as `network.metrics.computed` carries them. */
export interface AreaIndicators {
  readonly areaId: string | null;
  /** `network`: the whole network (its own area); `area`: the actors located in `areaId`. */
  readonly scope: 'network' | 'area';
  readonly metrics: Record<string, number>;
}

/**
 * Turns a wave's measures into indicator values per area: one set for the network's own area
 * (the whole network) and one per area the actors are located in (typically planning areas),
 * so "network density of area X" and "share of cross-sector ties" can be monitored there.
 *
 * Per actor area:
 *  - `actors`: actors located in the area; `ties`: ties with at least one end there;
 *  - `internalTies`, `density`, `components`: of the sub-network among the area's actors;
 *  - `isolates`: the area's actors without any tie in the whole wave;
 *  - `crossSectorTieShare`: among ties touching the area whose two ends have a sector, the share
 *    linking different sectors; `externalTieShare`: share of touching ties leaving the area.
 * Values that are undefined for an area (e.g. no tie with sectors) are left out rather than 0.
 */
export function areaIndicators(
  input: NetworkInput,
  actors: readonly WaveGraphActor[],
  whole: NetworkMetrics,
  networkAreaId: string | null,
): AreaIndicators[] {
  const result: AreaIndicators[] = [
    { areaId: networkAreaId, scope: 'network', metrics: wholeNetworkIndicators(whole) },
  ];
  const actorById = new Map(actors.map((a) => [a.id, a]));
  const byArea = new Map<string, WaveGraphActor[]>();
  for (const actor of actors) {
    if (actor.areaId === null || actor.areaId === networkAreaId) continue;
    const list = byArea.get(actor.areaId) ?? [];
    list.push(actor);
    byArea.set(actor.areaId, list);
  }
  const isolates = new Set(whole.graph.isolates ?? []);
  for (const [areaId, members] of [...byArea.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const inArea = new Set(members.map((a) => a.id));
    const internal = input.edges.filter((e) => inArea.has(e.source) && inArea.has(e.target));
    const touching = input.edges.filter((e) => inArea.has(e.source) || inArea.has(e.target));
    const sub = buildNetworkGraph({
      nodes: members.map((a) => ({ id: a.id, sector: a.sector })),
      edges: internal,
      directed: input.directed,
      weighted: input.weighted,
    });
    let withSectors = 0;
    let crossSector = 0;
    for (const edge of touching) {
      const a = actorById.get(edge.source)?.sector ?? null;
      const b = actorById.get(edge.target)?.sector ?? null;
      if (a === null || b === null) continue;
      withSectors += 1;
      if (a !== b) crossSector += 1;
    }
    const metrics: Record<string, number> = {
      actors: members.length,
      ties: touching.length,
      internalTies: internal.length,
      density: density(sub),
      components: connectivity(sub).componentCount,
      isolates: members.filter((a) => isolates.has(a.id)).length,
    };
    if (withSectors > 0) metrics['crossSectorTieShare'] = crossSector / withSectors;
    if (touching.length > 0)
      metrics['externalTieShare'] = (touching.length - internal.length) / touching.length;
    result.push({ areaId, scope: 'area', metrics });
  }
  return result;
}

function wholeNetworkIndicators(whole: NetworkMetrics): Record<string, number> {
  const g = whole.graph;
  const candidates: Record<string, number | null | undefined> = {
    actors: g.nodes,
    ties: g.edges,
    density: g.density,
    components: g.components,
    isolates: g.isolates?.length,
    averageDegree: g.nodes === 0 ? null : ((g.directed ? 1 : 2) * g.edges) / g.nodes,
    crossSectorTieShare: g.eiIndex?.graph.crossSectorShare,
    eiIndex: g.eiIndex?.graph.index,
    modularity: g.modularity,
    communities: g.communities,
    transitivity: g.transitivity,
    averagePathLength: g.averagePathLength,
    diameter: g.diameter,
    degreeCentralization: g.degreeCentralization,
  };
  const metrics: Record<string, number> = {};
  for (const [key, value] of Object.entries(candidates))
    if (typeof value === 'number' && Number.isFinite(value)) metrics[key] = value;
  return metrics;
}
