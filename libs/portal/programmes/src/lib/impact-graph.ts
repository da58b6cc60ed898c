/**
 * The impact model as the page edits and draws it: plain data mirroring programme-core's
 * ImpactModel (the service validates it), and a layout in columns by node type — input,
 * activity, output, outcome, impact — ordered by Wirkungstreppe step within a column.
 */
import type { ProgrammeSchemas } from '@quartier/portal-data-access';

/** The node types the service's OpenAPI document names: one it adds fails STEPS_BY_TYPE's typecheck. */
export type NodeType = ProgrammeSchemas['ImpactModel_Output']['nodes'][number]['type'];

export const NODE_TYPES: readonly NodeType[] = ['input', 'activity', 'output', 'outcome', 'impact'];

/** The steps a node of each type may stand on (null: no step), as programme-core allows. */
export const STEPS_BY_TYPE: Readonly<Record<NodeType, readonly (number | null)[]>> = {
  input: [null],
  activity: [1],
  output: [1, 2, 3],
  outcome: [4, 5, 6],
  impact: [7],
};

export interface GraphNode {
  readonly id: string;
  readonly type: NodeType;
  readonly step: number | null;
  readonly title: string;
}

export interface GraphEdge {
  readonly from: string;
  readonly to: string;
}

export interface PlacedNode extends GraphNode {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface GraphLayout {
  readonly width: number;
  readonly height: number;
  readonly nodes: readonly PlacedNode[];
  /** Cubic curves from a node's right edge to the next node's left edge (SVG path data). */
  readonly edges: readonly { from: string; to: string; path: string }[];
  /** Column headings: x centre per node type. */
  readonly columns: readonly { type: NodeType; x: number }[];
}

const BOX = { width: 170, height: 56, gapX: 50, gapY: 16, top: 36, left: 8 };

/** Places every node in its type's column, by step then title; edges to unknown nodes are left out. */
export function layoutGraph(nodes: readonly GraphNode[], edges: readonly GraphEdge[]): GraphLayout {
  const placed: PlacedNode[] = [];
  let rows = 0;
  NODE_TYPES.forEach((type, column) => {
    const inColumn = nodes
      .filter((n) => n.type === type)
      .sort(
        (a, b) => (a.step ?? 0) - (b.step ?? 0) || a.title.localeCompare(b.title) || a.id.localeCompare(b.id),
      );
    inColumn.forEach((node, row) =>
      placed.push({
        ...node,
        x: BOX.left + column * (BOX.width + BOX.gapX),
        y: BOX.top + row * (BOX.height + BOX.gapY),
        width: BOX.width,
        height: BOX.height,
      }),
    );
    rows = Math.max(rows, inColumn.length);
  });
  const byId = new Map(placed.map((n) => [n.id, n]));
  const curves = edges.flatMap((edge) => {
    const from = byId.get(edge.from);
    const to = byId.get(edge.to);
    if (!from || !to) return [];
    const x1 = from.x + from.width;
    const y1 = from.y + from.height / 2;
    const x2 = to.x;
    const y2 = to.y + to.height / 2;
    const bend = Math.max(20, Math.abs(x2 - x1) / 2);
    return [
      {
        from: edge.from,
        to: edge.to,
        path: `M${x1},${y1} C${x1 + bend},${y1} ${x2 - bend},${y2} ${x2},${y2}`,
      },
    ];
  });
  return {
    width: BOX.left * 2 + NODE_TYPES.length * BOX.width + (NODE_TYPES.length - 1) * BOX.gapX,
    height: BOX.top + Math.max(1, rows) * (BOX.height + BOX.gapY),
    nodes: placed,
    edges: curves,
    columns: NODE_TYPES.map((type, column) => ({
      type,
      x: BOX.left + column * (BOX.width + BOX.gapX) + BOX.width / 2,
    })),
  };
}

/** A node's step after its type changed: kept when still allowed, else the type's first step. */
export function stepFor(type: NodeType, step: number | null): number | null {
  const allowed = STEPS_BY_TYPE[type];
  return allowed.includes(step) ? step : allowed[0];
}

/** Whether a node carries evidence bindings (only outcomes and impacts do). */
export function bindsEvidence(type: NodeType): boolean {
  return type === 'outcome' || type === 'impact';
}

/** A new id not used by `taken` (`n1`, `n2`, …). */
export function nextId(prefix: string, taken: readonly string[]): string {
  const used = new Set(taken);
  let i = 1;
  while (used.has(`${prefix}${i}`)) i++;
  return `${prefix}${i}`;
}

/** Title lines that fit a box of `width` characters (at most `lines`, the last one cut with …). */
export function wrapTitle(title: string, width = 24, lines = 2): string[] {
  const out: string[] = [];
  let current = '';
  for (const word of title.split(/\s+/).filter(Boolean)) {
    if (current && (current + ' ' + word).length > width) {
      out.push(current);
      current = word;
    } else current = current ? `${current} ${word}` : word;
  }
  if (current) out.push(current);
  if (out.length <= lines) return out.map((l) => (l.length > width ? `${l.slice(0, width - 1)}…` : l));
  const kept = out.slice(0, lines);
  const last = kept[lines - 1];
  kept[lines - 1] = `${last.slice(0, width - 1)}…`;
  return kept;
}
