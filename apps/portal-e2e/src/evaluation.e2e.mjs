// An evaluation from design to finalisation, as the evaluator and the programme manager of the
// Berlin demo do it: the evaluator builds an evaluation of "Quartiersmanagement (Demo)" (its own,
// with a unique title), matches comparison areas on the map, drops and adds one with a reason,
// reads the difference-in-differences and its event study, rates the DAC criteria, freezes the
// evidence and submits; the programme manager finalises it (four-eyes principle). German UI,
// keyboard-reachable controls, axe-core checks. Register in apps/portal-e2e/run.mjs:
//   import { evaluationTests } from './src/evaluation.e2e.mjs';   …   evaluationTests(context);
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { it as nodeIt } from 'node:test';
import { downloadedCsv, drawnFeatures, expectAccessible, germanNumber, login, newPage } from './session.mjs';

/** @param {{ baseUrl: string|null, browser: import('playwright-core').Browser|null, outDir: string, root: string }} context */
export function evaluationTests(context, it = nodeIt) {
  /** @type {import('playwright-core').Page} */
  let page;
  let evaluationPath;
  const consoleErrors = [];
  const title = `E2E-Evaluation ${Date.now()}`;

  it('logs in as evaluator, sees the demo evaluations and creates one of the demo programme', async () => {
    page = await newPage(context, consoleErrors);
    await login(page, context.baseUrl, '/evaluation', 'evaluator');
    await page.getByRole('heading', { level: 1, name: 'Evaluation' }).waitFor();
    await page
      .getByTestId('evaluation-list')
      .getByRole('link', { name: 'Quartiersmanagement (Demo): Wirkungsevaluation 2015–2018' })
      .waitFor();
    await expectAccessible(page);
    const form = page.getByTestId('create-evaluation');
    await form.getByLabel('Titel').fill(title);
    await form.getByRole('radio', { name: 'Programm' }).check();
    await form
      .getByRole('combobox', { name: 'Programm', exact: true })
      .selectOption({ label: 'Quartiersmanagement (Demo)' });
    await form.getByLabel('Start (erster Zeitraum „nachher“)').fill('2015');
    await form
      .getByLabel('Evaluationsfragen (eine Leerzeile trennt zwei Fragen)')
      .fill(
        'Ist die Arbeitslosigkeit in den Fördergebieten stärker gesunken als in vergleichbaren Gebieten?',
      );
    await page.getByRole('button', { name: 'Evaluation anlegen' }).click();
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    evaluationPath = new URL(page.url()).pathname;
    assert.match(evaluationPath, /^\/evaluation\/[0-9a-f-]{36}$/);
    assert.equal(await page.getByTestId('evaluation-status').innerText(), 'Entwurf');
  });

  it('designs the evaluation: S1 and S4 as outcomes, comparison areas matched on them, shown on the map with a balance table', async () => {
    await page.getByRole('tab', { name: 'Design' }).click();
    const form = page.getByTestId('design-form');
    await form.getByRole('checkbox', { name: 'Arbeitslosigkeit (SGB II) (S1)' }).check();
    await form.getByRole('checkbox', { name: 'Kinderarmut (Transferbezug unter 15 J.) (S4)' }).check();
    // All periods with values until the periods are chosen one by one.
    const allPeriods = form.getByRole('radio', { name: 'Alle Zeiträume mit Werten' });
    const periodBoxes = form.locator('[role="group"][aria-label="Zeiträume"] input[type="checkbox"]');
    assert.equal(await allPeriods.isChecked(), true);
    assert.equal(await periodBoxes.count(), 0);
    await form.getByRole('radio', { name: 'Zeiträume auswählen' }).check();
    await periodBoxes.first().waitFor();
    await allPeriods.check();
    await periodBoxes.first().waitFor({ state: 'detached' });
    await form.getByTestId('use-matching').check();
    // Matching starts from the outcomes' baseline values.
    assert.equal(await form.getByRole('checkbox', { name: 'S1', exact: true }).isChecked(), true);
    assert.equal(await form.getByRole('checkbox', { name: 'S4', exact: true }).isChecked(), true);
    assert.equal(await form.getByRole('checkbox', { name: 'S3', exact: true }).isChecked(), false);
    await form.getByRole('button', { name: 'Design speichern und berechnen' }).click();
    await page.getByText('Design gespeichert; die Ergebnisse werden neu berechnet.').waitFor();
    assert.ok(
      (await drawnFeatures(page, 'design-map', 401, 'data-rendered')) > 400,
      'every planning area drawn',
    );
    const legend = await page.getByTestId('map-legend').innerText();
    const count = (role) => Number(new RegExp(`${role}: (\\d+)`).exec(legend)?.[1]);
    assert.ok(count('evaluiertes Gebiet') >= 2, legend);
    assert.ok(count('Vergleichsgebiet') >= 2, legend);
    assert.ok(count('Kandidat \\(nicht gewählt\\)') > 300, legend);
    // The demo evaluator is tenant-wide: the pool their design fixed is the whole city.
    assert.equal(
      await page.getByTestId('comparison-pool').innerText(),
      'Vergleichsgebiete gesucht in: ganze Stadt',
    );
    const comparison = page.locator('[data-testid="comparison-table"] tbody tr');
    assert.equal(await comparison.count(), count('Vergleichsgebiet'));
    const comparisonCsv = await downloadedCsv(page, 'comparison-download');
    assert.deepEqual(comparisonCsv[0], ['Schlüssel', 'Name', 'Herkunft', 'Gewicht']);
    assert.deepEqual(
      comparisonCsv.slice(1).map((row) => row[0]),
      (await comparison.locator('th').allInnerTexts()).map((code) => code.trim()),
    );
    const balance = await page.locator('[data-testid="balance-table"] tbody tr').allInnerTexts();
    assert.equal(balance.length, 2);
    assert.match(balance[0], /^Arbeitslosigkeit \(SGB II\) \(S1\)/);
    await page
      .getByTestId('design-map')
      .screenshot({ path: join(context.outDir, 'evaluation-design-map.png') });
    // The map as SVG, in the view shown: a path per planning area, the evaluated ones outlined
    // thickly, the roles as legend.
    const waiting = page.waitForEvent('download');
    await page.getByTestId('design-map-download-svg').click();
    const file = await waiting;
    assert.equal(file.suggestedFilename(), 'karte-evaluation.svg');
    const svg = await readFile(await file.path(), 'utf8');
    assert.ok((svg.match(/<path /g) ?? []).length > 400, 'a path per planning area');
    assert.equal((svg.match(/<path [^>]*stroke-width="2.5"/g) ?? []).length, count('evaluiertes Gebiet'));
    assert.match(svg, /<text x="28" y="\d+">Vergleichsgebiet<\/text>/);
    await expectAccessible(page);
  });

  it('drops a comparison area and adds another, each with a reason', async () => {
    const rows = page.locator('[data-testid="comparison-table"] tbody tr');
    const before = await rows.count();
    const adjust = page.getByTestId('adjust-form');
    const area = adjust.getByLabel('Gebiet', { exact: true });
    await adjust.getByRole('radio', { name: 'Vergleichsgebiet entfernen' }).check();
    await area.locator('option').nth(1).waitFor({ state: 'attached' });
    const dropped = (await area.locator('option').nth(1).innerText()).split(' ')[0];
    await area.selectOption({ index: 1 });
    await adjust.getByLabel('Begründung').fill('Großes Neubaugebiet seit 2016: nicht vergleichbar');
    await adjust.getByRole('button', { name: 'Änderung übernehmen' }).click();
    await page.getByTestId('adjustments-table').getByText('Großes Neubaugebiet seit 2016').waitFor();
    await page.waitForFunction(
      (code) =>
        ![...document.querySelectorAll('[data-testid="comparison-table"] tbody th')].some(
          (th) => th.textContent.trim() === code,
        ),
      dropped,
    );
    assert.equal(await rows.count(), before - 1);

    const inUse = await page.locator('[data-testid="comparison-table"] tbody th').allInnerTexts();
    await adjust.getByRole('radio', { name: 'Gebiet als Vergleichsgebiet hinzufügen' }).check();
    // The select still lists the comparison areas (the drop choices) until it re-renders for
    // adding: wait for that list, then take another area than the one just dropped.
    const codesOffered = () =>
      area.evaluate((select) => [...select.options].slice(1).map((o) => o.text.split(' ')[0]));
    await page.waitForFunction(
      ([id, codes]) => {
        const options = [...(document.querySelector(`#${id}`)?.options ?? [])].slice(1);
        return options.length > 1 && options.every((o) => !codes.includes(o.text.split(' ')[0]));
      },
      [await area.getAttribute('id'), inUse.map((code) => code.trim())],
    );
    const offered = await codesOffered();
    const added = offered.find((code) => code !== dropped);
    await area.selectOption({ index: offered.indexOf(added) + 1 });
    await adjust.getByLabel('Begründung').fill('Fachlich vergleichbares Gebiet im selben Bezirk');
    await adjust.getByRole('button', { name: 'Änderung übernehmen' }).click();
    const addedRow = page.locator('[data-testid="comparison-table"] tbody tr', {
      has: page.locator('th', { hasText: new RegExp(`^${added}$`) }),
    });
    await addedRow.filter({ hasText: 'hinzugefügt' }).waitFor();
    assert.equal(await page.locator('[data-testid="adjustments-table"] tbody tr').count(), 2);
  });

  it('reads the difference-in-differences of S1: the estimate is the change of the group means, with an event study per period', async () => {
    await page.getByRole('tab', { name: 'Ergebnisse' }).click();
    const outcome = page.getByTestId('outcome-S1');
    await outcome.getByTestId('did-sentence').waitFor();
    assert.match(
      await outcome.getByTestId('did-sentence').innerText(),
      /^DiD [+\u2212]?\d+,\d\d % \(95-%-Intervall /,
    );
    const facts = await outcome.getByTestId('did-facts').locator('dd').allInnerTexts();
    const estimate = germanNumber(facts[0]);
    const [low, high] = facts[1].split('…').map(germanNumber);
    assert.ok(low < estimate && estimate < high, `${low} < ${estimate} < ${high}`);
    // The DiD model is saturated in its four cells: estimate = Δ treated mean − Δ comparison mean.
    const changes = await outcome
      .locator('table', { hasText: 'Gruppenmittel' })
      .locator('tbody tr td:last-child')
      .allInnerTexts();
    const [treatedChange, comparisonChange] = changes.map(germanNumber);
    assert.ok(
      Math.abs(treatedChange - comparisonChange - estimate) < 0.011,
      `${treatedChange} − ${comparisonChange} vs ${estimate}`,
    );
    // The download: the group means as numbers, then the estimate.
    const did = await downloadedCsv(outcome, 'did-download');
    assert.deepEqual(did[0], ['Gruppe', 'vorher', 'nachher', 'Veränderung']);
    assert.equal(did[1][0], 'evaluiert');
    assert.ok(Math.abs(Number(did[1][3]) - treatedChange) < 0.006, `${did[1][3]} vs ${treatedChange}`);
    const estimateRow = did.find((row) => row[0] === 'Schätzung');
    assert.ok(Math.abs(Number(estimateRow[3]) - estimate) < 0.0006, `${estimateRow[3]} vs ${estimate}`);
    await outcome.getByTestId('event-study-chart').locator('svg').first().waitFor();
    const study = await outcome.locator('[data-testid="event-study-table"] tbody tr').allInnerTexts();
    assert.deepEqual(
      study.map((row) => row.split('\t').slice(0, 2)),
      [
        ['\u22122', '2012'],
        ['\u22121', '2014'],
        ['0', '2016'],
        ['+1', '2018'],
      ],
    );
    assert.match(study[1], /Referenz/);
    assert.match(await page.getByTestId('results-source').innerText(), /Live-Daten/);
    await outcome.screenshot({ path: join(context.outDir, 'evaluation-did.png') });
    await expectAccessible(page);
  });

  it('rates effectiveness with justification and evidence, then the other five criteria', async () => {
    await page.getByRole('tab', { name: 'DAC-Bewertung' }).click();
    const effectiveness = page.getByTestId('rating-effectiveness');
    await effectiveness.getByRole('radio', { name: /^2 – erfolgreich/ }).check();
    await effectiveness
      .getByLabel('Begründung')
      .fill('Die Arbeitslosigkeit ist in den Fördergebieten stärker gesunken als in den Vergleichsgebieten.');
    await effectiveness.getByRole('button', { name: 'Beleg hinzufügen' }).click();
    await effectiveness.getByLabel('Art').selectOption({ label: 'Differenz-von-Differenzen' });
    await effectiveness.getByLabel('Bezug (Indikator, Merkmal, Dokument)').fill('S1');
    await effectiveness.getByRole('button', { name: 'Bewertung speichern' }).click();
    await effectiveness.getByText('Effektivität: gespeichert.').waitFor();
    assert.equal(
      await effectiveness.getByTestId('rating-effectiveness-current').innerText(),
      '2 – erfolgreich',
    );
    for (const criterion of ['relevance', 'coherence', 'efficiency', 'impact', 'sustainability']) {
      const section = page.getByTestId(`rating-${criterion}`);
      await section.getByRole('radio', { name: /^3 – eingeschränkt erfolgreich/ }).check();
      await section.getByLabel('Begründung').fill('Bewertet in der E2E-Prüfung anhand der Befunde.');
      await section.getByRole('button', { name: 'Bewertung speichern' }).click();
      await section.getByText(': gespeichert.').waitFor();
    }
    await expectAccessible(page);
  });

  it('freezes the evidence: id, content hash and time shown, the live data compare as identical', async () => {
    await page.getByRole('tab', { name: 'Datenstand' }).click();
    await page.getByTestId('take-snapshot').click();
    await page.getByText('Datenstand eingefroren.').waitFor();
    assert.match(await page.getByTestId('snapshot-hash').innerText(), /^[0-9a-f]{64}$/);
    assert.match(await page.getByTestId('snapshot-info').innerText(), /Kennung\s+[0-9a-f-]{36}/);
    await page.getByTestId('compare-live').click();
    await page.getByTestId('live-comparison').getByText('Keine Unterschiede').waitFor();
    assert.equal(await page.locator('[data-testid="snapshot-history"] tbody tr').count(), 1);
    await expectAccessible(page);
  });

  it('downloads the frozen evidence as its JSON document', async () => {
    const id = (await page.getByTestId('snapshot-info').innerText()).match(/[0-9a-f-]{36}/)[0];
    const waiting = page.waitForEvent('download');
    await page
      .getByTestId('snapshot-history')
      .getByRole('button', { name: 'Datenstand als JSON herunterladen' })
      .click();
    const file = await waiting;
    assert.equal(file.suggestedFilename(), `evidence-${id}.json`);
    assert.equal(typeof JSON.parse(await readFile(await file.path(), 'utf8')), 'object');
  });

  it('submits for review; finalising is left to someone else', async () => {
    await page.getByRole('tab', { name: 'Überblick' }).click();
    await page.getByTestId('action-submit').click();
    await page.getByText('Status: In Prüfung.').waitFor();
    assert.equal(await page.getByTestId('evaluation-status').innerText(), 'In Prüfung');
    assert.equal(await page.getByTestId('action-finalise').count(), 0);
    assert.deepEqual(consoleErrors, []);
  });

  it('the programme manager finalises it; the numbers now come from the frozen evidence', async () => {
    const manager = await newPage(context, consoleErrors);
    await login(manager, context.baseUrl, evaluationPath, 'programm');
    await manager.getByRole('heading', { level: 1, name: title }).waitFor();
    await manager.getByLabel('Kommentar (optional)').fill('Geprüft und abgenommen.');
    await manager.getByTestId('action-finalise').click();
    await manager.getByText('Status: Abgeschlossen.').waitFor();
    // The audit trail reloads after the status changed: read it once its third entry is there.
    const auditRows = manager.locator('[data-testid="audit-table"] tbody tr');
    await auditRows.nth(2).waitFor();
    const audit = await auditRows.allInnerTexts();
    assert.deepEqual(
      audit.map((row) => row.split('\t')[0]),
      ['angelegt', 'eingereicht', 'abgeschlossen'],
    );
    assert.match(audit[2], /Geprüft und abgenommen\./);
    await manager.getByRole('tab', { name: 'Ergebnisse' }).click();
    await manager
      .getByTestId('results-source')
      .getByText(/Eingefrorener Datenstand/)
      .waitFor();
    await manager.getByRole('tab', { name: 'Design' }).click();
    await manager.getByText('Nur lesbar: die Evaluation ist abgeschlossen.').waitFor();
    assert.equal(await manager.getByRole('radio', { name: 'Zeiträume auswählen' }).isDisabled(), true);
    await expectAccessible(manager);
    await manager.context().close();
    await page.context().close();
    assert.deepEqual(consoleErrors, []);
  });
}
