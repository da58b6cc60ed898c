import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { SURVEY_CONNECTION } from '../survey.constants';

export type ReleaseKind = 'threshold' | 'owner' | 'initial';

/** A wave's release state as stored: its last release and how many responses are released of all. */
export interface ReleaseStateRow {
  releasedAt: Date | null;
  kind: ReleaseKind | null;
  released: number;
  total: number;
}

export interface NewRelease {
  surveyId: string;
  waveId: string;
  releasedAt: Date;
  kind: Exclude<ReleaseKind, 'initial'>;
  releasedBy: string | null;
  responseIds: readonly string[];
}

/**
 * SQL of the release points of results: `survey_results_release` (one row per release) and
 * `survey_released_response` (which responses a release let into the results).
 */
@Injectable()
export class ResultsReleaseRepository {
  constructor(@InjectDataSource(SURVEY_CONNECTION) private readonly db: DataSource) {}

  /**
   * One release per wave at a time, until the transaction ends: two readers releasing at once
   * would release the same responses twice (primary key) or miss each other's.
   */
  async lockWave(manager: EntityManager, waveId: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`survey-release:${waveId}`]);
  }

  /** Unreleased responses of the target areas that have gathered at least `k` of them. */
  async dueInAreasWithK(manager: EntityManager, waveId: string, k: number): Promise<string[]> {
    const rows: { area_id: string; ids: string[] }[] = await manager.query(
      `SELECT r.area_id, array_agg(r.id) AS ids
         FROM survey_response r JOIN survey_target_area t ON t.survey_id = r.survey_id AND t.area_id = r.area_id
        WHERE r.wave_id = $1 AND NOT EXISTS (SELECT 1 FROM survey_released_response x WHERE x.response_id = r.id)
        GROUP BY r.area_id HAVING count(*) >= $2`,
      [waveId, k],
    );
    return rows.flatMap((r) => r.ids);
  }

  /** Every unreleased response of the wave. */
  async unreleased(manager: EntityManager, waveId: string): Promise<string[]> {
    const rows: { id: string }[] = await manager.query(
      `SELECT r.id FROM survey_response r
        WHERE r.wave_id = $1 AND NOT EXISTS (SELECT 1 FROM survey_released_response x WHERE x.response_id = r.id)`,
      [waveId],
    );
    return rows.map((r) => r.id);
  }

  async state(waveId: string, manager: EntityManager = this.db.manager): Promise<ReleaseStateRow> {
    const [row]: ReleaseStateRow[] = await manager.query(
      `SELECT (SELECT max(released_at) FROM survey_results_release WHERE wave_id = $1) AS "releasedAt",
              (SELECT kind FROM survey_results_release WHERE wave_id = $1 ORDER BY released_at DESC LIMIT 1) AS kind,
              (SELECT count(*)::int FROM survey_released_response x JOIN survey_response r ON r.id = x.response_id WHERE r.wave_id = $1) AS released,
              (SELECT count(*)::int FROM survey_response r WHERE r.wave_id = $1) AS total`,
      [waveId],
    );
    return row;
  }

  async insert(manager: EntityManager, release: NewRelease): Promise<void> {
    const [{ id }]: { id: string }[] = await manager.query(
      `INSERT INTO survey_results_release (survey_id, wave_id, released_at, kind, released_by, responses)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [
        release.surveyId,
        release.waveId,
        release.releasedAt,
        release.kind,
        release.releasedBy,
        release.responseIds.length,
      ],
    );
    await manager.query(
      `INSERT INTO survey_released_response (response_id, release_id) SELECT unnest($1::uuid[]), $2`,
      [release.responseIds, id],
    );
  }

  /** Area and answers of the released responses of a wave that lie in an area (results read these only). */
  async releasedAnswers(
    surveyId: string,
    waveId: string,
  ): Promise<{ areaId: string; answers: Record<string, unknown> }[]> {
    return this.db.query(
      `SELECT r.area_id AS "areaId", r.answers FROM survey_response r JOIN survey_released_response x ON x.response_id = r.id
        WHERE r.survey_id = $1 AND r.wave_id = $2 AND r.area_id IS NOT NULL`,
      [surveyId, waveId],
    );
  }
}
