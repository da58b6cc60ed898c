// Real network files are often multigraphs: the same pair listed again (yeast, celegans) or an
// actor tied to itself (rio). Gephi and NetworkX users expect them folded into one tie with a
// combined weight and self-ties dropped; a survey's edge list may want them refused instead.
// This decides, per tie of a file, which survive and with what weight — in file order.

/** How repeated ties of one pair become one: add, keep the largest or the first weight, or refuse. */
export type ParallelTiePolicy = 'sum' | 'max' | 'first' | 'strict';
/** A tie from an actor to itself: left out, kept, or refused. */
export type SelfTiePolicy = 'drop' | 'keep' | 'strict';

export const PARALLEL_TIE_POLICIES: readonly ParallelTiePolicy[] = ['sum', 'max', 'first', 'strict'];
export const SELF_TIE_POLICIES: readonly SelfTiePolicy[] = ['drop', 'keep', 'strict'];

export interface TieToFold {
  readonly source: string;
  readonly target: string;
  readonly directed: boolean;
  /** The file's weight; absent = an unweighted tie, which counts 1 (so sum = number of rows). */
  readonly weight?: number;
  /** Ties of different kinds between one pair stay apart (e.g. the tie type). */
  readonly kind?: string;
}

export interface FoldedTie {
  /** Index of the first row of the pair: its other fields stand for the folded tie. */
  readonly index: number;
  readonly weight: number;
  /** Every row folded into it, the first included. */
  readonly rows: readonly number[];
}

export interface RefusedTie {
  readonly index: number;
  readonly reason: 'parallel' | 'self';
  /** For a repeated tie: the row it repeats. */
  readonly repeats?: number;
}

export interface FoldResult {
  readonly ties: readonly FoldedTie[];
  /** Rows folded into an earlier tie of the same pair. */
  readonly parallelMerged: number;
  readonly selfTiesDropped: number;
  readonly selfTiesKept: number;
  readonly refused: readonly RefusedTie[];
}

export interface FoldOptions {
  readonly parallel: ParallelTiePolicy;
  readonly selfTies: SelfTiePolicy;
}

/**
 * The ends of a tie in the order it is kept: a directed tie as given, an undirected one with the
 * smaller id first, so a pair is one tie whichever end was listed first.
 */
export function canonicalEnds(source: string, target: string, directed: boolean): [string, string] {
  return directed || source < target ? [source, target] : [target, source];
}

function pairKey(tie: TieToFold): string {
  const [a, b] = canonicalEnds(tie.source, tie.target, tie.directed);
  return JSON.stringify([a, b, tie.directed, tie.kind ?? null]);
}

/**
 * Folds the ties of a file by the chosen policies. Undirected ties fold regardless of the order
 * their ends are listed in; a directed and an undirected tie of one pair stay two ties.
 */
export function foldParallelTies(ties: readonly TieToFold[], options: FoldOptions): FoldResult {
  const byPair = new Map<string, { index: number; weight: number; rows: number[] }>();
  const folded: { index: number; weight: number; rows: number[] }[] = [];
  const refused: RefusedTie[] = [];
  let parallelMerged = 0;
  let selfTiesDropped = 0;
  let selfTiesKept = 0;
  ties.forEach((tie, index) => {
    if (tie.source === tie.target) {
      if (options.selfTies === 'drop') {
        selfTiesDropped++;
        return;
      }
      if (options.selfTies === 'strict') {
        refused.push({ index, reason: 'self' });
        return;
      }
      selfTiesKept++;
    }
    const weight = tie.weight ?? 1;
    const key = pairKey(tie);
    const first = byPair.get(key);
    if (!first) {
      const entry = { index, weight, rows: [index] };
      byPair.set(key, entry);
      folded.push(entry);
      return;
    }
    if (options.parallel === 'strict') {
      refused.push({ index, reason: 'parallel', repeats: first.index });
      return;
    }
    parallelMerged++;
    first.rows.push(index);
    if (options.parallel === 'sum') first.weight += weight;
    else if (options.parallel === 'max') first.weight = Math.max(first.weight, weight);
  });
  return { ties: folded, parallelMerged, selfTiesDropped, selfTiesKept, refused };
}
