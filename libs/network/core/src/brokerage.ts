import { hasArc, type NetworkGraph } from './graph';

/** Gould–Fernandez brokerage role counts of one actor. */
export interface BrokerageRoles {
  /** i, j, k all in the broker's sector. */
  coordinator: number;
  /** Broker in the sector of the receiver k, source i outside: controls access into its group. */
  gatekeeper: number;
  /** Broker in the sector of the source i, receiver k outside: speaks for its group. */
  representative: number;
  /** i and k share a sector, the broker is outside it ("itinerant broker"). */
  consultant: number;
  /** All three in different sectors. */
  liaison: number;
  total: number;
}

/**
 * Gould & Fernandez (1989) brokerage: actor j brokers every open two-path i→j→k (i ≠ k, no tie
 * i→k) and the role follows from the sectors of i, j and k. Two-paths involving an actor without
 * a sector are not counted; actors without a sector get null.
 *
 * Undirected networks are read as symmetric digraphs (every tie both ways), as sna's `brokerage`
 * does with a symmetric matrix: each open two-path i–j–k is counted in both orientations, so
 * coordinator / consultant / liaison counts are twice the number of unordered open pairs and
 * gatekeeper equals representative.
 */
export function brokerageRoles(graph: NetworkGraph): Array<BrokerageRoles | null> {
  const { n, sectors, inOffsets, inTargets, outOffsets, outTargets } = graph;
  const codes = sectorCodes(sectors);
  const result: Array<BrokerageRoles | null> = [];
  for (let j = 0; j < n; j++) {
    const gj = codes[j];
    if (gj < 0) {
      result.push(null);
      continue;
    }
    const roles: BrokerageRoles = {
      coordinator: 0,
      gatekeeper: 0,
      representative: 0,
      consultant: 0,
      liaison: 0,
      total: 0,
    };
    for (let p = inOffsets[j]; p < inOffsets[j + 1]; p++) {
      const i = inTargets[p];
      const gi = codes[i];
      if (gi < 0) continue;
      for (let q = outOffsets[j]; q < outOffsets[j + 1]; q++) {
        const k = outTargets[q];
        const gk = codes[k];
        if (k === i || gk < 0 || hasArc(graph, i, k)) continue;
        if (gi === gj && gj === gk) roles.coordinator++;
        else if (gi === gk) roles.consultant++;
        else if (gj === gk) roles.gatekeeper++;
        else if (gi === gj) roles.representative++;
        else roles.liaison++;
        roles.total++;
      }
    }
    result.push(roles);
  }
  return result;
}

/** Sector per node as a small integer, −1 when unknown. */
export function sectorCodes(sectors: readonly (string | null)[]): Int32Array {
  const codeOf = new Map<string, number>();
  return Int32Array.from(sectors, (s) => {
    if (s === null) return -1;
    let code = codeOf.get(s);
    if (code === undefined) {
      code = codeOf.size;
      codeOf.set(s, code);
    }
    return code;
  });
}
