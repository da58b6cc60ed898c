import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { QM_PROGRAMME, startProgrammeTestApp, type ProgrammeTestApp } from '../testing/programme-test-app';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe('measure tables: CSV/XLSX import and export (real PostgreSQL, real tokens)', () => {
  let t: ProgrammeTestApp;

  beforeAll(async () => {
    t = await startProgrammeTestApp();
  });
  afterAll(() => t?.close());

  /** Each test imports into a programme of its own and expects to find only its own measures there. */
  const newProgramme = async (name: string): Promise<string> =>
    (await t.call('POST', '/api/programme/programmes', 'programm', { ...QM_PROGRAMME, name })).body.id;
  const importPath = (programmeId: string) => `/api/programme/programmes/${programmeId}/measures/import`;
  const GOOD_CSV =
    '\uFEFFtitle,areas,responsible,budget,target_groups\nLernwerkstatt,0102,Träger A,2025/projektfonds=1000.25,Kinder; Eltern\nSprachcafé,0103,Träger B,,\n';

  it('imports nothing from a table with bad rows and names every one', async () => {
    const programmeId = await newProgramme('Fehler');
    const csv = [
      'title;areas;responsible;budget;field_of_action',
      'Lernwerkstatt;0102;Träger A;2025/projektfonds=1000;bildung',
      ';0102;Träger B;2025/projektfonds=10,5;',
      'Kiezfest;9999;Träger C;;sport',
    ].join('\n');
    const reply = await t.call('POST', importPath(programmeId), 'programm', csv, 'text/csv');
    expect(reply.status).toBe(422);
    expect(reply.body.details.issues.map((i: { path: string }) => i.path)).toEqual([
      'row 3, title',
      'row 3, budget',
    ]);
    const fixed = csv.replace(
      ';0102;Träger B;2025/projektfonds=10,5;',
      'Sprachcafé;0102;Träger B;2025/projektfonds=10.5;',
    );
    const second = await t.call('POST', importPath(programmeId), 'programm', fixed, 'text/csv');
    expect(second.status).toBe(422);
    expect(second.body.details.lines).toEqual(['row 4, areas: unknown area code 9999']);
    const third = await t.call(
      'POST',
      importPath(programmeId),
      'programm',
      fixed.replace('9999', '0103'),
      'text/csv',
    );
    expect(third.status).toBe(422);
    expect(third.body.details.lines).toEqual(['row 4: fieldOfAction: unknown field of action sport']);
    expect(
      (await t.call('GET', `/api/programme/programmes/${programmeId}/measures`, 'programm')).body.total,
    ).toBe(0);
  });

  it('proposes every row of a good CSV, and a planner only within their district', async () => {
    const programmeId = await newProgramme('Vorschlaege');
    const byPlanerOutside = await t.call(
      'POST',
      importPath(programmeId),
      'planer',
      GOOD_CSV.replace('0103', '0201'),
      'text/csv',
    );
    expect(byPlanerOutside.status).toBe(403);
    const ok = await t.call('POST', importPath(programmeId), 'programm', GOOD_CSV, 'text/csv');
    expect(ok.status).toBe(201);
    expect(ok.body).toEqual({ created: 2 });
    const list = await t.call('GET', `/api/programme/programmes/${programmeId}/measures`, 'viewer');
    const lern = list.body.items.find((m: { title: string }) => m.title === 'Lernwerkstatt');
    expect(lern).toMatchObject({
      status: 'proposed',
      budgetCents: 100_025,
      targetGroups: ['Kinder', 'Eltern'],
    });
  });

  it('exports CSV and XLSX that import back, and refuses the wrong content type', async () => {
    const programmeId = await newProgramme('Tabellen');
    expect((await t.call('POST', importPath(programmeId), 'programm', GOOD_CSV, 'text/csv')).body).toEqual({
      created: 2,
    });
    const csv = await t.call(
      'GET',
      `/api/programme/programmes/${programmeId}/measures/export?format=csv`,
      'programm',
    );
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).toMatch(/Massnahmen-Tabellen\.csv/);
    expect(csv.text.startsWith('id;status;title')).toBe(true);
    const bytes = await fetch(`${t.url}/api/programme/programmes/${programmeId}/measures/export?format=csv`, {
      headers: { authorization: `Bearer ${await t.tokenFor('programm')}` },
    }).then((r) => r.arrayBuffer());
    expect([...new Uint8Array(bytes).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.text).toContain('2025/projektfonds=1000.25');
    const xlsx = await fetch(`${t.url}/api/programme/programmes/${programmeId}/measures/export?format=xlsx`, {
      headers: { authorization: `Bearer ${await t.tokenFor('programm')}` },
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsx.arrayBuffer());
    const sheet = workbook.worksheets[0];
    expect(sheet.getRow(1).values).toContain('budget');
    // Re-import as new measures: the ids must be removed first.
    sheet.eachRow((row, n) => {
      if (n > 1) row.getCell(1).value = '';
    });
    const again = await t.call(
      'POST',
      importPath(programmeId),
      'programm',
      Buffer.from(await workbook.xlsx.writeBuffer()),
      XLSX,
    );
    expect(again.status).toBe(201);
    expect(again.body).toEqual({ created: 2 });
    const wrong = await t.call('POST', importPath(programmeId), 'programm', '{}', 'application/json');
    expect(wrong.status).toBe(415);
    expect(
      (await t.call('GET', `/api/programme/programmes/${programmeId}/measures/export`, 'viewer')).status,
    ).toBe(403);
  });

  it('writes dates and amounts in the XLSX as dates and numbers, and they import back', async () => {
    const own = await t.call('POST', '/api/programme/programmes', 'programm', {
      ...QM_PROGRAMME,
      name: 'Termine',
    });
    const path = `/api/programme/programmes/${own.body.id}/measures`;
    const csv =
      'title;areas;responsible;planned_start;planned_end\nKiezfest;0102;Träger A;2025-03-01;2025-10-31\n';
    expect((await t.call('POST', `${path}/import`, 'programm', csv, 'text/csv')).body).toEqual({
      created: 1,
    });

    const xlsx = await fetch(`${t.url}${path}/export?format=xlsx`, {
      headers: { authorization: `Bearer ${await t.tokenFor('programm')}` },
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsx.arrayBuffer());
    const sheet = workbook.worksheets[0];
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const cell = (column: string) => sheet.getRow(2).getCell(header.indexOf(column) + 1);
    // A spreadsheet sorts and filters these as dates and sums the amounts only when they are typed.
    expect(cell('planned_start').value).toEqual(new Date('2025-03-01T00:00:00Z'));
    expect(cell('planned_end').value).toEqual(new Date('2025-10-31T00:00:00Z'));
    expect(cell('planned_start').numFmt).toBe('dd.mm.yyyy');
    expect(cell('spent').value).toBe(0);
    expect(cell('title').value).toBe('Kiezfest');

    cell('id').value = '';
    const again = await t.call(
      'POST',
      `${path}/import`,
      'programm',
      Buffer.from(await workbook.xlsx.writeBuffer()),
      XLSX,
    );
    expect(again.body).toEqual({ created: 1 });
    const dates = (await t.call('GET', path, 'programm')).body.items.map(
      (m: { plannedStart: string; plannedEnd: string }) => [m.plannedStart, m.plannedEnd],
    );
    expect(dates).toEqual([
      ['2025-03-01', '2025-10-31'],
      ['2025-03-01', '2025-10-31'],
    ]);
  });

  it('reads an XLSX cell as the text the spreadsheet shows: rich text, a link, a formula’s result', async () => {
    const own = await t.call('POST', '/api/programme/programmes', 'programm', {
      ...QM_PROGRAMME,
      name: 'Zellen',
    });
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Maßnahmen');
    sheet.addRow(['title', 'areas', 'responsible', 'budget']);
    sheet.addRow([
      { richText: [{ text: 'Lern', font: { bold: true } }, { text: 'werkstatt Nord' }] },
      { formula: '"01"&"02"', result: '0102' },
      { text: 'Träger A', hyperlink: 'https://traeger.example' },
      '2025/projektfonds=10',
    ]);
    const path = `/api/programme/programmes/${own.body.id}/measures`;
    const ok = await t.call(
      'POST',
      `${path}/import`,
      'programm',
      Buffer.from(await workbook.xlsx.writeBuffer()),
      XLSX,
    );
    expect(ok.body).toEqual({ created: 1 });
    const [measure] = (await t.call('GET', path, 'viewer')).body.items;
    expect(measure).toMatchObject({ title: 'Lernwerkstatt Nord', responsible: { name: 'Träger A' } });
    expect(measure.areas.map((a: { code: string }) => a.code)).toEqual(['0102']);
  });

  it('writes formula-like texts as text in the CSV, and reads them back unchanged', async () => {
    // A spreadsheet would run these as formulas when it opens the export (CSV injection).
    const title = '=HYPERLINK("http://attacker.example","klick")';
    const responsible = '@Träger';
    const own = await t.call('POST', '/api/programme/programmes', 'programm', {
      ...QM_PROGRAMME,
      name: 'Formeln',
    });
    const path = `/api/programme/programmes/${own.body.id}/measures`;
    const quoted = (text: string) => `"${text.replaceAll('"', '""')}"`;
    const ok = await t.call(
      'POST',
      `${path}/import`,
      'programm',
      `title;areas;responsible;budget\n${quoted(title)};0102;${responsible};2025/projektfonds=5\n`,
      'text/csv',
    );
    expect(ok.body).toEqual({ created: 1 });

    const csv = (await t.call('GET', `${path}/export?format=csv`, 'programm')).text.replace(/^\uFEFF/, '');
    const rows = parse(csv, { delimiter: ';' }) as string[][];
    const header = rows[0];
    const row = rows[1];
    expect(row[header.indexOf('title')]).toBe(`'${title}`);
    expect(row[header.indexOf('responsible')]).toBe(`'${responsible}`);
    expect(rows.flat().filter((cell) => /^[=+@]/.test(cell))).toEqual([]);

    // Back through the import (export-only columns emptied): the texts are the originals again.
    for (const column of ['id', 'status', 'spent']) {
      const i = header.indexOf(column);
      if (i >= 0) row[i] = '';
    }
    const again = await t.call(
      'POST',
      `${path}/import`,
      'programm',
      stringify([header, row], { delimiter: ';' }),
      'text/csv',
    );
    expect(again.body).toEqual({ created: 1 });
    const titles = (await t.call('GET', path, 'programm')).body.items.map(
      (m: { title: string; responsible: { name: string } }) => [m.title, m.responsible.name],
    );
    expect(titles).toEqual([
      [title, responsible],
      [title, responsible],
    ]);
  });
});
