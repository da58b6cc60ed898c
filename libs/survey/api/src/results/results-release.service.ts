import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AccessContext } from '@quartier/auth';
import { Clock } from '@quartier/service-kit';
import type { DataSource, EntityManager } from 'typeorm';
import { SURVEY_CONNECTION, SURVEY_EDITORS } from '../survey.constants';
import { assertSurveyAccess, SurveyApiError } from '../survey.errors';
import type { SurveyRow } from '../surveys/survey.repository';
import type { WaveRow } from '../surveys/wave.repository';
import { type ReleaseKind, ResultsReleaseRepository } from './results-release.repository';

/** The release readers see: when, why, and how many responses it holds in total. */
export interface ReleaseView {
  /** Time of the last release; null when nothing has been released yet. */
  releasedAt: string | null;
  kind: ReleaseKind | null;
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
    @InjectDataSource(SURVEY_CONNECTION) private readonly db: DataSource,
    private readonly releases: ResultsReleaseRepository,
    private readonly clock: Clock,
  ) {}

  /** Releases every area that has gathered k new responses; returns the release state. */
  async releaseDue(survey: SurveyRow, wave: WaveRow): Promise<ReleaseView> {
    await this.db.transaction(async (manager) => {
      await this.releases.lockWave(manager, wave.id);
      const ids = await this.releases.dueInAreasWithK(manager, wave.id, survey.k);
      if (ids.length > 0) await this.insertRelease(manager, survey, wave, ids, 'threshold', null);
    });
    return this.state(survey, wave);
  }

  /** The owner's release at the end of a wave: everything still waiting. */
  async releaseByOwner(access: AccessContext, survey: SurveyRow, wave: WaveRow): Promise<ReleaseView> {
    assertSurveyAccess(access, SURVEY_EDITORS, survey.scopeAreaPath);
    const today = this.clock.today();
    if (today <= wave.closesOn && survey.status !== 'closed')
      throw new SurveyApiError(
        'ReleaseNotDue',
        `wave "${wave.name}" runs until ${wave.closesOn}: until it has ended, results are released only when every changed area has ${survey.k} new responses`,
      );
    await this.db.transaction(async (manager) => {
      await this.releases.lockWave(manager, wave.id);
      const ids = await this.releases.unreleased(manager, wave.id);
      if (ids.length > 0)
        await this.insertRelease(manager, survey, wave, ids, 'owner', access.principal.subject);
    });
    return this.state(survey, wave);
  }

  async state(
    survey: SurveyRow,
    wave: WaveRow,
    manager: EntityManager = this.db.manager,
  ): Promise<ReleaseView> {
    const row = await this.releases.state(wave.id, manager);
    const ended = this.clock.today() > wave.closesOn || survey.status === 'closed';
    return {
      releasedAt: row.releasedAt ? new Date(row.releasedAt).toISOString() : null,
      kind: row.kind ?? null,
      releasedResponses: row.released,
      ownerMayRelease: ended && row.total > row.released,
    };
  }

  private async insertRelease(
    manager: EntityManager,
    survey: SurveyRow,
    wave: WaveRow,
    responseIds: readonly string[],
    kind: 'threshold' | 'owner',
    releasedBy: string | null,
  ): Promise<void> {
    await this.releases.insert(manager, {
      surveyId: survey.id,
      waveId: wave.id,
      releasedAt: this.clock.now(),
      kind,
      releasedBy,
      responseIds,
    });
  }
}
