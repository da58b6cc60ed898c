import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { parseSnapshot, type EvidenceSnapshot } from '@quartier/evaluation-core';
import type { DataSource, EntityManager } from 'typeorm';
import { EVALUATION_CONNECTION } from '../evaluation.constants';
import type { SnapshotInfo } from './snapshot.dto';
import { selectPage } from '@quartier/service-kit';

interface SnapshotRow {
  id: string;
  hash: string;
  takenAt: Date;
  takenBy: string;
  areaCount: number;
  valueCount: number;
}

const INFO = `s.id, s.hash, s.taken_at AS "takenAt", s.taken_by AS "takenBy", s.area_count AS "areaCount",
  s.value_count AS "valueCount"`;

/**
 * Frozen evidence. The document is the snapshot's JSON text exactly as written; reading it back
 * checks the schema and the content hash, so a changed row is noticed, never silently used.
 */
@Injectable()
export class SnapshotRepository {
  constructor(@InjectDataSource(EVALUATION_CONNECTION) readonly db: DataSource) {}

  async insert(manager: EntityManager, evaluationId: string, snapshot: EvidenceSnapshot): Promise<string> {
    const [{ id }] = await manager.query(
      `INSERT INTO evaluation_snapshot (evaluation_id, hash, document, area_count, value_count, taken_at, taken_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [
        evaluationId,
        snapshot.hash,
        JSON.stringify(snapshot),
        snapshot.content.areas.length,
        snapshot.content.values.length,
        snapshot.takenAt,
        snapshot.takenBy,
      ],
    );
    return id as string;
  }

  async info(evaluationId: string, id: string, current: string | null): Promise<SnapshotInfo | null> {
    const rows: SnapshotRow[] = await this.db.query(
      `SELECT ${INFO} FROM evaluation_snapshot s WHERE s.evaluation_id = $1 AND s.id = $2`,
      [evaluationId, id],
    );
    return rows[0] ? present(rows[0], current) : null;
  }

  async list(
    evaluationId: string,
    current: string | null,
    page: { limit: number; offset: number },
  ): Promise<{ items: SnapshotInfo[]; total: number }> {
    const { rows, total } = await selectPage<SnapshotRow>(
      this.db,
      {
        select: INFO,
        from: 'evaluation_snapshot s',
        where: 's.evaluation_id = $1',
        params: [evaluationId],
        orderBy: 's.taken_at DESC, s.id',
      },
      page,
    );
    return { items: rows.map((r) => present(r, current)), total };
  }

  /** The stored JSON text, or null. */
  async document(evaluationId: string, id: string): Promise<string | null> {
    const rows: { document: string }[] = await this.db.query(
      `SELECT document FROM evaluation_snapshot WHERE evaluation_id = $1 AND id = $2`,
      [evaluationId, id],
    );
    return rows[0]?.document ?? null;
  }

  /**
   * The snapshot, verified against its hash.
   * @throws EvaluationError `InvalidSnapshot` when the stored content no longer matches its hash.
   */
  async load(evaluationId: string, id: string): Promise<EvidenceSnapshot | null> {
    const text = await this.document(evaluationId, id);
    return text === null ? null : parseSnapshot(JSON.parse(text));
  }
}

function present(row: SnapshotRow, current: string | null): SnapshotInfo {
  return {
    id: row.id,
    hash: row.hash,
    takenAt: new Date(row.takenAt).toISOString(),
    takenBy: row.takenBy,
    areaCount: row.areaCount,
    valueCount: row.valueCount,
    current: row.id === current,
  };
}
