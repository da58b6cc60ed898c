// The indicator explorer's tiled map (levels of more than 2,000 areas): a generated city of 6,000
// planning areas becomes Musterstadt's current area version (valid from today), S1 gets values
// for a new period, and the explorer must draw the full city from the id raster, name an area's
// value and class on hover, select on click, switch to vector tiles when zoomed in and show the
// classes in its legend. The seeding follows the scale benchmark (tools/bench/_scale-browser.mjs).
// It replaces Musterstadt's areas: run.mjs runs it after the Musterstadt suite.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it as nodeIt } from 'node:test';
import { pathToFileURL } from 'node:url';
import { api, drawnFeatures, login, newPage, tokenFor } from './session.mjs';

const USER = 'musterstadt-admin';
// At 3,000 areas the full-city view of a 1440 px wide page already draws from vector tiles (its
// areas are wider than the raster's 6 px); 6,000 on a 1280 × 800 page start from the id raster.
const AREAS = 6000;
const VIEWPORT = { width: 1280, height: 800 };
/** Later than any demo period: the explorer opens on the latest period. */
const PERIOD = '2099';

async function finished(baseUrl, token, path) {
  for (;;) {
    const job = await api(baseUrl, token, 'GET', path);
    if (['failed', 'cancelled', 'interrupted'].includes(job.status))
      throw new Error(`${path}: ${job.status} ${job.message ?? ''}`);
    if (['done', 'succeeded'].includes(job.status)) return job;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The city's levels as Musterstadt's new area version, replicated, and S1 values for PERIOD. */
async function seed(context, city) {
  const { writeLevelFiles } = await import(
    pathToFileURL(join(context.root, 'tools/bench/_scale-city.mjs')).href
  );
  const token = await tokenFor(context.baseUrl, USER);
  const work = await mkdtemp(join(tmpdir(), 'quartier-e2e-tiles-'));
  try {
    const validFrom = new Date().toISOString().slice(0, 10);
    for (const { level, file } of await writeLevelFiles(city, work)) {
      const job = await api(
        context.baseUrl,
        token,
        'POST',
        `/api/registry/area-imports?level=${level}&codeProperty=code&nameProperty=name&populationProperty=population&validFrom=${validFrom}`,
        await readFile(file),
        'application/geo+json',
      );
      await finished(context.baseUrl, token, `/api/registry/area-imports/${job.id}`);
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  const planning = city.levels.at(-1).key;
  const codes = city.planningAreas.map((area) => area.code).sort();
  // The registry's TileJSON follows its own import at once: the explorer decides by its count
  // whether to draw from tiles at all.
  const tiles = await api(context.baseUrl, token, 'GET', `/api/registry/tiles/${planning}`);
  assert.equal(tiles.areas, codes.length, 'TileJSON right after the area import');
  // The indicator service's copy of the areas: its maps list the new version's areas only (the
  // old version's stay in the read model), so the level is complete when it lists them all.
  const layer = () =>
    api(
      context.baseUrl,
      token,
      'GET',
      `/api/indicator/values/layer?indicator=S1&period=${PERIOD}&level=${planning}`,
    );
  const deadline = Date.now() + 120_000;
  for (let listed = 0; listed !== codes.length;) {
    listed = (await layer()).codes.length;
    if (Date.now() > deadline)
      throw new Error(`areas not replicated within 2 min: ${listed} of ${codes.length}`);
    if (listed !== codes.length) await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const lines = ['area,period,indicator,value,numerator,denominator'];
  city.planningAreas.forEach((area, i) => {
    const denominator = 500 + (i % 900);
    const numerator = Math.round(denominator * (0.05 + 0.3 * (((i * 7919) % 1000) / 1000)));
    lines.push(
      `${area.code},${PERIOD},S1,${((100 * numerator) / denominator).toFixed(4)},${numerator},${denominator}`,
    );
  });
  const job = await api(
    context.baseUrl,
    token,
    'POST',
    '/api/indicator/imports?format=csv',
    `${lines.join('\n')}\n`,
    'application/octet-stream',
  );
  await finished(context.baseUrl, token, `/api/indicator/imports/${job.id}`);
  // Each of the city's areas once, with its value: none of Musterstadt's former areas beside
  // them (a superseded area would come as a missing one, its code maybe one of the city's).
  const values = await layer();
  assert.deepEqual(values.codes.slice().sort(), codes);
  assert.equal(values.flags.replace(/[va]/g, ''), '', 'every area has a value');
}

/** Moves the pointer over the map from its centre outwards until the tooltip names an area. */
async function hoverArea(page) {
  const box = await page.getByTestId('indicator-map').boundingBox();
  const tooltip = page.locator('.map-tooltip');
  for (const [dx, dy] of [
    [0, 0],
    [30, 0],
    [0, 30],
    [-30, 0],
    [0, -30],
    [60, 60],
  ]) {
    const point = { x: box.x + box.width / 2 + dx, y: box.y + box.height / 2 + dy };
    await page.mouse.move(point.x, point.y);
    if (
      await tooltip.waitFor({ timeout: 5_000 }).then(
        () => true,
        () => false,
      )
    )
      return { point, name: await tooltip.locator('strong').innerText(), text: await tooltip.innerText() };
  }
  throw new Error('no tooltip anywhere near the map’s centre');
}

/** @param {{ baseUrl: string|null, browser: import('playwright-core').Browser|null, outDir: string, root: string, berlin: boolean }} context */
export function tiledMapTests(context, it = nodeIt) {
  const demoCity = createRequire(import.meta.url)(
    join(context.root, 'dist/server/libs/demo-city/src/index.js'),
  );
  const city = demoCity.generateDemoCity({ areas: AREAS, seed: 16 });
  const byCode = new Map(city.planningAreas.map((area) => [area.code, area]));
  const isVectorTile = (url) => /\/api\/registry\/tiles\/[^/]+\/\d+\/\d+\/\d+\.pbf/.test(url);
  const isRasterTile = (url) => /\/api\/registry\/tiles\/[^/]+\/\d+\/\d+\/\d+\.png/.test(url);
  /** @type {import('playwright-core').Page} */
  let page;
  const consoleErrors = [];
  const vectorTiles = [];
  let rasterTiles = 0;

  it(`draws ${AREAS} planning areas from the id raster, with a legend of five classes`, async () => {
    await seed(context, city);
    page = await newPage(context, consoleErrors, VIEWPORT);
    page.on('request', (request) => {
      if (isVectorTile(request.url())) vectorTiles.push(request.url());
      if (isRasterTile(request.url())) rasterTiles++;
    });
    await login(page, context.baseUrl, '/indicators', USER);
    await page
      .getByTestId('period-select')
      .locator(`option[value="${PERIOD}"]`)
      .waitFor({ state: 'attached' });
    assert.equal(await page.getByTestId('period-select').inputValue(), PERIOD);
    const drawn = await drawnFeatures(page, 'indicator-map', AREAS * 0.8);
    assert.ok(drawn <= AREAS, `${drawn} areas drawn of ${AREAS}`);
    await page.waitForFunction(() => document.querySelectorAll('ul.legend .legend-entry').length === 5);
    assert.ok(rasterTiles > 0, 'the id raster’s tiles requested');
    assert.deepEqual(vectorTiles, [], 'the full-city view needs no vector tiles');
  });

  let hovered;
  it('names the value and class of the area under the pointer and selects it on a click', async () => {
    hovered = await hoverArea(page);
    assert.ok(byCode.has(hovered.name), `the raster names an area by its code: ${hovered.text}`);
    assert.match(hovered.text, /\d+,\d+ \(Klasse [1-5]\)/);
    await page.mouse.click(hovered.point.x, hovered.point.y);
    const series = page.locator('section[aria-label="Zeitreihe"] table tbody th');
    await series.filter({ hasText: byCode.get(hovered.name).name }).waitFor();
  });

  it('draws the features in view from vector tiles once zoomed in', async () => {
    const zoomIn = page.locator('.maplibregl-ctrl-zoom-in');
    // Each click waits until the zoom has ended (MapLibre eases for 300 ms; a second click
    // during it would start from the zoom reached so far) or the vector tiles are asked for.
    for (let clicks = 0; vectorTiles.length === 0; clicks++) {
      assert.ok(clicks < 8, 'no vector tiles requested after 8 zoom steps');
      await zoomIn.click();
      await page.waitForRequest((request) => isVectorTile(request.url()), { timeout: 2_000 }).catch(() => {});
    }
    const drawn = () => page.getByTestId('indicator-map').getAttribute('data-rendered-features');
    await page
      .waitForFunction((total) => {
        const count = Number(
          document.querySelector('[data-testid="indicator-map"]')?.getAttribute('data-rendered-features'),
        );
        return count > 0 && count < total;
      }, AREAS)
      .catch(async (error) => {
        throw new Error(`${vectorTiles.length} vector tiles, ${await drawn()} drawn: ${error.message}`);
      });
    const inView = Number(await drawn());
    assert.ok(inView < AREAS, `${inView} features in view`);
    const { text } = await hoverArea(page);
    assert.match(text, /\d+,\d+ \(Klasse [1-5]\)/);
    assert.equal(await page.locator('ul.legend .legend-entry').count(), 5);
    assert.deepEqual(consoleErrors, []);
    await page.context().close();
  });
}
