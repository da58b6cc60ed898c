import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { main } from '../main';
import { evaluationDidCommand, evaluationMatchCommand } from './evaluation';

let dir: string;
const path = (name: string) => join(dir, name);

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

function sink(): { stream: Writable; text: () => string } {
  let text = '';
  const stream = new Writable({
    write(chunk, _encoding, done) {
      text += String(chunk);
      done();
    },
  });
  return { stream, text: () => text };
}

// The balanced hand case of did.spec.ts: estimate 2.5, V = 35/24, 3 degrees of freedom.
const VALUES = `area,indicator,period,value
T1,X,2019,10
T1,X,2020,13
T2,X,2019,12
T2,X,2020,17
C1,X,2019,8
C1,X,2020,9
C2,X,2019,11
C2,X,2020,13
T1,Y,2019,
Z9,X,2019,1000
`;
const GROUPS = `area,group
T1,treated
T2,treated
C1,comparison
C2,comparison
`;
const did = (values = 'values.csv', groups = 'groups.csv', extra: string[] = []) => [
  'evaluation',
  'did',
  '--values',
  path(values),
  '--groups',
  path(groups),
  '--indicator',
  'X',
  '--pre',
  '2019',
  '--post',
  '2020',
  ...extra,
];

// The one-indicator hand case of matching.spec.ts: variance 21.3.
const BASELINE = `area,indicator,period,value
T1,I1,2015,10
A,I1,2015,8
B,I1,2015,13
C,I1,2015,11
D,I1,2015,20
T1,I1,2016,99
`;
const match = (extra: string[] = [], on = 'I1') => [
  'evaluation',
  'match',
  '--values',
  path('baseline.csv'),
  '--treated',
  path('treated.csv'),
  '--on',
  on,
  '--period',
  '2015',
  ...extra,
];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'quartier-evaluation-'));
  writeFileSync(path('values.csv'), VALUES);
  writeFileSync(path('groups.csv'), GROUPS);
  writeFileSync(path('baseline.csv'), BASELINE);
  writeFileSync(path('treated.csv'), 'area\nT1\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('quartier evaluation did', () => {
  it('writes the contract JSON at full precision', async () => {
    const { code, stderr } = await run(did('values.csv', 'groups.csv', ['--out', path('did.json')]));
    expect(code).toBe(0);
    expect(stderr).toMatch(/^X: estimate 2\.5\d* \(SE 1\.2076\d+\), 8 observations → /);
    const result = JSON.parse(readFileSync(path('did.json'), 'utf8'));
    expect(Object.keys(result)).toEqual([
      'indicator',
      'estimate',
      'se',
      't',
      'p',
      'ci95',
      'observations',
      'clusters',
      'means',
    ]);
    const se = Math.sqrt(35 / 24);
    expect(result.indicator).toBe('X');
    expect(result.estimate).toBeCloseTo(2.5, 12);
    expect(result.se).toBeCloseTo(se, 12);
    expect(result.t).toBeCloseTo(2.5 / se, 12);
    expect(result.p).toBeCloseTo(0.13021764878319658, 12);
    expect(result.ci95[0]).toBeCloseTo(2.5 - 3.182446305283708 * se, 12);
    expect(result.ci95[1]).toBeCloseTo(2.5 + 3.182446305283708 * se, 12);
    expect(result.observations).toBe(8);
    expect(result.clusters).toEqual({ treated: 2, comparison: 2 });
    expect(result.means).toEqual({ treated: { pre: 11, post: 15 }, comparison: { pre: 9.5, post: 11 } });
    // Full precision: the p-value's text carries all its digits.
    expect(readFileSync(path('did.json'), 'utf8')).toContain(`"p": ${result.p}`);
    expect(String(result.p).length).toBeGreaterThan(15);
  });

  it('prints the same JSON to stdout without --out', async () => {
    const written = await run(did('values.csv', 'groups.csv', ['--out', path('did-stdout.json')]));
    expect(written.code).toBe(0);
    const out = sink();
    await evaluationDidCommand(
      {
        values: path('values.csv'),
        groups: path('groups.csv'),
        indicator: 'X',
        pre: ['2019'],
        post: ['2020'],
      },
      out.stream,
    );
    expect(out.text()).toBe(readFileSync(path('did-stdout.json'), 'utf8'));
  });

  it('exits 2 when a group has fewer than 2 areas', async () => {
    writeFileSync(path('groups-1.csv'), 'area,group\nT1,treated\nC1,comparison\nC2,comparison\n');
    const { code, stderr } = await run(did('values.csv', 'groups-1.csv'));
    expect(code).toBe(2);
    expect(stderr).toContain('the treated group has 1 area with a value of "X"');
  });

  it('exits 2 when a group has no observation after the start', async () => {
    writeFileSync(
      path('values-nopost.csv'),
      VALUES.replace('C1,X,2020,9', 'C1,X,2020,').replace('C2,X,2020,13', 'C2,X,2020,'),
    );
    const { code, stderr } = await run(did('values-nopost.csv'));
    expect(code).toBe(2);
    expect(stderr).toBe('the comparison group has no value of "X" in the post periods (2020)\n');
  });

  it('exits 2 when a period is both pre and post', async () => {
    const args = did();
    args[args.indexOf('--post') + 1] = '2020,2019';
    const { code, stderr } = await run(args);
    expect(code).toBe(2);
    expect(stderr).toBe('period "2019" is in both --pre and --post\n');
  });

  it('exits 2 on a bad row, naming file, line and column', async () => {
    writeFileSync(path('values-bad.csv'), VALUES.replace('C1,X,2020,9', 'C1,X,2020,"9,5"'));
    let result = await run(did('values-bad.csv'));
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`${path('values-bad.csv')} line 7, column value: "9,5" is not a number\n`);
    writeFileSync(path('groups-bad.csv'), GROUPS.replace('C2,comparison', 'C2,control'));
    result = await run(did('values.csv', 'groups-bad.csv'));
    expect(result.stderr).toBe(
      `${path('groups-bad.csv')} line 5, column group: "control" is neither treated nor comparison\n`,
    );
    writeFileSync(path('values-empty.csv'), VALUES.replace('T2,X,2019,12', 'T2,X,,12'));
    result = await run(did('values-empty.csv'));
    expect(result.stderr).toBe(`${path('values-empty.csv')} line 4, column period: empty\n`);
    writeFileSync(path('values-dup.csv'), VALUES + 'T1,X,2019,11\n');
    result = await run(did('values-dup.csv'));
    expect(result.stderr).toBe(
      `${path('values-dup.csv')} line 12: area "T1", indicator "X", period "2019" already has a value on line 2\n`,
    );
    writeFileSync(path('values-header.csv'), 'area,indicator,value\nT1,X,1\n');
    result = await run(did('values-header.csv'));
    expect(result.stderr).toContain('missing column(s) period');
    result = await run(did('nowhere.csv'));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`cannot read values ${path('nowhere.csv')}`);
  });
});

