import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { SURVEY_CONNECTION } from '../survey.constants';
import { SurveyApiError } from '../survey.errors';
import { isUuid, selectOne } from '@quartier/service-kit';
import type { WaveView } from './survey.dto';

export interface WaveRow {
  id: string;
  surveyId: string;
  name: string;
  opensOn: string;
  closesOn: string;
  invitationOnly: boolean;
  resultsPublishedOn: string | null;
}

/** What an editor sets of a wave (days as YYYY-MM-DD). */
export interface WaveInput {
  name: string;
  opensOn: string;
  closesOn: string;
  invitationOnly: boolean;
}

const WAVE_COLUMNS = `id, survey_id AS "surveyId", name, to_char(opens_on, 'YYYY-MM-DD') AS "opensOn", to_char(closes_on, 'YYYY-MM-DD') AS "closesOn",
  invitation_only AS "invitationOnly", to_char(results_published_on, 'YYYY-MM-DD') AS "resultsPublishedOn"`;

/**
 * SQL of a survey's waves (`survey_wave`) and the one-time invitation codes of invitation-only
 * waves (`survey_invitation`, SHA-256 hashes only, never linked to a response).
 */
@Injectable()
export class WaveRepository {
  constructor(@InjectDataSource(SURVEY_CONNECTION) private readonly db: DataSource) {}

  /** The survey's waves by opening day and name. */
  async ofSurvey(surveyId: string, manager: EntityManager = this.db.manager): Promise<WaveRow[]> {
    return manager.query(
      `SELECT ${WAVE_COLUMNS} FROM survey_wave WHERE survey_id = $1 ORDER BY opens_on, name`,
      [surveyId],
    );
  }

  /** The survey's waves with their response counts. */
  async withCounts(surveyId: string): Promise<WaveView[]> {
    return this.db.query(
      `SELECT ${WAVE_COLUMNS.replace(/\bid\b/, 'w.id')}, (SELECT count(*)::int FROM survey_response r WHERE r.wave_id = w.id) AS responses
         FROM survey_wave w WHERE survey_id = $1 ORDER BY opens_on, name`,
      [surveyId],
    );
  }

  /** A wave of the survey; WaveNotFound otherwise. */
  async find(surveyId: string, waveId: string, manager: EntityManager = this.db.manager): Promise<WaveRow> {
    const row = isUuid(waveId)
      ? await selectOne<WaveRow>(
          manager,
          `SELECT ${WAVE_COLUMNS} FROM survey_wave WHERE id = $1 AND survey_id = $2`,
          [waveId, surveyId],
        )
      : null;
    if (!row) throw new SurveyApiError('WaveNotFound', `wave ${waveId} not found`);
    return row;
  }

  /** Inserts a wave; returns its id. */
  async insert(manager: EntityManager, surveyId: string, tenantId: string, wave: WaveInput): Promise<string> {
    const [{ id }]: { id: string }[] = await manager.query(
      `INSERT INTO survey_wave (survey_id, tenant_id, name, opens_on, closes_on, invitation_only) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [surveyId, tenantId, wave.name, wave.opensOn, wave.closesOn, wave.invitationOnly],
    );
    return id;
  }

  async update(manager: EntityManager, waveId: string, wave: WaveInput): Promise<void> {
    await manager.query(
      `UPDATE survey_wave SET name = $2, opens_on = $3, closes_on = $4, invitation_only = $5 WHERE id = $1`,
      [waveId, wave.name, wave.opensOn, wave.closesOn, wave.invitationOnly],
    );
  }

  async markResultsPublished(manager: EntityManager, waveId: string, day: string): Promise<void> {
    await manager.query(`UPDATE survey_wave SET results_published_on = $2 WHERE id = $1`, [waveId, day]);
  }

  /** Stores the hashes of new invitation codes of a wave. */
  async insertInvitations(
    manager: EntityManager,
    waveId: string,
    codeHashes: readonly Buffer[],
  ): Promise<void> {
    await manager.query(`INSERT INTO survey_invitation (code_hash, wave_id) SELECT unnest($1::bytea[]), $2`, [
      codeHashes,
      waveId,
    ]);
  }

  /** Marks an unused code of the wave used, atomically; false when it is unknown or was used. */
  async useInvitation(manager: EntityManager, waveId: string, codeHash: Buffer): Promise<boolean> {
    const [{ n }]: { n: number }[] = await manager.query(
      `WITH used AS (UPDATE survey_invitation SET used = true WHERE code_hash = $1 AND wave_id = $2 AND NOT used RETURNING 1) SELECT count(*)::int AS n FROM used`,
      [codeHash, waveId],
    );
    return n > 0;
  }
}
