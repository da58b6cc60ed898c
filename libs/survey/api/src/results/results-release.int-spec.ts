import { FixedClock, startServiceTestApp, type ServiceTestApp } from '@quartier/service-kit';
import { SurveyApiModule } from '../survey-api.module';
import { SURVEY_SERVICE } from '../survey.definition';
import { quartierResponsesCsv, TEST_AREAS } from '../testing/fixtures';
import { day, TEST_NOW } from '../testing/survey-test-app';
import { openSurvey } from './open-survey.testing';

jest.setTimeout(60_000);

const answers = (sicher: string) => ({
  gebiet: '011101',
  alter: 35,
  sicher,
  wohnform: 'miete',
  miete: 650,
  angebote: ['bibliothek'],
});

describe('survey results at release points (real PostgreSQL)', () => {
  let t: ServiceTestApp;
  let ids: Record<string, string>;
  let surveyId: string;
  let waveId: string;
  // Stands still (releasedAt is compared exactly) and is moved past the wave's end below.
  const clock = new FixedClock(TEST_NOW);

  const submit = (sicher: string) =>
    t.call('POST', `/api/survey/public/surveys/${surveyId}/waves/${waveId}/responses`, undefined, {
      answers: answers(sicher),
    });
  const read = async () => {
    const res = await t.call('GET', `/api/survey/surveys/${surveyId}/results?wave=${waveId}`, 'viewer');
    expect(res.status).toBe(200);
    return res.body;
  };
  const withoutRelease = (results: Record<string, unknown>) => {
    const { release: _release, ...rest } = results;
    return rest;
  };

  beforeAll(async () => {
    t = await startServiceTestApp(SURVEY_SERVICE, {
      module: (rt) => SurveyApiModule.forRoot(rt, { publicRateLimit: { limit: 10_000, windowSeconds: 60 } }),
      runtime: { clock },
    });
    ids = await t.seedAreas(
      'berlin-demo',
      [...TEST_AREAS].map((a) => ({ ...a })),
    );
    await t.grant('berlin-demo', 'planer', 'planner', ids['01']);
    await t.grant('berlin-demo', 'viewer', 'viewer', null);
    ({ surveyId, waveId } = await openSurvey(t, ids));
  });
  afterAll(() => t?.close());

  it('shows nothing before the first release', async () => {
    for (let i = 0; i < 5; i++) expect((await submit('4')).status).toBe(201);
    const results = await read();
    expect(results.release).toEqual({
      releasedAt: null,
      kind: null,
      releasedResponses: 0,
      ownerMayRelease: false,
    });
    expect(results.total.suppressed).toBe('primary');
  });

  const importPaper = async (perArea: Record<string, number>, seed: number) => {
    const res = await t.call(
      'POST',
      `/api/survey/surveys/${surveyId}/waves/${waveId}/response-imports`,
      'planer',
      quartierResponsesCsv(perArea, seed),
      'text/csv',
    );
    expect(res.status).toBe(201);
  };

  it('teaches a viewer nothing about one new response in an area of 20 (the differencing attack)', async () => {
    await importPaper({ '011101': 15, '011102': 12, '011201': 10, '011202': 25 }, 3);
    const before = await read();
    expect(before.areas.find((a: { key: string }) => a.key === '011101').respondents).toBe(20);
    expect(before.release).toMatchObject({ kind: 'threshold', releasedResponses: 67 });
    // One respondent answers "1" (strongly disagree), a value nobody else chose.
    expect((await submit('1')).status).toBe(201);
    const after = await read();
    expect(after).toEqual(before);
    expect(JSON.stringify(after)).toEqual(JSON.stringify(before));
  });

  it('publishes once the area has k new responses, so the change is k people, not one', async () => {
    const before = await read();
    for (let i = 0; i < 8; i++) expect((await submit('4')).status).toBe(201);
    expect(withoutRelease(await read())).toEqual(withoutRelease(before)); // 9 new < k = 10
    expect((await submit('2')).status).toBe(201);
    const after = await read();
    expect(after.areas.find((a: { key: string }) => a.key === '011101').respondents).toBe(30);
    expect(after.release).toMatchObject({ kind: 'threshold', releasedResponses: 77 });
    expect(new Date(after.release.releasedAt).toISOString()).toBe(clock.now().toISOString());
  });

  it('releases only the areas that gathered k: a single response elsewhere waits', async () => {
    await importPaper({ '011102': 12, '011201': 1 }, 5);
    const results = await read();
    const respondents = Object.fromEntries(
      results.areas.map((a: { key: string; respondents: number | null }) => [a.key, a.respondents]),
    );
    expect(results.release.releasedResponses).toBe(89);
    expect(respondents['011102']).toBe(24);
    const [{ n }] = await t.db.query(
      `SELECT count(*)::int AS n FROM survey_response r JOIN survey_released_response x ON x.response_id = r.id WHERE r.area_id = $1`,
      [ids['011201']],
    );
    expect(n).toBe(10);
  });

  it('lets the owner release the rest only once the wave has ended', async () => {
    const early = await t.call(
      'POST',
      `/api/survey/surveys/${surveyId}/waves/${waveId}/results/release`,
      'planer',
    );
    expect(early).toMatchObject({ status: 409, body: { code: 'ReleaseNotDue' } });
    const viewer = await t.call(
      'POST',
      `/api/survey/surveys/${surveyId}/waves/${waveId}/results/release`,
      'viewer',
    );
    expect(viewer.status).toBe(403);
    clock.set(new Date(`${day(11)}T08:00:00Z`));
    expect((await read()).release.ownerMayRelease).toBe(true);
    const released = await t.call(
      'POST',
      `/api/survey/surveys/${surveyId}/waves/${waveId}/results/release`,
      'planer',
    );
    expect(released).toMatchObject({
      status: 200,
      body: { kind: 'owner', releasedResponses: 90, ownerMayRelease: false },
    });
    const results = await read();
    expect(results.total.respondents).toBe(90);
    const [row] = await t.db.query(
      `SELECT released_by, kind FROM survey_results_release WHERE wave_id = $1 ORDER BY released_at DESC LIMIT 1`,
      [waveId],
    );
    expect(row).toEqual({ released_by: 'planer', kind: 'owner' });
  });
});
