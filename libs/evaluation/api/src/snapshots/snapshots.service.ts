import { Injectable } from '@nestjs/common';
import type { Caller } from '@quartier/auth';
import { Clock } from '@quartier/service-kit';
import {
  diffSnapshot,
  type EvidenceSnapshot,
  type SnapshotValue,
  type ValueCell,
} from '@quartier/evaluation-core';
import { EvaluationAccess } from '../access/evaluation-access.service';
import { ResultsService } from '../design/results.service';
import { EVALUATION_EDITORS, EVALUATION_READERS } from '../evaluation.constants';
import { EvaluationServiceError } from '../evaluation.errors';
import { EvaluationEditor } from '../evaluations/evaluation-editor';
import { EvaluationEvents } from '../evaluations/evaluation-events';
import type { EvaluationRow } from '../evaluations/evaluation.repository';
import { EvidenceCollector, valueFact } from '../evidence/evidence-collector';
import { EvidenceRepository } from '../evidence/evidence.repository';
import { RefsRepository } from '../read-models/refs.repository';
import type { LiveComparisonView, SnapshotInfo, SnapshotList } from './snapshot.dto';
import { SnapshotRepository } from './snapshot.repository';

/**
 * Frozen evidence: taking a snapshot of every input the numbers use, the history of snapshots,
 * the snapshot document itself (for editors: it holds unsuppressed counts), and what changed in
 * the live data since.
 */
@Injectable()
export class SnapshotsService {
  constructor(
    private readonly access: EvaluationAccess,
    private readonly editor: EvaluationEditor,
    private readonly results: ResultsService,
    private readonly snapshots: SnapshotRepository,
    private readonly collector: EvidenceCollector,
    private readonly evidence: EvidenceRepository,
    private readonly refs: RefsRepository,
    private readonly events: EvaluationEvents,
    private readonly clock: Clock,
  ) {}

  async take(caller: Caller, id: string): Promise<SnapshotInfo> {
    const row = await this.editor.edit(caller, id, async ({ row, manager }) => {
      const collected = await this.collector.collect(row, row.design);
      const snapshot = this.results.freeze(collected, caller.subject);
      const snapshotId = await this.snapshots.insert(manager, row.id, snapshot);
      await this.events.snapshotTaken(manager, row, snapshotId, snapshot);
      return { snapshotId };
    });
    return (await this.snapshots.info(row.id, row.snapshotId as string, row.snapshotId)) as SnapshotInfo;
  }

  async list(caller: Caller, id: string, page: { limit: number; offset: number }): Promise<SnapshotList> {
    const { row } = await this.access.evaluation(caller, id, EVALUATION_READERS);
    return this.snapshots.list(row.id, row.snapshotId, page);
  }

  /** The stored snapshot document as it was hashed (unsuppressed counts: editors only). */
  async document(caller: Caller, id: string, snapshotId: string): Promise<string> {
    const { row } = await this.access.evaluation(caller, id, EVALUATION_EDITORS);
    const text = await this.snapshots.document(row.id, snapshotId);
    if (text === null) throw new EvaluationServiceError('NoSnapshot', `snapshot ${snapshotId} not found`);
    return text;
  }

  async compareWithLive(caller: Caller, id: string): Promise<LiveComparisonView> {
    const { row } = await this.access.evaluation(caller, id, EVALUATION_READERS);
    if (!row.snapshotId)
      throw new EvaluationServiceError('NoSnapshot', 'the evaluation has no snapshot to compare with');
    const snapshot = (await this.snapshots.load(row.id, row.snapshotId)) as EvidenceSnapshot;
    const info = (await this.snapshots.info(row.id, row.snapshotId, row.snapshotId)) as SnapshotInfo;
    const { content } = snapshot;
    const codes = content.indicators.map((i) => i.code);
    const live = await this.evidence.indicators(row.tenantId, codes);
    const ids = await this.liveAreaIds(row.tenantId, snapshot);
    const codeOf = new Map([...ids].map(([code, areaId]) => [areaId, code]));
    const values: SnapshotValue[] = (
      await this.evidence.values(row.tenantId, codes, [...ids.values()], content.periods)
    ).map((v) => valueFact(v, codeOf.get(v.areaId)!));
    const diff = diffSnapshot(
      snapshot,
      values,
      live.map((i) => ({
        code: i.code,
        name: i.name,
        unit: i.unit,
        polarity: i.polarity,
        scale: i.scale,
        formula: null,
        definitionVersion: i.definitionVersion,
      })),
    );
    const minimum = new Map(live.map((i) => [i.code, i.minNumerator]));
    const shown = (indicator: string, cell: ValueCell) => withheld(cell, minimum.get(indicator) ?? 0);
    const treatedAreas = await this.treatedChanges(row, snapshot);
    return {
      snapshot: info,
      values: {
        ...diff,
        changed: diff.changed.map((c) => ({
          ...c,
          snapshot: shown(c.indicator, c.snapshot),
          live: shown(c.indicator, c.live),
        })),
        added: diff.added.map((c) => ({ ...c, live: shown(c.indicator, c.live) })),
        removed: diff.removed.map((c) => ({ ...c, snapshot: shown(c.indicator, c.snapshot) })),
      },
      treatedAreas,
      identical: diff.identical && treatedAreas.added.length + treatedAreas.removed.length === 0,
    };
  }

  /**
   * The registry ids of the snapshot's areas now (by code within their level): those of the area
   * version current on the clock's day.
   */
  private async liveAreaIds(tenantId: string, snapshot: EvidenceSnapshot): Promise<Map<string, string>> {
    const levelOf = new Map(snapshot.content.areas.map((a) => [a.code, a.level]));
    const rows = await this.refs.byCodes(tenantId, [...levelOf.keys()], this.clock.today());
    return new Map(rows.filter((a) => levelOf.get(a.code) === a.level).map((a) => [a.code, a.id]));
  }

  private async treatedChanges(
    row: EvaluationRow,
    snapshot: EvidenceSnapshot,
  ): Promise<{ added: string[]; removed: string[] }> {
    let now: string[] = [];
    try {
      const ids = await this.collector.treatedAreaIds(row);
      now = [...(await this.refs.areas(row.tenantId, ids)).values()].map((a) => a.code);
    } catch (error) {
      // A programme or measure that left the read model evaluates no areas now.
      if (!(error instanceof EvaluationServiceError)) throw error;
    }
    const frozen = snapshot.content.design.treated;
    return {
      added: now.filter((code) => !frozen.includes(code)).sort(),
      removed: frozen.filter((code) => !now.includes(code)).sort(),
    };
  }
}

/** A single cell as shown: its counts and value withheld when the numerator is below the minimum. */
function withheld(cell: ValueCell, minimum: number): ValueCell & { withheld?: true } {
  if (minimum <= 0 || cell.numerator === null || cell.numerator >= minimum) return cell;
  return { value: null, numerator: null, denominator: null, status: cell.status, withheld: true };
}