describe('quartier evaluation match', () => {
  it('writes the pairs CSV with full-precision distances', async () => {
    const { code } = await run(match(['--k', '2', '--out', path('pairs.csv')]));
    expect(code).toBe(0);
    const lines = readFileSync(path('pairs.csv'), 'utf8').trimEnd().split('\n');
    expect(lines[0]).toBe('treated,rank,comparison,distance');
    const sd = Math.sqrt(21.3);
    expect(lines.slice(1).map((line) => line.split(',').slice(0, 3))).toEqual([
      ['T1', '1', 'C'],
      ['T1', '2', 'A'],
    ]);
    expect(Number(lines[1].split(',')[3])).toBeCloseTo(1 / sd, 14);
    expect(Number(lines[2].split(',')[3])).toBeCloseTo(2 / sd, 14);
    expect(lines[1].split(',')[3].length).toBeGreaterThan(15);
  });

  it('keeps treated areas in input order on stdout and defaults to k = 1', async () => {
    writeFileSync(path('treated-2.csv'), 'area\nT1\nA\n');
    const out = sink();
    await evaluationMatchCommand(
      { values: path('baseline.csv'), treated: path('treated-2.csv'), on: ['I1'], period: '2015' },
      out.stream,
    );
    expect(
      out
        .text()
        .split('\n')
        .map((l) => l.split(',').slice(0, 3).join(',')),
    ).toEqual(['treated,rank,comparison', 'T1,1,C', 'A,1,C', '']);
  });

  it('neutralises formula-like area codes from the input files, as every CSV the platform writes', async () => {
    // Area codes come from the user's values file: a spreadsheet would run "=…" and "@…" as formulas.
    writeFileSync(
      path('baseline-formula.csv'),
      BASELINE.replace('T1,', '=1+1,').replace('\nC,', '\n@SUM(1),'),
    );
    writeFileSync(path('treated-formula.csv'), 'area\n=1+1\n');
    const out = sink();
    await evaluationMatchCommand(
      {
        values: path('baseline-formula.csv'),
        treated: path('treated-formula.csv'),
        on: ['I1'],
        period: '2015',
      },
      out.stream,
    );
    const [, pair] = parse(out.text()) as string[][];
    expect(pair.slice(0, 3)).toEqual(["'=1+1", '1', "'@SUM(1)"]);
  });

  it('exits 2 naming the treated areas without a value', async () => {
    writeFileSync(path('treated-missing.csv'), 'area\nT1\nQ7\n');
    const { code, stderr } = await run([...match(), '--treated', path('treated-missing.csv')]);
    expect(code).toBe(2);
    expect(stderr).toBe('treated area "Q7" (I1) lacks a value in period "2015"\n');
  });

  it('exits 2 with fewer candidates than k, and on a bad --k', async () => {
    let result = await run(match(['--k', '5']));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('4 candidate areas have a value for every matching indicator');
    result = await run(match(['--k', '1.5']));
    expect(result.stderr).toBe('--k must be a whole number ≥ 1, got "1.5"\n');
  });

  it('exits 2 naming the indicators of a singular covariance', async () => {
    writeFileSync(
      path('baseline-2.csv'),
      BASELINE +
        ['T1,I2,2015,20', 'A,I2,2015,16', 'B,I2,2015,26', 'C,I2,2015,22', 'D,I2,2015,40'].join('\n') +
        '\n',
    );
    const { code, stderr } = await run([...match([], 'I1,I2'), '--values', path('baseline-2.csv')]);
    expect(code).toBe(2);
    expect(stderr).toContain('the covariance of the matching indicators I1, I2 in period "2015" is singular');
    expect(stderr).toContain('"I2" is a linear combination of "I1"');
  });

  it('exits 2 on a bad treated file', async () => {
    writeFileSync(path('treated-dup.csv'), 'area\nT1\nT1\n');
    const { code, stderr } = await run([...match(), '--treated', path('treated-dup.csv')]);
    expect(code).toBe(2);
    expect(stderr).toBe(`${path('treated-dup.csv')} line 3, column area: "T1" is already listed on line 2\n`);
  });
});
