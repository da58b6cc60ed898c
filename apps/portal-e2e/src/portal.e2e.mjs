// The portal flow as a planner of district Mitte sees it. The tests run in order and share one
// browser page: login first, then the areas page in its various states.
import assert from 'node:assert/strict';
import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { it as nodeIt } from 'node:test';
import { describeViolations, seriousA11yViolations } from './browser.mjs';
import { api, newPage, tokenFor } from './session.mjs';

const BERLIN_DISTRICTS = [
  'Mitte',
  'Friedrichshain-Kreuzberg',
  'Pankow',
  'Charlottenburg-Wilmersdorf',
  'Spandau',
  'Steglitz-Zehlendorf',
  'Tempelhof-Schöneberg',
  'Neukölln',
  'Treptow-Köpenick',
  'Marzahn-Hellersdorf',
  'Lichtenberg',
  'Reinickendorf',
];

/** The tree's top-level items (districts), as `{ code, name, editable }`. */
async function rootItems(page) {
  return page.$$eval('[data-testid="area-tree"] > ul > li.tree-item', (items) =>
    items.map((li) => ({
      code: li.getAttribute('data-area-code'),
      name: li.querySelector(':scope > .tree-row .area-name')?.textContent?.trim(),
      editable: li.querySelector(':scope > .tree-row .editable-mark') !== null,
    })),
  );
}

async function selectArea(page, name) {
  await page.locator('[data-testid="area-tree"] .area-link', { hasText: name }).first().click();
  await page.locator('[data-testid="area-detail"] h2', { hasText: name }).waitFor();
}

