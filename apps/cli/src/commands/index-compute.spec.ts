import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { requireReferenceData } from '@quartier/reference-data';
import { main } from '../main';
import { computeIndexCommand } from './index-compute';

// End-to-end over the real Berlin MSS 2021 data (third-party, from the reference data folder):
// long values CSV + the example definition → result CSV, compared with the published classes.
const FIXTURES = join(__dirname, '../../../../libs/indicator/core/fixtures');
const MSS = requireReferenceData(
  [
    'berlin/mss/mss-2021-indicators.csv',
    'berlin/mss/mss-2021-classes.csv',
    'berlin/mss/mss-2021-official-table3-zvalues.csv',
  ],
  12,
);
const describeWithMss = MSS ? describe : describe.skip;
const readRows = (index: number, options: Record<string, unknown> = {}) =>
  MSS
    ? (parse(readFileSync(MSS[index], 'utf8'), { columns: true, ...options }) as Record<string, string>[])
    : [];
const indicatorRows = readRows(0);
const publishedRows = readRows(1);
const table3Rows = readRows(2, { delimiter: ';', bom: true });
const CODES = ['EW', 'S1', 'S3', 'S4', 'D1', 'D3', 'D4'];

let dir: string;
const path = (name: string) => join(dir, name);

function longCsv(
  transform: (code: string, value: string) => string = (_, v) => (v === '-9999' ? '' : v),
  codes = CODES,
): string {
  const lines = ['area,indicator,value'];
  for (const row of indicatorRows)
    for (const code of codes) lines.push(`${row['PLR_ID']},${code},${transform(code, row[code])}`);
  return lines.join('\n') + '\n';
}

function definition(): Record<string, unknown> {
  return JSON.parse(readFileSync(join(FIXTURES, 'berlin-mss-2021.definition.json'), 'utf8'));
}

/** Runs the real CLI entry point in-process and captures stderr. */
async function run(args: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  try {
    return { code: await main(args), stderr };
  } finally {
    spy.mockRestore();
  }
}

/** The result of the long values CSV written with --out, as the other ways of computing it must match. */
async function resultFile(out: string): Promise<string> {
  const { code } = await run([
    'index',
    'compute',
    '--definition',
    path('def.json'),
    '--values',
    path('values.csv'),
    '--out',
    path(out),
  ]);
  expect(code).toBe(0);
  return readFileSync(path(out), 'utf8');
}

beforeAll(() => {
  if (!MSS) return;
  dir = mkdtempSync(join(tmpdir(), 'quartier-index-'));
  writeFileSync(path('def.json'), JSON.stringify(definition()));
  writeFileSync(path('values.csv'), longCsv());
});
afterAll(() => dir && rmSync(dir, { recursive: true, force: true }));

