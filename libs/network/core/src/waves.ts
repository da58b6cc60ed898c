import type { NetworkGraph } from './graph';
import type { GraphMetrics, NetworkMetrics, NodeMetrics } from './metrics';

export interface TieRef {
  readonly source: string;
  readonly target: string;
}

export interface MeasureChange {
  readonly before: number | null;
  readonly after: number | null;
  /** after − before; null when either side is missing. */
  readonly change: number | null;
}

export interface WaveComparison {
  readonly actors: { readonly new: string[]; readonly lost: string[]; readonly stable: string[] };
  readonly ties: {
    readonly new: TieRef[];
    readonly lost: TieRef[];
    readonly stable: TieRef[];
    /** Stable ties whose weight changed (weighted networks). */
    readonly reweighted: Array<TieRef & MeasureChange>;
  };
  /** Change of every numeric graph measure present in either wave. */
  readonly graph: Record<string, MeasureChange>;
  /** Change of every numeric node measure, for actors present in both waves. */
  readonly nodes: Record<string, Record<string, MeasureChange>>;
}

/**
 * Compares two waves of a network by actor id: which actors and ties appeared, disappeared or
 * stayed, and how each measure moved. Undirected ties match regardless of the order of their
 * ends; directed ties only in the same direction.
 */
export function compareWaves(
  before: { graph: NetworkGraph; metrics: NetworkMetrics },
  after: { graph: NetworkGraph; metrics: NetworkMetrics },
): WaveComparison {
  const beforeIds = new Set(before.graph.ids);
  const afterIds = new Set(after.graph.ids);
  const actors = {
    new: after.graph.ids.filter((id) => !beforeIds.has(id)),
    lost: before.graph.ids.filter((id) => !afterIds.has(id)),
    stable: after.graph.ids.filter((id) => beforeIds.has(id)),
  };

  const directed = before.graph.directed && after.graph.directed;
  const tieMap = (graph: NetworkGraph) => {
    const map = new Map<string, TieRef & { weight: number }>();
    for (let e = 0; e < graph.m; e++) {
      let source = graph.ids[graph.edgeSources[e]];
      let target = graph.ids[graph.edgeTargets[e]];
      if (!directed && target < source) [source, target] = [target, source];
      map.set(JSON.stringify([source, target]), { source, target, weight: graph.edgeWeights[e] });
    }
    return map;
  };
  const beforeTies = tieMap(before.graph);
  const afterTies = tieMap(after.graph);
  const ref = ({ source, target }: TieRef): TieRef => ({ source, target });
  const ties: WaveComparison['ties'] = { new: [], lost: [], stable: [], reweighted: [] };
  for (const [key, tie] of afterTies) {
    const old = beforeTies.get(key);
    if (!old) ties.new.push(ref(tie));
    else {
      ties.stable.push(ref(tie));
      if (old.weight !== tie.weight) ties.reweighted.push({ ...ref(tie), ...change(old.weight, tie.weight) });
    }
  }
  for (const [key, tie] of beforeTies) if (!afterTies.has(key)) ties.lost.push(ref(tie));

  const graph = changes(numericFields(before.metrics.graph), numericFields(after.metrics.graph));
  const nodes: Record<string, Record<string, MeasureChange>> = {};
  for (const id of actors.stable) {
    nodes[id] = changes(
      numericFields(before.metrics.nodes[id] ?? {}),
      numericFields(after.metrics.nodes[id] ?? {}),
    );
  }
  return { actors, ties, graph, nodes };
}

function change(before: number | null, after: number | null): MeasureChange {
  return { before, after, change: before === null || after === null ? null : after - before };
}

function numericFields(record: GraphMetrics | NodeMetrics): Map<string, number | null> {
  const fields = new Map<string, number | null>();
  for (const [key, value] of Object.entries(record)) {
    if (typeof value === 'number' || value === null) fields.set(key, value);
    else if (key === 'eiIndex' && value && typeof value === 'object' && 'graph' in value)
      fields.set('eiIndex', value.graph.index);
    else if (key === 'brokerage' && value && typeof value === 'object' && 'total' in value)
      fields.set('brokerage', value.total);
  }
  return fields;
}

function changes(
  before: Map<string, number | null>,
  after: Map<string, number | null>,
): Record<string, MeasureChange> {
  const result: Record<string, MeasureChange> = {};
  for (const key of new Set([...before.keys(), ...after.keys()])) {
    // Community labels are arbitrary per run; their difference means nothing.
    if (key === 'community' || key === 'seed') continue;
    result[key] = change(before.get(key) ?? null, after.get(key) ?? null);
  }
  return result;
}
