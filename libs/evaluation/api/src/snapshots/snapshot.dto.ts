import type { SnapshotDiff } from '@quartier/evaluation-core';

/** A frozen evidence snapshot, without its content. */
export interface SnapshotInfo {
  id: string;
  /** SHA-256 of the canonical content: equal evidence, equal hash. */
  hash: string;
  takenAt: string;
  takenBy: string;
  areaCount: number;
  valueCount: number;
  /** Whether the evaluation's numbers are computed from this snapshot now. */
  current: boolean;
}

export interface SnapshotList {
  items: SnapshotInfo[];
  total: number;
}

/**
 * What has changed in the live data since the snapshot, within its scope: values (changed, added,
 * removed; single cells below the indicator's publication minimum are withheld), indicator
 * definitions, and the evaluated areas of the programme or measure.
 */
export interface LiveComparisonView {
  snapshot: SnapshotInfo;
  values: SnapshotDiff;
  /** Areas evaluated now but not in the snapshot, and the other way round (codes). */
  treatedAreas: { added: string[]; removed: string[] };
  /** True when nothing in the comparison differs. */
  identical: boolean;
}
