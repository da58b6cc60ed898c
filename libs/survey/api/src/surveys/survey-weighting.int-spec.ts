import type { ServiceTestApp } from '@quartier/service-kit';
import { tablesToWorkbook, type XlsFormTables } from '@quartier/survey-core';
import { PLANNING_AREAS, QUARTIER_FORM } from '../testing/fixtures';
import { day, startSurveyTestApp, XLSX } from '../testing/survey-test-app';

jest.setTimeout(60_000);

// The test form with a select_one inside the repeat `kinder` as well.
const FORM: XlsFormTables = {
  ...QUARTIER_FORM,
  survey: QUARTIER_FORM.survey.flatMap((row) =>
    row[0] === 'end repeat'
      ? [
          [
            'select_one wohnform',
            'kind_wohnform',
            'Wie wohnt das Kind?',
            'How does the child live?',
            '',
            '',
            '',
            '',
            '',
            '',
            '',
          ],
          row,
        ]
      : [row],
  ),
};

const WEIGHTING = {
  question: 'wohnform',
  population: { '011101': { miete: 3000, eigentum: 1000 }, '011102': { miete: 1000, eigentum: 1000 } },
};

describe('a survey’s weighting against its target areas and questionnaire (real PostgreSQL)', () => {
  let t: ServiceTestApp;
  let ids: Record<string, string>;

  const call = (...args: Parameters<ServiceTestApp['call']>) => t.call(...args);
  const patch = (surveyId: string, weighting: unknown) =>
    call('PATCH', `/api/survey/surveys/${surveyId}`, 'planer', { weighting });
  const setTargets = (surveyId: string, codes: readonly string[]) =>
    call('PUT', `/api/survey/surveys/${surveyId}/target-areas`, 'planer', {
      areas: codes.map((code) => ({ areaId: ids[code] })),
    });
  const stored = async (surveyId: string) =>
    (await call('GET', `/api/survey/surveys/${surveyId}`, 'planer')).body.weighting;

  /** A draft with the form and, unless told otherwise, Mitte's four planning areas as target areas. */
  async function survey(options: { form?: boolean; targets?: readonly string[] } = {}): Promise<string> {
    const created = await call('POST', '/api/survey/surveys', 'planer', {
      title: 'Gewichtet',
      scopeAreaId: ids['01'],
    });
    expect(created.status).toBe(201);
    const id: string = created.body.id;
    if (options.form !== false)
      expect(
        (await call('PUT', `/api/survey/surveys/${id}/xlsform`, 'planer', await tablesToWorkbook(FORM), XLSX))
          .status,
      ).toBe(200);
    const targets = options.targets ?? PLANNING_AREAS;
    if (targets.length > 0) expect((await setTargets(id, targets)).status).toBe(200);
    return id;
  }

  beforeAll(async () => {
    ({ t, ids } = await startSurveyTestApp());
  });
  afterAll(() => t?.close());

  it('refuses an area key that is no target area’s code and a cell that is no option, naming each; nothing is stored', async () => {
    const id = await survey();
    const res = await patch(id, {
      question: 'wohnform',
      // A code without its leading zero, and a cell typed as the label reads ("Mieter").
      population: {
        '011101': { miete: 3000, eigentum: 1000 },
        '11102': { miete: 1000, eigentum: 1000 },
        '011201': { mieter: 500, eigentum: 400 },
      },
    });
    expect({ status: res.status, body: res.body }).toEqual({
      status: 422,
      body: {
        statusCode: 422,
        code: 'InvalidWeighting',
        message:
          'weighting.population.11102: 11102 is not the code of a target area of the survey (and 1 more)',
        details: [
          {
            field: 'weighting.population.11102',
            message: '11102 is not the code of a target area of the survey',
          },
          { field: 'weighting.population.011201.mieter', message: 'mieter is not an option of wohnform' },
        ],
      },
    });
    expect(await stored(id)).toBeNull();
  });

  it('refuses a weighting question that is not a select_one outside repeats, naming weighting.question', async () => {
    const id = await survey();
    const cases: [string, string][] = [
      ['angebote', 'angebote is of type select_multiple; a weighting needs a select_one outside repeats'],
      ['alter', 'alter is of type integer; a weighting needs a select_one outside repeats'],
      ['gebiet', 'gebiet is of type area; a weighting needs a select_one outside repeats'],
      [
        'kind_wohnform',
        'kind_wohnform lies inside repeat kinder; a weighting needs a select_one outside repeats',
      ],
      ['wohnen', 'no question wohnen'],
    ];
    for (const [question, message] of cases) {
      const res = await patch(id, { question, population: {} });
      expect({ question, status: res.status, code: res.body.code, details: res.body.details }).toEqual({
        question,
        status: 422,
        code: 'InvalidWeighting',
        details: [{ field: 'weighting.question', message }],
      });
    }
    expect(await stored(id)).toBeNull();
  });

  it('needs the form and the target areas first', async () => {
    const withoutForm = await patch(await survey({ form: false }), WEIGHTING);
    expect({ status: withoutForm.status, code: withoutForm.body.code }).toEqual({
      status: 409,
      code: 'FormMissing',
    });
    const withoutTargets = await patch(await survey({ targets: [] }), WEIGHTING);
    expect(withoutTargets.status).toBe(422);
    expect(withoutTargets.body.details).toEqual([
      {
        field: 'weighting.population.011101',
        message: '011101 is not a target area: the survey has none yet',
      },
      {
        field: 'weighting.population.011102',
        message: '011102 is not a target area: the survey has none yet',
      },
    ]);
  });

  it('takes a weighting over target areas and options; a target area dropped later keeps it stored until it is saved again, counted only while it is a target area', async () => {
    const id = await survey();
    const res = await patch(id, WEIGHTING);
    expect(res.status).toBe(200);
    expect(res.body.weighting).toEqual({ question: 'wohnform', areas: 2 });
    // 011102 is no target area any more: its figures stay, unused (it has no respondents), and
    // the detail counts only the target area with figures.
    expect((await setTargets(id, ['011101', '011201'])).status).toBe(200);
    expect(await stored(id)).toEqual({ question: 'wohnform', areas: 1 });
    // Back as a target area, its figures count again.
    expect((await setTargets(id, ['011101', '011102', '011201'])).status).toBe(200);
    expect(await stored(id)).toEqual({ question: 'wohnform', areas: 2 });
    expect((await setTargets(id, ['011101', '011201'])).status).toBe(200);
    const again = await patch(id, WEIGHTING);
    expect({
      status: again.status,
      fields: again.body.details?.map((d: { field: string }) => d.field),
    }).toEqual({
      status: 422,
      fields: ['weighting.population.011102'],
    });
    expect((await patch(id, null)).body.weighting).toBeNull();
  });

  it('does not open while the weighting names an area that is no target area any more, saying so by code; opens once it is saved again', async () => {
    const id = await survey();
    expect((await patch(id, WEIGHTING)).status).toBe(200);
    const wave = await call('POST', `/api/survey/surveys/${id}/waves`, 'planer', {
      name: 'Welle 1',
      opensOn: day(-1),
      closesOn: day(30),
    });
    expect(wave.status).toBe(201);
    // 011102 leaves the survey, as target area and from the area question's list, so nothing
    // but the weighting's figures for it stands in the way.
    expect((await setTargets(id, ['011101', '011201', '011202'])).status).toBe(200);
    const withoutArea = {
      ...FORM,
      choices: FORM.choices.filter((row) => !(row[0] === 'gebiete' && row[1] === '011102')),
    };
    const form = await call(
      'PUT',
      `/api/survey/surveys/${id}/xlsform`,
      'planer',
      await tablesToWorkbook(withoutArea),
      XLSX,
    );
    expect(form.status).toBe(200);
    const open = () => call('POST', `/api/survey/surveys/${id}/status`, 'planer', { status: 'open' });
    const refused = await open();
    expect({ status: refused.status, code: refused.body.code, details: refused.body.details }).toEqual({
      status: 409,
      code: 'NotPublishable',
      details: {
        problems: ['weighting.population.011102: 011102 is not the code of a target area of the survey'],
        issues: [{ code: 'InvalidWeighting', params: {} }],
      },
    });
    expect(
      (await patch(id, { ...WEIGHTING, population: { '011101': WEIGHTING.population['011101'] } })).status,
    ).toBe(200);
    const opened = await open();
    expect({ status: opened.status, state: opened.body.status }).toEqual({ status: 200, state: 'open' });
  });

  it('neither weights results nor publishes them while the weighting names an area that is no target area any more; both work once it is saved again', async () => {
    const id = await survey();
    expect((await patch(id, WEIGHTING)).status).toBe(200);
    const wave = await call('POST', `/api/survey/surveys/${id}/waves`, 'planer', {
      name: 'Welle 1',
      opensOn: day(-1),
      closesOn: day(30),
    });
    expect(wave.status).toBe(201);
    const waveId: string = wave.body.id;
    expect(
      (await call('POST', `/api/survey/surveys/${id}/status`, 'planer', { status: 'open' })).status,
    ).toBe(200);
    // Target areas may change while the survey is open (an area without responses may go).
    expect((await setTargets(id, ['011101', '011201', '011202'])).status).toBe(200);
    const publish = () => call('POST', `/api/survey/surveys/${id}/waves/${waveId}/results/publish`, 'planer');
    const weighted = () =>
      call('GET', `/api/survey/surveys/${id}/results?wave=${waveId}&weighted=true`, 'planer');
    const refusal = {
      status: 422,
      code: 'InvalidWeighting',
      details: [
        {
          field: 'weighting.population.011102',
          message: '011102 is not the code of a target area of the survey',
        },
      ],
    };
    for (const res of [await publish(), await weighted()])
      expect({ status: res.status, code: res.body.code, details: res.body.details }).toEqual(refusal);
    const published = async () =>
      (await call('GET', `/api/survey/surveys/${id}`, 'planer')).body.waves[0].resultsPublishedOn;
    expect(await published()).toBeNull();
    // Unweighted results do not use the weighting.
    expect((await call('GET', `/api/survey/surveys/${id}/results?wave=${waveId}`, 'planer')).status).toBe(
      200,
    );
    expect(
      (await patch(id, { ...WEIGHTING, population: { '011101': WEIGHTING.population['011101'] } })).status,
    ).toBe(200);
    expect((await weighted()).status).toBe(200);
    const again = await publish();
    expect({ status: again.status, weighted: again.body.weighted }).toEqual({ status: 200, weighted: true });
    expect(await published()).toBe(day(0));
  });
});
