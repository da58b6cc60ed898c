import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { SURVEY_CONNECTION } from '../survey.constants';

export type Channel = 'web' | 'interviewer' | 'import';

/** Responses of one survey, wave, form version, channel and day, written together. */
export interface ResponseBatch {
  tenantId: string;
  surveyId: string;
  waveId: string;
  formVersion: number;
  channel: Channel;
  /** Only the day is stored: a time would help to re-identify respondents. */
  submittedOn: string;
  responses: readonly { areaId: string | null; answers: unknown }[];
}

/** SQL of `survey_response`: anonymous answers with their area, wave, channel and day. */
@Injectable()
export class ResponseRepository {
  constructor(@InjectDataSource(SURVEY_CONNECTION) private readonly db: DataSource) {}

  async insertMany(manager: EntityManager, batch: ResponseBatch): Promise<void> {
    await manager.query(
      `INSERT INTO survey_response (tenant_id, survey_id, wave_id, form_version, area_id, channel, submitted_on, answers)
       SELECT $1, $2, $3, $4, area_id, $5, $6, answers FROM unnest($7::uuid[], $8::jsonb[]) AS t(area_id, answers)`,
      [
        batch.tenantId,
        batch.surveyId,
        batch.waveId,
        batch.formVersion,
        batch.channel,
        batch.submittedOn,
        batch.responses.map((r) => r.areaId),
        batch.responses.map((r) => JSON.stringify(r.answers)),
      ],
    );
  }

  async countInSurvey(surveyId: string, manager: EntityManager = this.db.manager): Promise<number> {
    const [{ n }]: { n: number }[] = await manager.query(
      `SELECT count(*)::int AS n FROM survey_response WHERE survey_id = $1`,
      [surveyId],
    );
    return n;
  }

  async countInWave(waveId: string, manager: EntityManager = this.db.manager): Promise<number> {
    const [{ n }]: { n: number }[] = await manager.query(
      `SELECT count(*)::int AS n FROM survey_response WHERE wave_id = $1`,
      [waveId],
    );
    return n;
  }

  /** Ids of the areas some response of the survey lies in. */
  async areaIdsWithResponses(surveyId: string, manager: EntityManager = this.db.manager): Promise<string[]> {
    const rows: { area_id: string }[] = await manager.query(
      `SELECT DISTINCT area_id FROM survey_response WHERE survey_id = $1 AND area_id IS NOT NULL`,
      [surveyId],
    );
    return rows.map((r) => r.area_id);
  }
}
