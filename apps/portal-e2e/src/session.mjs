// What the browser suites share: a German browser page that collects console errors, the demo
// login, bearer tokens for API calls next to the pages, and German numbers read off the screen.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { describeViolations, seriousA11yViolations } from './browser.mjs';

/** A new browser context and page (German, desktop size) whose console errors land in `consoleErrors`. */
export async function newPage(context, consoleErrors, viewport = { width: 1440, height: 1100 }) {
  const browserContext = await context.browser.newContext({
    viewport,
    locale: 'de-DE',
    acceptDownloads: true,
  });
  const page = await browserContext.newPage();
  // Three more lanes run beside this one on the same cores.
  page.setDefaultTimeout(60_000);
  page.on('console', (message) => {
    // Chromium reports every HTTP error response on its own ("Failed to load resource"); the
    // expected denials (403 outside the area scope) are asserted where they happen.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
      consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  return page;
}

/** Opens `path`, signs in at the platform's login page as a demo user and waits to be back. */
export async function login(page, baseUrl, path, user) {
  await page.goto(`${baseUrl}${path}`);
  await page.waitForURL(/\/oidc\/interaction\//);
  await page.getByLabel('Benutzername').fill(user);
  await page.getByLabel('Passwort').fill('demo');
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await page.waitForURL((url) => url.pathname === path);
}

/**
 * Waits until the map `testId` says it draws at least `minimum` features and returns the count.
 * A map reports again whenever its data settles, so an early count (an idle before the worker's
 * tiles arrived) is followed by the right one: wait for the condition, never read the first.
 * `attribute`: data-rendered-features (area and class maps) or data-rendered (highlight maps).
 */
export async function drawnFeatures(page, testId, minimum, attribute = 'data-rendered-features') {
  const count = () => page.getByTestId(testId).getAttribute(attribute);
  await page
    .waitForFunction(
      ([id, min, name]) => Number(document.querySelector(`[data-testid="${id}"]`)?.getAttribute(name)) >= min,
      [testId, minimum, attribute],
    )
    .catch(async (error) => {
      throw new Error(
        `${testId}: expected ≥ ${minimum} features drawn, the map says ${await count()}: ${error.message}`,
      );
    });
  return Number(await count());
}

export async function expectAccessible(page) {
  const violations = await seriousA11yViolations(page);
  assert.deepEqual(violations, [], describeViolations(violations));
}

/** A German number as the portal writes it ("−1,234", "+0,50", "12.345,00 €") → Number. */
export const germanNumber = (text) =>
  Number(
    text
      .trim()
      .replace('\u2212', '-')
      .replace(/[^\d,+-]/g, '')
      .replace(',', '.'),
  );

/** A bearer token by the password grant of the CLI client (the compiled auth library, as `quartier token --user …`). */
export async function tokenFor(baseUrl, username) {
  const { DEMO_PASSWORD, requestPasswordGrant } = createRequire(import.meta.url)(
    '../../../dist/server/libs/auth/src/index.js',
  );
  // Four lanes on two cores: the login provider may answer slower than the library's 5 s default.
  const grant = await requestPasswordGrant({
    issuer: `${baseUrl}/oidc`,
    username,
    password: DEMO_PASSWORD,
    timeoutMs: 30_000,
  });
  return grant.access_token;
}

/** An API call with a bearer token; fails the test on an error status. */
export async function api(baseUrl, token, method, path, body, contentType = 'application/json') {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': contentType }),
    },
    body: body === undefined ? undefined : contentType === 'application/json' ? JSON.stringify(body) : body,
  });
  const text = await response.text();
  assert.ok(response.ok, `${method} ${path}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

/**
 * Clicks a table's CSV download (`<testId>-csv`, inside `scope`: a page or a locator) and reads the file back as rows of cells
 * (RFC 4180: quoted cells may hold commas and doubled quotes; the BOM is dropped).
 */
export async function downloadedCsv(scope, testId) {
  const page = typeof scope.page === 'function' ? scope.page() : scope;
  const waiting = page.waitForEvent('download');
  await scope.getByTestId(`${testId}-csv`).click();
  const file = await waiting;
  assert.match(file.suggestedFilename(), /\.csv$/);
  const { readFile } = await import('node:fs/promises');
  const text = (await readFile(await file.path(), 'utf8')).replace(/^\uFEFF/, '');
  return text
    .split('\r\n')
    .map((line) =>
      [...line.matchAll(/(?:^|,)("(?:[^"]|"")*"|[^,]*)/g)].map(([, cell]) =>
        cell.startsWith('"') ? cell.slice(1, -1).replace(/""/g, '"') : cell,
      ),
    );
}
