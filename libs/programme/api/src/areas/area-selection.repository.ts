import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ManualAreaChange, ProgrammeAreaResolution, SelectionRule } from '@quartier/programme-core';
import { selectOne } from '@quartier/service-kit';
import type { DataSource, EntityManager } from 'typeorm';
import { PROGRAMME_CONNECTION } from '../programme.constants';

/** An accepted selection of programme areas: the rule over a run (or none), changes and result. */
export interface StoredSelection {
  id: string;
  runId: string | null;
  rule: SelectionRule | null;
  changes: readonly ManualAreaChange[];
  resolution: ProgrammeAreaResolution;
  acceptedBy: string;
  acceptedAt: Date;
  comment: string;
}

/**
 * SQL of programme area selections: each acceptance is kept (the audit trail of why an area is
 * in the programme), and the newest one's areas are the programme's areas.
 */
@Injectable()
export class AreaSelectionRepository {
  constructor(@InjectDataSource(PROGRAMME_CONNECTION) private readonly db: DataSource) {}

  async current(
    programmeId: string,
    manager: EntityManager = this.db.manager,
  ): Promise<StoredSelection | null> {
    return selectOne<StoredSelection>(
      manager,
      `SELECT id, run_id AS "runId", rule, changes, resolution, accepted_by AS "acceptedBy", accepted_at AS "acceptedAt", comment
         FROM programme_area_selection WHERE programme_id = $1 ORDER BY accepted_at DESC, id LIMIT 1`,
      [programmeId],
    );
  }

  /** Stores an accepted selection and makes its areas the programme's areas. */
  async accept(
    manager: EntityManager,
    programmeId: string,
    selection: Omit<StoredSelection, 'id'>,
  ): Promise<void> {
    const [{ id }] = await manager.query(
      `INSERT INTO programme_area_selection (programme_id, run_id, rule, changes, resolution, accepted_by, accepted_at, comment)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [
        programmeId,
        selection.runId,
        selection.rule === null ? null : JSON.stringify(selection.rule),
        JSON.stringify(selection.changes),
        JSON.stringify(selection.resolution),
        selection.acceptedBy,
        selection.acceptedAt,
        selection.comment,
      ],
    );
    await manager.query(`DELETE FROM programme_area WHERE programme_id = $1`, [programmeId]);
    await manager.query(
      `INSERT INTO programme_area (programme_id, area_id, selection_id) SELECT $1, unnest($2::uuid[]), $3`,
      [programmeId, selection.resolution.areas.map((a) => a.areaId), id],
    );
  }
}
