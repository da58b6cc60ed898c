// Musterstadt, the demo city Quartier generates itself, as its administrator sees it — with and
// without the Berlin reference data. A platform started without them must still show a city on
// every page: areas drawn on the map, indicators, the social index, a survey and a network. The
// expected names and counts come from the generator the platform seeded from (dist/server).
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { it as nodeIt } from 'node:test';
import { drawnFeatures, expectAccessible, login, newPage } from './session.mjs';

/** @param {{ baseUrl: string|null, browser: import('playwright-core').Browser|null, outDir: string, root: string, berlin: boolean }} context */
export function musterstadtTests(context, it = nodeIt) {
  const demoCity = createRequire(import.meta.url)(
    join(context.root, 'dist/server/libs/demo-city/src/index.js'),
  );
  const city = demoCity.musterstadtCity();
  const districts = city.areas.filter((a) => a.level === city.levels[0].key);
  const centre = city.areas[0];
  const network = demoCity.generateActorNetwork(city);
  /** @type {import('playwright-core').Page} */
  let page;
  const consoleErrors = [];

  it('signs in as musterstadt-admin and shows Musterstadt’s districts in the tree and drawn on the map', async () => {
    page = await newPage(context, consoleErrors);
    await login(page, context.baseUrl, '/areas', 'musterstadt-admin');
    await page.getByTestId('user').filter({ hasText: 'Musterstadt (Demo)' }).waitFor();
    await page.locator('[data-testid="area-tree"] > ul > li.tree-item').first().waitFor();
    const roots = await page.$$eval('[data-testid="area-tree"] > ul > li.tree-item .area-name', (names) =>
      names.map((n) => n.textContent?.trim()),
    );
    for (const district of districts)
      assert.ok(roots.includes(district.name), `${district.name} in ${roots}`);
    assert.ok((await drawnFeatures(page, 'area-map', districts.length)) >= districts.length);
    await page.getByRole('radio', { name: 'Planungsraum' }).click();
    assert.ok((await drawnFeatures(page, 'area-map', 100)) >= 100, 'the planning areas drawn');
  });

  it('draws an indicator of 2017–2024 on the planning areas, with a legend and a ranking', async () => {
    await page.goto(`${context.baseUrl}/indicators`);
    await page.getByRole('heading', { level: 1, name: 'Indikatoren und Sozialmonitoring' }).waitFor();
    await page
      .locator('[data-testid="period-select"] option')
      .nth(demoCity.DEMO_YEARS.length - 1)
      .waitFor({ state: 'attached' });
    const periods = await page.getByTestId('period-select').locator('option').allInnerTexts();
    assert.deepEqual(periods, demoCity.DEMO_YEARS.map(String));
    const indicators = await page.getByTestId('indicator-select').locator('option').count();
    assert.ok(indicators >= demoCity.DEMO_INDICATORS.length, `${indicators} indicators offered`);
    assert.ok((await drawnFeatures(page, 'indicator-map', 100)) >= 100);
    await page.waitForFunction(() => document.querySelectorAll('ul.legend .legend-entry').length === 5);
    const rows = page.locator('[data-testid="ranking-table"] tbody tr:not(.unranked)');
    await rows.nth(99).waitFor();
  });

  it('shows the classes of the Musterstadt social index runs on the index page', async () => {
    await page.getByRole('tab', { name: 'Sozialindex' }).click();
    await page.getByTestId('run-select').locator('option').nth(2).waitFor({ state: 'attached' });
    const runs = await page.getByTestId('run-select').locator('option').allInnerTexts();
    assert.deepEqual(
      runs.map((run) => run.trim()),
      ['Sozialindex 2019 (2019)', 'Sozialindex 2021 (2021)', 'Sozialindex 2023 (2023)'],
    );
    assert.ok((await drawnFeatures(page, 'index-map', 100)) >= 100);
    const counts = await page.locator('[data-testid="class-counts"] tbody tr').allInnerTexts();
    assert.equal(counts.length, 4);
    const rated = counts.reduce((sum, row) => sum + Number(row.split('\t')[2] ?? row.match(/\d+$/)?.[0]), 0);
    assert.ok(rated > 100, `rated planning areas: ${counts.join(' | ')}`);
    await expectAccessible(page);
  });

  it(`opens the survey of ${centre.name} with its responses`, async () => {
    await page.goto(`${context.baseUrl}/surveys`);
    await page.getByRole('heading', { level: 1, name: 'Befragungen' }).waitFor();
    const title = `Bürgerbefragung ${centre.name} 2025`;
    await page.getByRole('link', { name: title }).click();
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    await page.getByRole('tab', { name: 'Ergebnisse' }).click();
    const table = page.getByTestId('respondents-table');
    await table.locator('tbody tr').first().waitFor();
    const rows = await table.locator('tbody tr').allInnerTexts();
    assert.ok(
      rows.some((row) => /\b\d{2,}\b/.test(row.split('\t').slice(2).join(' '))),
      `an area with its respondents: ${rows.join(' | ')}`,
    );
  });

  it(`draws the actor network of ${network.district.name} with its two waves`, async () => {
    await page.goto(`${context.baseUrl}/networks`);
    await page.getByRole('heading', { level: 1, name: 'Akteursnetzwerke' }).waitFor();
    const prefix = `Akteursnetzwerk ${network.district.name}`;
    await page
      .getByTestId('network-select')
      .locator('option', { hasText: prefix })
      .waitFor({ state: 'attached' });
    const networks = await page.getByTestId('network-select').locator('option').allInnerTexts();
    await page
      .getByTestId('network-select')
      .selectOption({ label: networks.find((n) => n.startsWith(prefix)) });
    await page.getByTestId('wave-select').locator('option').nth(1).waitFor({ state: 'attached' });
    assert.equal(await page.getByTestId('wave-select').locator('option').count(), 2);
    await page.locator('[data-testid="network-drawing"] canvas').first().waitFor();
    const drawing = page.locator('[data-testid="network-drawing"][aria-label^="Netzwerkzeichnung mit"]');
    await drawing.waitFor();
    const [, actors, ties] = (await drawing.getAttribute('aria-label')).match(
      /mit (\d+) Akteuren und (\d+) Beziehungen/,
    );
    // The wave's actors (of the generator's network) and ties between them.
    assert.ok(Number(actors) > network.actors.length / 2 && Number(actors) <= network.actors.length, actors);
    assert.ok(Number(ties) >= Number(actors) / 2, `${ties} ties`);
    assert.match(await page.getByTestId('network-summary').innerText(), /Beziehungen\s+\d+/);
  });

  it(
    context.berlin
      ? 'credits the Berlin data on the About page'
      : 'says on the About page that Berlin is missing and how to add it, in German and English',
    async () => {
      await page.goto(`${context.baseUrl}/about`);
      await page.getByRole('heading', { level: 1, name: 'Über Quartier' }).waitFor();
      if (context.berlin) {
        await page.getByTestId('berlin-present').waitFor();
        assert.equal(await page.getByTestId('berlin-missing').count(), 0);
      } else {
        const notice = page.getByTestId('berlin-missing');
        await notice.waitFor();
        assert.match(await notice.innerText(), /Berlin \(Demo\) fehlt/);
        assert.match(await notice.innerText(), /npm run -s quartier -- data fetch berlin/);
        assert.match(await notice.innerText(), /QUARTIER_REFERENCE_DATA/);
        await page.getByRole('button', { name: 'Switch to English' }).click();
        await notice.filter({ hasText: 'Berlin (Demo) is missing' }).waitFor();
        assert.match(await notice.innerText(), /To add Berlin: .*data fetch berlin/);
        await page.getByRole('button', { name: 'Auf Deutsch umschalten' }).click();
      }
      await expectAccessible(page);
      assert.deepEqual(consoleErrors, []);
      await page.context().close();
    },
  );
}
