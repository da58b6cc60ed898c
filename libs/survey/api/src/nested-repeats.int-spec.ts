// Forms made elsewhere (Ona's children's survey): the same question name asked of the respondent,
// of each child and of each of a child's series, answered per repeat instance — through the API and
// in a real browser — and a Kobo/Ona form with a photo question, kept but not opened.
import type { ServiceTestApp } from '@quartier/service-kit';
import type { Form } from '@quartier/survey-core';
import { HAS_CHROMIUM, launchChromium, openPublicForm } from './testing/browser';
import { formOf, surveyWithForm, twoAreaForm } from './testing/form-survey';
import { startSurveyTestApp } from './testing/survey-test-app';

jest.setTimeout(90_000);

const tables = (extra: string[][] = []) =>
  twoAreaForm('kinder', [
    ['type', 'name', 'label', 'required'],
    ['area gebiete', 'gebiet', 'In welchem Gebiet wohnen Sie?', 'yes'],
    ['text', 'name', 'Wie heißen Sie?', 'yes'],
    ['begin repeat', 'kinder', 'Kinder', ''],
    ['text', 'name', 'Name des Kindes', 'yes'],
    ['integer', 'alter', 'Alter des Kindes', ''],
    ['begin repeat', 'serien', 'Lieblingsserien', ''],
    ['text', 'name', 'Titel der Serie', 'yes'],
    ['end repeat', '', '', ''],
    ['end repeat', '', '', ''],
    ...extra,
  ]);

describe('the same name in nested repeats; uploads kept but not collected (real PostgreSQL)', () => {
  let t: ServiceTestApp;
  let ids: Record<string, string>;

  const call = (...args: Parameters<ServiceTestApp['call']>) => t.call(...args);

  /** A draft with the form, both target areas and a wave; returns its ids. */
  const draft = (form: Form) => surveyWithForm(t, ids, form, { title: 'Kinder und Serien', open: false });

  beforeAll(async () => {
    ({ t, ids } = await startSurveyTestApp());
  });
  afterAll(() => t.close());

  it('stores each answer in its own repeat instance and names a missing one by its path', async () => {
    const { surveyId, waveId } = await draft(await formOf(tables()));
    expect(
      (await call('POST', `/api/survey/surveys/${surveyId}/status`, 'planer', { status: 'open' })).status,
    ).toBe(200);
    const answers = {
      gebiet: '011101',
      name: 'Ada',
      kinder: [
        { name: 'Bo', alter: 7, serien: [{ name: 'Heidi' }, { name: 'Pumuckl' }] },
        { name: 'Cy', serien: [] },
      ],
    };
    const url = `/api/survey/public/surveys/${surveyId}/waves/${waveId}/responses`;
    expect((await call('POST', url, undefined, { answers })).status).toBe(201);
    const missing = await call('POST', url, undefined, {
      answers: { ...answers, kinder: [{ name: 'Bo', serien: [{}] }] },
    });
    expect(missing.status).toBe(422);
    expect(missing.body.message).toBe('kinder[1].serien[1].name: an answer is required');
    const rows: { answers: unknown }[] = await t.db.query(
      `SELECT answers FROM survey_response WHERE survey_id = $1`,
      [surveyId],
    );
    expect(rows).toEqual([{ answers }]);
  });

  (HAS_CHROMIUM ? it : it.skip)(
    'is answered in a real browser: the respondent, a child and its series each keep their own name',
    async () => {
      const { surveyId } = await draft(await formOf(tables()));
      expect(
        (await call('POST', `/api/survey/surveys/${surveyId}/status`, 'planer', { status: 'open' })).status,
      ).toBe(200);
      const browser = await launchChromium();
      try {
        const { page, errors } = await openPublicForm(browser, t.url, surveyId);
        await page.getByRole('radio', { name: 'Großer Tiergarten' }).check();
        await page.getByLabel('Wie heißen Sie?').fill('Ada');
        await page.getByRole('button', { name: 'Weitere hinzufügen' }).first().click();
        await page.getByLabel('Name des Kindes').fill('Bo');
        await page.getByLabel('Alter des Kindes').fill('7');
        // The series' add button is the one inside the child's instance.
        await page.locator('.instance').getByRole('button', { name: 'Weitere hinzufügen' }).click();
        await page.getByLabel('Titel der Serie').fill('Heidi');
        await page.getByRole('button', { name: 'Antworten absenden' }).click();
        await page.getByRole('heading', { name: 'Vielen Dank!' }).waitFor();
        expect(errors).toEqual([]);
        const rows: { answers: unknown }[] = await t.db.query(
          `SELECT answers FROM survey_response WHERE survey_id = $1`,
          [surveyId],
        );
        expect(rows).toEqual([
          {
            answers: {
              gebiet: '011102',
              name: 'Ada',
              kinder: [{ name: 'Bo', alter: 7, serien: [{ name: 'Heidi' }] }],
            },
          },
        ]);
      } finally {
        await browser.close();
      }
    },
  );

  it('keeps a form with a photo question but does not open the survey, naming the question', async () => {
    const form = await formOf(tables([['image', 'foto', 'Dürfen wir ein Foto machen?', '']]));
    const { surveyId } = await draft(form);
    const stored = await call('GET', `/api/survey/surveys/${surveyId}/form`, 'planer');
    expect(stored.status).toBe(200);
    expect(stored.body.form.children.at(-1)).toMatchObject({ type: 'image', name: 'foto' });
    const open = await call('POST', `/api/survey/surveys/${surveyId}/status`, 'planer', { status: 'open' });
    expect(open.status).toBe(409);
    expect(open.body.message).toBe(
      'question foto (image): uploads are not collected — responses are anonymous and carry no photos, recordings or files; remove the question or make it a note',
    );
  });
});
