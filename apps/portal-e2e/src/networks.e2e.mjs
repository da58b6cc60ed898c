// The network page as the planner of district Mitte sees it: log in, open the demo network of
// Berlin-Mitte (seeded by the network service), the drawing renders and the measures table has
// a row per actor. Register in apps/portal-e2e/run.mjs next to portalTests:
//   import { networkTests } from './src/networks.e2e.mjs';   …   networkTests(context);
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { it as nodeIt } from 'node:test';
import { describeViolations, seriousA11yViolations } from './browser.mjs';
import { login, newPage } from './session.mjs';

/** @param {{ baseUrl: string|null, browser: import('playwright-core').Browser|null, outDir: string, root: string }} context */
export function networkTests(context, it = nodeIt) {
  /** @type {import('playwright-core').Page} */
  let page;
  const consoleErrors = [];

  it('logs in as planer and opens the network page with the Mitte demo network', async () => {
    page = await newPage(context, consoleErrors);
    await login(page, context.baseUrl, '/networks', 'planer');
    await page.getByRole('heading', { level: 1, name: 'Akteursnetzwerke' }).waitFor();
    // The select fills once the service answered: wait for the list, not only the heading.
    const select = page.getByTestId('network-select');
    await select.locator('option', { hasText: 'Akteursnetzwerk Mitte' }).waitFor({ state: 'attached' });
    const networks = await select.locator('option').allInnerTexts();
    await select.selectOption({ label: networks.find((name) => name.startsWith('Akteursnetzwerk Mitte')) });
    await page.getByTestId('wave-select').locator('option').nth(1).waitFor({ state: 'attached' });
    const waves = await page.getByTestId('wave-select').locator('option').allInnerTexts();
    assert.deepEqual(waves, ['Welle 1 (Mai 2023)', 'Welle 2 (Mai 2024)']);
  });

  it('selects the latest wave on load, and the select always names the wave whose figures are shown', async () => {
    const shownWave = () =>
      page.getByTestId('wave-select').evaluate((select) => select.options[select.selectedIndex].text);
    const tiesShown = async () =>
      (await page.getByTestId('network-summary').innerText()).match(/Beziehungen\s+(\d+)/)?.[1];
    await page.getByTestId('network-summary').waitFor();
    assert.equal(await shownWave(), 'Welle 2 (Mai 2024)');
    const latest = await tiesShown();
    await page.getByTestId('wave-select').selectOption({ label: 'Welle 1 (Mai 2023)' });
    await page.waitForFunction(
      (before) =>
        !document
          .querySelector('[data-testid="network-summary"]')
          ?.textContent?.includes(`Beziehungen${before}`),
      latest,
    );
    assert.equal(await shownWave(), 'Welle 1 (Mai 2023)');
    assert.notEqual(await tiesShown(), latest);
    await page.getByTestId('wave-select').selectOption({ label: 'Welle 2 (Mai 2024)' });
    await page.waitForFunction(
      (ties) =>
        document
          .querySelector('[data-testid="network-summary"]')
          ?.textContent?.includes(`Beziehungen${ties}`),
      latest,
    );
    assert.equal(await shownWave(), 'Welle 2 (Mai 2024)');
  });

  it('renders the drawing (sigma canvases) and the key figures of the wave', async () => {
    await page.locator('[data-testid="network-drawing"] canvas').first().waitFor();
    const canvases = await page.locator('[data-testid="network-drawing"] canvas').count();
    assert.ok(canvases > 0, 'sigma drew no canvas');
    const label = await page.getByTestId('network-drawing').getAttribute('aria-label');
    assert.match(label ?? '', /Netzwerkzeichnung mit 58 Akteuren und \d+ Beziehungen/);
    await page.getByTestId('network-summary').waitFor();
    assert.match(await page.getByTestId('network-summary').innerText(), /Akteure\s+58/);
    // Names placed without collisions: some shown, none overlapping another.
    const labelled = page.locator('[data-testid="network-drawing"][data-labels]:not([data-labels="0"])');
    await labelled.waitFor();
    assert.ok(Number(await labelled.getAttribute('data-labels')) >= 15);
    assert.equal(await labelled.getAttribute('data-label-overlaps'), '0');
    await page
      .getByTestId('network-drawing')
      .screenshot({ path: join(context.outDir, 'network-drawing.png') });
  });

  it('highlights appeared and disappeared ties when comparing with the first wave', async () => {
    await page.getByTestId('compare-select').selectOption({ label: 'Welle 1 (Mai 2023)' });
    await page.getByText(/neu seit Welle 1/).waitFor();
    assert.match(await page.getByText(/weggefallen seit Welle 1/).innerText(), /\(\d+\)/);
    // New and lost ties have colours no sector has.
    const colour = (selector) =>
      page
        .locator(selector)
        .evaluateAll((items) => items.map((item) => getComputedStyle(item).backgroundColor));
    const sectors = await colour('ul.legend .swatch');
    const changed = await colour('ul.legend .line.new, ul.legend .line.lost');
    assert.equal(sectors.length, 5);
    assert.equal(changed.length, 2);
    for (const tie of changed) assert.ok(!sectors.includes(tie), `${tie} is also a sector colour`);
  });

  it('says why eigenvector centrality is missing when the drawing is sized by it', async () => {
    await page.getByTestId('size-select').selectOption({ label: 'Eigenvektor' });
    assert.match(
      await page.getByTestId('size-note').innerText(),
      /Eigenvektor: nicht berechnet – das Netzwerk zerfällt in \d+ Teile/,
    );
    await page.getByTestId('size-select').selectOption({ label: 'Betweenness' });
  });

  it('lists a row per actor in the sortable measures table', async () => {
    await page.getByRole('tab', { name: 'Kennzahlen' }).click();
    const rows = page.locator('[data-testid="measures-table"] tbody tr');
    await rows.first().waitFor();
    assert.equal(await rows.count(), 58);
    await page.getByRole('button', { name: 'Sortieren nach Degree' }).click();
    await page
      .locator('[data-testid="measures-table"] th[aria-sort="descending"]', { hasText: 'Degree' })
      .waitFor();
    const degrees = await page
      .locator('[data-testid="measures-table"] tbody tr td:nth-of-type(2)')
      .allInnerTexts();
    const values = degrees.map((text) => Number(text.replace(/\./g, '').replace(',', '.')));
    assert.deepEqual(
      values,
      [...values].sort((a, b) => b - a),
      'rows sorted by degree, largest first',
    );
    // Persons are pseudonymised; the planner of Mitte sees the names of those in his district.
    const names = await page.locator('[data-testid="measures-table"] tbody th').allInnerTexts();
    assert.ok(names.includes('Sabine Krüger'), 'planner of Mitte should see names of persons in Mitte');
    assert.match(await page.getByTestId('omitted-measures').innerText(), /Eigenvektor: nicht berechnet/);
  });

  it('downloads the measures as an Excel workbook with a row per actor', async () => {
    const download = page.waitForEvent('download');
    await page.getByTestId('measures-download-xlsx').click();
    const file = await download;
    assert.match(file.suggestedFilename(), /^kennzahlen-akteursnetzwerk-mitte-.*\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await readFile(await file.path()));
    const sheet = workbook.worksheets[0];
    assert.equal(sheet.name, 'Kennzahlen');
    assert.deepEqual(sheet.getRow(1).values.slice(1, 4), ['Name', 'Sektor', 'Degree']);
    assert.equal(sheet.rowCount, 59);
    const degrees = [];
    sheet.eachRow((row, number) => number > 1 && degrees.push(row.getCell(3).value));
    assert.ok(
      degrees.every((value) => typeof value === 'number'),
      'degrees are numbers, not texts',
    );
  });

  it('shows the actors on the map and the resource map, without serious accessibility violations', async () => {
    await page.getByRole('tab', { name: 'Karte' }).click();
    await page.locator('[data-testid="actor-map"] circle').first().waitFor();
    // The outlines come from a second request; wait for them rather than racing it.
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="actor-map"] path').length >= 30,
      null,
      { timeout: 15_000 },
    );
    assert.ok(
      (await page.locator('[data-testid="actor-map"] path').count()) >= 30,
      'planning-area outlines of Mitte',
    );
    await page.getByRole('tab', { name: 'Ressourcen' }).click();
    await page.locator('[data-testid="resource-table"] tbody tr').first().waitFor();
    const violations = await seriousA11yViolations(page);
    assert.deepEqual(violations, [], describeViolations(violations));
    assert.deepEqual(consoleErrors, []);
  });

  it('refuses a GEXF file with a bad row, every problem said in German by its code with the value it names', async () => {
    await page.getByRole('tab', { name: 'Import' }).click();
    const gexf = [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<gexf xmlns="http://gexf.net/1.3" version="1.3">',
      '  <graph defaultedgetype="undirected">',
      '    <attributes class="node"><attribute id="0" title="sector" type="string"/></attributes>',
      '    <nodes>',
      '      <node id="x1" label="Kita"><attvalues><attvalue for="0" value="wellness"/></attvalues></node>',
      '      <node id="x2" label="Treff"/>',
      '    </nodes>',
      '    <edges><edge id="0" source="x2" target="x9"/></edges>',
      '  </graph>',
      '</gexf>',
    ].join('\n');
    await page
      .getByTestId('network-import-file')
      .setInputFiles({ name: 'netz.gexf', mimeType: 'application/xml', buffer: Buffer.from(gexf) });
    await page.getByTestId('network-import-start').click();
    const rows = page.locator('[data-testid="network-import-errors"] tbody tr');
    await rows.first().waitFor();
    assert.deepEqual(
      (await rows.allInnerTexts()).map((r) => r.split('\t')),
      [
        ['netz.gexf', '6', 'Den Sektor „wellness“ gibt es nicht.'],
        [
          'netz.gexf',
          '9',
          'Die Beziehung nennt den unbekannten Akteur „x9“ (weder in der Datei noch im Netzwerk).',
        ],
      ],
    );
    await page
      .getByRole('alert')
      .filter({ hasText: 'Die Datei enthält Fehler; es wurde nichts importiert.' })
      .waitFor();
    const violations = await seriousA11yViolations(page);
    assert.deepEqual(violations, [], describeViolations(violations));
    assert.deepEqual(consoleErrors, []);
  });
}
