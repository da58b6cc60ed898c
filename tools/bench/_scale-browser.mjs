// The browser part of the scale benchmark: the largest generated city becomes Musterstadt's
// current area version (valid from today), gets values of S1 for a new latest period, and the
// portal's indicator explorer is opened in headless Chromium at 1280 × 800 as musterstadt-admin.
// Measured with the browser cache disabled: bytes of the map's data path (TileJSON, geometry
// tiles, value layer) and of every request, and the time from the first map data request to the
// map reporting its features drawn (the e2e tests' `data-rendered-features`).
import { createReadStream, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { client, token, waitForJob } from './_embedded-platform.mjs';

const TENANT_USER = 'musterstadt-admin';
const PERIOD = '2099';
const BROWSER_RUNS = 3;

export async function seedMusterstadt(url, files, city, work) {
  const call = client(url, await token(url, TENANT_USER));
  const validFrom = new Date().toISOString().slice(0, 10);
  for (const { level, file } of files) {
    const job = await call(
      'POST',
      `/api/registry/area-imports?level=${level}&codeProperty=code&nameProperty=name&populationProperty=population&validFrom=${validFrom}`,
      () => createReadStream(file),
      'application/geo+json',
    );
    await waitForJob(call, `/api/registry/area-imports/${job.id}`);
  }
  // The indicator service's copy is complete when its area list — the current version's areas,
  // the new version's from its first replicated area on (valid from today) — counts the city's
  // planning areas and starts with the registry's first one (the same version, not an old one
  // of as many areas).
  const planning = city.levels.at(-1).key;
  const [first] = (await call('GET', `/api/registry/areas?level=${planning}&limit=1`)).items;
  const deadline = Date.now() + 300_000;
  for (;;) {
    const page = await call('GET', `/api/indicator/area-refs?level=${planning}&limit=1`);
    if (page.total === city.planningAreas.length && page.items[0]?.id === first.id) break;
    if (Date.now() > deadline) throw new Error('Musterstadt areas did not replicate within 5 min');
    await new Promise((r) => setTimeout(r, 500));
  }
  const csv = join(work, 'musterstadt-s1.csv');
  const lines = ['area,period,indicator,value,numerator,denominator'];
  city.planningAreas.forEach((a, i) => {
    const denominator = 500 + (i % 900);
    const numerator = Math.round(denominator * (0.05 + 0.3 * (((i * 7919) % 1000) / 1000)));
    lines.push(
      `${a.code},${PERIOD},S1,${((100 * numerator) / denominator).toFixed(4)},${numerator},${denominator}`,
    );
  });
  writeFileSync(csv, `${lines.join('\n')}\n`);
  const job = await call(
    'POST',
    '/api/indicator/imports?format=csv',
    () => createReadStream(csv),
    'application/octet-stream',
  );
  await waitForJob(call, `/api/indicator/imports/${job.id}`);
}

/**
 * What the environment asks to record from the reload until the map is drawn:
 * QUARTIER_SCALE_TRACE=<file>, a Chromium trace of every thread (page, MapLibre's workers, GPU
 * process) for Perfetto; QUARTIER_SCALE_CPU_PROFILE=<file>, a V8 CPU profile of the page.
 */
async function startRecording(browser, page, cdp) {
  const trace = process.env.QUARTIER_SCALE_TRACE;
  const cpuProfile = process.env.QUARTIER_SCALE_CPU_PROFILE;
  if (trace)
    await browser.startTracing(page, {
      path: trace,
      // QUARTIER_SCALE_TRACE_CATEGORIES: others, e.g. disabled-by-default-v8.cpu_profiler for
      // JavaScript samples of every thread (MapLibre's worker included).
      categories: (
        process.env.QUARTIER_SCALE_TRACE_CATEGORIES ??
        'devtools.timeline,disabled-by-default-devtools.timeline,v8.execute,gpu,toplevel'
      ).split(','),
    });
  if (cpuProfile) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
  }
  return async () => {
    if (trace) await browser.stopTracing();
    if (cpuProfile) writeFileSync(cpuProfile, JSON.stringify((await cdp.send('Profiler.stop')).profile));
  };
}

/**
 * Null when the portal is not built (dist/portal/browser) or Chromium is missing. `settle` waits
 * until the platform is idle and answers how long that took: the seeding's areas and values are
 * still being applied by the other services' read models when the indicator service has them,
 * and the page's drawing is measured, not that work beside it.
 */
