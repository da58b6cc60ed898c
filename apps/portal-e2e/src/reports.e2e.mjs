// Reports as the analyst of the Berlin demo (all of Berlin) makes them: an area profile of one
// planning area requested on the reports page, followed until it is done, previewed (first page
// drawn by pdf.js) and downloaded — the file is a PDF whose text names the area; and the
// programme report from the "Bericht erstellen" button of a programme's page, downloaded as PDF.
// German UI. Register in apps/portal-e2e/run.mjs:
//   import { reportTests } from './src/reports.e2e.mjs';   …   reportTests(context);
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { it as nodeIt } from 'node:test';
import { expectAccessible, login, newPage } from './session.mjs';

/** The text of a PDF as poppler reads it, whitespace collapsed (titles may wrap). */
function pdfText(file) {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}

/** @param {{ baseUrl: string|null, browser: import('playwright-core').Browser|null, outDir: string, root: string }} context */
export function reportTests(context, it = nodeIt) {
  /** @type {import('playwright-core').Page} */
  let page;
  const consoleErrors = [];

  /** Waits until the job the URL names is shown and done (or fails with its state and error). */
  async function waitUntilDone() {
    await page.waitForURL(/\/reports\?report=[0-9a-f-]{36}$/);
    const id = new URL(page.url()).searchParams.get('report');
    const card = page.locator(`[data-testid="selected-report"][data-report-id="${id}"]`);
    await card.waitFor();
    await page.waitForFunction(
      (id) => {
        const card = document.querySelector(`[data-testid="selected-report"][data-report-id="${id}"]`);
        const status = card?.getAttribute('data-status');
        return status === 'done' || status === 'failed' || status === 'cancelled';
      },
      id,
      { timeout: 60_000 },
    );
    const status = await card.getAttribute('data-status');
    const error =
      status === 'done'
        ? ''
        : await card
            .getByTestId('report-error')
            .innerText()
            .catch(() => '');
    assert.equal(status, 'done', `the report ended ${status}: ${error}`);
    return { card, id };
  }

  /** Clicks the card's download button and returns the saved file and the name the browser got. */
  async function download(card) {
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      card.getByTestId('report-download').click(),
    ]);
    const name = file.suggestedFilename();
    const path = join(context.outDir, name);
    await file.saveAs(path);
    const bytes = readFileSync(path);
    assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-', `${name} is a PDF`);
    return { name, path };
  }

  it('logs in as analyst and requests the area profile of a planning area on the reports page', async () => {
    page = await newPage(context, consoleErrors);
    await login(page, context.baseUrl, '/reports', 'analyst');
    await page.getByRole('heading', { level: 1, name: 'Berichte' }).waitFor();

    const form = page.getByTestId('report-form');
    await form.getByRole('radio', { name: 'Sozialraumprofil' }).check();
    await form.getByRole('radio', { name: 'ein Gebiet' }).check();
    await form.getByLabel('Gebietsebene').selectOption({ label: 'Planungsraum' });
    await form.getByLabel('Gebiet suchen (Name oder Schlüssel)').fill('Tiergarten');
    const areaSelect = form.getByLabel('Gebiet', { exact: true });
    // The list follows the search: wait until it offers only matching areas.
    await page.waitForFunction(() => {
      const options = [...document.querySelectorAll('#r-area option')].slice(1);
      return options.length > 0 && options.every((o) => /Tiergarten/.test(o.textContent ?? ''));
    });
    const label = (await areaSelect.locator('option').nth(1).innerText()).trim();
    const [code, ...rest] = label.split(' ');
    const areaName = rest.join(' ');
    await areaSelect.selectOption({ label });
    await form.getByLabel('Format').selectOption({ label: 'PDF' });
    await form.getByLabel('Sprache des Berichts').selectOption({ label: 'Deutsch' });
    await expectAccessible(page);
    await form.getByRole('button', { name: 'Bericht erstellen' }).click();

    const { card, id: reportId } = await waitUntilDone();
    assert.equal(await card.getByTestId('report-status').innerText(), 'fertig');
    await card.getByRole('heading', { level: 2, name: `Sozialraumprofil ${areaName}` }).waitFor();
    // The job list shows the same job, done.
    const row = page.getByTestId('report-jobs').locator(`tr[data-report-id="${reportId}"]`);
    await row.and(page.locator('[data-status="done"]')).waitFor();

    // The first page, drawn by pdf.js into the canvas: not a blank rectangle.
    const preview = card.getByTestId('report-preview');
    await preview.and(page.locator(`[data-drawn="${reportId}"]`)).waitFor();
    const inked = await preview.evaluate((canvas) => {
      const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
      let dark = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i] + data[i + 1] + data[i + 2] < 384) dark++;
      return dark / (data.length / 4);
    });
    assert.ok(inked > 0.005, `the preview shows the page (dark pixels ${inked})`);
    await expectAccessible(page);
    await page.screenshot({ path: join(context.outDir, 'reports-area-profile.png'), fullPage: true });

    const file = await download(card);
    assert.match(file.name, new RegExp(`^Sozialraumprofil_${code}_.+\\.pdf$`));
    const text = pdfText(file.path);
    assert.ok(text.includes(areaName), `the PDF names ${areaName}`);

    // Made again from the pinned data, in English: a new job with the same data (content hash).
    const hash = await card.getByTestId('report-hash').getAttribute('data-hash');
    await card.getByLabel('Sprache des Berichts').selectOption({ label: 'Englisch' });
    await card.getByTestId('report-regenerate-as').click();
    await page.waitForURL((url) => (url.searchParams.get('report') ?? reportId) !== reportId);
    const { card: again } = await waitUntilDone();
    await again.getByRole('heading', { level: 2, name: `Area profile ${areaName}` }).waitFor();
    assert.equal(await again.getByTestId('report-hash').getAttribute('data-hash'), hash);
  });

  it('makes the programme report from the programme page’s “Bericht erstellen” button', async () => {
    await page.goto(`${context.baseUrl}/programmes`);
    await page.getByRole('heading', { level: 1, name: 'Programme' }).waitFor();
    await page.getByRole('link', { name: 'Quartiersmanagement (Demo)', exact: true }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Quartiersmanagement (Demo)' }).waitFor();
    await page.getByRole('link', { name: 'Bericht erstellen' }).click();

    const { card } = await waitUntilDone();
    await card.getByRole('heading', { level: 2, name: /Quartiersmanagement \(Demo\)/ }).waitFor();
    const file = await download(card);
    assert.match(file.name, /\.pdf$/);
    assert.ok(pdfText(file.path).includes('Quartiersmanagement (Demo)'), 'the PDF names the programme');
    // Back leads to the programme, not to a second request of the same report.
    await page.goBack();
    await page.getByRole('heading', { level: 1, name: 'Quartiersmanagement (Demo)' }).waitFor();
    assert.deepEqual(consoleErrors, []);
    await page.context().close();
  });
}
