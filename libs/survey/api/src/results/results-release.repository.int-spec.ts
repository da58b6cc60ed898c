import type { MigratedSchema } from '@quartier/service-kit';
import type { EntityManager } from 'typeorm';
import { ResponseRepository } from '../responses/response.repository';
import { TargetAreaRepository } from '../surveys/target-area.repository';
import { migratedSurveySchema, storedSurvey, storedWave } from '../testing/survey-schema';
import { ResultsReleaseRepository } from './results-release.repository';

describe('ResultsReleaseRepository (migrated survey schema, real PostgreSQL)', () => {
  let schema: MigratedSchema;
  let releases: ResultsReleaseRepository;
  let ids: Record<string, string>;

  /** A survey targeting A and B with responses per area (null: outside every area); returns survey and wave. */
  const surveyWith = async (perArea: [string | null, number][]) => {
    const survey = await storedSurvey(schema, 'tn', ids['X']);
    const wave = await storedWave(schema, 'tn', survey);
    await schema.db.transaction(async (m) => {
      await new TargetAreaRepository(schema.db).replace(m, survey, [
        { areaId: ids['A'], population: null },
        { areaId: ids['B'], population: null },
      ]);
      for (const [code, n] of perArea)
        await new ResponseRepository(schema.db).insertMany(m, {
          tenantId: 'tn',
          surveyId: survey,
          waveId: wave,
          formVersion: 1,
          channel: 'web',
          submittedOn: '2025-09-02',
          responses: Array.from({ length: n }, (_, i) => ({
            areaId: code ? ids[code] : null,
            answers: { i, code },
          })),
        });
    });
    return { survey, wave };
  };

  const release = (
    survey: string,
    wave: string,
    responseIds: string[],
    kind: 'threshold' | 'owner' = 'threshold',
  ) =>
    schema.db.transaction((m) =>
      releases.insert(m, {
        surveyId: survey,
        waveId: wave,
        releasedAt: new Date('2025-09-03T10:00:00Z'),
        kind,
        releasedBy: null,
        responseIds,
      }),
    );

  /** Whether `lock` has to wait for a lock another transaction holds (200 ms lock timeout). */
  const waits = (lock: (m: EntityManager) => Promise<unknown>) =>
    schema.db
      .transaction(async (m) => {
        await m.query(`SET LOCAL lock_timeout = '200ms'`);
        await lock(m);
      })
      .then(
        () => false,
        (error: { code?: string }) => {
          if (error.code === '55P03') return true;
          throw error;
        },
      );

  beforeAll(async () => {
    schema = await migratedSurveySchema();
    releases = new ResultsReleaseRepository(schema.db);
    ids = await schema.seedAreas('tn', [
      { code: 'X', level: 'bezirk' },
      { code: 'A', level: 'planungsraum', parent: 'X' },
      { code: 'B', level: 'planungsraum', parent: 'X' },
      { code: 'C', level: 'planungsraum', parent: 'X' },
    ]);
  }, 60_000);
  afterAll(() => schema?.close());

  it('finds the unreleased responses of target areas with at least k waiting, and only those', async () => {
    const { survey, wave } = await surveyWith([
      ['A', 3],
      ['B', 2],
      ['C', 5],
      [null, 4],
    ]);
    const due = await schema.db.transaction((m) => releases.dueInAreasWithK(m, wave, 3));
    expect(due).toHaveLength(3);
    await release(survey, wave, due);
    expect(await schema.db.transaction((m) => releases.dueInAreasWithK(m, wave, 3))).toEqual([]);
    expect(await schema.db.transaction((m) => releases.dueInAreasWithK(m, wave, 2))).toHaveLength(2);
    expect(await schema.db.transaction((m) => releases.unreleased(m, wave))).toHaveLength(2 + 5 + 4);
  });

  it('reads the release state: last release, its kind, released of all responses', async () => {
    const { survey, wave } = await surveyWith([
      ['A', 2],
      ['B', 1],
    ]);
    expect(await releases.state(wave)).toEqual({ releasedAt: null, kind: null, released: 0, total: 3 });
    const waiting = await schema.db.transaction((m) => releases.unreleased(m, wave));
    await release(survey, wave, waiting.slice(0, 1));
    await schema.db.transaction((m) =>
      releases.insert(m, {
        surveyId: survey,
        waveId: wave,
        releasedAt: new Date('2025-11-01T08:00:00Z'),
        kind: 'owner',
        releasedBy: 'owner',
        responseIds: waiting.slice(1),
      }),
    );
    expect(await releases.state(wave)).toEqual({
      releasedAt: new Date('2025-11-01T08:00:00Z'),
      kind: 'owner',
      released: 3,
      total: 3,
    });
  });

  it('reads the answers of released responses in an area only', async () => {
    const { survey, wave } = await surveyWith([
      ['A', 2],
      [null, 1],
    ]);
    expect(await releases.releasedAnswers(survey, wave)).toEqual([]);
    await release(survey, wave, await schema.db.transaction((m) => releases.unreleased(m, wave)));
    const answers = await releases.releasedAnswers(survey, wave);
    expect(answers.map((a) => a.areaId)).toEqual([ids['A'], ids['A']]);
    expect(answers.map((a) => a.answers['i']).sort()).toEqual([0, 1]);
  });

  it('a release of the same response twice fails; the wave lock serialises releasers', async () => {
    const { survey, wave } = await surveyWith([['A', 1]]);
    const [id] = await schema.db.transaction((m) => releases.unreleased(m, wave));
    await release(survey, wave, [id]);
    await expect(release(survey, wave, [id])).rejects.toMatchObject({ code: '23505' });
    let unlock!: () => void;
    const held = schema.db.transaction(async (m) => {
      await releases.lockWave(m, wave);
      await new Promise<void>((resolve) => (unlock = resolve));
    });
    while (!unlock) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(await waits((m) => releases.lockWave(m, wave))).toBe(true);
    unlock();
    await held;
    expect(await waits((m) => releases.lockWave(m, wave))).toBe(false);
  });
});
