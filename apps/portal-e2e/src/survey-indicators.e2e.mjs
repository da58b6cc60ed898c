// A survey's answers published as indicators of each area, as the planner of district Mitte does
// it in the "Indikatoren" tab: choose a question and the answers that count, see the values per
// area before they go out (suppressed where the results are), publish them for programmes and
// evaluations and read what was sent. The survey is seeded through the API on its own, so the test
// depends on no other. Registered in surveys.e2e.mjs (E2E_ONLY=surveys runs it).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { choice, question } from './form-nodes.mjs';
import { api, expectAccessible, login, newPage, tokenFor } from './session.mjs';

/** "Uses the library or the family centre": 9 of 12 in Stülerstraße, 1 of 2 in Großer Tiergarten. */
const ANSWERS = {
  '01011101': [
    ...Array(4).fill('bibliothek'),
    ...Array(3).fill('familienzentrum'),
    ...Array(2).fill('bibliothek familienzentrum'),
    ...Array(3).fill('sport'),
  ],
  '01011102': ['sport', 'bibliothek'],
};

/** A closed survey of two planning areas whose 14 responses are all released (the owner's release). */
async function seedSurvey(baseUrl, title) {
  const token = await tokenFor(baseUrl, 'planer');
  const call = (method, path, body) => api(baseUrl, token, method, path, body);
  const find = async (code, level) =>
    (await call('GET', `/api/registry/areas?q=${code}&level=${level}&limit=5`)).items.find(
      (a) => a.code === code,
    );
  const mitte = await find('01', 'bezirk');
  const areas = await Promise.all(Object.keys(ANSWERS).map((code) => find(code, 'planungsraum')));
  const survey = await call('POST', '/api/survey/surveys', { title, scopeAreaId: mitte.id });
  await call('PUT', `/api/survey/surveys/${survey.id}/form`, {
    form: {
      settings: { formId: 'angebote', title, defaultLanguage: 'de', extra: {} },
      children: [
        question('wohnort', 'area', 'Wo wohnen Sie?', { listName: 'gebiete', method: 'choice' }),
        question('angebote', 'select_multiple', 'Welche Angebote nutzen Sie?', { listName: 'angebote' }),
      ],
      choiceLists: [
        { name: 'gebiete', choices: areas.map((a) => choice(a.code, a.name)) },
        {
          name: 'angebote',
          choices: [
            choice('bibliothek', 'Bibliothek'),
            choice('familienzentrum', 'Familienzentrum'),
            choice('sport', 'Sportverein'),
          ],
        },
      ],
    },
  });
  await call('PUT', `/api/survey/surveys/${survey.id}/target-areas`, {
    areas: areas.map((a) => ({ areaId: a.id })),
  });
  const day = (offset) =>
    new Date(Date.now() + offset * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Europe/Berlin' });
  const wave = await call('POST', `/api/survey/surveys/${survey.id}/waves`, {
    name: 'Welle 1',
    opensOn: day(-1),
    closesOn: day(30),
  });
  await call('POST', `/api/survey/surveys/${survey.id}/status`, { status: 'open' });
  for (const [wohnort, answers] of Object.entries(ANSWERS))
    for (const angebote of answers)
      await call('POST', `/api/survey/surveys/${survey.id}/waves/${wave.id}/responses`, {
        answers: { wohnort, angebote },
      });
  // Closed, the owner may release what waits below k (Großer Tiergarten's two answers).
  await call('POST', `/api/survey/surveys/${survey.id}/status`, { status: 'closed' });
  await call('POST', `/api/survey/surveys/${survey.id}/waves/${wave.id}/results/release`);
  return { survey, wave, call };
}

/** @param {{ baseUrl: string|null, browser: import('playwright-core').Browser|null, outDir: string }} context */
export function surveyIndicatorTests(context, it) {
  it('defines a share of two answers as an indicator, previews it per area and publishes it', async () => {
    const title = `E2E-Indikatoren ${Date.now()}`;
    const { survey, wave, call } = await seedSurvey(context.baseUrl, title);
    const errors = [];
    const page = await newPage(context, errors);
    await login(page, context.baseUrl, `/surveys/${survey.id}`, 'planer');
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    await page.getByRole('tab', { name: 'Indikatoren' }).click();
    await page.getByText('Noch keine Indikatoren festgelegt.').waitFor();

    // The area question is no indicator: the multiple choice is the one question offered.
    await page.getByTestId('add-indicator').click();
    const editor = page.getByTestId('indicator-editor');
    assert.deepEqual(await editor.getByLabel('Frage', { exact: true }).locator('option').allInnerTexts(), [
      'Welche Angebote nutzen Sie? (angebote)',
    ]);
    await editor.getByLabel('Kennung').fill('E2E Angebote');
    await editor.getByLabel('Bezeichnung').fill('Nutzt Bibliothek oder Familienzentrum');
    await editor.getByTestId('save-indicator').click();
    // The code's pattern and the missing answers are said at their fields before anything is sent.
    await editor.getByText('Die Kennung beginnt mit einem Kleinbuchstaben').waitFor();
    await editor.getByText('Bitte wählen Sie mindestens eine Antwort der Frage.').waitFor();
    await editor.screenshot({ path: join(context.outDir, 'survey-indicator-editor.png') });
    await editor.getByLabel('Kennung').fill('e2e.angebote');
    await editor.getByLabel('Bibliothek (bibliothek)').check();
    await editor.getByLabel('Familienzentrum (familienzentrum)').check();
    await editor.getByTestId('save-indicator').click();
    await page.getByText('Indikatoren gespeichert (1).').waitFor();
    assert.match(
      await page.getByTestId('indicator-items').innerText(),
      /e2e\.angebote\s+Nutzt Bibliothek oder Familienzentrum\s+Welche Angebote nutzen Sie\?\s+Anteil mit einer der gewählten Antworten: Bibliothek, Familienzentrum/,
    );

    // Anyone choosing either counts once: 10 of 14 = 71,4 % (the options' shares add up to 78,6 %).
    const preview = page.getByTestId('indicator-preview');
    const total = preview.getByRole('row', { name: /Gesamt/ });
    await total.waitFor();
    assert.match(await total.innerText(), /71,4\s*%\s*\[\d+\s*%\s*–\s*\d+\s*%\] n = 14/);
    // Two answers are below k; the other area would reveal them from the level above.
    assert.match(await preview.getByRole('row', { name: /01011102/ }).innerText(), /unterdrückt \(< k\)/);
    assert.match(await preview.getByRole('row', { name: /01011101/ }).innerText(), /unterdrückt \(Schutz\)/);
    await page.getByText('Diese Welle wurde noch nicht als Indikatoren veröffentlicht.').waitFor();

    await page.getByRole('button', { name: 'Als Indikatoren veröffentlichen' }).click();
    const sent = page.getByTestId('indicators-published');
    await sent.waitFor();
    // What the confirmation counts is what the service computed for the results.
    const results = await call('GET', `/api/survey/surveys/${survey.id}/results?wave=${wave.id}`);
    const [item] = results.indicators;
    const cells = [...item.areas, ...item.parents];
    const values = cells.filter((c) => c.suppressed === null && c.value !== null).length;
    assert.ok(values > 0, 'a group above the areas is published');
    assert.match(
      await sent.innerText(),
      new RegExp(
        `Veröffentlicht für Programme und Evaluationen: ${values} Wert\\(e\\) von 1 Indikator\\(en\\) für die Welle „Welle 1“`,
      ),
    );
    assert.deepEqual(await sent.locator('ul.lines li').allInnerTexts(), [
      `e2e.angebote: ${values} Wert(e), 2 Gebiet(e) unterdrückt`,
      'Ohne Wert gemeldet (unterdrückt): 01011101 Stülerstraße, 01011102 Großer Tiergarten',
    ]);
    await page.getByText(/Diese Welle wurde zuletzt am .+ als Indikatoren veröffentlicht\./).waitFor();
    const published = await call('GET', `/api/survey/surveys/${survey.id}`);
    assert.notEqual(published.waves[0].resultsPublishedOn, null);
    await page.screenshot({ path: join(context.outDir, 'survey-indicators.png'), fullPage: true });
    await expectAccessible(page);
    assert.deepEqual(errors, []);
    await page.context().close();
  });
}
