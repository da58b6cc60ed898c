import type { ServiceTestApp } from '@quartier/service-kit';
import { type Form, tablesToWorkbook, type XlsFormTables } from '@quartier/survey-core';
import { PLANNING_AREAS, QUARTIER_FORM } from '../testing/fixtures';
import { startSurveyTestApp, XLSX } from '../testing/survey-test-app';

jest.setTimeout(60_000);

type Row = XlsFormTables['survey'][number];
const RELEVANT = 6;
const APPEARANCE = 10;

/**
 * The test form with its survey rows and choices changed: `rows` map each row in turn (null drops
 * it), `choice` keeps a choice or not.
 */
function formWith(changes: {
  rows?: ((row: Row) => Row | null)[];
  choice?: (list: string, name: string) => boolean;
}): XlsFormTables {
  const [header, ...rows] = QUARTIER_FORM.survey;
  const [choiceHeader, ...choices] = QUARTIER_FORM.choices;
  const edit = (row: Row): Row[] => {
    let edited: Row | null = row;
    for (const change of changes.rows ?? []) edited = edited && change(edited);
    return edited ? [edited] : [];
  };
  return {
    ...QUARTIER_FORM,
    survey: [header, ...rows.flatMap(edit)],
    choices: [choiceHeader, ...choices.filter((c) => changes.choice?.(String(c[0]), String(c[1])) ?? true)],
  };
}
const dropQuestion = (name: string) => (row: Row) => (row[1] === name ? null : row);
const setCell = (name: string, column: number, value: string) => (row: Row) =>
  row[1] === name ? row.map((cell, i) => (i === column ? value : cell)) : row;
// Questions whose conditions name alter (einzug) or wohnform (miete): without the condition, the
// form stays valid when those questions go.
const withoutAlter = [setCell('einzug', RELEVANT, ''), dropQuestion('alter')];
const withoutWohnformCondition = setCell('miete', RELEVANT, '');

const ITEMS = [
  {
    code: 'survey.angebote',
    name: 'Anteil, der Angebote nutzt',
    question: 'angebote',
    measure: 'share',
    options: ['familienzentrum', 'bibliothek'],
  },
  { code: 'survey.sicher', name: 'Anteil, der sich sicher fühlt', question: 'sicher', measure: 'topTwoBox' },
  { code: 'survey.alter', name: 'Durchschnittsalter', question: 'alter', measure: 'mean' },
];
const WEIGHTING = {
  question: 'wohnform',
  population: { '011101': { miete: 3000, eigentum: 1000 }, '011102': { miete: 1000, eigentum: 1000 } },
};