export async function measureExplorer({ url, root, files, city, work, settle }) {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(join(root, 'dist/portal/browser/index.html')) || !existsSync(executablePath)) return null;
  await seedMusterstadt(url, files, city, work);
  const settledAfterSeconds = settle ? await settle() : null;
  // Three page loads, each in a fresh browser: one is at the mercy of the machine's other work.
  const runs = [];
  for (let i = 0; i < BROWSER_RUNS; i++)
    runs.push(await measureExplorerPage({ url, root, work, executablePath }));
  const byTime = [...runs].sort((a, b) => a.renderMs - b.renderMs);
  return {
    ...byTime[Math.floor(byTime.length / 2)],
    renderRunsMs: runs.map((r) => r.renderMs),
    settledAfterSeconds,
  };
}

/** The explorer's page over an already seeded Musterstadt (see `seedMusterstadt`). */
export async function measureExplorerPage({ url, root, work, executablePath }) {
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--enable-unsafe-swiftshader', '--use-angle=swiftshader'],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'de-DE' });
    const page = await context.newPage();
    page.setDefaultTimeout(120_000);
    await page.goto(`${url}/indicators`);
    await page.waitForURL(/\/oidc\/interaction\//);
    await page.getByLabel('Benutzername').fill(TENANT_USER);
    await page.getByLabel('Passwort').fill('demo');
    await page.getByRole('button', { name: 'Anmelden' }).click();
    const map = page.getByTestId('indicator-map');
    // Drawn = the map counts features of its areas. A first count can come before the tiles
    // (an idle before the worker answered): wait for a positive one, then 60 s at the most.
    // Answers the page's clock when it first saw the count (checked every frame): the time the
    // answer takes to reach this process, and what it does then, are not the page's drawing.
    const drawn = () =>
      page
        .waitForFunction(
          () =>
            Number(
              document.querySelector('[data-testid="indicator-map"]')?.getAttribute('data-rendered-features'),
            ) > 0 && performance.now(),
          null,
          { timeout: 60_000, polling: 'raf' },
        )
        .then((handle) => handle.jsonValue())
        .catch(() => undefined);
    // Tile answers by status and what the page logged as errors: a map that reports 0 features
    // drawn (it did at 50,000 areas) says why only here — the tiles come from MapLibre's worker.
    const tileStatuses = {};
    const pageErrors = [];
    page.on('response', (r) => {
      if (r.url().includes('/api/registry/tiles/'))
        tileStatuses[r.status()] = (tileStatuses[r.status()] ?? 0) + 1;
    });
    page.on('pageerror', (e) => pageErrors.push(e.message.slice(0, 300)));
    page.on('console', (m) => {
      if (m.type() === 'error') pageErrors.push(m.text().slice(0, 300));
    });
    await map.waitFor();
    await drawn(); // the first, cold view: the registry builds its tile index
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    const requests = new Map();
    cdp.on('Network.requestWillBeSent', (e) =>
      requests.set(e.requestId, { url: e.request.url, at: e.timestamp }),
    );
    cdp.on('Network.loadingFinished', (e) => {
      const r = requests.get(e.requestId);
      if (r) r.bytes = e.encodedDataLength;
    });
    const stopRecording = await startRecording(browser, page, cdp);
    await page.reload();
    const started = performance.now();
    const drawnAt = await drawn();
    const pageMs = performance.now() - started;
    await stopRecording();
    const features = Number(await map.getAttribute('data-rendered-features'));
    // The value layer is requested with the tiles, once the TileJSON is there (Resource Timing
    // of the page; the tiles themselves are fetched by MapLibre's worker).
    const renderMs = await page.evaluate((at) => {
      const layer = performance
        .getEntriesByType('resource')
        .filter((e) => e.name.includes('/api/indicator/values/layer'))
        .at(-1);
      return layer && typeof at === 'number' ? Math.round(at - layer.startTime) : null;
    }, drawnAt);
    const all = [...requests.values()];
    const mapData = all.filter((r) => /\/api\/registry\/tiles\/|\/api\/indicator\/values\/layer/.test(r.url));
    const sum = (list) => list.reduce((s, r) => s + (r.bytes ?? 0), 0);
    // Kept beside the results (bench-results is not committed): the map as it was measured.
    const screenshot = existsSync(join(root, 'bench-results'))
      ? join(root, 'bench-results/explorer-50k.png')
      : join(work, 'explorer-50k.png');
    await page.screenshot({ path: screenshot });
    return {
      features,
      mapRequests: mapData.length,
      mapBytes: sum(mapData),
      allBytes: sum(all),
      rankingBytes: sum(all.filter((r) => r.url.includes('/values/ranking'))),
      renderMs,
      pageMs: Math.round(pageMs),
      tileStatuses,
      pageErrors: pageErrors.slice(0, 10),
      screenshot,
    };
  } finally {
    await browser.close();
  }
}
