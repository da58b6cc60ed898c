import type { EvidenceBinding } from './evidence';

// An impact model (Wirkungsmodell): a directed graph input → activity → output → outcome →
// impact, each node on its step of PHINEO's Wirkungstreppe:
//   1 activities take place, 2 target groups are reached, 3 target groups accept the offer
//     (outputs, steps 1–3)
//   4 awareness/skills change, 5 behaviour changes, 6 living situation changes (outcomes, 4–6)
//   7 society/the area changes (impact, 7)
// Decision: an activity node stands on step 1 (its taking place *is* step 1), an input node
// (money, staff, rooms) stands on no step — it is what the staircase is built from.

export type ImpactNodeType = 'input' | 'activity' | 'output' | 'outcome' | 'impact';
export type WirkungstreppeStep = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export const IMPACT_NODE_TYPES: readonly ImpactNodeType[] = [
  'input',
  'activity',
  'output',
  'outcome',
  'impact',
];

/** The steps a node of each type may stand on (`null`: no step). */
export const STEPS_BY_NODE_TYPE: Readonly<Record<ImpactNodeType, readonly (WirkungstreppeStep | null)[]>> = {
  input: [null],
  activity: [1],
  output: [1, 2, 3],
  outcome: [4, 5, 6],
  impact: [7],
};

export interface ImpactNode {
  readonly id: string;
  readonly type: ImpactNodeType;
  readonly step: WirkungstreppeStep | null;
  readonly title: string;
  readonly description?: string;
  /** What must hold for this node to lead to the next (e.g. "parents can attend in the afternoon"). */
  readonly assumptions: readonly string[];
  readonly risks: readonly string[];
  /** Evidence: only on outcome and impact nodes. */
  readonly bindings: readonly EvidenceBinding[];
}

export interface ImpactEdge {
  readonly from: string;
  readonly to: string;
}

/** Where a model copied from a template came from. */
export interface ImpactModelProvenance {
  readonly templateModelId: string;
  readonly templateTitle: string;
  /** ISO instant supplied by the caller's clock. */
  readonly copiedAt: string;
  readonly copiedBy?: string;
}

export interface ImpactModel {
  readonly id: string;
  readonly title: string;
  readonly description?: string;
  readonly nodes: readonly ImpactNode[];
  readonly edges: readonly ImpactEdge[];
  readonly provenance?: ImpactModelProvenance;
}
