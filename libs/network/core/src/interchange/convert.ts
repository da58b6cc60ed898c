// A GEXF or GraphML document as the simple graph the network measures take (what
// `quartier network convert` writes for `quartier network metrics`): the same readers as the
// import, parallel ties folded and self-ties handled by the chosen policy, every bad row named.
import { foldParallelTies, type ParallelTiePolicy, type SelfTiePolicy } from '../parallel-ties';
import { ImportIssues, reportRefusedTie, type ImportIssue, type RawEdge, type RawGraph } from './raw-graph';
import { parseGexf, parseGraphml } from './xml-formats';

export interface ConvertOptions {
  readonly parallelTies: ParallelTiePolicy;
  readonly selfTies: SelfTiePolicy;
}

export interface ConvertedNode {
  readonly id: string;
  readonly name?: string;
  readonly sector?: string;
}

export interface ConvertedEdge {
  readonly source: string;
  readonly target: string;
  /** The folded weight; 1 per row for files without weights (so a sum counts the rows). */
  readonly weight: number;
  readonly type?: string;
  readonly label?: string;
}

export interface ConvertedNetwork {
  readonly directed: boolean;
  /** Whether any tie of the file carried a weight. */
  readonly weighted: boolean;
  readonly nodes: readonly ConvertedNode[];
  readonly edges: readonly ConvertedEdge[];
  readonly parallelTiesMerged: number;
  readonly selfTiesDropped: number;
  readonly selfTiesKept: number;
  /** Undirected ties of a directed file written as two arcs (Gephi's reading of mixed graphs). */
  readonly undirectedAsArcs: number;
  /** Directed ties of an undirected file written as undirected ties. */
  readonly directedAsUndirected: number;
  readonly issues: readonly ImportIssue[];
  readonly truncated: boolean;
}

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

export type NetworkDocumentFormat = 'gexf' | 'graphml';

/** The format a file name says, or undefined. */
export function networkDocumentFormat(file: string): NetworkDocumentFormat | undefined {
  const lower = file.toLowerCase();
  if (lower.endsWith('.gexf')) return 'gexf';
  if (lower.endsWith('.graphml')) return 'graphml';
  return undefined;
}

interface Arc {
  readonly edge: RawEdge;
  readonly source: string;
  readonly target: string;
  readonly weight?: number;
}

function arcsOf(
  raw: RawGraph,
  directed: boolean,
  issues: ImportIssues,
  counts: { arcs: number; undirected: number },
): Arc[] {
  const arcs: Arc[] = [];
  for (const edge of raw.edges) {
    const text = edge.attributes['weight'];
    let weight: number | undefined;
    if (text !== undefined) {
      weight = Number(text);
      if (!NUMBER.test(text.trim()) || !(weight > 0) || !Number.isFinite(weight)) {
        issues.add(edge.file, edge.line, 'InvalidWeight', `weight "${text}" must be a positive number`, {
          value: text,
        });
        continue;
      }
    }
    const arc = {
      edge,
      source: edge.source,
      target: edge.target,
      ...(weight === undefined ? {} : { weight }),
    };
    arcs.push(arc);
    if (directed && edge.directed === false && edge.source !== edge.target) {
      counts.arcs++;
      arcs.push({ ...arc, source: edge.target, target: edge.source });
    }
    if (!directed && edge.directed === true) counts.undirected++;
  }
  return arcs;
}

/** Reads a GEXF/GraphML document and folds it into a simple graph; `issues` name every bad row. */
export function convertNetworkDocument(
  text: string,
  file: string,
  format: NetworkDocumentFormat,
  options: ConvertOptions,
): ConvertedNetwork {
  const issues = new ImportIssues();
  const raw = format === 'gexf' ? parseGexf(text, file, issues) : parseGraphml(text, file, issues);
  const directed = raw.directed ?? false;
  const nodes: ConvertedNode[] = [];
  const known = new Set<string>();
  for (const node of raw.nodes) {
    if (known.has(node.id)) {
      issues.add(node.file, node.line, 'DuplicateNode', `node id "${node.id}" appears twice`, {
        id: node.id,
      });
      continue;
    }
    known.add(node.id);
    const { name, sector } = node.attributes;
    nodes.push({ id: node.id, ...(name ? { name } : {}), ...(sector ? { sector } : {}) });
  }
  const counts = { arcs: 0, undirected: 0 };
  const arcs = arcsOf(raw, directed, issues, counts);
  // Ends that no <node> declares are actors all the same (GEXF and GraphML readers add them).
  for (const arc of arcs) {
    for (const id of [arc.source, arc.target]) {
      if (!known.has(id)) {
        known.add(id);
        nodes.push({ id });
      }
    }
  }
  const folded = foldParallelTies(
    arcs.map((arc) => ({
      source: arc.source,
      target: arc.target,
      directed,
      ...(arc.weight === undefined ? {} : { weight: arc.weight }),
    })),
    { parallel: options.parallelTies, selfTies: options.selfTies },
  );
  for (const refused of folded.refused) {
    const { edge } = arcs[refused.index];
    const repeated = refused.repeats === undefined ? undefined : arcs[refused.repeats].edge;
    reportRefusedTie(issues, edge, refused.reason, directed, `repeats the tie of line ${repeated?.line}`);
  }
  const edges = folded.ties.map(({ index, weight }): ConvertedEdge => {
    const arc = arcs[index];
    const { type, label } = arc.edge.attributes;
    return {
      source: arc.source,
      target: arc.target,
      weight,
      ...(type ? { type } : {}),
      ...(label ? { label } : {}),
    };
  });
  return {
    directed,
    weighted: arcs.some((arc) => arc.weight !== undefined),
    nodes,
    edges,
    parallelTiesMerged: folded.parallelMerged,
    selfTiesDropped: folded.selfTiesDropped,
    selfTiesKept: folded.selfTiesKept,
    undirectedAsArcs: counts.arcs,
    directedAsUndirected: counts.undirected,
    issues: issues.list,
    truncated: issues.truncated,
  };
}
