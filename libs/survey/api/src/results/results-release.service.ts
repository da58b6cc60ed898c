import { Injectable } from '@nestjs/common';
import type { AccessContext } from '@quartier/auth';
import { Clock } from '@quartier/service-kit';
import type { EntityManager } from 'typeorm';
import { SURVEY_EDITORS, todayInGermany } from '../survey.constants';
import { assertSurveyAccess, SurveyApiError } from '../survey.errors';
import { type SurveyRow, SurveyStore, type WaveRow } from '../surveys/survey-store';

/** The release readers see: when, why, and how many responses it holds in total. */
export interface ReleaseView {
  /** Time of the last release; null when nothing has been released yet. */
  releasedAt: string | null;
  kind: 'threshold' | 'owner' | 'initial' | null;
  /** Responses included in the results (all releases of the wave together). */
  releasedResponses: number;
  /** Whether the owner may release the rest now (the wave has ended and responses wait). */
  ownerMayRelease: boolean;
}

/**
 * Release points of a wave's results. k-anonymity per cell does not survive reading results
 * before and after one submission: the difference is that person's answers. So results are
 * computed only over *released* responses, and responses are released in batches:
 *
 * - automatically, for every target area that has at least k unreleased responses: each area
 *   that changes gains ≥ k responses at once, and so does every sum above it (its parent and
 *   the total change by the sum of such batches). Areas with fewer waiting stay as they were;
 * - by the survey's owner (an editor in scope) once the wave has ended, for everything left.
 *
 * Responses outside the target areas are never shown, so they are released with nothing.
 */
@Injectable()
export class ResultsReleaseService {
  constructor(
    private readonly store: SurveyStore,
    private readonly clock: Clock,
  ) {}

  /** Releases every area that has gathered k new responses; returns the release state. */
  async releaseDue(survey: SurveyRow, wave: WaveRow): Promise<ReleaseView> {
    await this.store.db.transaction(async (manager) => {
      await this.lock(manager, wave.id);
      const pending: { area_id: string; ids: string[] }[] = await manager.query(
        `SELECT r.area_id, array_agg(r.id) AS ids
           FROM survey_response r JOIN survey_target_area t ON t.survey_id = r.survey_id AND t.area_id = r.area_id
          WHERE r.wave_id = $1 AND NOT EXISTS (SELECT 1 FROM survey_released_response x WHERE x.response_id = r.id)
          GROUP BY r.area_id HAVING count(*) >= $2`,
        [wave.id, survey.k],
      );
      const ids = pending.flatMap((p) => p.ids);
      if (ids.length > 0) await this.insertRelease(manager, survey, wave, ids, 'threshold', null);
    });
    return this.state(survey, wave);
  }

  /** The owner's release at the end of a wave: everything still waiting. */
  async releaseByOwner(access: AccessContext, survey: SurveyRow, wave: WaveRow): Promise<ReleaseView> {
    assertSurveyAccess(access, SURVEY_EDITORS, survey.scopeAreaPath);
    const today = todayInGermany(this.clock.now());
    if (today <= wave.closesOn && survey.status !== 'closed')
      throw new SurveyApiError(
        'ReleaseNotDue',
        `wave "${wave.name}" runs until ${wave.closesOn}: until it has ended, results are released only when every changed area has ${survey.k} new responses`,
      );
    await this.store.db.transaction(async (manager) => {
      await this.lock(manager, wave.id);
      const rows: { id: string }[] = await manager.query(
        `SELECT r.id FROM survey_response r
          WHERE r.wave_id = $1 AND NOT EXISTS (SELECT 1 FROM survey_released_response x WHERE x.response_id = r.id)`,
        [wave.id],
      );
      if (rows.length > 0)
        await this.insertRelease(
          manager,
          survey,
          wave,
          rows.map((r) => r.id),
          'owner',
          access.principal.subject,
        );
    });
    return this.state(survey, wave);
  }

  async state(
    survey: SurveyRow,
    wave: WaveRow,
    manager: EntityManager = this.store.db.manager,
  ): Promise<ReleaseView> {
    const [row]: { released_at: Date | null; kind: ReleaseView['kind']; released: number; total: number }[] =
      await manager.query(
        `SELECT (SELECT max(released_at) FROM survey_results_release WHERE wave_id = $1) AS released_at,
                (SELECT kind FROM survey_results_release WHERE wave_id = $1 ORDER BY released_at DESC LIMIT 1) AS kind,
                (SELECT count(*)::int FROM survey_released_response x JOIN survey_response r ON r.id = x.response_id WHERE r.wave_id = $1) AS released,
                (SELECT count(*)::int FROM survey_response r WHERE r.wave_id = $1) AS total`,
        [wave.id],
      );
    const ended = todayInGermany(this.clock.now()) > wave.closesOn || survey.status === 'closed';
    return {
      releasedAt: row.released_at ? new Date(row.released_at).toISOString() : null,
      kind: row.kind ?? null,
      releasedResponses: row.released,
      ownerMayRelease: ended && row.total > row.released,
    };
  }

  // Two readers releasing at once would release the same responses twice (primary key) or
  // miss each other's: one release per wave at a time.
  private async lock(manager: EntityManager, waveId: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`survey-release:${waveId}`]);
  }

  private async insertRelease(
    manager: EntityManager,
    survey: SurveyRow,
    wave: WaveRow,
    responseIds: readonly string[],
    kind: 'threshold' | 'owner',
    releasedBy: string | null,
  ): Promise<void> {
    const [{ id }]: { id: string }[] = await manager.query(
      `INSERT INTO survey_results_release (survey_id, wave_id, released_at, kind, released_by, responses)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [survey.id, wave.id, this.clock.now(), kind, releasedBy, responseIds.length],
    );
    await manager.query(
      `INSERT INTO survey_released_response (response_id, release_id) SELECT unnest($1::uuid[]), $2`,
      [responseIds, id],
    );
  }
}
