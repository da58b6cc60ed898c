import RBush from 'rbush';
import type { Position } from 'geojson';

interface Segment {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
  ring: number;
  index: number;
  a: Position;
  b: Position;
}

/**
 * Finds the first pair of crossing or overlapping edges among the rings of a polygon (shell
 * and holes), or null. Edges are indexed in an R-tree so only edges with overlapping bounding
 * boxes are compared: near O(n log n) instead of the O(n²) of a pairwise check, which takes
 * seconds on a real district boundary with thousands of vertices.
 *
 * Neighbouring edges of one ring share an end point by construction and are skipped; a vertex
 * where two rings merely touch is allowed (as in OGC Simple Features), a crossing is not.
 */
export function findRingIntersection(
  rings: readonly (readonly Position[])[],
): { ring: number; edge: number; otherRing: number; otherEdge: number } | null {
  const segments: Segment[] = [];
  rings.forEach((ring, r) => {
    for (let i = 0; i < ring.length - 1; i++) {
      const a = ring[i];
      const b = ring[i + 1];
      if (a[0] === b[0] && a[1] === b[1]) continue;
      segments.push({
        minX: Math.min(a[0], b[0]),
        minY: Math.min(a[1], b[1]),
        maxX: Math.max(a[0], b[0]),
        maxY: Math.max(a[1], b[1]),
        ring: r,
        index: i,
        a,
        b,
      });
    }
  });
  const tree = new RBush<Segment>();
  tree.load(segments);
  const edgesOf = (r: number) => rings[r].length - 1;
  for (const s of segments) {
    for (const t of tree.search(s)) {
      if (t.ring < s.ring || (t.ring === s.ring && t.index <= s.index)) continue;
      if (t.ring === s.ring && adjacent(s.index, t.index, edgesOf(s.ring))) {
        if (collinearOverlap(s, t))
          return { ring: s.ring, edge: s.index, otherRing: t.ring, otherEdge: t.index };
        continue;
      }
      if (crosses(s, t)) return { ring: s.ring, edge: s.index, otherRing: t.ring, otherEdge: t.index };
    }
  }
  return null;
}

function adjacent(i: number, j: number, edges: number): boolean {
  return Math.abs(i - j) === 1 || (Math.min(i, j) === 0 && Math.max(i, j) === edges - 1);
}

function orientation(p: Position, q: Position, r: Position): number {
  const v = (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]);
  return v === 0 ? 0 : v > 0 ? 1 : -1;
}

function onSegment(p: Position, q: Position, r: Position): boolean {
  return (
    Math.min(p[0], r[0]) <= q[0] &&
    q[0] <= Math.max(p[0], r[0]) &&
    Math.min(p[1], r[1]) <= q[1] &&
    q[1] <= Math.max(p[1], r[1])
  );
}

const samePoint = (p: Position, q: Position) => p[0] === q[0] && p[1] === q[1];

/** A proper crossing, or a touch where an end point lies inside the other edge, or overlap. */
function crosses(s: Segment, t: Segment): boolean {
  const o1 = orientation(s.a, s.b, t.a);
  const o2 = orientation(s.a, s.b, t.b);
  const o3 = orientation(t.a, t.b, s.a);
  const o4 = orientation(t.a, t.b, s.b);
  if (o1 !== o2 && o3 !== o4 && o1 !== 0 && o2 !== 0 && o3 !== 0 && o4 !== 0) return true;
  if (o1 === 0 && o2 === 0) return collinearOverlap(s, t);
  // Touching: allowed only at shared vertices (two rings meeting in one point).
  const touches = (o: number, p: Position, q: Position, r: Position) =>
    o === 0 && onSegment(p, q, r) && !samePoint(q, p) && !samePoint(q, r);
  return (
    touches(o1, s.a, t.a, s.b) ||
    touches(o2, s.a, t.b, s.b) ||
    touches(o3, t.a, s.a, t.b) ||
    touches(o4, t.a, s.b, t.b)
  );
}

/** Two collinear edges sharing more than one point. */
function collinearOverlap(s: Segment, t: Segment): boolean {
  if (orientation(s.a, s.b, t.a) !== 0 || orientation(s.a, s.b, t.b) !== 0) return false;
  const horizontal = s.maxX - s.minX >= s.maxY - s.minY;
  const [s0, s1] = horizontal ? [s.minX, s.maxX] : [s.minY, s.maxY];
  const [t0, t1] = horizontal ? [t.minX, t.maxX] : [t.minY, t.maxY];
  return Math.min(s1, t1) - Math.max(s0, t0) > 0;
}
