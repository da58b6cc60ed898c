// The programme office's story, in the browser on the Berlin demo: the programme manager
// (`programm`) picks programme areas from the MSS index ("status 4, or 3 with dynamics −" within
// Mitte), splits a budget line by need (the status index of the same run), adds a measure and
// moves it through the workflow, binds an indicator in the impact model and sees the attainment
// move after new values are imported; the evaluator evaluates the programme against matched
// comparison areas; the programme manager downloads the programme report as PDF, whose numbers
// are the screens'. One programme runs through every step, so the story is one test with a
// subtest per step; periods and dates are fixed values, never today's.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { it as nodeIt } from 'node:test';
import { api, downloadedCsv, expectAccessible, germanNumber, login, newPage, tokenFor } from './session.mjs';

/** A period after every published one, so the imported values are the newest. */
const NEW_PERIOD = '2099';

/** @param {{ baseUrl: string|null, browser: import('playwright-core').Browser|null, outDir: string, root: string }} context */
export function programmeTests(context, it = nodeIt) {
  const consoleErrors = [];

  it('runs the programme office’s story from programme areas to the programme report', async (t) => {
    const page = await newPage(context, consoleErrors);
    await login(page, context.baseUrl, '/programmes', 'programm');
    await page.getByRole('heading', { level: 1, name: 'Programme' }).waitFor();
    const name = `E2E-Programm ${Date.now()}`;
    let programmeId;
    let areaCount;
    /** What the split screen showed: area code → amount in euros. */
    const split = new Map();
    let attainment;

    await t.test('creates a programme and takes its areas from the MSS index within Mitte', async () => {
      await page.getByLabel('Name', { exact: true }).fill(name);
      await page.getByLabel('Fördergeber').fill('Land Berlin');
      await page.getByLabel('Förderzeitraum von').fill('2025-01-01');
      await page.getByLabel('Förderzeitraum bis').fill('2028-12-31');
      await page.getByRole('button', { name: 'Programm anlegen' }).click();
      await page.getByRole('heading', { level: 1, name }).waitFor();
      programmeId = new URL(page.url()).pathname.split('/').pop();
      await expectAccessible(page);

      await page.getByRole('tab', { name: 'Gebiete' }).click();
      const run = page.getByLabel('Indexlauf');
      // The page starts from the accepted selection or the newest run once both have loaded.
      await page.waitForFunction(() => document.querySelector('#run')?.value);
      assert.match(await run.evaluate((select) => select.options[select.selectedIndex]?.text ?? ''), /MSS/);
      await page.getByLabel('Nur innerhalb von').selectOption({ label: '01 Mitte' });
      await page
        .getByTestId('rule-text')
        .filter({ hasText: 'Status 4 oder Status 3 mit Dynamik -' })
        .waitFor();
      await page.getByRole('button', { name: 'Vorschau' }).click();
      const selected = page.getByTestId('selected-areas');
      await selected.waitFor();
      const reasons = await selected.locator('tbody td:nth-child(3)').allInnerTexts();
      assert.ok(reasons.length > 1, 'the rule selects areas in Mitte');
      for (const reason of reasons) assert.match(reason, /^erfüllt Alternative [12]/);
      for (const c of await selected.locator('tbody td:nth-child(2)').allInnerTexts())
        assert.match(c, /^(4 \/ .+|3 \/ -)$/);
      await page.getByRole('button', { name: 'Übernehmen', exact: true }).click();
      await page.getByText(`Übernommen: ${reasons.length} Programmgebiete.`).waitFor();
      areaCount = reasons.length;
      await page
        .getByTestId('candidates-map')
        .and(page.locator('[data-rendered]:not([data-rendered=""])'))
        .waitFor();
      // The map as SVG: every candidate area a path, titled with its code, name and classes.
      const waiting = page.waitForEvent('download');
      await page.getByTestId('candidates-map-download-svg').click();
      const file = await waiting;
      assert.equal(file.suggestedFilename(), 'karte-candidates-map.svg');
      const svg = readFileSync(await file.path(), 'utf8');
      assert.ok((svg.match(/<path /g) ?? []).length >= areaCount, 'a path per candidate area');
      assert.match(svg, /<path [^>]*><title>\d+ [^<]+: Status /);
      await expectAccessible(page);
      await page.getByRole('tab', { name: 'Übersicht' }).click();
      await page
        .getByTestId('programme-areas')
        .locator('tbody tr')
        .nth(areaCount - 1)
        .waitFor();
      assert.equal(await page.getByTestId('programme-areas').locator('tbody tr').count(), areaCount);
      await page.screenshot({ path: join(context.outDir, 'programme-areas.png'), fullPage: true });
    });

    await t.test('sets a budget and splits the Projektfonds by need from the status index', async () => {
      await page.getByRole('tab', { name: 'Budget' }).click();
      await page.getByLabel('Jahr', { exact: true }).fill('2026');
      await page.getByRole('button', { name: 'Jahr hinzufügen' }).click();
      await page.getByLabel('Projektfonds 2026 in Euro').fill('100.000');
      await page.getByRole('button', { name: 'Budget speichern' }).click();
      await page.getByText('Budget gespeichert.').waitFor();
      await page.getByRole('tab', { name: 'Verteilung' }).click();
      await page.getByLabel('Haushaltslinie').selectOption({ label: 'Projektfonds' });
      await page.getByLabel('Jahr', { exact: true }).fill('2026');
      await page.getByLabel('Sockelbetrag je Gebiet (€)').fill('5000');
      await page.getByLabel('Bedarf aus').selectOption({ label: 'Indexlauf (Statusindex)' });
      // The run the areas were chosen from: the newest MSS run.
      await page.locator('#alloc-run option:not([disabled])').first().waitFor({ state: 'attached' });
      const newest = await page
        .locator('#alloc-run')
        .evaluate(
          (select) =>
            [...select.options]
              .filter((o) => !o.disabled && o.text.includes('MSS'))
              .sort((a, b) => (a.text < b.text ? 1 : -1))[0]?.value,
        );
      await page.locator('#alloc-run').selectOption(newest);
      await page.getByRole('button', { name: 'Vorschau' }).click();
      await page
        .getByTestId('allocation-summary')
        .filter({ hasText: 'Verteilt: 100.000,00\u00a0€ von 100.000,00\u00a0€' })
        .waitFor();
      const rows = page.getByTestId('allocation-table').locator('tbody tr');
      assert.equal(await rows.count(), areaCount);
      for (const row of await rows.all()) {
        const code = (await row.locator('th').innerText()).split(' ')[0];
        split.set(code, germanNumber(await row.locator('td:nth-child(6)').innerText()));
      }
      const amounts = [...split.values()];
      assert.equal(Math.round(amounts.reduce((s, a) => s + a, 0) * 100), 10_000_000);
      for (const a of amounts) assert.ok(a >= 5000, `every area gets at least the floor (${a})`);
      assert.ok(new Set(amounts).size > 1, 'more need, more money: the amounts differ');
      // The download: the table's rows with the amounts as euro numbers.
      const csv = await downloadedCsv(page, 'allocation-download');
      assert.deepEqual(csv[0], ['Gebiet', 'Grundlage', 'Bedarf', 'Anteil (%)', 'Grenze', 'Betrag (€)']);
      assert.equal(csv.length - 1, areaCount);
      for (const row of csv.slice(1))
        assert.equal(Number(row[5]), split.get(row[0].split(' ')[0]), row.join(','));
      await page.getByRole('button', { name: 'Übernehmen', exact: true }).click();
      await page.getByText('Als Version 1 gespeichert.').waitFor();
      await page.getByTestId('allocation-history').getByRole('rowheader', { name: 'Projektfonds' }).waitFor();
      await expectAccessible(page);
    });

    await t.test('proposes a measure and moves it through the workflow: approve, start', async () => {
      await page.getByRole('tab', { name: 'Maßnahmen' }).click();
      const title = 'Nachbarschaftscafé';
      await page.getByLabel('Titel').fill(title);
      await page.locator('#m-area option:not([disabled])').first().waitFor({ state: 'attached' });
      const area = await page.locator('#m-area option:not([disabled])').first().getAttribute('value');
      await page.locator('#m-area').selectOption(area);
      await page.locator('#m-field').selectOption({ label: 'Nachbarschaft' });
      await page.getByLabel('Verantwortlich').fill('Nachbarschaftshaus e. V.');
      await page.getByRole('button', { name: 'Maßnahme beantragen' }).click();
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      await page.getByTestId('measure-status').filter({ hasText: 'beantragt' }).waitFor();
      await expectAccessible(page);
      await page.getByRole('button', { name: 'Bewilligen' }).click();
      await page.getByTestId('measure-status').filter({ hasText: 'bewilligt' }).waitFor();
      await page.getByRole('button', { name: 'Starten' }).click();
      await page.getByTestId('measure-status').filter({ hasText: 'laufend' }).waitFor();
      const audit = page.getByTestId('audit-trail').locator('tbody tr');
      await audit.nth(2).waitFor();
      assert.deepEqual(
        (await audit.locator('td:nth-child(3)').allInnerTexts()).map((text) => text.trim()),
        ['– → beantragt', 'beantragt → bewilligt', 'bewilligt → laufend'],
      );
      await page.getByRole('link', { name: 'Alle Maßnahmen' }).click();
      const measures = await downloadedCsv(page, 'measures-download');
      assert.deepEqual(measures[0].slice(0, 3), ['Titel', 'Status', 'Handlungsfeld']);
      assert.deepEqual(measures.find((row) => row[0] === title)?.slice(1, 3), ['laufend', 'Nachbarschaft']);
      await page.getByLabel('Tafel nach Status').check();
      await page
        .getByTestId('measure-board')
        .getByRole('region', { name: 'laufend (1)' })
        .getByRole('link', { name: title })
        .waitFor();
    });

    await t.test(
      'binds long-term unemployment (S2) in the impact model; new values move the attainment',
      async () => {
        await page.goto(`${context.baseUrl}/programmes/${programmeId}`);
        await page.getByRole('heading', { level: 1, name }).waitFor();
        await page.getByRole('tab', { name: 'Wirkungsmodell' }).click();
        await page.getByRole('button', { name: 'Knoten hinzufügen' }).click();
        const node = page.getByTestId('node-n1');
        await node.getByLabel('Titel').fill('Weniger Arbeitslosigkeit in den Fördergebieten');
        await node.getByLabel('Art').selectOption({ label: 'Outcome' });
        await node.getByLabel('Stufe der Wirkungstreppe').selectOption({ label: '6' });
        await node.getByRole('button', { name: 'Beleg hinzufügen' }).click();
        const binding = page.getByTestId('binding-b1');
        await binding.getByLabel('Bezeichnung').fill('Langzeitarbeitslosigkeit (S2)');
        await binding.getByLabel('Indikator (Code)').fill('S2');
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
        await expectAccessible(page);
        // The saved model as SVG and as JSON, saved as files.
        const saved = async (button) => {
          const waiting = page.waitForEvent('download');
          await button.click();
          const file = await waiting;
          return { name: file.suggestedFilename(), text: readFileSync(await file.path(), 'utf8') };
        };
        const staircase = await saved(
          page.getByRole('button', { name: 'Wirkungstreppe (SVG) herunterladen' }),
        );
        assert.match(staircase.name, /^wirkungstreppe-.+\.svg$/);
        assert.match(staircase.text, /<svg[\s\S]*Weniger/);
        const model = await saved(page.getByRole('button', { name: 'JSON herunterladen' }));
        assert.match(model.name, /^wirkungsmodell-.+\.json$/);
        assert.match(
          JSON.stringify(JSON.parse(model.text)),
          /Weniger Arbeitslosigkeit in den Fördergebieten/,
        );

        await page.getByRole('tab', { name: 'Zielerreichung' }).click();
        const row = page.getByTestId('attainment-b1');
        await row.waitFor();
        const periodBefore = (await row.getByTestId('attainment-period').innerText()).trim();
        const statusBefore = (await row.getByTestId('attainment-status').innerText()).trim();
        assert.notEqual(periodBefore, NEW_PERIOD);

        // New S2 values for every programme area, imported by the statistics office: 15 is halfway
        // from 20 to 10. S2 because no other suite reads it: the new period leaves the S1 and S4
        // the indicator, evaluation and area pages check alone, so this suite runs beside them.
        const { areas } = await api(
          context.baseUrl,
          await tokenFor(context.baseUrl, 'programm'),
          'GET',
          `/api/programme/programmes/${programmeId}/areas`,
        );
        const csv = [
          'area,period,indicator,value',
          ...areas.map((a) => `${a.code},${NEW_PERIOD},S2,15`),
        ].join('\n');
        const adminToken = await tokenFor(context.baseUrl, 'admin');
        const job = await api(
          context.baseUrl,
          adminToken,
          'POST',
          `/api/indicator/imports?format=csv&fileName=s2-${NEW_PERIOD}.csv`,
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
        const deadline = Date.now() + 30_000;
        while ((await periodCell.innerText()).trim() !== NEW_PERIOD && Date.now() < deadline) {
          const answered = page.waitForResponse(
            (response) =>
              new URL(response.url()).pathname === `/api/programme/programmes/${programmeId}/attainment`,
          );
          await page.getByTestId('attainment-refresh').click();
          await answered;
          // The refreshed figures are drawn in the next change detection after the answer.
          await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve())));
        }
        assert.equal((await periodCell.innerText()).trim(), NEW_PERIOD);
        assert.equal((await row.getByTestId('attainment-actual').innerText()).trim(), '15');
        assert.equal((await row.getByTestId('attainment-raw').innerText()).trim(), '50\u00a0%');
        attainment = (await row.getByTestId('attainment-capped').innerText()).trim();
        assert.equal(attainment, '50\u00a0%');
        const statusAfter = (await row.getByTestId('attainment-status').innerText()).trim();
        assert.equal(statusAfter, 'gelb – teilweise erreicht');
        process.stderr.write(
          `[e2e] attainment ${periodBefore} “${statusBefore}” → ${NEW_PERIOD} “${statusAfter}”\n`,
        );
        await row.focus();
        await row
          .locator('.explain')
          .filter({ hasText: `Istwert 15 (${NEW_PERIOD})` })
          .waitFor();
        await expectAccessible(page);
        await page.screenshot({ path: join(context.outDir, 'programme-attainment.png'), fullPage: true });
      },
    );

    await t.test('the evaluator evaluates the programme against matched comparison areas', async () => {
      const evaluator = await newPage(context, consoleErrors);
      await login(evaluator, context.baseUrl, '/evaluation', 'evaluator');
      await evaluator.getByRole('heading', { level: 1, name: 'Evaluation' }).waitFor();
      const form = evaluator.getByTestId('create-evaluation');
      await form.getByLabel('Titel').fill(`Evaluation ${name}`);
      await form.getByRole('radio', { name: 'Programm' }).check();
      const programme = form.getByRole('combobox', { name: 'Programm', exact: true });
      // The evaluation service learns of the programme from its events.
      await programme.locator('option', { hasText: name }).waitFor({ state: 'attached' });
      await programme.selectOption({ label: name });
      await form.getByLabel('Start (erster Zeitraum „nachher“)').fill('2018');
      await evaluator.getByRole('button', { name: 'Evaluation anlegen' }).click();
      await evaluator.getByRole('heading', { level: 1, name: `Evaluation ${name}` }).waitFor();

      await evaluator.getByRole('tab', { name: 'Design' }).click();
      const design = evaluator.getByTestId('design-form');
      await design.getByRole('checkbox', { name: 'Arbeitslosigkeit (SGB II) (S1)' }).check();
      await design.getByTestId('use-matching').check();
      await design.getByRole('button', { name: 'Design speichern und berechnen' }).click();
      await evaluator.getByText('Design gespeichert; die Ergebnisse werden neu berechnet.').waitFor();
      const legend = evaluator.getByTestId('map-legend');
      await legend.waitFor();
      const count = async (role) => Number(new RegExp(`${role}: (\\d+)`).exec(await legend.innerText())?.[1]);
      assert.equal(await count('evaluiertes Gebiet'), areaCount);
      assert.ok((await count('Vergleichsgebiet')) >= 1);
      const comparison = await evaluator.locator('[data-testid="comparison-table"] tbody th').allInnerTexts();
      const treated = [...split.keys()];
      for (const code of comparison)
        assert.ok(!treated.includes(code.trim()), `${code} is not a programme area`);

      await evaluator.getByRole('tab', { name: 'Ergebnisse' }).click();
      const outcome = evaluator.getByTestId('outcome-S1');
      await outcome.getByTestId('did-sentence').waitFor();
      const facts = await outcome.getByTestId('did-facts').locator('dd').allInnerTexts();
      const estimate = germanNumber(facts[0]);
      // The DiD model is saturated in its four cells: estimate = Δ treated mean − Δ comparison mean.
      const [treatedChange, comparisonChange] = (
        await outcome
          .locator('table', { hasText: 'Gruppenmittel' })
          .locator('tbody tr td:last-child')
          .allInnerTexts()
      ).map(germanNumber);
      assert.ok(
        Math.abs(treatedChange - comparisonChange - estimate) < 0.011,
        `${treatedChange} − ${comparisonChange} vs ${estimate}`,
      );
      await expectAccessible(evaluator);
      await evaluator.context().close();
    });

    await t.test('downloads the programme report as PDF with the numbers of the screens', async () => {
      await page.goto(`${context.baseUrl}/programmes/${programmeId}`);
      await page.getByRole('heading', { level: 1, name }).waitFor();
      await page.getByRole('link', { name: 'Bericht erstellen' }).click();
      // The reports page requests the report and shows its job until it is done.
      await page.waitForURL(/\/reports\?report=[0-9a-f-]{36}$/);
      const id = new URL(page.url()).searchParams.get('report');
      const card = page.locator(`[data-testid="selected-report"][data-report-id="${id}"]`);
      await card.waitFor();
      await page.waitForFunction(
        (id) =>
          ['done', 'failed', 'cancelled'].includes(
            document
              .querySelector(`[data-testid="selected-report"][data-report-id="${id}"]`)
              ?.getAttribute('data-status'),
          ),
        id,
        { timeout: 120_000 },
      );
      assert.equal(await card.getAttribute('data-status'), 'done');
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        card.getByTestId('report-download').click(),
      ]);
      assert.match(download.suggestedFilename(), /\.pdf$/);
      const file = join(context.outDir, 'programme-report.pdf');
      await download.saveAs(file);
      const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(
        /\s+/g,
        ' ',
      );
      writeFileSync(join(context.outDir, 'programme-report.txt'), text);
      assert.ok(text.includes(name), 'the report names the programme');
      assert.ok(text.includes('Nachbarschaftscafé'), 'the report lists the measure');
      const whole = (euros) => new Intl.NumberFormat('de-DE').format(euros);
      for (const [code, euros] of split)
        assert.match(
          text,
          new RegExp(`${code} \\D+ .*? ${whole(euros).replace('.', '\\.')}( |$)`),
          `${code}: ${euros} €`,
        );
      assert.ok(
        text.includes(`${NEW_PERIOD} 15,0 ${attainment.replace(/\D/g, '')}`),
        `attainment ${NEW_PERIOD}: 15,0 and ${attainment}`,
      );
    });

    await page.context().close();
  });

  it('logs no errors in the browser console on the programme pages', () => {
    assert.deepEqual(consoleErrors, []);
  });
}
