import { SECTORS } from '@quartier/contracts/browser';

export interface LayoutNode {
  readonly id: string;
  readonly sector: string | null;
  readonly community?: number;
  /** Centrality in 0…1: central actors go to the middle (VennMaker's inner rings). */
  readonly centrality: number;
}

export interface Point {
  x: number;
  y: number;
}

/**
 * "Sector rings" as in VennMaker / easyNWK: one slice of the circle per sector (plus one for
 * actors without sector), actors the more central the nearer to the middle, spread over their
 * slice so labels do not pile up. Deterministic: same input, same picture.
 */
export function sectorRingLayout(nodes: readonly LayoutNode[]): Map<string, Point> {
  const slices = [...SECTORS, null];
  const width = (2 * Math.PI) / slices.length;
  const positions = new Map<string, Point>();
  slices.forEach((sector, s) => {
    const members = nodes
      .filter((n) => n.sector === sector)
      .sort((a, b) => b.centrality - a.centrality || (a.id < b.id ? -1 : 1));
    members.forEach((node, i) => {
      const angle = s * width + ((i + 0.5) / members.length) * width * 0.9 + width * 0.05 - Math.PI / 2;
      // Four rings, from the centre outwards; stagger within a ring so neighbours do not overlap.
      const ring = 0.25 + 0.75 * (1 - node.centrality) + (i % 2) * 0.06;
      positions.set(node.id, { x: Math.cos(angle) * ring, y: Math.sin(angle) * ring });
    });
  });
  return positions;
}

/** Groups (communities) on a large circle, each group's members on a small circle around it. */
export function communityLayout(nodes: readonly LayoutNode[]): Map<string, Point> {
  const groups = new Map<number, LayoutNode[]>();
  for (const node of nodes) {
    const key = node.community ?? -1;
    groups.set(key, [...(groups.get(key) ?? []), node]);
  }
  const ordered = [...groups.entries()].sort(([, a], [, b]) => b.length - a.length);
  const positions = new Map<string, Point>();
  ordered.forEach(([, members], g) => {
    const centreAngle = (2 * Math.PI * g) / ordered.length;
    const centre =
      ordered.length === 1 ? { x: 0, y: 0 } : { x: Math.cos(centreAngle), y: Math.sin(centreAngle) };
    const radius = 0.08 + 0.035 * Math.sqrt(members.length);
    members
      .sort((a, b) => b.centrality - a.centrality || (a.id < b.id ? -1 : 1))
      .forEach((node, i) => {
        const angle = (2 * Math.PI * i) / members.length;
        const r = i === 0 ? 0 : radius * (0.5 + 0.5 * ((i % 3) / 2));
        positions.set(node.id, { x: centre.x + Math.cos(angle) * r, y: centre.y + Math.sin(angle) * r });
      });
  });
  return positions;
}
