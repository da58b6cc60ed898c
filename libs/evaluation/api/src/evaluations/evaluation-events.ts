import { Injectable } from '@nestjs/common';
import type { EvidenceSnapshot } from '@quartier/evaluation-core';
import { OutboxWriter } from '@quartier/messaging';
import type { EntityManager } from 'typeorm';
import type { EvaluationRow } from './evaluation.repository';

/** The evaluation service's events, written to the outbox in the transaction of the change. */
@Injectable()
export class EvaluationEvents {
  constructor(private readonly outbox: OutboxWriter) {}

  async created(manager: EntityManager, row: EvaluationRow): Promise<void> {
    await this.outbox.append(
      manager,
      'evaluation.created',
      {
        tenantId: row.tenantId,
        id: row.id,
        title: row.title,
        object: row.objectKind,
        programmeId: row.programmeId,
        measureId: row.measureId,
        areaIds: row.areaIds,
        startPeriod: row.startPeriod,
        createdBy: row.createdBy,
      },
      this.meta(row),
    );
  }

  async snapshotTaken(
    manager: EntityManager,
    row: EvaluationRow,
    snapshotId: string,
    snapshot: EvidenceSnapshot,
  ): Promise<void> {
    const { content } = snapshot;
    await this.outbox.append(
      manager,
      'evaluation.snapshot-taken',
      {
        tenantId: row.tenantId,
        evaluationId: row.id,
        snapshotId,
        hash: snapshot.hash,
        takenAt: snapshot.takenAt,
        takenBy: snapshot.takenBy,
        areaCount: content.areas.length,
        valueCount: content.values.length,
        indicators: content.indicators.map((i) => i.code),
        periods: content.periods,
      },
      this.meta(row),
    );
  }

  async finalised(manager: EntityManager, row: EvaluationRow, snapshotHash: string): Promise<void> {
    await this.outbox.append(
      manager,
      'evaluation.finalised',
      {
        tenantId: row.tenantId,
        id: row.id,
        title: row.title,
        programmeId: row.programmeId,
        measureId: row.measureId,
        snapshotId: row.snapshotId as string,
        snapshotHash,
        ratings: row.ratings.map((r) => ({ criterion: r.criterion, rating: r.rating })),
        finalisedAt: (row.finalisedAt as Date).toISOString(),
        finalisedBy: row.finalisedBy as string,
      },
      this.meta(row),
    );
  }

  private meta(row: EvaluationRow) {
    return { tenantId: row.tenantId, key: row.id };
  }
}
