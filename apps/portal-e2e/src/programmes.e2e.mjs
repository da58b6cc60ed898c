// A funding programme as the programme office of Berlin works it, signed in as `programm`:
// programme areas from the MSS index ("status 4, or 3 with dynamics −" within Mitte), a budget
// allocated by need, a measure moved through the workflow (approve → start), and an impact model
// whose indicator binding shows a new attainment after new indicator values are imported.
// Every test creates its own programme (unique name); periods and dates are fixed values, never
// today's. Register in apps/portal-e2e/run.mjs:
//   import { programmeTests } from './src/programmes.e2e.mjs';   …   programmeTests(context);
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { it } from 'node:test';
import { describeViolations, seriousA11yViolations } from './browser.mjs';

/** A bearer token by the password grant of the CLI client (as `quartier token --user …`). */
async function tokenFor(baseUrl, username) {
  const discovery = await (await fetch(`${baseUrl}/oidc/.well-known/openid-configuration`)).json();
  const response = await fetch(discovery.token_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'password',
      client_id: 'quartier-cli',
      username,
      password: 'demo',
      scope: 'openid profile',
    }),
  });
  const body = await response.json();
  assert.ok(response.ok, `token for ${username}: ${JSON.stringify(body)}`);
  return body.access_token;
}

async function api(baseUrl, token, method, path, body, contentType = 'application/json') {
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

/** @param {{ baseUrl: string|null, browser: import('playwright-core').Browser|null, outDir: string, root: string }} context */
export function programmeTests(context) {
  const consoleErrors = [];

  async function signedIn() {
    const browserContext = await context.browser.newContext({
      viewport: { width: 1440, height: 1100 },
      locale: 'de-DE',
    });
    const page = await browserContext.newPage();
    page.setDefaultTimeout(30_000);
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
        consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(error.message));
    await page.goto(`${context.baseUrl}/programmes`);
    await page.waitForURL(/\/oidc\/interaction\//);
    await page.getByLabel('Benutzername').fill('programm');
    await page.getByLabel('Passwort').fill('demo');
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.waitForURL((url) => url.pathname === '/programmes');
    await page.getByRole('heading', { level: 1, name: 'Programme' }).waitFor();
    return page;
  }

  async function assertAccessible(page) {
    const violations = await seriousA11yViolations(page);
    assert.deepEqual(violations, [], describeViolations(violations));
  }

  /** Creates a programme in the portal and opens it; returns its id. */
  async function createProgramme(page, name) {
    await page.getByLabel('Name', { exact: true }).fill(name);
    await page.getByLabel('Fördergeber').fill('Land Berlin');
    await page.getByLabel('Förderzeitraum von').fill('2025-01-01');
    await page.getByLabel('Förderzeitraum bis').fill('2028-12-31');
    await page.getByRole('button', { name: 'Programm anlegen' }).click();
    await page.getByRole('heading', { level: 1, name }).waitFor();
    return new URL(page.url()).pathname.split('/').pop();
  }

  /** Programme areas from the newest MSS run: status 4, or 3 with dynamics −, within Mitte. */
  async function selectAreasFromIndex(page) {
    await page.getByRole('tab', { name: 'Gebiete' }).click();
    const run = page.getByLabel('Indexlauf');
    // The page starts from the accepted selection or the newest run once both have loaded.
    await page.waitForFunction(() => document.querySelector('#run')?.value);
    const label = await run.evaluate((select) => select.options[select.selectedIndex]?.text ?? '');
    assert.match(label, /MSS/);
    await page.getByLabel('Nur innerhalb von').selectOption({ label: '01 Mitte' });
    await page.getByTestId('rule-text').filter({ hasText: 'Status 4 oder Status 3 mit Dynamik -' }).waitFor();
    await page.getByRole('button', { name: 'Vorschau' }).click();
    const selected = page.getByTestId('selected-areas');
    await selected.waitFor();
    const reasons = await selected.locator('tbody td:nth-child(3)').allInnerTexts();
    assert.ok(reasons.length > 0, 'the rule selects areas in Mitte');
    for (const reason of reasons) assert.match(reason, /^erfüllt Alternative [12]/);
    const classes = await selected.locator('tbody td:nth-child(2)').allInnerTexts();
    for (const c of classes) assert.match(c, /^(4 \/ .+|3 \/ -)$/);
    await page.getByRole('button', { name: 'Übernehmen', exact: true }).click();
    await page.getByText(`Übernommen: ${reasons.length} Programmgebiete.`).waitFor();
    return reasons.length;
  }

  it('creates a programme from the index rule “status 4, or 3 with dynamics −” within Mitte', async () => {
    const page = await signedIn();
    const name = `E2E-Programm Gebiete ${Date.now()}`;
    await createProgramme(page, name);
    await assertAccessible(page);
    const count = await selectAreasFromIndex(page);
    await page
      .getByTestId('candidates-map')
      .and(page.locator('[data-rendered]:not([data-rendered=""])'))
      .waitFor();
    await assertAccessible(page);
    await page.getByRole('tab', { name: 'Übersicht' }).click();
    await page
      .getByTestId('programme-areas')
      .locator('tbody tr')
      .nth(count - 1)
      .waitFor();
    assert.equal(await page.getByTestId('programme-areas').locator('tbody tr').count(), count);
    await page.screenshot({ path: join(context.outDir, 'programme-areas.png'), fullPage: true });
    await page.context().close();
  });

  it('sets a budget and allocates a budget line across the programme areas by population', async () => {
    const page = await signedIn();
    await createProgramme(page, `E2E-Programm Verteilung ${Date.now()}`);
    const count = await selectAreasFromIndex(page);
    await page.getByRole('tab', { name: 'Budget' }).click();
    await page.getByLabel('Jahr', { exact: true }).fill('2026');
    await page.getByRole('button', { name: 'Jahr hinzufügen' }).click();
    await page.getByLabel('Projektfonds 2026 in Euro').fill('100.000');
    await page.getByRole('button', { name: 'Budget speichern' }).click();
    await page.getByText('Budget gespeichert.').waitFor();
    await page.getByRole('tab', { name: 'Verteilung' }).click();
    await page.getByLabel('Haushaltslinie').selectOption({ label: 'Projektfonds' });
    await page.getByLabel('Jahr', { exact: true }).fill('2026');
    await page.getByLabel('Sockelbetrag je Gebiet (€)').fill('1000');
    await page.getByLabel('Bedarf aus').selectOption({ label: 'Einwohnerzahl' });
    await page.getByRole('button', { name: 'Vorschau' }).click();
    await page
      .getByTestId('allocation-summary')
      .filter({ hasText: 'Verteilt: 100.000,00\u00a0€ von 100.000,00\u00a0€' })
      .waitFor();
    const rows = page.getByTestId('allocation-table').locator('tbody tr');
    assert.equal(await rows.count(), count);
    const amounts = (await rows.locator('td:nth-child(6)').allInnerTexts()).map((a) =>
      Number(a.replace(/[^\d,]/g, '').replace(',', '.')),
    );
    assert.equal(Math.round(amounts.reduce((s, a) => s + a, 0) * 100), 10_000_000);
    for (const a of amounts) assert.ok(a >= 1000, `every area gets at least the floor (${a})`);
    await page.getByRole('button', { name: 'Übernehmen', exact: true }).click();
    await page.getByText('Als Version 1 gespeichert.').waitFor();
    await page.getByTestId('allocation-history').getByRole('rowheader', { name: 'Projektfonds' }).waitFor();
    await assertAccessible(page);
    await page.context().close();
  });

  it('proposes a measure and moves it through the workflow: approve, start', async () => {
    const page = await signedIn();
    await createProgramme(page, `E2E-Programm Maßnahmen ${Date.now()}`);
    await selectAreasFromIndex(page);
    await page.getByRole('tab', { name: 'Maßnahmen' }).click();
    const title = `Nachbarschaftscafé ${Date.now()}`;
    await page.getByLabel('Titel').fill(title);
    await page.locator('#m-area option:not([disabled])').first().waitFor({ state: 'attached' });
    const area = await page.locator('#m-area option:not([disabled])').first().getAttribute('value');
    await page.locator('#m-area').selectOption(area);
    await page.locator('#m-field').selectOption({ label: 'Nachbarschaft' });
    await page.getByLabel('Verantwortlich').fill('Nachbarschaftshaus e. V.');
    await page.getByRole('button', { name: 'Maßnahme beantragen' }).click();
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    await page.getByTestId('measure-status').filter({ hasText: 'beantragt' }).waitFor();
    await assertAccessible(page);
    await page.getByRole('button', { name: 'Bewilligen' }).click();
    await page.getByTestId('measure-status').filter({ hasText: 'bewilligt' }).waitFor();
    await page.getByRole('button', { name: 'Starten' }).click();
    await page.getByTestId('measure-status').filter({ hasText: 'laufend' }).waitFor();
    const audit = page.getByTestId('audit-trail').locator('tbody tr');
    await audit.nth(2).waitFor();
    assert.deepEqual(
      (await audit.locator('td:nth-child(3)').allInnerTexts()).map((t) => t.trim()),
      ['– → beantragt', 'beantragt → bewilligt', 'bewilligt → laufend'],
    );
    await page.getByRole('link', { name: 'Alle Maßnahmen' }).click();
    await page.getByLabel('Tafel nach Status').check();
    await page
      .getByTestId('measure-board')
      .getByRole('region', { name: 'laufend (1)' })
      .getByRole('link', { name: title })
      .waitFor();
    await page.context().close();
  });

  it('binds an indicator in the impact model and shows a new attainment after an import', async () => {
    const page = await signedIn();
    const programmeId = await createProgramme(page, `E2E-Programm Wirkung ${Date.now()}`);
    await selectAreasFromIndex(page);
    await page.getByRole('tab', { name: 'Wirkungsmodell' }).click();
    await page.getByRole('button', { name: 'Knoten hinzufügen' }).click();
    const node = page.getByTestId('node-n1');
    await node.getByLabel('Titel').fill('Weniger Arbeitslosigkeit in den Fördergebieten');
    await node.getByLabel('Art').selectOption({ label: 'Outcome' });
    await node.getByLabel('Stufe der Wirkungstreppe').selectOption({ label: '6' });
    await node.getByRole('button', { name: 'Beleg hinzufügen' }).click();
    const binding = page.getByTestId('binding-b1');
    await binding.getByLabel('Bezeichnung').fill('Arbeitslosigkeit (S1)');
    await binding.getByLabel('Indikator (Code)').fill('S1');
    await binding.getByLabel('Ausgangswert').fill('20');
    await binding.getByLabel('Ausgangsperiode').fill('2019');
    await binding.getByLabel('Zielwert').fill('10');
    await binding.getByLabel('Zieldatum').fill('2099-12-31');
    await binding.getByLabel('Richtung').selectOption({ label: 'niedriger ist besser' });
    await page.getByRole('button', { name: 'Wirkungsmodell speichern' }).click();
    const outcome = page.getByText('Gespeichert als Version 1.').or(page.getByRole('alert'));
    await outcome.first().waitFor();
    assert.equal((await outcome.first().innerText()).trim(), 'Gespeichert als Version 1.');
    await page
      .getByTestId('impact-graph')
      .locator('text', { hasText: 'Weniger Arbeitslosigkeit' })
      .first()
      .waitFor();
    await assertAccessible(page);

    await page.getByRole('tab', { name: 'Zielerreichung' }).click();
    const row = page.getByTestId('attainment-b1');
    await row.waitFor();
    const periodBefore = (await row.getByTestId('attainment-period').innerText()).trim();
    const statusBefore = (await row.getByTestId('attainment-status').innerText()).trim();
    // A period after every published one (and after an earlier run's import on a reused platform).
    const period = String(Math.max(2099, Number(periodBefore) + 1 || 0));

    // New S1 values for that period for each programme area: 15 % halfway from 20 to 10.
    const managerToken = await tokenFor(context.baseUrl, 'programm');
    const { areas } = await api(
      context.baseUrl,
      managerToken,
      'GET',
      `/api/programme/programmes/${programmeId}/areas`,
    );
    const csv = ['area,period,indicator,value', ...areas.map((a) => `${a.code},${period},S1,15`)].join('\n');
    const adminToken = await tokenFor(context.baseUrl, 'admin');
    const job = await api(
      context.baseUrl,
      adminToken,
      'POST',
      `/api/indicator/imports?format=csv&fileName=s1-${period}.csv`,
      csv,
      'text/csv',
    );
    let done = job;
    for (let i = 0; i < 60 && !['succeeded', 'failed', 'interrupted'].includes(done.status); i++) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      done = await api(context.baseUrl, adminToken, 'GET', `/api/indicator/imports/${job.id}`);
    }
    assert.equal(done.status, 'succeeded', `import ${JSON.stringify(done)}`);

    // The attainment is computed on read from the programme's evidence read model, which the
    // import's event updates: refresh until the new period shows (bounded).
    const periodCell = row.getByTestId('attainment-period');
    for (let i = 0; i < 20 && (await periodCell.innerText()).trim() !== period; i++) {
      await page.getByTestId('attainment-refresh').click();
      await page.waitForTimeout(500);
    }
    assert.equal((await periodCell.innerText()).trim(), period);
    assert.equal((await row.getByTestId('attainment-actual').innerText()).trim(), '15');
    assert.equal((await row.getByTestId('attainment-raw').innerText()).trim(), '50\u00a0%');
    assert.equal((await row.getByTestId('attainment-capped').innerText()).trim(), '50\u00a0%');
    const statusAfter = (await row.getByTestId('attainment-status').innerText()).trim();
    assert.equal(statusAfter, 'gelb – teilweise erreicht');
    process.stderr.write(`[e2e] attainment ${periodBefore} “${statusBefore}” → ${period} “${statusAfter}”\n`);
    await row.focus();
    await row
      .locator('.explain')
      .filter({ hasText: `Istwert 15 (${period})` })
      .waitFor();
    await assertAccessible(page);
    await page.screenshot({ path: join(context.outDir, 'programme-attainment.png'), fullPage: true });
    await page.context().close();
  });

  it('logs no errors in the browser console on the programme pages', () => {
    assert.deepEqual(consoleErrors, []);
  });
}
