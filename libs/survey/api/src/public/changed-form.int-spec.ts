// A questionnaire changed while a respondent answers it: the page still shows the old questions,
// the server refuses the answers the new version has no place for (a removed question, one that
// became a note, one its new condition skips). The respondent reads why in the page's language —
// never the core's English — and, reloading, gets the current questions with the draft's answers.
import type { ServiceTestApp } from '@quartier/service-kit';
import type { Browser } from 'playwright-core';
import type { Form } from '@quartier/survey-core';
import { HAS_CHROMIUM, launchChromium, openPublicForm } from '../testing/browser';
import { formOf as formOfTables, surveyWithForm, twoAreaForm } from '../testing/form-survey';
import { startSurveyTestApp } from '../testing/survey-test-app';

jest.setTimeout(120_000);

type Row = [type: string, name: string, label: string, relevant?: string];

const formOf = (rows: Row[]): Promise<Form> =>
  formOfTables(
    twoAreaForm('nachbarschaft', [
      ['type', 'name', 'label', 'required', 'relevant'],
      ['area gebiete', 'gebiet', 'In welchem Gebiet wohnen Sie?', 'yes', ''],
      ['integer', 'alter', 'Wie alt sind Sie?', 'yes', ''],
      ...rows.map(([type, name, label, relevant]) => [type, name, label, '', relevant ?? '']),
    ]),
  );

const BEFORE: Row[] = [
  ['text', 'verkehr', 'Was stört Sie am Verkehr?'],
  ['text', 'hinweis', 'Was möchten Sie uns noch sagen?'],
  ['text', 'kinder', 'Wie alt sind Ihre Kinder?'],
];
// First `kinder` is asked of the under-30s only; then `verkehr` is gone and `hinweis` only says
// something. (The server names unknown and unanswerable fields before it weighs conditions.)
const SKIPPING: Row[] = [
  BEFORE[0],
  BEFORE[1],
  ['text', 'kinder', 'Wie alt sind Ihre Kinder?', '${alter} < 30'],
];
const SHORTENED: Row[] = [['note', 'hinweis', 'Vielen Dank für Ihre Zeit.'], SKIPPING[2]];

(HAS_CHROMIUM ? describe : describe.skip)(
  'the public form of a questionnaire changed while answering it (real PostgreSQL, real browser)',
  () => {
    let t: ServiceTestApp;
    let ids: Record<string, string>;
    let browser: Browser;

    const call = (...args: Parameters<ServiceTestApp['call']>) => t.call(...args);

    beforeAll(async () => {
      ({ t, ids } = await startSurveyTestApp());
      browser = await launchChromium();
    });
    afterAll(async () => {
      await browser?.close();
      await t?.close();
    });

    it('says in German which answers the new version refuses, and after a reload the draft is sent', async () => {
      const { surveyId } = await surveyWithForm(t, ids, await formOf(BEFORE), { title: 'Nachbarschaft' });
      const { page, errors } = await openPublicForm(browser, t.url, surveyId);
      await page.getByRole('radio', { name: 'Stülerstraße' }).check();
      await page.getByLabel('Wie alt sind Sie?').fill('45');
      await page.getByLabel('Was stört Sie am Verkehr?').fill('Zu viele Autos');
      await page.getByLabel('Was möchten Sie uns noch sagen?').fill('Nichts');
      await page.getByLabel('Wie alt sind Ihre Kinder?').fill('7 und 9');

      const change = async (rows: Row[]) => {
        const changed = await call('PUT', `/api/survey/surveys/${surveyId}/form`, 'planer', {
          form: await formOf(rows),
        });
        expect(changed.status).toBe(200);
        // The public path reads a survey's form at most every 2 s (CollectionService's context).
        await new Promise((resolve) => setTimeout(resolve, 2_100));
      };
      const send = async (): Promise<string[]> => {
        const responded = page.waitForResponse((r) => r.request().method() === 'POST');
        await page.getByRole('button', { name: 'Antworten absenden' }).click();
        expect((await responded).status()).toBe(422);
        await page.locator('#q-summary').waitFor({ state: 'visible', timeout: 10_000 });
        return (await page.locator('#q-summary-list').innerText()).split('\n');
      };
      const shown = (name: string) => page.locator(`#e-${name}`).textContent();

      await change(SKIPPING);
      expect(await send()).toEqual([
        'Wie alt sind Ihre Kinder? (freiwillig): Diese Frage passt nicht zu Ihren übrigen Antworten – der Fragebogen wurde wohl geändert, während Sie geantwortet haben. Bitte laden Sie die Seite neu. Ihre Antworten bleiben erhalten.',
      ]);

      await change(SHORTENED);
      const summary = await send();
      expect(summary).toHaveLength(2);
      expect(await shown('verkehr')).toBe(
        'Diese Frage gibt es im Fragebogen nicht mehr – er wurde wohl geändert, während Sie geantwortet haben. Bitte laden Sie die Seite neu. Ihre Antworten bleiben erhalten.',
      );
      expect(await shown('hinweis')).toBe(
        'Auf diese Frage kann man nicht mehr antworten – der Fragebogen wurde wohl geändert, während Sie geantwortet haben. Bitte laden Sie die Seite neu. Ihre Antworten bleiben erhalten.',
      );
      expect(summary.join('\n')).not.toMatch(/not a question|takes no answer|does not apply/);

      await page.reload();
      await page.getByText('Ihr angefangener Fragebogen wurde wiederhergestellt.').waitFor();
      expect(await page.getByLabel('Wie alt sind Sie?').inputValue()).toBe('45');
      expect(await page.getByLabel('Was stört Sie am Verkehr?').count()).toBe(0);
      await page.getByRole('button', { name: 'Antworten absenden' }).click();
      await page.getByRole('heading', { name: 'Vielen Dank!' }).waitFor({ timeout: 10_000 });
      expect(errors).toEqual([]);
      const rows = await t.db.query(`SELECT answers FROM survey_response WHERE survey_id = $1`, [surveyId]);
      expect(rows).toEqual([{ answers: expect.objectContaining({ gebiet: '011101', alter: 45 }) }]);
      expect(rows[0].answers).not.toHaveProperty('verkehr');
      expect(rows[0].answers).not.toHaveProperty('kinder');
    });
  },
);
