// The indicator pages as the analyst (all of Berlin) sees them: log in, the explorer draws the
// MSS status indicator S1 on the planning areas, the index page draws the MSS classes of the
// latest stored run (MSS 2019) and lists the movers. Register in apps/portal-e2e/run.mjs:
//   import { indicatorTests } from './src/indicators.e2e.mjs';   …   indicatorTests(context);
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { it as nodeIt } from 'node:test';
import { describeViolations, seriousA11yViolations } from './browser.mjs';
import { drawnFeatures, login, newPage } from './session.mjs';

/** @param {{ baseUrl: string|null, browser: import('playwright-core').Browser|null, outDir: string, root: string }} context */
export function indicatorTests(context, it = nodeIt) {
  /** @type {import('playwright-core').Page} */
  let page;
  const consoleErrors = [];

  it('logs in as analyst and opens the indicator explorer with the MSS values', async () => {
    page = await newPage(context, consoleErrors, { width: 1440, height: 1200 });
    await login(page, context.baseUrl, '/indicators', 'analyst');
    await page.getByRole('heading', { level: 1, name: 'Indikatoren und Sozialmonitoring' }).waitFor();
    // Options arrive with the catalogue and the periods (two requests): wait for them.
    await page.locator('[data-testid="period-select"] option').nth(3).waitFor({ state: 'attached' });
    const selected = await page.getByTestId('indicator-select').evaluate((select) => select.value);
    assert.equal(selected, 'S1');
    const periods = await page.getByTestId('period-select').locator('option').allInnerTexts();
    assert.deepEqual(periods, ['2012', '2014', '2016', '2018']);
  });

  it('draws the choropleth of S1 over the planning areas with a numbered legend and a ranking', async () => {
    assert.ok((await drawnFeatures(page, 'indicator-map', 401)) > 400);
    const rows = page.locator('[data-testid="ranking-table"] tbody tr');
    // The first 100 rows come with the ranking, the rest when the page is idle.
    await page
      .waitForFunction(() => document.querySelectorAll('[data-testid="ranking-table"] tbody tr').length > 400)
      .catch(() => undefined);
    assert.ok((await rows.count()) > 400, 'a ranking row per planning area with a value');
    await rows.first().getByRole('button').first().click();
    await page.getByTestId('series-chart').locator('svg').first().waitFor();
    await page.screenshot({ path: join(context.outDir, 'indicators-explorer.png'), fullPage: true });
  });

  it('draws the district level from the planning areas: every district with a value, a labelled legend', async () => {
    // The legend and map colours come from their own request (the values of the level), apart
    // from the ranking's: wait for that answer, then for a legend other than the planning areas'.
    const legendBefore = await page
      .locator('ul.legend')
      .first()
      .evaluate((legend) => legend.textContent);
    const district = await page
      .getByTestId('level-select')
      .locator('option', { hasText: /^\s*Bezirk\s*$/ })
      .getAttribute('value');
    const mapValues = page.waitForResponse((response) => {
      const url = new URL(response.url());
      return (
        ['/api/indicator/values', '/api/indicator/values/layer'].includes(url.pathname) &&
        url.searchParams.get('level') === district &&
        response.ok()
      );
    });
    await page.getByTestId('level-select').selectOption({ label: 'Bezirk' });
    await mapValues;
    const rows = page.locator('[data-testid="ranking-table"] tbody tr:not(.unranked)');
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="ranking-table"] tbody tr:not(.unranked)').length >= 10,
    );
    // Berlin's 12 districts; one (Treptow-Köpenick) has a planning area without a population
    // figure, so its share cannot be vouched for and it says why instead of drawing a guess.
    assert.ok((await rows.count()) >= 11, `districts with a value: ${await rows.count()}`);
    // Districts with a planning area under 300 inhabitants (no MSS value) say what they cover.
    const titles = await page
      .locator('[data-testid="ranking-table"] tbody tr:not(.unranked) td.num')
      .evaluateAll((cells) => cells.map((cell) => cell.getAttribute('title') ?? ''));
    assert.ok(
      titles.some((title) => /Teilgebieten mit 99,\d % der Einwohner/.test(title)),
      titles.join(' | '),
    );
    for (const text of await page.locator('[data-testid="ranking-table"] tr.unranked td.num').allInnerTexts())
      assert.match(text, /nicht alle Teilgebiete/);
    await page.waitForFunction(
      (before) =>
        document.querySelectorAll('ul.legend .legend-entry').length === 5 &&
        document.querySelector('ul.legend')?.textContent !== before,
      legendBefore,
    );
    const legend = await page.locator('ul.legend .legend-entry').allInnerTexts();
    assert.equal(legend.length, 5, `legend: ${legend.join(' | ')}`);
    for (const entry of legend) assert.match(entry, /\d+,\d+/, `legend entry without bounds: ${entry}`);
    assert.equal(await page.getByTestId('no-values').count(), 0);
    assert.ok((await drawnFeatures(page, 'indicator-map', 1)) > 0);
    await page.getByTestId('level-select').selectOption({ label: 'Planungsraum' });
  });

  it('shows the MSS 2019 status classes on the index page, the movers and no serious accessibility violations', async () => {
    await page.getByRole('tab', { name: 'Sozialindex' }).click();
    await page.getByTestId('run-select').locator('option').first().waitFor({ state: 'attached' });
    const runs = await page.getByTestId('run-select').locator('option').allInnerTexts();
    assert.deepEqual(runs, ['MSS 2013 (2012)', 'MSS 2015 (2014)', 'MSS 2017 (2016)', 'MSS 2019 (2018)']);
    assert.ok((await drawnFeatures(page, 'index-map', 401)) > 400);
    const counts = await page.locator('[data-testid="class-counts"] tbody tr').allInnerTexts();
    assert.equal(counts.length, 4);
    assert.match(counts[0], /1 hoch\s+\d+/);
    await page.locator('[data-testid="movers-table"] tbody tr').first().waitFor();
    await page
      .getByTestId('index-map')
      .screenshot({ path: join(context.outDir, 'indicators-index-map.png') });
    const violations = await seriousA11yViolations(page);
    assert.deepEqual(violations, [], describeViolations(violations));
  });

  it('prints the index page without navigation and buttons but with its map, and downloads map and tables', async () => {
    const download = async (testId) => {
      const waiting = page.waitForEvent('download');
      await page.getByTestId(testId).click();
      const file = await waiting;
      return { name: file.suggestedFilename(), bytes: await readFile(await file.path()) };
    };
    // The map as PNG (the drawing as shown) and as SVG (every area a vector path, legend below).
    const png = await download('index-map-download-png');
    assert.match(png.name, /\.png$/);
    assert.deepEqual([...png.bytes.subarray(1, 4)], [0x50, 0x4e, 0x47]);
    const svg = (await download('index-map-download-svg')).bytes.toString('utf8');
    assert.ok((svg.match(/<path /g) ?? []).length > 400, 'a path per planning area');
    assert.match(svg, /<text x="28" y="\d+">1\s+1 hoch<\/text>/);
    // The class counts as CSV and XLSX, as the table shows them.
    const csv = (await download('class-counts-download-csv')).bytes.toString('utf8').replace(/^\uFEFF/, '');
    const lines = csv.split('\r\n');
    assert.equal(lines.length, 5);
    assert.match(lines[1], /^1,1,hoch,\d+$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await download('class-counts-download-xlsx')).bytes);
    assert.equal(workbook.worksheets[0].getRow(2).getCell(3).value, 'hoch');
    assert.equal(typeof workbook.worksheets[0].getRow(2).getCell(4).value, 'number');

    await page.emulateMedia({ media: 'print' });
    try {
      const shown = (selector) =>
        page
          .locator(selector)
          .first()
          .evaluate((element) => getComputedStyle(element).display !== 'none');
      assert.equal(await shown('nav.app-nav'), false, 'no navigation on paper');
      assert.equal(await shown('[role="tablist"]'), false, 'no tab bar on paper');
      assert.equal(await shown('[data-testid="class-counts-download-csv"]'), false, 'no download buttons');
      assert.equal(await shown('[data-testid="class-counts"]'), true);
      // The map prints: its canvas is shown and holds the drawing (not a blank buffer).
      const canvas = page.locator('[data-testid="index-map"] canvas');
      assert.equal(await canvas.evaluate((c) => getComputedStyle(c).display !== 'none'), true);
      const colours = await canvas.evaluate((c) => {
        const copy = document.createElement('canvas');
        copy.width = 64;
        copy.height = 64;
        const context = copy.getContext('2d');
        context.drawImage(c, 0, 0, 64, 64);
        const data = context.getImageData(0, 0, 64, 64).data;
        const seen = new Set();
        for (let i = 0; i < data.length; i += 4) seen.add(`${data[i]},${data[i + 1]},${data[i + 2]}`);
        return seen.size;
      });
      assert.ok(colours > 5, `the printed map shows the classes (${colours} colours)`);
      const pdf = await page.pdf({ format: 'A4' });
      assert.ok(pdf.length > 50_000, `PDF of ${pdf.length} bytes`);
    } finally {
      await page.emulateMedia({ media: 'screen' });
    }
  });

  it('keeps the tab in the URL: back shows the explorer again, forward the social index', async () => {
    assert.equal(new URL(page.url()).searchParams.get('tab'), 'index');
    await page.goBack();
    await page.waitForURL((url) => url.pathname === '/indicators' && !url.searchParams.has('tab'));
    await page.getByRole('tab', { name: 'Explorer', selected: true }).waitFor();
    await page.getByTestId('indicator-select').waitFor();
    await page.goForward();
    await page.waitForURL((url) => url.searchParams.get('tab') === 'index');
    await page.getByRole('tab', { name: 'Sozialindex', selected: true }).waitFor();
    await page.getByRole('tabpanel', { name: 'Sozialindex' }).getByTestId('run-select').waitFor();
  });

  it('names units and the index’s classes in the reader’s language, never by their codes', async () => {
    await page.getByRole('tab', { name: 'Explorer' }).click();
    await page.getByTestId('indicator-select').selectOption('EW');
    await page.getByText('Einheit: Anzahl').waitFor();
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByText('Unit: count').waitFor();
    await page.getByRole('tab', { name: 'Social index' }).click();
    await page.locator('[data-testid="class-counts"] tbody tr').first().waitFor();
    const counts = await page.locator('[data-testid="class-counts"] tbody tr th').allInnerTexts();
    assert.deepEqual(counts, ['1 high', '2 medium', '3 low', '4 very low']);
    const indices = await page.getByTestId('index-select').locator('option').allInnerTexts();
    assert.ok(indices.includes('Status index') && indices.includes('Dynamics index'), indices.join(', '));
    await page.getByRole('button', { name: 'Auf Deutsch umschalten' }).click();
    await page.getByRole('tab', { name: 'Sozialindex' }).waitFor();
    assert.match(
      (await page.locator('[data-testid="class-counts"] tbody tr th').allInnerTexts())[0],
      /1 hoch/,
    );
  });

  it('imports a file with a bad row through the wizard: nothing imported, the row named', async () => {
    await page.getByRole('tab', { name: 'Import' }).click();
    const csv = [
      'area,period,indicator,value',
      '01011101,2020,S1,3.1',
      '01011102,2020,S1,drei',
      '99999999,2020,S1,1',
    ].join('\n');
    await page
      .getByTestId('import-file')
      .setInputFiles({ name: 'werte.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByTestId('import-start').click();
    await page.getByText(/Nichts importiert: 2 fehlerhafte Zeile\(n\)/).waitFor();
    const rows = await page.locator('[data-testid="import-errors"] tbody tr').allInnerTexts();
    // The bad value in a column of its own, the reason in German by its code (no English anywhere).
    assert.deepEqual(
      rows.map((r) => r.split('\t')),
      [
        ['3', 'value', 'drei', 'Spalte „value“: Das ist keine Zahl.'],
        ['4', 'area', '99999999', 'Spalte „area“: Den Gebietsschlüssel gibt es nicht, oder er fehlt.'],
      ],
    );
    const titles = await page.locator('[data-testid="import-errors"] [title]').count();
    assert.equal(titles, 0, 'no cell carries the service’s English message as a title');
    const violations = await seriousA11yViolations(page);
    assert.deepEqual(violations, [], describeViolations(violations));
    assert.deepEqual(consoleErrors, []);
  });

  it('counts the classes of a scoped planner’s own areas, the city beside them, with the combined index and links to the areas', async () => {
    const errors = [];
    const planner = await newPage(context, errors);
    await login(planner, context.baseUrl, '/indicators', 'planer');
    await planner.getByRole('tab', { name: 'Sozialindex' }).click();
    const rows = planner.locator('[data-testid="class-counts"] tbody tr');
    await rows.first().waitFor();
    await planner.getByRole('columnheader', { name: 'ganze Stadt' }).waitFor();
    const cells = (await rows.allInnerTexts()).map((row) => row.split('\t'));
    const own = cells.reduce((sum, row) => sum + Number(row[2]), 0);
    const city = cells.reduce((sum, row) => sum + Number(row[3]), 0);
    // Mitte's rated planning areas (not all of Berlin's) next to the city's.
    const valid = await planner.getByTestId('valid-areas').innerText();
    const [, scopeValid] = valid.match(/In Ihrem Bereich (\d+) von (\d+)/) ?? [];
    const [, cityValid] = valid.match(/ganze Stadt: (\d+) von (\d+)/) ?? [];
    assert.equal(own, Number(scopeValid), valid);
    assert.equal(city, Number(cityValid), valid);
    assert.ok(own > 20 && own < 60 && city > 400, `Mitte ${own}, city ${city}`);
    // The map shows as many areas as the counts speak of.
    await drawnFeatures(planner, 'index-map', own);

    await planner.getByTestId('index-select').selectOption({ label: 'Gesamtindex (Status × Dynamik)' });
    await planner.locator('[data-testid="class-counts"] tbody tr th', { hasText: '4+/-' }).waitFor();
    const groups = await planner.locator('[data-testid="class-counts"] tbody tr th').allInnerTexts();
    assert.equal(groups.length, 12);
    assert.equal(groups[0], '1+ hoch / positiv');

    const combinedCounts = (
      await planner.locator('[data-testid="class-counts"] tbody tr').allInnerTexts()
    ).map((row) => Number(row.split('\t')[2]));
    await planner
      .getByRole('button', { name: 'Gebiete zeigen' })
      .nth(combinedCounts.findIndex((n) => n > 0))
      .click();
    const link = planner.getByTestId('class-areas').getByRole('link').first();
    await link.waitFor();
    const name = await link.innerText();
    await link.click();
    await planner.waitForURL((url) => url.pathname === '/areas' && url.searchParams.has('area'));
    await planner.getByTestId('area-detail').getByRole('heading', { name }).waitFor();
    assert.deepEqual(errors, []);
    await planner.context().close();
  });
}
