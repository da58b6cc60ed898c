import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CliError } from '../cli-error';
import { main } from '../main';
import { runSurveyAggregate, runSurveyValidate } from './survey';

let dir: string;
let formPath: string;
let brokenPath: string;
let seededResponses: string;

beforeAll(async () => {
  // Loaded the way the command loads it (lazily), so the CLI's startup path stays what is tested.
  const { tablesToWorkbook, surveyFixtures } = await import('@quartier/survey-core');
  dir = mkdtempSync(join(tmpdir(), 'quartier-survey-'));
  formPath = join(dir, 'nachbarschaft.xlsx');
  brokenPath = join(dir, 'broken.xlsx');
  writeFileSync(formPath, await tablesToWorkbook(surveyFixtures.NACHBARSCHAFT));
  writeFileSync(brokenPath, await tablesToWorkbook(surveyFixtures.BROKEN));
  seededResponses = surveyFixtures.nachbarschaftResponsesCsv();
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function csvFile(name: string, lines: string[]): string {
  const path = join(dir, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

async function cliError(promise: Promise<unknown>): Promise<CliError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof CliError) return error;
    throw error;
  }
  throw new Error('expected a CliError');
}

async function runMain(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  const err = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  try {
    const code = await main(args);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

describe('quartier survey validate', () => {
  it('summarises a valid form', async () => {
    expect(await runSurveyValidate({ form: formPath })).toBe(
      [
        'form nachbarschaft_2025 (version 2025031501): Nachbarschaftsbefragung 2025 is valid',
        'questions: 20 (start 1, end 1, area 1, integer 3, select_one 7, decimal 1, select_multiple 1, text 1, rank 1, calculate 1, date 1, note 1)',
        'groups: 3 (1 repeat)',
        'choice lists: 8',
        'languages: de, de-x-easy, en (default de)',
        '',
      ].join('\n'),
    );
  });

  it('prints every error, one per line, and exits non-zero', async () => {
    const { code, stdout, stderr } = await runMain(['survey', 'validate', '--form', brokenPath]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    const lines = stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(22);
    expect(lines[3]).toBe('survey row 7, column relevant: unknown field ${agee}');
    expect(lines[0]).toBe('survey row 3, column type: unknown question type "selec_one yesno"');
    expect(lines[21]).toBe(
      'settings row 2, column default_language: no labels in the default language "fr" (labels exist in de)',
    );
  });

  it('exits 0 through main for a valid form', async () => {
    const { code, stdout } = await runMain(['survey', 'validate', '--form', formPath]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^form nachbarschaft_2025 /);
  });

  it('reports unreadable files', async () => {
    expect((await cliError(runSurveyValidate({ form: join(dir, 'missing.xlsx') }))).message).toMatch(
      /^cannot read form .*missing\.xlsx: ENOENT/,
    );
    const notXlsx = csvFile('form.xlsx', ['type,name', 'text,a']);
    expect((await cliError(runSurveyValidate({ form: notXlsx }))).message).toMatch(
      /form\.xlsx: not a readable \.xlsx workbook/,
    );
  });
});

describe('quartier survey aggregate', () => {
  // Mitte 10, Nord 3, Süd 12 respondents. Nord < k is suppressed; alone it could be recovered
  // from the total, so the smallest other area (Mitte, 10) is suppressed as well.
  const responses = [
    'area,jahre,sicher,angebote_sonstige,_uuid',
    ...Array.from({ length: 10 }, (_, i) => `mitte,${i + 1},${i < 5 ? 5 : 4},geheim ${i},u${i}`),
    'nord,20,1,,n1',
    'nord,30,1,,n2',
    'nord,40,1,"Name, Adresse",n3',
    ...Array.from({ length: 12 }, (_, i) => `sued,2,${i < 6 ? 3 : 4},,s${i}`),
  ];

  it('writes counts, shares and means with primary and secondary suppression', async () => {
    const csv = await runSurveyAggregate({
      form: formPath,
      responses: csvFile('responses.csv', responses),
      by: 'area',
      k: '10',
    });
    expect(csv.trimEnd().split('\n')).toEqual([
      'group,question,option,n,count,share,mean,suppressed',
      'mitte,jahre,,,,,,secondary',
      'mitte,sicher,1,,,,,secondary',
      'mitte,sicher,2,,,,,secondary',
      'mitte,sicher,3,,,,,secondary',
      'mitte,sicher,4,,,,,secondary',
      'mitte,sicher,5,,,,,secondary',
      'nord,jahre,,,,,,primary',
      'nord,sicher,1,,,,,primary',
      'nord,sicher,2,,,,,primary',
      'nord,sicher,3,,,,,primary',
      'nord,sicher,4,,,,,primary',
      'nord,sicher,5,,,,,primary',
      'sued,jahre,,12,,,2,',
      'sued,sicher,1,12,0,0,,',
      'sued,sicher,2,12,0,0,,',
      'sued,sicher,3,12,6,0.5,,',
      'sued,sicher,4,12,6,0.5,,',
      'sued,sicher,5,12,0,0,,',
      '*,jahre,,25,,,6.76,',
      '*,sicher,1,25,3,0.12,,',
      '*,sicher,2,25,0,0,,',
      '*,sicher,3,25,6,0.24,,',
      '*,sicher,4,25,11,0.44,,',
      '*,sicher,5,25,5,0.2,,',
    ]);
    expect(csv).not.toContain('geheim');
  });

  it('neutralises formula cells that come from the responses (an area named =…)', async () => {
    const { tablesToWorkbook, surveyFixtures } = await import('@quartier/survey-core');
    const tables = surveyFixtures.NACHBARSCHAFT;
    const width = tables.choices[1].length;
    const choice = (name: string) => ['gebiete', name, name, ...Array(width - 3).fill('')];
    const hostileForm = join(dir, 'hostile.xlsx');
    writeFileSync(
      hostileForm,
      await tablesToWorkbook({ ...tables, choices: [...tables.choices, choice('=1+1'), choice('@SUM(A1)')] }),
    );
    const csv = await runSurveyAggregate({
      form: hostileForm,
      responses: csvFile('formula.csv', [
        'area,jahre,sicher,_uuid',
        ...Array.from({ length: 3 }, (_, i) => `=1+1,${i + 1},4,f${i}`),
        ...Array.from({ length: 3 }, (_, i) => `@SUM(A1),${i + 1},4,g${i}`),
      ]),
      by: 'area',
      k: '2',
    });
    const groups = csv
      .trimEnd()
      .split('\n')
      .slice(1)
      .map((line) => line.split(',')[0]);
    expect(new Set(groups)).toEqual(new Set(["'=1+1", "'@SUM(A1)", '*']));
    expect(csv).toContain("'=1+1,jahre,,3,,,2,");
  });

  it('publishes everything at a lower k and writes --out instead of stdout', async () => {
    const out = join(dir, 'results.csv');
    const { code, stdout } = await runMain([
      'survey',
      'aggregate',
      '--form',
      formPath,
      '--responses',
      csvFile('r2.csv', responses),
      '--by',
      'area',
      '--k',
      '3',
      '--out',
      out,
    ]);
    expect(code).toBe(0);
    expect(stdout).toBe('');
    const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(1 + 4 * 6);
    expect(lines.filter((l) => l.endsWith('primary') || l.endsWith('secondary'))).toEqual([]);
    expect(lines).toContain('nord,jahre,,3,,,30,');
    expect(lines).toContain('mitte,sicher,5,10,5,0.5,,');
  });

  it('reads select_multiple answers space-separated and semicolon-separated files', async () => {
    const path = csvFile('semicolon.csv', [
      'area;angebote',
      ...Array.from({ length: 10 }, (_, i) => `west;${i % 2 === 0 ? 'jugendclub sonstige' : 'keine'}`),
    ]);
    const csv = await runSurveyAggregate({ form: formPath, responses: path, by: 'area', k: 10 });
    expect(csv.trimEnd().split('\n')).toEqual([
      'group,question,option,n,count,share,mean,suppressed',
      'west,angebote,familienzentrum,10,0,0,,',
      'west,angebote,jugendclub,10,5,0.5,,',
      'west,angebote,seniorentreff,10,0,0,,',
      'west,angebote,sonstige,10,5,0.5,,',
      'west,angebote,keine,10,5,0.5,,',
      '*,angebote,familienzentrum,10,0,0,,',
      '*,angebote,jugendclub,10,5,0.5,,',
      '*,angebote,seniorentreff,10,0,0,,',
      '*,angebote,sonstige,10,5,0.5,,',
      '*,angebote,keine,10,5,0.5,,',
    ]);
  });

  it('aggregates the seeded fixture export with both kinds of suppression', async () => {
    const csv = await runSurveyAggregate({
      form: formPath,
      responses: csvFile('fixture.csv', seededResponses.trimEnd().split('\n')),
      by: 'area',
      k: 10,
    });
    const rows = csv
      .trimEnd()
      .split('\n')
      .slice(1)
      .map((l) => l.split(','));
    expect([...new Set(rows.map((r) => r[0]))]).toEqual(['mitte', 'nord', 'sued', 'west', '*']);
    expect(rows.filter((r) => r[0] === 'sued').every((r) => r[7] === 'primary')).toBe(true);
    expect(rows.filter((r) => r[0] === 'nord' && r[1] === 'jahre')).toEqual([
      ['nord', 'jahre', '', '', '', '', '', 'secondary'],
    ]);
    // Never a published cell below k.
    expect(rows.filter((r) => r[7] === '' && Number(r[3]) < 10)).toEqual([]);
  });

  it('rejects bad cells with file, row and column, and bad options', async () => {
    const path = csvFile('bad.csv', ['area,jahre,sicher,angebote', 'mitte,3,5,', 'ost,x,9,chor']);
    expect(
      (
        await cliError(runSurveyAggregate({ form: formPath, responses: path, by: 'area', k: 10 }))
      ).message.split('\n'),
    ).toEqual([
      'bad.csv row 3, column area: "ost" is not an option of list "gebiete"',
      'bad.csv row 3, column jahre: expected a whole number, got "x"',
      'bad.csv row 3, column sicher: "9" is not an option of list "zustimmung"',
      'bad.csv row 3, column angebote: "chor" is not an option of list "angebote"',
    ]);
    expect(
      (await cliError(runSurveyAggregate({ form: formPath, responses: path, by: 'bezirk', k: 10 }))).message,
    ).toBe('bad.csv row 1, column bezirk: no column "bezirk" to group by');
    expect(
      (await cliError(runSurveyAggregate({ form: formPath, responses: path, by: 'area', k: '0' }))).message,
    ).toBe('--k must be a whole number ≥ 1, got 0');
    const blank = csvFile('blank.csv', ['area,jahre', ',3']);
    expect(
      (await cliError(runSurveyAggregate({ form: formPath, responses: blank, by: 'area', k: 10 }))).message,
    ).toBe('blank.csv row 2, column area: no group value');
    const { code, stderr } = await runMain([
      'survey',
      'aggregate',
      '--form',
      brokenPath,
      '--responses',
      path,
      '--by',
      'area',
    ]);
    expect(code).toBe(2);
    expect(stderr.split('\n')[0]).toBe('survey row 3, column type: unknown question type "selec_one yesno"');
  });
});