describe('a new form version against the survey’s indicator items and weighting (real PostgreSQL)', () => {
  let t: ServiceTestApp;
  let ids: Record<string, string>;

  const call = (...args: Parameters<ServiceTestApp['call']>) => t.call(...args);
  const upload = async (id: string, tables: XlsFormTables) =>
    call('PUT', `/api/survey/surveys/${id}/xlsform`, 'planer', await tablesToWorkbook(tables), XLSX);
  const version = async (id: string): Promise<number> =>
    (await call('GET', `/api/survey/surveys/${id}`, 'planer')).body.formVersion;

  /** A draft with the test form, Mitte's planning areas, the three indicator items and the weighting. */
  async function survey(settings: { indicatorItems?: unknown[]; weighting?: unknown } = {}): Promise<string> {
    const created = await call('POST', '/api/survey/surveys', 'planer', {
      title: 'Eingestellt',
      scopeAreaId: ids['01'],
    });
    const id: string = created.body.id;
    expect((await upload(id, QUARTIER_FORM)).status).toBe(200);
    const areas = PLANNING_AREAS.map((code) => ({ areaId: ids[code] }));
    expect((await call('PUT', `/api/survey/surveys/${id}/target-areas`, 'planer', { areas })).status).toBe(
      200,
    );
    const patch = { indicatorItems: ITEMS, weighting: WEIGHTING, ...settings };
    expect((await call('PATCH', `/api/survey/surveys/${id}`, 'planer', patch)).status).toBe(200);
    return id;
  }

  beforeAll(async () => {
    ({ t, ids } = await startSurveyTestApp());
  });
  afterAll(() => t?.close());

  it('refuses an XLSForm whose questions no longer serve the indicator items, naming each item’s field; nothing is stored', async () => {
    const id = await survey();
    const res = await upload(
      id,
      formWith({
        // sicher loses its Likert scale, alter is gone, angebote no longer offers bibliothek.
        rows: [setCell('sicher', APPEARANCE, ''), ...withoutAlter],
        choice: (list, name) => !(list === 'angebote' && name === 'bibliothek'),
      }),
    );
    expect({ status: res.status, body: res.body }).toEqual({
      status: 422,
      body: {
        statusCode: 422,
        code: 'FormBreaksSettings',
        message:
          'the form does not serve indicatorItems.0.options: bibliothek not options of angebote (and 2 more)',
        details: {
          reasons: [
            'indicatorItems.0.options: bibliothek not options of angebote',
            'indicatorItems.1.measure: top-2-box needs a Likert item',
            'indicatorItems.2.question: no question alter outside repeats',
          ],
          settings: [
            {
              field: 'indicatorItems.0.options',
              code: 'indicator-options-missing',
              params: { indicator: 'survey.angebote', question: 'angebote', options: 'bibliothek' },
              reason: 'bibliothek not options of angebote',
            },
            {
              field: 'indicatorItems.1.measure',
              code: 'indicator-needs-likert',
              params: { indicator: 'survey.sicher', question: 'sicher' },
              reason: 'top-2-box needs a Likert item',
            },
            {
              field: 'indicatorItems.2.question',
              code: 'indicator-question-missing',
              params: { indicator: 'survey.alter', question: 'alter' },
              reason: 'no question alter outside repeats',
            },
          ],
        },
      },
    });
    expect(await version(id)).toBe(1);
  });

  it('refuses a form whose weighting question is gone, of another type or lost a cell, naming weighting.*', async () => {
    const id = await survey({ indicatorItems: [] });
    const cases: [XlsFormTables, unknown][] = [
      [
        formWith({ rows: [withoutWohnformCondition, dropQuestion('wohnform')] }),
        {
          field: 'weighting.question',
          code: 'weighting-question-missing',
          params: { question: 'wohnform' },
          reason: 'no question wohnform',
        },
      ],
      [
        formWith({
          rows: [withoutWohnformCondition, setCell('wohnform', 0, 'select_multiple wohnform')],
        }),
        {
          field: 'weighting.question',
          code: 'weighting-question-not-select-one',
          params: { question: 'wohnform', type: 'select_multiple' },
          reason: 'wohnform is of type select_multiple; a weighting needs a select_one outside repeats',
        },
      ],
      [
        formWith({ choice: (list, name) => !(list === 'wohnform' && name === 'eigentum') }),
        {
          field: 'weighting.population',
          code: 'weighting-options-missing',
          params: { question: 'wohnform', options: 'eigentum' },
          reason: 'the population figures name eigentum, which wohnform does not offer',
        },
      ],
    ];
    for (const [tables, problem] of cases) {
      const res = await upload(id, tables);
      expect({ status: res.status, code: res.body.code, settings: res.body.details?.settings }).toEqual({
        status: 422,
        code: 'FormBreaksSettings',
        settings: [problem],
      });
    }
    expect(await version(id)).toBe(1);
  });

  it('refuses the form builder’s JSON as it refuses an XLSForm', async () => {
    const id = await survey({ weighting: null });
    const { form } = (await call('GET', `/api/survey/surveys/${id}/form`, 'planer')).body as { form: Form };
    // alter and einzug, which asks only those under 30.
    const children = form.children.filter((node) => node.name !== 'alter' && node.name !== 'einzug');
    const res = await call('PUT', `/api/survey/surveys/${id}/form`, 'planer', {
      form: { ...form, children },
    });
    expect({ status: res.status, code: res.body.code, fields: res.body.details?.settings }).toEqual({
      status: 422,
      code: 'FormBreaksSettings',
      fields: [expect.objectContaining({ field: 'indicatorItems.2.question' })],
    });
    expect(await version(id)).toBe(1);
  });

  it('takes a form that keeps what the settings name, and one whose setting was changed first', async () => {
    const id = await survey();
    // A new question and a new option of the weighting question serve the settings as before.
    const renamed = formWith({ rows: [setCell('kommentar', 1, 'anmerkung')] });
    const cooperative = ['wohnform', 'genossenschaft', 'Genossenschaft', 'co-op', '', ''];
    const extended = { ...renamed, choices: [...renamed.choices, cooperative] };
    expect((await upload(id, extended)).status).toBe(200);
    expect(await version(id)).toBe(2);
    const items = ITEMS.slice(0, 2);
    expect(
      (await call('PATCH', `/api/survey/surveys/${id}`, 'planer', { indicatorItems: items })).status,
    ).toBe(200);
    const accepted = await upload(id, formWith({ rows: withoutAlter }));
    expect({ status: accepted.status, version: accepted.body.formVersion }).toEqual({
      status: 200,
      version: 3,
    });
  });
});
