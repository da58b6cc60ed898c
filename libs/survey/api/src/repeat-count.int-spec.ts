// The most instances a repeat holds (50, the core's MAX_REPEAT_INSTANCES), as the public form and
// the server both keep it: a repeat_count above it gives 50 blocks that are accepted when sent, a
// form that asks for more by a fixed number is refused at upload, and the respondent adds no
// more than 50 instances by hand — through the API and in a real browser.
import type { ServiceTestApp } from '@quartier/service-kit';
import type { Browser } from 'playwright-core';
import type { Form } from '@quartier/survey-core';
import { HAS_CHROMIUM, launchChromium, openPublicForm } from './testing/browser';
import { formOf, surveyWithForm, twoAreaForm } from './testing/form-survey';
import { startSurveyTestApp } from './testing/survey-test-app';

jest.setTimeout(120_000);

// No constraint on the count: a household of 80 is a true answer (a shared accommodation).
const tables = () =>
  twoAreaForm('haushalt', [
    ['type', 'name', 'label', 'required', 'repeat_count'],
    ['area gebiete', 'gebiet', 'In welchem Gebiet wohnen Sie?', 'yes', ''],
    ['integer', 'haushalt', 'Wie viele Personen leben in Ihrem Haushalt?', 'yes', ''],
    ['begin repeat', 'personen', 'Person', '', '${haushalt}'],
    ['integer', 'alter', 'Alter der Person', '', ''],
    ['end repeat', '', '', '', ''],
    ['begin repeat', 'treffpunkte', 'Treffpunkt', '', ''],
    ['text', 'ort', 'Ort des Treffpunkts', '', ''],
    ['end repeat', '', '', '', ''],
  ]);

describe('the most instances of a repeat, kept alike by the public form and the server (real PostgreSQL)', () => {
  let t: ServiceTestApp;
  let ids: Record<string, string>;

  const call = (...args: Parameters<ServiceTestApp['call']>) => t.call(...args);

  const openSurvey = (form: Form) => surveyWithForm(t, ids, form, { title: 'Haushalte' });

  const stored = async (surveyId: string): Promise<{ answers: Record<string, unknown> }[]> =>
    t.db.query(`SELECT answers FROM survey_response WHERE survey_id = $1`, [surveyId]);

  beforeAll(async () => {
    ({ t, ids } = await startSurveyTestApp());
  });
  afterAll(() => t.close());

  it('accepts the 50 instances a count of 80 gives and keeps the count as answered; 80 are refused', async () => {
    const { surveyId, waveId } = await openSurvey(await formOf(tables()));
    const url = `/api/survey/public/surveys/${surveyId}/waves/${waveId}/responses`;
    const people = (n: number) => Array.from({ length: n }, (_, i) => ({ alter: i + 1 }));
    const answers = { gebiet: '011101', haushalt: 80, personen: people(50) };
    expect((await call('POST', url, undefined, { answers })).status).toBe(201);
    const tooMany = await call('POST', url, undefined, { answers: { ...answers, personen: people(80) } });
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.message).toBe('personen: more than 50 repeat instances');
    expect(await stored(surveyId)).toEqual([{ answers: { ...answers, treffpunkte: [] } }]);
  });

  it('refuses at upload a form whose repeat_count is a number above 50, naming the field', async () => {
    const form = await formOf(tables());
    const created = await call('POST', '/api/survey/surveys', 'planer', {
      title: 'Haushalte',
      scopeAreaId: ids['01'],
      form: {
        ...form,
        children: form.children.map((n) => (n.name === 'personen' ? { ...n, repeatCount: '80' } : n)),
      },
    });
    expect(created.status).toBe(422);
    expect(created.body.message).toContain(
      'personen (repeat_count): repeat_count 80 asks for more than the 50 instances a repeat holds',
    );
  });

  (HAS_CHROMIUM ? describe : describe.skip)('in a real browser', () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launchChromium();
    });
    afterAll(() => browser?.close());

    it('a count of 80 shows 50 blocks, and they are sent and kept with the count as answered', async () => {
      const { surveyId } = await openSurvey(await formOf(tables()));
      const { page, errors } = await openPublicForm(browser, t.url, surveyId);
      await page.getByRole('radio', { name: 'Stülerstraße' }).check();
      await page.getByLabel('Wie viele Personen leben in Ihrem Haushalt?').fill('80');
      await page.waitForFunction(() => document.querySelectorAll('#i-personen > .instance').length === 50);
      await page.locator('#i-personen > .instance').nth(49).getByLabel('Alter der Person').fill('7');
      await page.getByRole('button', { name: 'Antworten absenden' }).click();
      await page.getByRole('heading', { name: 'Vielen Dank!' }).waitFor({ timeout: 10_000 });
      expect(errors).toEqual([]);
      const rows = await stored(surveyId);
      expect(rows).toHaveLength(1);
      const answers = rows[0].answers as { haushalt: number; personen: unknown[] };
      expect(answers.haushalt).toBe(80);
      expect(answers.personen).toHaveLength(50);
      expect(answers.personen[49]).toEqual({ alter: 7 });
    });

    it('adding instances by hand stops at 50 and says why; after a removal one may be added again', async () => {
      const { surveyId } = await openSurvey(await formOf(tables()));
      const { page, errors } = await openPublicForm(browser, t.url, surveyId);
      const add = page.getByRole('button', { name: 'Weitere hinzufügen' });
      const limit = page.getByText('Mehr als 50 Einträge sind nicht möglich.');
      const instances = page.locator('#i-treffpunkte > .instance');
      expect(await limit.isVisible()).toBe(false);
      for (let i = 0; i < 50; i++) await add.click();
      expect(await instances.count()).toBe(50);
      expect(await add.isDisabled()).toBe(true);
      expect(await limit.isVisible()).toBe(true);
      await instances.last().getByRole('button', { name: 'Entfernen' }).click();
      expect(await instances.count()).toBe(49);
      expect(await add.isDisabled()).toBe(false);
      expect(await limit.isVisible()).toBe(false);
      expect(errors).toEqual([]);
    });
  });
});