/** @param {{ baseUrl: string|null, browser: import('playwright-core').Browser|null, outDir: string, root: string }} context */
export function portalTests(context, it = nodeIt) {
  /** @type {import('playwright-core').Page} */
  let page;
  const consoleErrors = [];

  it('redirects to the provider’s login page, which has no serious accessibility violations', async () => {
    page = await newPage(context, consoleErrors, { width: 1440, height: 1000 });
    await page.goto(`${context.baseUrl}/areas`);
    await page.waitForURL(/\/oidc\/interaction\//);
    await page.getByLabel('Benutzername').waitFor();
    const violations = await seriousA11yViolations(page);
    assert.deepEqual(violations, [], describeViolations(violations));
  });

  it('logs in as planer through the real login form and lands on the areas page', async () => {
    await page.getByLabel('Benutzername').fill('planer');
    await page.getByLabel('Passwort').fill('demo');
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.waitForURL((url) => url.pathname === '/areas');
    await page.getByRole('heading', { level: 1, name: 'Gebiete' }).waitFor();
    // Name and tenant come from the registry's /me, which may still be on its way.
    await page.getByTestId('user').filter({ hasText: 'Berlin (Demo)' }).waitFor();
    assert.match(await page.getByTestId('user').innerText(), /Paul Planer/);
    assert.equal(await page.getAttribute('html', 'lang'), 'de');
  });

  it('lists the twelve Berlin districts in the tree, only Mitte marked editable', async () => {
    await page.locator('[data-testid="area-tree"] li.tree-item').first().waitFor();
    const roots = await rootItems(page);
    assert.deepEqual(roots.map((r) => r.name).sort(), [...BERLIN_DISTRICTS].sort());
    assert.deepEqual(
      roots.filter((r) => r.editable).map((r) => r.name),
      ['Mitte'],
    );
  });

  it('offers editing inside Mitte’s subtree and nowhere else', async () => {
    await selectArea(page, 'Mitte');
    assert.equal(await page.getByTestId('edit-area').isEnabled(), true);

    // A child of Mitte, reached by keyboard: the disclosure button expands the lazy-loaded level.
    const mitteToggle = page.getByRole('button', { name: 'Untergebiete von Mitte anzeigen' });
    await mitteToggle.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Untergebiete von Mitte ausblenden' }).waitFor();
    const mitteChildren = page.locator(
      '[data-testid="area-tree"] > ul > li[data-area-code="01"] .tree-children .tree-item',
    );
    await mitteChildren.first().waitFor();
    const childName = (await mitteChildren.first().locator('.area-name').innerText()).trim();
    assert.equal(await mitteChildren.first().locator('.editable-mark').count(), 1);
    await selectArea(page, childName);
    assert.equal(await page.getByTestId('edit-area').isEnabled(), true);

    await selectArea(page, 'Pankow');
    assert.equal(await page.getByTestId('edit-area').count(), 0);
    await page.getByTestId('not-editable').waitFor();
  });

  it('saves a changed population for a Mitte area', async () => {
    await selectArea(page, 'Mitte');
    await page.getByTestId('edit-area').click();
    const population = page.getByRole('textbox', { name: 'Einwohnerzahl' });
    // The form opens with the focus in its first field.
    await page.waitForFunction(() => document.activeElement?.getAttribute('formcontrolname') === 'name');
    await population.fill('384.172');
    await page.getByRole('button', { name: 'Speichern' }).click();
    await page.getByText('Änderungen an Mitte gespeichert.').waitFor();
    // The detail is re-read from the server: the figure shown is what the registry stored.
    await page.getByTestId('area-population').filter({ hasText: '384.172' }).waitFor();
    // Focus returns to the edit button, so keyboard users continue where they started.
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'edit-area');
  });

  it('zooms the map to the chosen area and shows what the services know about it', async () => {
    // Stülerstraße (Mitte): the demo survey covers it, an actor with offerings is in it.
    await page.goto(`${context.baseUrl}/areas?level=planungsraum`);
    await page.getByRole('heading', { level: 1, name: 'Gebiete' }).waitFor();
    const token = await tokenFor(context.baseUrl, 'planer');
    const found = await api(
      context.baseUrl,
      token,
      'GET',
      '/api/registry/areas?q=01011101&level=planungsraum',
    );
    const area = found.items.find((a) => a.code === '01011101');
    await page
      .locator('[data-testid="area-map"][data-rendered-features]:not([data-rendered-features=""])')
      .waitFor();
    await page.goto(`${context.baseUrl}/areas?level=planungsraum&area=${area.id}`);
    await page.locator(`[data-testid="area-map"][data-zoomed-to="${area.id}"]`).waitFor();
    const indicators = page.getByTestId('area-indicators');
    await indicators.locator('tbody tr').first().waitFor();
    const rows = await indicators.locator('tbody tr').allInnerTexts();
    assert.ok(
      rows.some((row) => /^Arbeitslosigkeit \(SGB II\)\t[\d,]+ % \(2018\)\t[−+±]/.test(row)),
      rows.join('\n'),
    );
    assert.ok((await indicators.locator('[data-trend]').count()) > 0, 'a trend since the period before');
    assert.match(
      await page.getByTestId('area-index').innerText(),
      /Sozialindex \(MSS 2019\)[\s\S]*Status-Index/,
    );
    await page
      .getByTestId('area-surveys')
      .getByRole('link', { name: 'Nachbarschaftsbefragung Mitte 2025' })
      .waitFor();
    assert.ok((await page.getByTestId('area-actors').locator('li').count()) >= 1);
    // The report link of the area page stays where it is.
    await page.getByTestId('area-detail').getByTestId('create-report').waitFor();
    const violations = await seriousA11yViolations(page);
    assert.deepEqual(violations, [], describeViolations(violations));
    await page.goto(`${context.baseUrl}/areas`);
    await page.getByRole('heading', { level: 1, name: 'Gebiete' }).waitFor();
  });

  it('draws the district map with MapLibre and saves a screenshot', async () => {
    const map = page.getByTestId('area-map');
    await map.locator('canvas').waitFor();
    // Every district is drawn (MapLibre may split a polygon across tiles, so ≥).
    await page
      .waitForFunction(
        () =>
          Number(
            document.querySelector('[data-testid="area-map"]')?.getAttribute('data-rendered-features'),
          ) >= 12,
        undefined,
        { timeout: 60_000 },
      )
      .catch(async (error) => {
        const rendered = await map.getAttribute('data-rendered-features');
        throw new Error(`expected ≥ 12 rendered district features, got ${rendered}: ${error.message}`);
      });

    // A finer level for the picture: Bezirksregionen show the city's structure best.
    await page.getByRole('radio', { name: 'Bezirksregion' }).click();
    await page.waitForURL(/level=bezirksregion/);
    await page.waitForFunction(
      () =>
        Number(document.querySelector('[data-testid="area-map"]')?.getAttribute('data-rendered-features')) >
        100,
    );
    await page.getByText(/\d+ Gebiete auf der Karte/).waitFor();
    const screenshot = join(context.outDir, 'areas-map.png');
    await page.screenshot({ path: screenshot, fullPage: false });
    assert.ok(existsSync(screenshot));
    if (process.env.E2E_UPDATE_SCREENSHOT === '1')
      copyFileSync(screenshot, join(context.root, 'docs/screenshot.png'));
  });

  it('has no serious or critical accessibility violations on the areas page', async () => {
    const violations = await seriousA11yViolations(page);
    assert.deepEqual(violations, [], describeViolations(violations));
  });

  it('switches to English and back', async () => {
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Areas' }).waitFor();
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Indicators' })
      .waitFor();
    assert.equal(await page.getByRole('heading', { level: 2, name: 'Area hierarchy' }).count(), 1);
    // The choice survives a reload.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Areas' }).waitFor();
    await page.getByRole('button', { name: 'Auf Deutsch umschalten' }).click();
    await page.getByRole('heading', { level: 1, name: 'Gebiete' }).waitFor();
    assert.equal(await page.getAttribute('html', 'lang'), 'de');
  });

  it('opens every feature from the navigation and denies the admin pages to a planner', async () => {
    // Reports were the last feature in preparation; it has its page now.
    await page.getByRole('link', { name: 'Berichte' }).click();
    await page.getByRole('heading', { level: 1, name: 'Berichte' }).waitFor();
    assert.equal(await page.getByText('in Vorbereitung').count(), 0);
    // Focus moved to the new page's heading for screen readers.
    assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'H1');
    assert.equal(await page.getByRole('link', { name: 'Rollenzuweisungen' }).count(), 0);
    await page.goto(`${context.baseUrl}/admin/role-assignments`);
    await page.getByRole('heading', { level: 1, name: 'Kein Zugriff' }).waitFor();
  });

  it('logs out at the provider and back in as the tenant administrator', async () => {
    await page.goto(`${context.baseUrl}/areas`);
    await page.getByRole('button', { name: 'Abmelden' }).click();
    await page.getByRole('button', { name: 'Ja, abmelden' }).click();
    // After logout the portal's guard sends us to the login form again: the session is gone.
    await page.getByLabel('Benutzername').waitFor();
    await page.getByLabel('Benutzername').fill('admin');
    await page.getByLabel('Passwort').fill('demo');
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.getByTestId('user').filter({ hasText: 'Anna Admin' }).waitFor();
    // A tenant admin may edit every district.
    await page.locator('[data-testid="area-tree"] li.tree-item').first().waitFor();
    assert.deepEqual(
      (await rootItems(page)).filter((r) => !r.editable),
      [],
    );
  });

  it('lists, grants and revokes role assignments', async () => {
    await page.getByRole('link', { name: 'Rollenzuweisungen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Rollenzuweisungen' }).waitFor();
    const planerRow = page.locator('table.assignments tbody tr', { hasText: 'planer' });
    await planerRow.first().waitFor();
    assert.match(await planerRow.first().innerText(), /Planung\s+Mitte/);

    // What an assignment is, in words; roles only the identity provider grants are not offered.
    await page.getByText(/die Rolle vergibt der Identitätsanbieter/).waitFor();
    // The analyst holds the role at the identity provider, so the grant takes effect whether or
    // not they signed in already (other suites sign in side by side; a viewer who has would be
    // refused the analyst role, as the next test shows for the planner).
    await page.getByRole('textbox', { name: 'Benutzerkennung' }).fill('analyst');
    await page.getByRole('combobox', { name: 'Rolle' }).click();
    const offered = await page.getByRole('option').allInnerTexts();
    assert.deepEqual(
      offered.map((o) => o.trim()),
      ['Programmverantwortung', 'Planung', 'Analyse', 'Evaluation', 'Lesezugriff'],
    );
    await page.getByRole('option', { name: 'Analyse' }).click();
    await page.getByRole('combobox', { name: 'Gebiet (optional)' }).fill('Pankow');
    await page.getByRole('option', { name: /^Pankow \(Bezirk 03\)/ }).click();
    await page.getByRole('button', { name: 'Rolle zuweisen' }).click();
    await page
      .getByText('Zugewiesen: analyst – Rolle Analyse beim Identitätsanbieter, Bereich hier: Pankow.')
      .waitFor();
    const granted = page
      .locator('table.assignments tbody tr', { hasText: 'Analyse' })
      .filter({ hasText: 'Pankow' });
    await granted.waitFor();

    const violations = await seriousA11yViolations(page);
    assert.deepEqual(violations, [], describeViolations(violations));

    page.once('dialog', (dialog) => dialog.accept());
    await granted.getByRole('button', { name: 'Rolle Analyse von analyst entfernen' }).click();
    await page.getByText('Rollenzuweisung entfernt.').waitFor();
    await granted.waitFor({ state: 'detached' });
  });

  it('refuses a role the person lacked at the identity provider in German, and assigns it once confirmed', async () => {
    // planer signed in earlier in this suite without the evaluator role.
    await page.getByRole('textbox', { name: 'Benutzerkennung' }).fill('planer');
    await page.getByRole('combobox', { name: 'Rolle' }).click();
    await page.getByRole('option', { name: 'Evaluation' }).click();
    await page.getByRole('button', { name: 'Rolle zuweisen' }).click();
    await page
      .getByText(
        'Aktion fehlgeschlagen: Die Person hat diese Rolle beim Identitätsanbieter nicht: die Zuweisung hätte keine Wirkung.',
      )
      .waitFor();
    // The service's English message never reaches the page.
    assert.equal(await page.getByText(/last signed in|identity provider/).count(), 0);
    const confirm = page.getByTestId('acknowledge-provider-role');
    assert.equal(await confirm.getByRole('button', { name: 'Bereich trotzdem zuweisen' }).isDisabled(), true);
    await confirm.getByRole('checkbox').check();
    await confirm.getByRole('button', { name: 'Bereich trotzdem zuweisen' }).click();
    await page
      .getByText(
        'Zugewiesen: planer – Rolle Evaluation beim Identitätsanbieter, Bereich hier: gesamter Mandant.',
      )
      .waitFor();
    const row = page
      .locator('table.assignments tbody tr', { hasText: 'Evaluation' })
      .filter({ hasText: 'planer' });
    assert.match(await row.innerText(), /Rolle fehlt – wirkt erst, wenn der Identitätsanbieter sie vergibt/);
    page.once('dialog', (dialog) => dialog.accept());
    await row.getByRole('button', { name: 'Rolle Evaluation von planer entfernen' }).click();
    await row.waitFor({ state: 'detached' });
  });

  it('imports nothing from a file with a broken feature and names the feature', async () => {
    await page.getByRole('link', { name: 'Gebietsimport' }).click();
    await page.getByRole('heading', { level: 1, name: 'Gebietsimport' }).waitFor();
    const collection = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { id: '01011101', name: 'Stülerstraße' },
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [13.35, 52.51],
                [13.36, 52.51],
                [13.36, 52.52],
                [13.35, 52.51],
              ],
            ],
          },
        },
        { type: 'Feature', properties: { id: '01011102' }, geometry: null },
      ],
    };
    await page.setInputFiles('#import-file', {
      name: 'planungsraeume.geojson',
      mimeType: 'application/geo+json',
      buffer: Buffer.from(JSON.stringify(collection)),
    });
    await page.getByRole('combobox', { name: 'Ebene' }).click();
    await page.getByRole('option', { name: 'Planungsraum' }).click();
    let violations = await seriousA11yViolations(page);
    assert.deepEqual(violations, [], describeViolations(violations));
    await page.getByRole('button', { name: 'Import starten' }).click();
    const job = page.getByTestId('import-job');
    await job.getByRole('heading', { name: 'Status: fehlgeschlagen' }).waitFor({ timeout: 30_000 });
    // The job's failure in German by its state, not the service's English message.
    await job.getByText('Die Gebietsdatei enthält Fehler; es wurde nichts importiert.').waitFor();
    // Each reason in German by the registry's code, with the values it names (the import goes
    // into a new area version dated today, which has no district regions to be the parents).
    const errors = await job.locator('.feature-errors li').allInnerTexts();
    assert.deepEqual(errors, [
      'Feature 1 (Index 0): Kein Gebiet der Ebene darüber hat einen Schlüssel, mit dem „01011101“ beginnt.',
      'Feature 2 (Index 1): Die Eigenschaft „name“ (Name) fehlt oder ist leer.',
      'Feature 2 (Index 1): Kein Gebiet der Ebene darüber hat einen Schlüssel, mit dem „01011102“ beginnt.',
      'Feature 2 (Index 1): Die Geometrie fehlt.',
    ]);
    // A file that is no FeatureCollection at all: the reason for the whole file, in German.
    await page.setInputFiles('#import-file', {
      name: 'punkt.geojson',
      mimeType: 'application/geo+json',
      buffer: Buffer.from(JSON.stringify({ type: 'Point', coordinates: [13.4, 52.5] })),
    });
    await page.getByRole('button', { name: 'Import starten' }).click();
    await job
      .getByText(
        'Die Datei ist keine GeoJSON-FeatureCollection (es fehlt die Liste „features“). Es wurde nichts importiert.',
      )
      .waitFor({ timeout: 30_000 });
    violations = await seriousA11yViolations(page);
    assert.deepEqual(violations, [], describeViolations(violations));
  });

  it('says in German, or in English for an English browser, when it cannot load its configuration', async () => {
    for (const [locale, heading, button] of [
      ['de-DE', 'Das Portal konnte seine Konfiguration nicht laden.', 'Seite neu laden'],
      ['en-GB', 'The portal could not load its configuration.', 'Reload page'],
    ]) {
      const failing = await context.browser.newContext({ locale });
      const failingPage = await failing.newPage();
      await failingPage.route('**/portal-config.json', (route) => route.fulfill({ status: 502, body: '' }));
      await failingPage.goto(`${context.baseUrl}/areas`);
      const alert = failingPage.getByRole('alert');
      await alert.getByRole('heading', { level: 1, name: heading }).waitFor();
      await alert.getByRole('button', { name: button }).waitFor();
      // The technical reason is logged, not shown.
      assert.doesNotMatch(await alert.innerText(), /HTTP|502|portal-config/);
      assert.equal(await failingPage.evaluate(() => document.documentElement.lang), locale.slice(0, 2));
      const violations = await seriousA11yViolations(failingPage);
      assert.deepEqual(violations, [], describeViolations(violations));
      await failing.close();
    }
  });

  it('logged no errors to the browser console', () => {
    assert.deepEqual(consoleErrors, []);
  });
}
