import type { MigratedSchema } from '@quartier/service-kit';
import { ResponseRepository } from '../responses/response.repository';
import { migratedSurveySchema, storedSurvey, storedWave } from '../testing/survey-schema';
import { hashInvitationCode } from './invitation-code';
import { WaveRepository } from './wave.repository';

describe('wave, invitation and response repositories (migrated survey schema, real PostgreSQL)', () => {
  let schema: MigratedSchema;
  let waves: WaveRepository;
  let responses: ResponseRepository;
  let scope: string;

  const respond = (surveyId: string, waveId: string, areaIds: (string | null)[]) =>
    schema.db.transaction((m) =>
      responses.insertMany(m, {
        tenantId: 'tn',
        surveyId,
        waveId,
        formVersion: 1,
        channel: 'web',
        submittedOn: '2025-09-02',
        responses: areaIds.map((areaId, i) => ({ areaId, answers: { q: i } })),
      }),
    );

  beforeAll(async () => {
    schema = await migratedSurveySchema();
    waves = new WaveRepository(schema.db);
    responses = new ResponseRepository(schema.db);
    scope = (await schema.seedAreas('tn', [{ code: '01', level: 'bezirk' }]))['01'];
  }, 60_000);
  afterAll(() => schema?.close());

  it('reads waves by opening day and name, with days as YYYY-MM-DD and response counts', async () => {
    const survey = await storedSurvey(schema, 'tn', scope);
    const late = await storedWave(schema, 'tn', survey, {
      name: 'B',
      opensOn: '2026-01-01',
      closesOn: '2026-02-01',
    });
    const early = await storedWave(schema, 'tn', survey, { name: 'A', invitationOnly: true });
    await respond(survey, late, [null, null]);
    expect(await waves.ofSurvey(survey)).toEqual([
      {
        id: early,
        surveyId: survey,
        name: 'A',
        opensOn: '2025-09-01',
        closesOn: '2025-10-31',
        invitationOnly: true,
        resultsPublishedOn: null,
      },
      {
        id: late,
        surveyId: survey,
        name: 'B',
        opensOn: '2026-01-01',
        closesOn: '2026-02-01',
        invitationOnly: false,
        resultsPublishedOn: null,
      },
    ]);
    expect((await waves.withCounts(survey)).map((w) => [w.name, w.responses])).toEqual([
      ['A', 0],
      ['B', 2],
    ]);
    await schema.db.transaction((m) => waves.markResultsPublished(m, late, '2026-02-03'));
    expect((await waves.find(survey, late)).resultsPublishedOn).toBe('2026-02-03');
  });

  it('finds a wave of its survey only', async () => {
    const survey = await storedSurvey(schema, 'tn', scope);
    const other = await storedSurvey(schema, 'tn', scope);
    const wave = await storedWave(schema, 'tn', survey);
    expect((await waves.find(survey, wave)).name).toBe('Welle 1');
    await expect(waves.find(other, wave)).rejects.toMatchObject({ code: 'WaveNotFound' });
    await expect(waves.find(survey, 'x')).rejects.toMatchObject({ code: 'WaveNotFound' });
  });

  it('updates a wave; a second wave of the same name violates the constraint', async () => {
    const survey = await storedSurvey(schema, 'tn', scope);
    const wave = await storedWave(schema, 'tn', survey);
    const next = { name: 'Herbst', opensOn: '2025-09-15', closesOn: '2025-11-30', invitationOnly: true };
    await schema.db.transaction((m) => waves.update(m, wave, next));
    expect(await waves.find(survey, wave)).toMatchObject(next);
    await expect(storedWave(schema, 'tn', survey, { name: 'Herbst' })).rejects.toMatchObject({
      code: '23505',
    });
  });

  it('admits each invitation code once, in its own wave only', async () => {
    const survey = await storedSurvey(schema, 'tn', scope);
    const wave = await storedWave(schema, 'tn', survey, { invitationOnly: true });
    const otherWave = await storedWave(schema, 'tn', survey, { name: 'Welle 2' });
    await schema.db.transaction((m) =>
      waves.insertInvitations(m, wave, ['ABCDE-FGHJK', 'KMNPQ-RSTUV'].map(hashInvitationCode)),
    );
    const use = (waveId: string, code: string) =>
      schema.db.transaction((m) => waves.useInvitation(m, waveId, hashInvitationCode(code)));
    expect(await use(otherWave, 'ABCDE-FGHJK')).toBe(false);
    expect(await use(wave, 'abcde fghjk')).toBe(true);
    expect(await use(wave, 'ABCDE-FGHJK')).toBe(false);
    expect(await use(wave, 'ZZZZZ-ZZZZZ')).toBe(false);
    expect(await use(wave, 'KMNPQ-RSTUV')).toBe(true);
  });

  it('stores responses in one statement and counts them per survey, wave and area', async () => {
    const areas = await schema.seedAreas('tn', [
      { code: '02', level: 'bezirk' },
      { code: '0201', level: 'planungsraum', parent: '02' },
      { code: '0202', level: 'planungsraum', parent: '02' },
    ]);
    const survey = await storedSurvey(schema, 'tn', areas['02']);
    const first = await storedWave(schema, 'tn', survey);
    const second = await storedWave(schema, 'tn', survey, { name: 'Welle 2' });
    await respond(survey, first, [areas['0201'], areas['0201'], null]);
    await respond(survey, second, [areas['0202']]);
    expect(await responses.countInSurvey(survey)).toBe(4);
    expect(await responses.countInWave(first)).toBe(3);
    expect((await responses.areaIdsWithResponses(survey)).sort()).toEqual(
      [areas['0201'], areas['0202']].sort(),
    );
    const [stored] = await schema.db.query(
      `SELECT channel, to_char(submitted_on, 'YYYY-MM-DD') AS day, answers, form_version FROM survey_response WHERE wave_id = $1 AND area_id IS NULL`,
      [first],
    );
    expect(stored).toEqual({ channel: 'web', day: '2025-09-02', answers: { q: 2 }, form_version: 1 });
  });
});