describeWithMss('quartier index compute', () => {
  it('neutralises a formula-like area code and keeps negative values and class codes', async () => {
    const first = indicatorRows[0]['PLR_ID'];
    writeFileSync(path('formula.csv'), longCsv().replaceAll(`\n${first},`, '\n=1+1,'));
    const { code } = await run([
      'index',
      'compute',
      '--definition',
      path('def.json'),
      '--values',
      path('formula.csv'),
      '--out',
      path('formula-result.csv'),
    ]);
    expect(code).toBe(0);
    const rows = parse(readFileSync(path('formula-result.csv'), 'utf8'), { columns: true }) as Record<
      string,
      string
    >[];
    expect(rows[0]['area']).toBe("'=1+1");
    expect(rows.some((r) => r['status_value'].startsWith('-'))).toBe(true);
    expect(rows.some((r) => r['dynamics_class'] === '+/-')).toBe(true);
  });

  it('reads the published wide MSS table directly (the README example), with the same result as the long CSV', async () => {
    const args = (values: string, out: string, extra: string[] = []) => [
      'index',
      'compute',
      '--definition',
      join(FIXTURES, 'berlin-mss-2021.definition.json'),
      '--values',
      values,
      ...extra,
      '--out',
      path(out),
    ];
    expect((await run(args(MSS![0], 'wide.csv', ['--wide', 'PLR_ID', '--missing', '-9999']))).code).toBe(0);
    expect((await run(args(path('values.csv'), 'long.csv'))).code).toBe(0);
    expect(readFileSync(path('wide.csv'), 'utf8')).toBe(readFileSync(path('long.csv'), 'utf8'));
  });

  it('names what is wrong in a wide file: a missing indicator column, a repeated area, a bad value', async () => {
    writeFileSync(path('wide-bad.csv'), 'PLR_ID,EW,S1,S3,S4,D1,D3\n01,10,1,1,1,1,1\n');
    const missing = await run([
      'index',
      'compute',
      '--definition',
      path('def.json'),
      '--values',
      path('wide-bad.csv'),
      '--wide',
      'PLR_ID',
    ]);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('missing column(s) D4');
    writeFileSync(
      path('wide-twice.csv'),
      'PLR_ID,EW,S1,S3,S4,D1,D3,D4\n01,10,1,1,1,1,1,1\n01,10,1,1,1,1,1,x\n',
    );
    const twice = await run([
      'index',
      'compute',
      '--definition',
      path('def.json'),
      '--values',
      path('wide-twice.csv'),
      '--wide',
      'PLR_ID',
    ]);
    expect(twice.stderr).toContain('line 3: area "01" already has a row on line 2');
    writeFileSync(path('wide-value.csv'), 'PLR_ID,EW,S1,S3,S4,D1,D3,D4\n01,10,1,1,1,1,1,1 %\n');
    const value = await run([
      'index',
      'compute',
      '--definition',
      path('def.json'),
      '--values',
      path('wide-value.csv'),
      '--wide',
      'PLR_ID',
    ]);
    expect(value.stderr).toContain('line 2: value "1 %" of area "01", indicator "D4" is not a number');
  });

  it('writes one row per area with full-precision values and the published classes', async () => {
    const { code, stderr } = await run([
      'index',
      'compute',
      '--definition',
      path('def.json'),
      '--values',
      path('values.csv'),
      '--out',
      path('result.csv'),
    ]);
    expect(stderr).toBe(`berlin-mss-2021: 542 areas, 536 valid → ${path('result.csv')}\n`);
    expect(code).toBe(0);
    const text = readFileSync(path('result.csv'), 'utf8');
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toBe('area,valid,status_value,status_class,dynamics_value,dynamics_class');
    expect(lines).toHaveLength(543);

    const rows = parse(text, { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r['area'])).toEqual(indicatorRows.map((r) => r['PLR_ID']));
    const byArea = new Map(rows.map((r) => [r['area'], r]));
    expect(byArea.get('01100101')).toMatchObject({ valid: 'true', status_class: '2', dynamics_class: '-' });
    expect(byArea.get('01100102')).toMatchObject({ valid: 'true', status_class: '1', dynamics_class: '+/-' });
    expect(byArea.get('01200517')).toMatchObject({ valid: 'true', status_class: '4', dynamics_class: '+' });
    expect(byArea.get('10100205')).toEqual({
      area: '10100205',
      valid: 'false',
      status_value: '',
      status_class: '',
      dynamics_value: '',
      dynamics_class: '',
    });
    expect(byArea.get('03400831')).toMatchObject({ valid: 'false', status_value: '' });

    // Every class equals the published one; values are unrounded and agree with table 3.
    const dynamicsCode: Record<string, string> = { '1': '+', '3': '+/-', '5': '-' };
    for (const published of publishedRows) {
      const row = byArea.get(published['PLR_ID'])!;
      if (published['SI_N'] === '-9999') {
        expect(row['valid']).toBe('false');
        continue;
      }
      expect([published['PLR_ID'], row['status_class'], row['dynamics_class']]).toEqual([
        published['PLR_ID'],
        published['SI_N'],
        dynamicsCode[published['DI_N']],
      ]);
    }
    const table3 = new Map(table3Rows.map((r) => [r['PLR-ID'], r]));
    const status = byArea.get('01100101')!['status_value'];
    expect(String(Number(status))).toBe(status);
    expect(status.replace(/^-/, '').length).toBeGreaterThan(12);
    expect(Number(status).toFixed(2)).toBe(
      table3.get('01100101')!['Status-Index (standardisierte Statussumme)'],
    );
  });

  it('writes the same CSV to stdout without --out', async () => {
    let stdout = '';
    const sink = new Writable({
      write(chunk, _encoding, done) {
        stdout += String(chunk);
        done();
      },
    });
    const summary = await computeIndexCommand(
      { definition: path('def.json'), values: path('values.csv') },
      sink,
    );
    expect(summary).toEqual({ areas: 542, valid: 536 });
    expect(stdout).toBe(await resultFile('stdout-result.csv'));
  });

  it('treats declared missing codes like empty cells (--missing -9999)', async () => {
    writeFileSync(
      path('raw.csv'),
      longCsv((_, v) => v),
    );
    const { code } = await run([
      'index',
      'compute',
      '--definition',
      path('def.json'),
      '--values',
      path('raw.csv'),
      '--missing',
      '-9999',
      '--out',
      path('raw-result.csv'),
    ]);
    expect(code).toBe(0);
    expect(readFileSync(path('raw-result.csv'), 'utf8')).toBe(await resultFile('missing-result.csv'));
  });

  it('ignores extra columns and extra indicators, and keeps areas that only have those (invalid)', async () => {
    const text = longCsv().trimEnd().split('\n');
    const withExtras = [
      'period,area,indicator,value',
      ...text.slice(1).map((l) => `2020,${l}`),
      '2020,99999999,K01,3',
    ].join('\n');
    writeFileSync(path('extras.csv'), withExtras);
    let stdout = '';
    const sink = new Writable({
      write(chunk, _e, done) {
        stdout += String(chunk);
        done();
      },
    });
    await computeIndexCommand({ definition: path('def.json'), values: path('extras.csv') }, sink);
    const lines = stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(544);
    expect(lines[543]).toBe('99999999,false,,,,');
  });

  describe('bad input exits non-zero with a clear message', () => {
    it('names an indicator the values lack', async () => {
      writeFileSync(path('no-s4.csv'), longCsv(undefined, ['EW', 'S1', 'S3', 'D1', 'D3', 'D4']));
      const { code, stderr } = await run([
        'index',
        'compute',
        '--definition',
        path('def.json'),
        '--values',
        path('no-s4.csv'),
      ]);
      expect(code).toBe(2);
      expect(stderr).toBe(
        `${path('no-s4.csv')}: indicator "S4" (used by index "status") does not occur in the values\n`,
      );
      writeFileSync(path('no-ew.csv'), longCsv(undefined, ['S1', 'S3', 'S4', 'D1', 'D3', 'D4']));
      expect(
        (await run(['index', 'compute', '--definition', path('def.json'), '--values', path('no-ew.csv')]))
          .stderr,
      ).toContain('indicator "EW" (used by the population) does not occur');
    });

    it('rejects a bad class layout with its path', async () => {
      const def = definition();
      (def['indices'] as { classes: unknown[] }[])[1].classes = [
        { code: '+', label: 'positiv' },
        { code: '-', label: 'negativ', upTo: 1 },
      ];
      writeFileSync(path('bad-classes.json'), JSON.stringify(def));
      const { code, stderr } = await run([
        'index',
        'compute',
        '--definition',
        path('bad-classes.json'),
        '--values',
        path('values.csv'),
      ]);
      expect(code).toBe(2);
      expect(stderr).toBe(
        `definition ${path('bad-classes.json')}: invalid index definition:\nindices.1.classes.0: unknown class layout: the open class "+" (no "upTo") must be the last class\n`,
      );
    });

    it('names the line of a non-numeric value', async () => {
      const lines = longCsv().split('\n');
      lines[4] = lines[4].replace(/,[^,]*$/, ',4,2');
      writeFileSync(path('comma.csv'), lines.join('\n'));
      const { code, stderr } = await run([
        'index',
        'compute',
        '--definition',
        path('def.json'),
        '--values',
        path('comma.csv'),
      ]);
      expect(code).toBe(2);
      expect(stderr).toBe(`${path('comma.csv')}: Invalid Record Length: expect 3, got 4 on line 5\n`);
      lines[4] = lines[4].replace(/,4,2$/, ',4.2 %');
      writeFileSync(path('percent.csv'), lines.join('\n'));
      const second = await run([
        'index',
        'compute',
        '--definition',
        path('def.json'),
        '--values',
        path('percent.csv'),
      ]);
      expect(second.code).toBe(2);
      expect(second.stderr).toBe(
        `${path('percent.csv')} line 5: value "4.2 %" of area "01100101", indicator "S4" is not a number\n`,
      );
    });

    it('names missing columns', async () => {
      writeFileSync(path('columns.csv'), 'area,indicator,val\n01100101,EW,3419\n');
      const { code, stderr } = await run([
        'index',
        'compute',
        '--definition',
        path('def.json'),
        '--values',
        path('columns.csv'),
      ]);
      expect(code).toBe(2);
      expect(stderr).toBe(
        `${path('columns.csv')}: missing column(s) value (header: area,indicator,val; expected area,indicator,value)\n`,
      );
      writeFileSync(path('empty.csv'), '');
      expect(
        (await run(['index', 'compute', '--definition', path('def.json'), '--values', path('empty.csv')]))
          .stderr,
      ).toBe(`${path('empty.csv')}: empty file (expected the header area,indicator,value)\n`);
    });

    it('rejects a value given twice, with both line numbers', async () => {
      writeFileSync(path('twice.csv'), longCsv() + '01100101,S1,4.3\n');
      const { code, stderr } = await run([
        'index',
        'compute',
        '--definition',
        path('def.json'),
        '--values',
        path('twice.csv'),
      ]);
      expect(code).toBe(2);
      expect(stderr).toBe(
        `${path('twice.csv')} line 3796: area "01100101", indicator "S1" already has a value on line 3\n`,
      );
    });

    it('reports unreadable or invalid definition JSON with the zod path', async () => {
      writeFileSync(path('broken.json'), '{ "id": "x", ');
      const broken = await run([
        'index',
        'compute',
        '--definition',
        path('broken.json'),
        '--values',
        path('values.csv'),
      ]);
      expect(broken.code).toBe(2);
      expect(broken.stderr).toMatch(new RegExp(`^definition ${path('broken.json')} is not valid JSON: `));

      const def = definition();
      (def['indices'] as Record<string, unknown>[])[0]['weights'] = { S1: 1, S2: 1 };
      def['minPopulation'] = 'dreihundert';
      writeFileSync(path('zod.json'), JSON.stringify(def));
      const invalid = await run([
        'index',
        'compute',
        '--definition',
        path('zod.json'),
        '--values',
        path('values.csv'),
      ]);
      expect(invalid.code).toBe(2);
      expect(invalid.stderr).toContain('minPopulation: ');
      expect(invalid.stderr).toContain(
        'indices.0.weights.S2: "S2" is not one of the indicators of index "status"',
      );

      const missing = await run([
        'index',
        'compute',
        '--definition',
        path('nope.json'),
        '--values',
        path('values.csv'),
      ]);
      expect(missing.stderr).toMatch(/^cannot read definition .*nope\.json: ENOENT/);
      const noValues = await run([
        'index',
        'compute',
        '--definition',
        path('def.json'),
        '--values',
        path('nope.csv'),
      ]);
      expect(noValues.code).toBe(2);
      expect(noValues.stderr).toMatch(/^cannot read values .*nope\.csv: ENOENT/);
    });

    it('explains an index that cannot be computed (no variance)', async () => {
      writeFileSync(
        path('flat.csv'),
        longCsv((code, v) => (code === 'D3' ? '0' : v === '-9999' ? '' : v)),
      );
      const { code, stderr } = await run([
        'index',
        'compute',
        '--definition',
        path('def.json'),
        '--values',
        path('flat.csv'),
      ]);
      expect(code).toBe(2);
      expect(stderr).toBe(
        'cannot compute "berlin-mss-2021": cannot standardise indicator "D3" of index "dynamics": all 536 valid areas have the same value (0)\n',
      );
    });

    it('requires --definition and --values', async () => {
      const { code, stderr } = await run(['index', 'compute', '--values', path('values.csv')]);
      expect(code).not.toBe(0);
      expect(stderr).toContain("required option '--definition <file>' not specified");
    });
  });
});
