// A submission the server refuses as a whole — an invitation code it does not know, a wave that
// ended while the respondent answered — is told in the page's language, worded by the refusal's
// error code: never the service's English ("this invitation code is unknown or was already used").
import { startServiceTestApp, type ServiceTestApp } from '@quartier/service-kit';
import { existsSync } from 'node:fs';
import { type Browser, type Page, chromium } from 'playwright-core';
import { type Form, importXlsForm, tablesToWorkbook } from '@quartier/survey-core';
import { SurveyApiModule } from '../survey-api.module';
import { SURVEY_SERVICE } from '../survey.definition';
import { day, testClock } from '../testing/survey-test-app';
import { TEST_AREAS } from '../testing/fixtures';

jest.setTimeout(120_000);

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

async function smallForm(): Promise<Form> {
  const imported = await importXlsForm(
    await tablesToWorkbook({
      survey: [
        ['type', 'name', 'label', 'required'],
        ['area gebiete', 'gebiet', 'In welchem Gebiet wohnen Sie?', 'yes'],
        ['integer', 'alter', 'Wie alt sind Sie?', 'yes'],
      ],
      choices: [
        ['list_name', 'name', 'label'],
        ['gebiete', '011101', 'Stülerstraße'],
        ['gebiete', '011102', 'Großer Tiergarten'],
      ],
      settings: [
        ['form_id', 'default_language'],
        ['nachbarschaft', 'de'],
      ],
    }),
  );
  if (!imported.ok) throw new Error(`fixture form does not import: ${JSON.stringify(imported.issues)}`);
  return imported.form;
}

(existsSync(CHROMIUM) ? describe : describe.skip)(
  'refusals of a whole submission on the public form (real PostgreSQL, real browser)',
  () => {
    let t: ServiceTestApp;
    let ids: Record<string, string>;
    let browser: Browser;

    const call = (...args: Parameters<ServiceTestApp['call']>) => t.call(...args);

    async function openSurvey(invitationOnly: boolean): Promise<{ surveyId: string; waveId: string }> {
      const created = await call('POST', '/api/survey/surveys', 'planer', {
        title: 'Nachbarschaft',
        scopeAreaId: ids['01'],
        form: await smallForm(),
      });
      expect(created.status).toBe(201);
      const surveyId: string = created.body.id;
      const targets = await call('PUT', `/api/survey/surveys/${surveyId}/target-areas`, 'planer', {
        areas: [{ areaId: ids['011101'] }, { areaId: ids['011102'] }],
      });
      expect(targets.status).toBe(200);
      const wave = await call('POST', `/api/survey/surveys/${surveyId}/waves`, 'planer', {
        name: 'Welle 1',
        opensOn: day(-1),
        closesOn: day(30),
        invitationOnly,
      });
      expect(wave.status).toBe(201);
      const open = await call('POST', `/api/survey/surveys/${surveyId}/status`, 'planer', { status: 'open' });
      expect(open.status).toBe(200);
      return { surveyId, waveId: wave.body.id };
    }

    async function answer(surveyId: string): Promise<Page> {
      const page = await (await browser.newContext({ locale: 'de-DE' })).newPage();
      page.on('pageerror', (error) => {
        throw error;
      });
      await page.goto(`${t.url}/api/survey/public/f/${surveyId}`);
      await page.getByRole('radio', { name: 'Stülerstraße' }).check();
      await page.getByLabel('Wie alt sind Sie?').fill('45');
      return page;
    }

    async function send(page: Page, status: number): Promise<void> {
      const responded = page.waitForResponse((r) => r.request().method() === 'POST');
      await page.getByRole('button', { name: 'Antworten absenden' }).click();
      expect((await responded).status()).toBe(status);
    }

    beforeAll(async () => {
      t = await startServiceTestApp(SURVEY_SERVICE, {
        module: (rt) =>
          SurveyApiModule.forRoot(rt, { publicRateLimit: { limit: 10_000, windowSeconds: 60 } }),
        runtime: { clock: testClock() },
      });
      ids = await t.seedAreas(
        'berlin-demo',
        TEST_AREAS.map((a) => ({ ...a })),
      );
      await t.grant('berlin-demo', 'planer', 'planner', ids['01']);
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        headless: true,
        args: ['--headless', '--no-sandbox', '--disable-gpu'],
      });
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
      const page = await answer(surveyId);
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
    });

    it('says in German that the wave no longer takes answers when it ended while the respondent answered', async () => {
      const { surveyId, waveId } = await openSurvey(false);
      const page = await answer(surveyId);
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
    });
  },
);
