// A submission the server refuses as a whole — an invitation code it does not know, a wave that
// ended while the respondent answered — is told in the page's language, worded by the refusal's
// error code: never the service's English ("this invitation code is unknown or was already used").
import type { ServiceTestApp } from '@quartier/service-kit';
import type { Browser, Page } from 'playwright-core';
import { HAS_CHROMIUM, launchChromium, openPublicForm } from '../testing/browser';
import { formOf, surveyWithForm, twoAreaForm } from '../testing/form-survey';
import { day, startSurveyTestApp } from '../testing/survey-test-app';

jest.setTimeout(120_000);

const smallForm = () =>
  formOf(
    twoAreaForm('nachbarschaft', [
      ['type', 'name', 'label', 'required'],
      ['area gebiete', 'gebiet', 'In welchem Gebiet wohnen Sie?', 'yes'],
      ['integer', 'alter', 'Wie alt sind Sie?', 'yes'],
    ]),
  );

(HAS_CHROMIUM ? describe : describe.skip)(
  'refusals of a whole submission on the public form (real PostgreSQL, real browser)',
  () => {
    let t: ServiceTestApp;
    let ids: Record<string, string>;
    let browser: Browser;

    const call = (...args: Parameters<ServiceTestApp['call']>) => t.call(...args);

    const openSurvey = async (invitationOnly: boolean) =>
      surveyWithForm(t, ids, await smallForm(), { title: 'Nachbarschaft', invitationOnly });

    /** The survey's public form with every question answered, and the page's script errors. */
    async function answer(surveyId: string): Promise<{ page: Page; errors: string[] }> {
      const opened = await openPublicForm(browser, t.url, surveyId);
      await opened.page.getByRole('radio', { name: 'Stülerstraße' }).check();
      await opened.page.getByLabel('Wie alt sind Sie?').fill('45');
      return opened;
    }

    async function send(page: Page, status: number): Promise<void> {
      const responded = page.waitForResponse((r) => r.request().method() === 'POST');
      await page.getByRole('button', { name: 'Antworten absenden' }).click();
      expect((await responded).status()).toBe(status);
    }

    beforeAll(async () => {
      ({ t, ids } = await startSurveyTestApp());
      browser = await launchChromium();
    });
    afterAll(async () => {
      await browser?.close();
      await t?.close();
    });

    it('says in German on the code’s field that the invitation code is unknown or used, then admits the right one', async () => {
      const { surveyId, waveId } = await openSurvey(true);
      const codes = await call(
        'POST',
        `/api/survey/surveys/${surveyId}/waves/${waveId}/invitations`,
        'planer',
        { count: 1 },
      );
      expect(codes.status).toBe(201);
      const { page, errors } = await answer(surveyId);
      await page.getByLabel('Einladungscode').fill('AAAAA-BBBBB');
      await send(page, 403);
      await page.locator('#q-summary').waitFor({ state: 'visible', timeout: 10_000 });
      const sentence =
        'Diesen Einladungscode kennen wir nicht, oder er wurde schon verwendet. Bitte prüfen Sie den Code in Ihrem Einladungsschreiben.';
      expect(await page.locator('#e-__invitation').textContent()).toBe(sentence);
      expect(await page.locator('#q-summary-list').innerText()).toContain(sentence);
      expect(await page.locator('body').innerText()).not.toMatch(/unknown|already used/);

      await page.getByLabel('Einladungscode').fill(codes.body.codes[0]);
      await send(page, 201);
      await page.getByRole('heading', { name: 'Vielen Dank!' }).waitFor({ timeout: 10_000 });
      expect(errors).toEqual([]);
    });

    it('says in German that the wave no longer takes answers when it ended while the respondent answered', async () => {
      const { surveyId, waveId } = await openSurvey(false);
      const { page, errors } = await answer(surveyId);
      const ended = await call('PATCH', `/api/survey/surveys/${surveyId}/waves/${waveId}`, 'planer', {
        opensOn: day(-3),
        closesOn: day(-1),
      });
      expect(ended.status).toBe(200);
      // The public path reads a survey's waves at most every 2 s (CollectionService's context).
      await new Promise((resolve) => setTimeout(resolve, 2_100));
      await send(page, 409);
      await page
        .getByText(
          'Diese Befragung nimmt zurzeit keine Antworten an: Der Zeitraum dafür ist vorbei oder hat noch nicht begonnen.',
        )
        .waitFor({ timeout: 10_000 });
      expect(await page.locator('body').innerText()).not.toMatch(/this wave runs/);
      expect(errors).toEqual([]);
    });
  },
);
