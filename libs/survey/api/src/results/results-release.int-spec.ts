import { FixedClock, startServiceTestApp, type ServiceTestApp } from '@quartier/service-kit';
import { type Form, importXlsForm, tablesToWorkbook } from '@quartier/survey-core';
import { SurveyApiModule } from '../survey-api.module';
import { SURVEY_SERVICE } from '../survey.definition';
import { PLANNING_AREAS, QUARTIER_FORM, quartierResponsesCsv, TEST_AREAS } from '../testing/fixtures';
import { day, TEST_NOW } from '../testing/survey-test-app';

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
  let form: Form;
  // Stands still (releasedAt is compared exactly); one test moves it past the wave's end.
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
  const submitAll = async (...values: string[]) => {
    for (const sicher of values) expect((await submit(sicher)).status).toBe(201);
  };

  // Each test tells the wave's story from a later point, on a survey of its own: these steps
  // bring it there as the tests before it do. Reading the results releases what is due, so the
  // steps read where those tests read.
  /** Five public responses in 011101, nothing released. */
  const afterFirstResponses = async () => {
    await submitAll('4', '4', '4', '4', '4');
    await read();
  };
  /** 67 paper responses released at the threshold; one response (a "1") in 011101 waits. */
  const afterFirstThreshold = async () => {
    await afterFirstResponses();
    await importPaper({ '011101': 15, '011102': 12, '011201': 10, '011202': 25 }, 3);
    await read();
    await submitAll('1');
    await read();
  };
  /** Ten more in 011101 released (77); nothing waits. */
  const afterTenMore = async () => {
    await afterFirstThreshold();
    await submitAll('4', '4', '4', '4', '4', '4', '4', '4', '2');
    await read();
  };
  /** Twelve more in 011102 released (89); one paper response in 011201 waits. */
  const afterSecondArea = async () => {
    await afterTenMore();
    await importPaper({ '011102': 12, '011201': 1 }, 5);
    await read();
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
    const imported = await importXlsForm(await tablesToWorkbook(QUARTIER_FORM));
    if (!imported.ok) throw new Error('fixture form does not import');
    form = imported.form;
  });
  afterAll(() => t?.close());

  // As openSurvey opens one (the test form, Mitte's four planning areas, one wave ten days either
  // side of today), but with the form imported once: uploading the workbook for every test's
  // survey would take most of the file's time.
  beforeEach(async () => {
    clock.set(TEST_NOW);
    const created = await t.call('POST', '/api/survey/surveys', 'planer', {
      title: 'Nachbarschaft',
      scopeAreaId: ids['01'],
      form,
    });
    expect(created.status).toBe(201);
    surveyId = created.body.id;
    const targets = await t.call('PUT', `/api/survey/surveys/${surveyId}/target-areas`, 'planer', {
      areas: PLANNING_AREAS.map((code) => ({ areaId: ids[code] })),
    });
    expect(targets.status).toBe(200);
    const wave = await t.call('POST', `/api/survey/surveys/${surveyId}/waves`, 'planer', {
      name: 'Welle 1',
      opensOn: day(-10),
      closesOn: day(10),
    });
    expect(wave.status).toBe(201);
    waveId = wave.body.id;
    const open = await t.call('POST', `/api/survey/surveys/${surveyId}/status`, 'planer', { status: 'open' });
    expect(open.status).toBe(200);
  });

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

  it('teaches a viewer nothing about one new response in an area of 20 (the differencing attack)', async () => {
    await afterFirstResponses();
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
    await afterFirstThreshold();
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
    await afterTenMore();
    await importPaper({ '011102': 12, '011201': 1 }, 5);
    const results = await read();
    const respondents = Object.fromEntries(
      results.areas.map((a: { key: string; respondents: number | null }) => [a.key, a.respondents]),
    );
    expect(results.release.releasedResponses).toBe(89);
    expect(respondents['011102']).toBe(24);
    const [{ n }] = await t.db.query(
      `SELECT count(*)::int AS n FROM survey_response r JOIN survey_released_response x ON x.response_id = r.id WHERE r.survey_id = $1 AND r.area_id = $2`,
      [surveyId, ids['011201']],
    );
    expect(n).toBe(10);
  });

  it('lets the owner release the rest only once the wave has ended', async () => {
    await afterSecondArea();
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
