import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Caller } from '@quartier/auth';
import { ZodValidationException } from 'nestjs-zod';
import { randomInt } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { z } from 'zod';
import { ResponseRepository } from '../responses/response.repository';
import { SURVEY_CONNECTION, SURVEY_EDITORS } from '../survey.constants';
import { SurveyApiError } from '../survey.errors';
import { hashInvitationCode } from './invitation-code';
import { type createWaveSchema, type updateWaveSchema, wavePeriodSchema, type WaveView } from './survey.dto';
import { SurveyRepository } from './survey.repository';
import { SurveysService } from './surveys.service';
import { type WaveRow, WaveRepository } from './wave.repository';

/** Alphabet of invitation codes: no 0/O, 1/I/L, so codes survive being read out or typed from paper. */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** A survey's waves (collection periods) and the invitation codes of invitation-only waves. */
@Injectable()
export class WavesService {
  constructor(
    @InjectDataSource(SURVEY_CONNECTION) private readonly db: DataSource,
    private readonly surveys: SurveysService,
    private readonly repository: SurveyRepository,
    private readonly waves: WaveRepository,
    private readonly responses: ResponseRepository,
  ) {}

  async createWave(caller: Caller, id: string, input: z.infer<typeof createWaveSchema>): Promise<WaveView> {
    const { tenantId } = caller;
    return this.db.transaction(async (manager) => {
      await this.surveys.load(caller, id, SURVEY_EDITORS, manager, true);
      await this.assertWaveNameFree(id, input.name, null, manager);
      const waveId = await this.waves.insert(manager, id, tenantId, input);
      await this.repository.touch(manager, id);
      return { ...(await this.waves.find(id, waveId, manager)), responses: 0 };
    });
  }

  async updateWave(
    caller: Caller,
    id: string,
    waveId: string,
    patch: z.infer<typeof updateWaveSchema>,
  ): Promise<WaveView> {
    return this.db.transaction(async (manager) => {
      await this.surveys.load(caller, id, SURVEY_EDITORS, manager, true);
      const wave = await this.waves.find(id, waveId, manager);
      const next: WaveRow = { ...wave, ...patch };
      const period = wavePeriodSchema.safeParse({ opensOn: next.opensOn, closesOn: next.closesOn });
      if (!period.success) throw new ZodValidationException(period.error);
      if (patch.name !== undefined) await this.assertWaveNameFree(id, patch.name, waveId, manager);
      await this.waves.update(manager, waveId, next);
      const responses = await this.responses.countInWave(waveId, manager);
      return { ...(await this.waves.find(id, waveId, manager)), responses };
    });
  }

  /**
   * One-time codes for an invitation-only wave. The codes are returned once and only their
   * SHA-256 hashes are stored; a used code is marked, never linked to the response it admitted.
   */
  async createInvitations(
    caller: Caller,
    id: string,
    waveId: string,
    count: number,
  ): Promise<{ codes: string[] }> {
    return this.db.transaction(async (manager) => {
      await this.surveys.load(caller, id, SURVEY_EDITORS, manager);
      const wave = await this.waves.find(id, waveId, manager);
      if (!wave.invitationOnly)
        throw new SurveyApiError(
          'WaveNotInvitationOnly',
          'this wave is open to everyone; make it invitation-only first',
        );
      const codes = Array.from({ length: count }, () => invitationCode());
      await this.waves.insertInvitations(manager, waveId, codes.map(hashInvitationCode));
      return { codes };
    });
  }

  /** Wave names are unique per survey (also by constraint): a taken name is a conflict, on create and rename. */
  private async assertWaveNameFree(
    surveyId: string,
    name: string,
    exceptWaveId: string | null,
    manager: EntityManager,
  ): Promise<void> {
    const waves = await this.waves.ofSurvey(surveyId, manager);
    if (waves.some((w) => w.name === name && w.id !== exceptWaveId))
      throw new SurveyApiError('WaveNameTaken', `a wave named ${name} exists`);
  }
}

function invitationCode(): string {
  let code = '';
  // 10 symbols of a 31-letter alphabet ≈ 49 bits: unguessable within any rate limit.
  for (let i = 0; i < 10; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}
