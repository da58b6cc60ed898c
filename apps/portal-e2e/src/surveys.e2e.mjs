// A survey from start to results as the planner of district Mitte does it: build the
// questionnaire in the portal (area list from the target areas, a question with its own choice
// list), publish it with a wave, answer it on the public form without login (keyboard and
// axe-core checks, skip logic, error announcement), and see the results with the small cell
// shown as suppressed until a release point. Register in apps/portal-e2e/run.mjs next to portalTests:
//   import { surveyTests } from './src/surveys.e2e.mjs';   …   surveyTests(context);
import ExcelJS from 'exceljs';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { it as nodeIt } from 'node:test';
import { describeViolations, seriousA11yViolations } from './browser.mjs';
import { choice, question } from './form-nodes.mjs';
import { surveyIndicatorTests } from './survey-indicators.e2e.mjs';
import { api, downloadedCsv, expectAccessible, login, newPage, tokenFor } from './session.mjs';

/** @param {{ baseUrl: string|null, browser: import('playwright-core').Browser|null, outDir: string, root: string }} context */
export function surveyTests(context, it = nodeIt) {
  /** @type {import('playwright-core').Page} */
  let page;
  let formUrl;
  const consoleErrors = [];
  const title = `E2E-Befragung ${Date.now()}`;

  it('logs in as planer and creates a survey for Mitte', async () => {
    page = await newPage(context, consoleErrors);
    page.setDefaultTimeout(30_000);
    await login(page, context.baseUrl, '/surveys', 'planer');
    await page.getByRole('heading', { level: 1, name: 'Befragungen' }).waitFor();
    // The demo survey of the survey service's seeder is listed.
    await page.getByRole('link', { name: 'Nachbarschaftsbefragung Mitte 2025' }).waitFor();
    await page.getByLabel('Titel').fill(title);
    await page.getByLabel('Zuständiges Gebiet').selectOption({ label: '01 Mitte' });
    await page.getByRole('button', { name: 'Befragung anlegen' }).click();
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    const violations = await seriousA11yViolations(page);
    assert.deepEqual(violations, [], describeViolations(violations));
  });

  it('takes Mitte’s planning areas as target areas and builds the area list from them', async () => {
    await page.getByRole('tab', { name: 'Veröffentlichen' }).click();
    await page.getByLabel('Ebene').selectOption({ label: 'Planungsraum' });
    await page.getByTestId('take-all-areas').click();
    await page.getByRole('heading', { name: 'Zielgebiete (41)' }).waitFor();
    await page.getByTestId('sync-area-list').click();
    await page.getByRole('tab', { name: 'Fragebogen' }).click();
    await page.getByTestId('form-outline').getByText('In welchem Gebiet wohnen Sie?').waitFor();
  });

  it('adds a question with its own choice list; the service checks expressions live', async () => {
    await page.getByRole('button', { name: 'Liste hinzufügen' }).click();
    await page.getByRole('button', { name: 'liste_1 (1)', pressed: true }).waitFor();
    await page.getByLabel('Text (Deutsch) 1', { exact: true }).fill('ja');
    await page.getByRole('button', { name: 'Antwort hinzufügen' }).click();
    await page.getByLabel('Wert 2', { exact: true }).fill('nein');
    await page.getByLabel('Text (Deutsch) 2', { exact: true }).fill('nein');
    await page.getByTestId('add-question').click();
    await page.waitForFunction(() => document.querySelector('#f-name')?.value.startsWith('frage'));
    const editor = page.getByTestId('node-editor');
    await editor.getByLabel('Art').selectOption('select_one');
    await editor.getByLabel('Name (Variablenname)').fill('sicher');
    await editor.getByLabel('Text (Deutsch)').fill('Fühlen Sie sich in Ihrer Nachbarschaft sicher?');
    await editor.getByLabel('Auswahlliste').selectOption('liste_1');
    await editor.getByLabel('Pflichtfrage').check();
    // A typo in skip logic is reported at the field, by the core's rules on the server.
    await editor.getByLabel('Nur anzeigen, wenn (relevant)').fill('${gebiett} != ""');
    await page.getByTestId('problem-relevant').filter({ hasText: 'Unbekanntes Feld ${gebiett}.' }).waitFor();
    await editor.getByLabel('Nur anzeigen, wenn (relevant)').fill('');
    await page
      .getByTestId('form-check')
      .filter({ hasText: 'Der Fragebogen ist gültig.' })
      .waitFor({ timeout: 10_000 })
      .catch(async (error) => {
        const outline = await page.getByTestId('form-outline').innerText();
        const check = await page.getByTestId('form-check').innerText();
        throw new Error(
          `${error.message}\nform check: ${check}\noutline: ${outline}\nproblems: ${await page.getByTestId('all-problems').locator('li').allTextContents()}`,
        );
      });
    await page.getByTestId('save-form').click();
    await page.getByText(/Gespeichert als Version \d+/).waitFor();
    const violations = await seriousA11yViolations(page);
    assert.deepEqual(violations, [], describeViolations(violations));
  });

  it('downloads the saved questionnaire as an XLSForm workbook', async () => {
    const waiting = page.waitForEvent('download');
    await page.getByRole('button', { name: 'XLSForm herunterladen' }).click();
    const file = await waiting;
    assert.match(file.suggestedFilename(), /^[^\\/:*?"<>|]+\.xlsx$/);
    // An .xlsx is a zip archive: it starts with "PK".
    assert.equal((await readFile(await file.path())).subarray(0, 2).toString('latin1'), 'PK');
  });

  it('refuses an XLSForm with errors, naming each one’s sheet, row and column in German', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('survey').addRows([
      ['type', 'name', 'label::de'],
      ['selec_one ja_nein', 'q1', 'Frage'],
      ['text', 'q1', 'Noch eine Frage'],
    ]);
    workbook.addWorksheet('settings').addRows([['form_id'], ['kaputt']]);
    await page.getByTestId('xlsform-input').setInputFiles({
      name: 'fragebogen.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: Buffer.from(await workbook.xlsx.writeBuffer()),
    });
    const notice = page.locator('q-notice', { hasText: 'Die XLSForm enthält Fehler:' });
    await notice.waitFor();
    // Worded by the service's codes, not its English lines (`survey row 2, column type: …`).
    assert.deepEqual(await notice.locator('ul.lines li').allInnerTexts(), [
      'Blatt „survey“, Zeile 2, Spalte „type“: Die Fragenart „selec_one ja_nein“ ist unbekannt.',
      'Blatt „survey“, Zeile 3, Spalte „name“: Der Name „q1“ ist schon vergeben. Erstes Vorkommen: Zeile 2.',
    ]);
    // Nothing was stored: the questionnaire built above is still the one shown.
    await page
      .getByTestId('form-outline')
      .getByText('Fühlen Sie sich in Ihrer Nachbarschaft sicher?')
      .waitFor();
  });

  it('refuses to publish without a wave, saying so in German, then publishes with one and offers a link and QR code per area', async () => {
    await page.getByRole('tab', { name: 'Veröffentlichen' }).click();
    // Without a wave the service refuses; the reason reads in German, by its code.
    await page.getByTestId('publish').click();
    await page.getByRole('alert').getByText('Die Befragung hat noch keine Welle.').waitFor();
    await page.getByLabel('Name der Welle').fill('Welle 1');
    await page.getByRole('button', { name: 'Welle hinzufügen' }).click();
    await page
      .getByRole('cell', { name: 'Welle 1' })
      .or(page.getByRole('rowheader', { name: 'Welle 1' }))
      .first()
      .waitFor();
    await page.getByTestId('publish').click();
    await page.getByRole('heading', { name: 'Status: offen' }).waitFor();
    const link = page.getByTestId('survey-links').locator('a[data-area="01011101"]');
    await link.waitFor();
    formUrl = await link.getAttribute('href');
    assert.match(formUrl, /\/api\/survey\/public\/f\/[0-9a-f-]{36}\?area=01011101$/);
    const qr = page.getByRole('img', { name: 'QR-Code für Stülerstraße' });
    await qr.scrollIntoViewIfNeeded();
    // Lazy images load when scrolled into view; decode() resolves once the SVG is rendered.
    assert.ok(
      await qr.evaluate((img) => img.decode().then(() => img.naturalWidth > 0)),
      'the QR code SVG loads',
    );
  });

  it('refuses a paper import with errors, naming each row’s problem in German; nothing is imported', async () => {
    await page.getByTestId('responses-input').setInputFiles({
      name: 'papierfrageboegen.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('gebiet,sicher,hobby\n01011101,vielleicht,\n'),
    });
    const notice = page
      .getByTestId('import-message')
      .getByRole('alert')
      .filter({ hasText: 'Die Datei enthält Fehler; es wurde nichts importiert.' });
    await notice.waitFor();
    // Worded by the service's codes, not its English reasons ('"hobby" is not a question of this form').
    assert.deepEqual(await notice.locator('ul.lines li').allInnerTexts(), [
      'Zeile 1, Spalte „hobby“: „hobby“ ist keine Frage dieses Fragebogens.',
      'Zeile 2, Spalte „sicher“: „vielleicht“ ist keine Antwort der Auswahlliste „liste_1“.',
    ]);
    assert.equal(
      await page
        .getByRole('row', { name: /Welle 1/ })
        .getByRole('cell')
        .last()
        .innerText(),
      '0',
    );
    const violations = await seriousA11yViolations(page);
    assert.deepEqual(violations, [], describeViolations(violations));
  });

  it('is answered on the public form without login: accessible, errors announced and focused', async () => {
    const anonymous = await context.browser.newContext({
      viewport: { width: 390, height: 844 },
      locale: 'de-DE',
    });
    const form = await anonymous.newPage();
    form.setDefaultTimeout(20_000);
    await form.goto(formUrl);
    await form.locator('#q-form:not([hidden])').waitFor();
    assert.equal(await form.evaluate(() => document.cookie), '');
    let violations = await seriousA11yViolations(form);
    assert.deepEqual(violations, [], describeViolations(violations));
    // The link preselected the area; submitting without the required answer moves focus to it.
    assert.equal(await form.locator('#f-gebiet').inputValue(), '01011101');
    await form.getByRole('button', { name: 'Antworten absenden' }).click();
    await form.locator('#q-alert').filter({ hasText: '1 Angabe(n) müssen korrigiert werden.' }).waitFor();
    assert.equal(await form.evaluate(() => document.activeElement?.getAttribute('name')), 'sicher');
    assert.equal(await form.locator('#e-sicher').innerText(), 'Bitte beantworten Sie diese Frage.');
    violations = await seriousA11yViolations(form);
    assert.deepEqual(violations, [], describeViolations(violations));
    // Keyboard only: the arrow keys choose within the radio group, Enter does not submit early.
    await form.keyboard.press('Space');
    await form.getByRole('button', { name: 'Antworten absenden' }).focus();
    await form.keyboard.press('Enter');
    await form.getByRole('heading', { name: 'Vielen Dank!' }).waitFor();
    await form.screenshot({ path: join(context.outDir, 'survey-public-form-thanks.png') });
    await anonymous.close();
  });

  it('shows the results with the single response unpublished until a release (k = 10)', async () => {
    await page.getByRole('tab', { name: 'Ergebnisse' }).click();
    const table = page.getByTestId('respondents-table');
    await table.waitFor();
    // One response is no release point: readers see the last release (none yet), so comparing
    // results before and after a submission reveals nothing. The owner may release the rest
    // only once the wave has ended.
    const release = page.getByTestId('release-info');
    assert.match(await release.innerText(), /Noch keine Ergebnisse freigegeben/);
    assert.equal(await page.getByRole('button', { name: 'Ergebnisse freigeben' }).isDisabled(), true);
    const row = table.getByRole('row', { name: /01011101 Stülerstraße/ });
    assert.match(await row.innerText(), /gesperrt \(< k\)/);
    const sicher = page.locator('table[data-question="sicher"]');
    await sicher.waitFor();
    assert.ok(
      (await sicher.locator('td[data-suppressed]').count()) > 0,
      'suppressed cells are shown as suppressed',
    );
    assert.equal(
      await sicher.locator('td', { hasText: '%' }).count(),
      0,
      'no share is published for a single respondent',
    );
    await page.screenshot({ path: join(context.outDir, 'survey-results.png'), fullPage: true });
    const violations = await seriousA11yViolations(page);
    assert.deepEqual(violations, [], describeViolations(violations));
    assert.deepEqual(consoleErrors, []);
  });

  it('refuses, once responses exist, a questionnaire change that would break them, saying which in German', async () => {
    await page.getByRole('tab', { name: 'Fragebogen' }).click();
    await page.getByRole('button', { name: 'sicher löschen' }).click();
    await page.getByTestId('save-form').click();
    const notice = page.getByRole('alert').filter({ hasText: 'Nicht gespeichert: Es gibt schon Antworten' });
    await notice.waitFor();
    // Worded by the service's code, not its English reason ('question sicher was removed').
    assert.deepEqual(await notice.locator('ul.lines li').allInnerTexts(), [
      'Die Frage sicher wurde entfernt.',
    ]);
  });

  it('publishes a survey placing respondents by map point: the portal hands the registry boundaries over, the form places a typed point', async () => {
    await page.goto(`${context.baseUrl}/surveys`);
    await page.getByRole('heading', { level: 1, name: 'Befragungen' }).waitFor();
    await page.getByLabel('Titel').fill(`${title} Karte`);
    await page.getByLabel('Zuständiges Gebiet').selectOption({ label: '01 Mitte' });
    await page.getByRole('button', { name: 'Befragung anlegen' }).click();
    await page.getByRole('heading', { level: 1, name: `${title} Karte` }).waitFor();
    await page.getByRole('tab', { name: 'Veröffentlichen' }).click();
    await page.getByLabel('Ebene').selectOption({ label: 'Planungsraum' });
    await page.getByTestId('take-all-areas').click();
    await page.getByRole('heading', { name: 'Zielgebiete (41)' }).waitFor();
    await page.getByTestId('sync-area-list').click();
    await page.getByRole('tab', { name: 'Fragebogen' }).click();
    await page.getByTestId('form-outline').getByText('In welchem Gebiet wohnen Sie?').click();
    await page.getByTestId('node-editor').getByLabel('Zuordnung zum Gebiet').selectOption('point');
    await page.getByTestId('save-form').click();
    await page.getByText(/Gespeichert als Version \d+/).waitFor();
    await page.getByRole('tab', { name: 'Veröffentlichen' }).click();
    await page.getByLabel('Name der Welle').fill('Welle 1');
    await page.getByRole('button', { name: 'Welle hinzufügen' }).click();
    await page
      .getByRole('cell', { name: 'Welle 1' })
      .or(page.getByRole('rowheader', { name: 'Welle 1' }))
      .first()
      .waitFor();
    await page.getByTestId('publish').click();
    await page.getByRole('heading', { name: 'Status: offen' }).waitFor();
    await page.getByText('Grenzen von 41 Zielgebieten an die Befragung übergeben.').waitFor();
    const url = await page
      .getByTestId('survey-links')
      .getByRole('link', { name: 'ohne Gebietsvorauswahl' })
      .getAttribute('href');

    const anonymous = await context.browser.newContext({
      viewport: { width: 390, height: 844 },
      locale: 'de-DE',
    });
    const form = await anonymous.newPage();
    form.setDefaultTimeout(20_000);
    await form.goto(url);
    await form.locator('#q-form:not([hidden])').waitFor();
    // Outside Mitte: the server finds no area and the form says so at the question.
    await form.getByLabel('Breite (Grad Nord)').fill('52,40');
    await form.getByLabel('Länge (Grad Ost)').fill('13,70');
    await form.getByRole('button', { name: 'Antworten absenden' }).click();
    await form
      .locator('#e-gebiet')
      .filter({ hasText: 'Dieser Ort liegt in keinem Gebiet dieser Befragung.' })
      .waitFor();
    const violations = await seriousA11yViolations(form);
    assert.deepEqual(violations, [], describeViolations(violations));
    // A point in Stülerstraße (01011101) by the real LOR boundaries.
    await form.getByLabel('Breite (Grad Nord)').fill('52.5065');
    await form.getByLabel('Länge (Grad Ost)').fill('13.3457');
    await form.getByRole('button', { name: 'Antworten absenden' }).click();
    await form.getByRole('heading', { name: 'Vielen Dank!' }).waitFor();
    await anonymous.close();
    assert.deepEqual(consoleErrors, []);
  });

  it('lets a viewer read the released, k-anonymous results — the only tab they get, no error', async () => {
    const errors = [];
    const viewer = await newPage(context, errors);
    await login(viewer, context.baseUrl, '/surveys', 'viewer');
    await viewer.getByRole('heading', { level: 1, name: 'Befragungen' }).waitFor();
    await viewer.getByRole('link', { name: 'Nachbarschaftsbefragung Mitte 2025' }).click();
    await viewer.getByRole('heading', { level: 1, name: 'Nachbarschaftsbefragung Mitte 2025' }).waitFor();
    const tabs = await viewer.getByRole('tab').allInnerTexts();
    assert.deepEqual(
      tabs.map((tab) => tab.trim()),
      ['Ergebnisse'],
    );
    assert.equal(await viewer.getByRole('tab', { name: 'Ergebnisse' }).getAttribute('aria-selected'), 'true');
    const table = viewer.getByTestId('respondents-table');
    await table.waitFor();
    assert.match(await viewer.getByTestId('release-info').innerText(), /Freigabe vom/);
    // Small cells stay suppressed for the viewer too; larger ones show their counts.
    const cells = await table.locator('tbody tr').allInnerTexts();
    assert.ok(
      cells.some((row) => /gesperrt \(< k\)/.test(row)),
      'a suppressed area',
    );
    assert.ok(
      cells.some((row) => /\b\d{2,}\b/.test(row.split('\t').slice(2).join(' '))),
      'an area with its respondents',
    );
    assert.equal(await viewer.getByTestId('release-results').count(), 0, 'no release button for readers');
    await expectAccessible(viewer);
    assert.deepEqual(errors, []);
    await viewer.context().close();
  });

  it('counts top-2 by the scale’s direction and keeps a scale when an area question is added', async () => {
    // Set up through the API (fast): a scale written from "sehr zufrieden" down, marked
    // descending, an area question with its own list, one target area, 11 interviewer entries.
    const token = await tokenFor(context.baseUrl, 'planer');
    const call = (method, path, body) => api(context.baseUrl, token, method, path, body);
    const find = async (code, level) =>
      (await call('GET', `/api/registry/areas?q=${code}&level=${level}&limit=5`)).items.find(
        (a) => a.code === code,
      );
    const mitte = await find('01', 'bezirk');
    const area = await find('01011101', 'planungsraum');
    const survey = await call('POST', '/api/survey/surveys', {
      title: `${title} Skala`,
      scopeAreaId: mitte.id,
    });
    await call('PUT', `/api/survey/surveys/${survey.id}/form`, {
      form: {
        settings: { formId: 'skala', title: `${title} Skala`, defaultLanguage: 'de', extra: {} },
        children: [
          question('wohnort', 'area', 'Wo wohnen Sie?', { listName: 'gebiete', method: 'choice' }),
          question('zufrieden', 'select_one', 'Wie zufrieden sind Sie mit Ihrer Nachbarschaft?', {
            listName: 'zufriedenheit',
            likert: true,
            scaleDirection: 'descending',
          }),
        ],
        choiceLists: [
          { name: 'gebiete', choices: [choice('01011101', 'Stülerstraße')] },
          {
            name: 'zufriedenheit',
            choices: [
              choice('sehr', 'sehr zufrieden'),
              choice('eher', 'zufrieden'),
              choice('teils', 'teils, teils'),
              choice('wenig', 'unzufrieden'),
              choice('gar_nicht', 'gar nicht zufrieden'),
            ],
          },
        ],
      },
    });
    await call('PUT', `/api/survey/surveys/${survey.id}/target-areas`, { areas: [{ areaId: area.id }] });
    const day = (offset) =>
      new Date(Date.now() + offset * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Europe/Berlin' });
    const wave = await call('POST', `/api/survey/surveys/${survey.id}/waves`, {
      name: 'Welle 1',
      opensOn: day(-1),
      closesOn: day(30),
    });
    await call('POST', `/api/survey/surveys/${survey.id}/status`, { status: 'open' });
    const answers = [
      'sehr',
      'sehr',
      'sehr',
      'sehr',
      'eher',
      'eher',
      'eher',
      'teils',
      'teils',
      'wenig',
      'gar_nicht',
    ];
    for (const zufrieden of answers)
      await call('POST', `/api/survey/surveys/${survey.id}/waves/${wave.id}/responses`, {
        answers: { wohnort: '01011101', zufrieden },
      });

    await page.goto(`${context.baseUrl}/surveys/${survey.id}`);
    await page.getByRole('tab', { name: 'Ergebnisse' }).click();
    // 11 responses in one area: released (≥ k), and top-2 counts the first two answers.
    assert.equal(
      (await page.getByTestId('scale-info').innerText()).trim(),
      'Skala absteigend: Top-2 = sehr zufrieden, zufrieden',
    );
    const total = page.locator('table[data-question="zufrieden"] tbody tr').filter({ hasText: 'Gesamt' });
    assert.match(await total.innerText(), /63,6\s*%/, 'top-2 = 7 of 11 (the two worst would be 18,2 %)');
    // The download holds the table as shown, numbers as numbers: counts and shares per answer.
    const csv = await downloadedCsv(page, 'results-zufrieden-download');
    assert.deepEqual(csv[0].slice(0, 5), [
      'Gebiet',
      'n',
      'Top-2',
      'Top-2 95-%-KI unten',
      'Top-2 95-%-KI oben',
    ]);
    assert.equal(csv[0][5], 'sehr zufrieden (Anzahl)');
    const totalRow = csv.find((row) => row[0] === 'Gesamt');
    assert.equal(totalRow[1], '11');
    assert.equal(Number(totalRow[2]).toFixed(3), '0.636');
    assert.equal(
      csv.length - 1,
      await page.locator('table[data-question="zufrieden"] tbody tr').count(),
      'a row per table row',
    );

    // The builder shows the direction; a new area question gets no existing list (the scale).
    await page.getByRole('tab', { name: 'Fragebogen' }).click();
    await page
      .getByTestId('form-outline')
      .getByText('Wie zufrieden sind Sie mit Ihrer Nachbarschaft?')
      .click();
    assert.equal(await page.locator('#f-scale').inputValue(), 'descending');
    assert.match(await page.getByTestId('scale-top-two').innerText(), /Top-2 = sehr zufrieden, zufrieden/);
    await page.getByTestId('add-question').click();
    // The editor re-renders for the new question after the click: choosing the type before that
    // would change the scale question's own type (seen once in CI).
    await page.waitForFunction(() => document.querySelector('#f-name')?.value.startsWith('frage'));
    await page.getByTestId('node-editor').getByLabel('Art').selectOption('area');
    await page.waitForFunction(() => document.querySelector('#f-type')?.value === 'area');
    assert.match(await page.locator('#f-name').inputValue(), /^frage/, 'the new question is the one edited');
    assert.notEqual(await page.locator('#f-list').inputValue(), 'zufriedenheit');

    // Building the area list refills the area question's own list and says so; the scale stays.
    await page.getByRole('tab', { name: 'Veröffentlichen' }).click();
    await page.getByTestId('sync-area-list').click();
    await page
      .getByText('Auswahlliste „gebiete“ der Frage „wohnort“ mit 1 Zielgebieten neu gefüllt.')
      .waitFor();
    await page.getByRole('tab', { name: 'Fragebogen' }).click();
    await page.getByRole('button', { name: 'zufriedenheit (5)' }).waitFor();
    await page.getByRole('button', { name: 'gebiete (1)' }).waitFor();
    assert.deepEqual(consoleErrors, []);
  });

  surveyIndicatorTests(context, it);
}
