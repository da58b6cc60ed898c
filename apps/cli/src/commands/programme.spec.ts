import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { main } from '../main';
import { allocateCommand, type ProgrammeAllocateOptions } from './programme';

let dir: string;
const path = (name: string) => join(dir, name);

/** Runs the real CLI entry point in-process and captures stdout and stderr. */
async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const capture =
    (append: (text: string) => void) =>
    (chunk: string | Uint8Array, ...rest: unknown[]) => {
      append(String(chunk));
      const callback = rest.find((r): r is () => void => typeof r === 'function');
      callback?.();
      return true;
    };
  const out = jest.spyOn(process.stdout, 'write').mockImplementation(capture((t) => (stdout += t)));
  const err = jest.spyOn(process.stderr, 'write').mockImplementation(capture((t) => (stderr += t)));
  try {
    return { code: await main(['programme', 'allocate', ...args]), stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

async function toString(options: ProgrammeAllocateOptions): Promise<string> {
  let text = '';
  const sink = new Writable({
    write(chunk, _encoding, done) {
      text += String(chunk);
      done();
    },
  });
  await allocateCommand(options, sink);
  return text;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'quartier-programme-'));
  writeFileSync(path('need.csv'), 'area,need\nA,1\nB,2\nC,3\nD,10\n');
  writeFileSync(path('equal.csv'), 'area,need\nC,1\nA,1\nB,1\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('quartier programme allocate', () => {
  it('writes area,need,amount in input order with floor and cap (needs 1,2,3,10 of 1000)', async () => {
    const { code, stdout, stderr } = await run([
      '--need',
      path('need.csv'),
      '--budget',
      '1000',
      '--floor',
      '120',
      '--cap',
      '400',
      '--out',
      path('alloc.csv'),
    ]);
    expect(code).toBe(0);
    expect(stdout).toBe('');
    expect(readFileSync(path('alloc.csv'), 'utf8')).toBe(
      'area,need,amount\nA,1,120.00\nB,2,192.00\nC,3,288.00\nD,10,400.00\n',
    );
    expect(stderr).toBe(
      `allocated 1000.00 to 4 areas (1 on the floor, 1 on the cap) → ${path('alloc.csv')}\n`,
    );
  });

  it('writes to stdout without --out, rounding to cents by largest remainder (ties by area code)', async () => {
    expect(await toString({ need: path('equal.csv'), budget: '100' })).toBe(
      'area,need,amount\nC,1,33.33\nA,1,33.34\nB,1,33.33\n',
    );
    const { code, stdout } = await run(['--need', path('equal.csv'), '--budget', '100']);
    expect(code).toBe(0);
    expect(stdout).toBe('area,need,amount\nC,1,33.33\nA,1,33.34\nB,1,33.33\n');
  });

  it('prints as many decimals as the unit has (--unit 1, --unit 0.5, --unit 0.001)', async () => {
    expect(await toString({ need: path('equal.csv'), budget: '100', unit: '1' })).toBe(
      'area,need,amount\nC,1,33\nA,1,34\nB,1,33\n',
    );
    // 3.33 each → 3.0 each (9.0), two half-euro units left: A and B by code.
    expect(await toString({ need: path('equal.csv'), budget: '10', unit: '0.5' })).toBe(
      'area,need,amount\nC,1,3.0\nA,1,3.5\nB,1,3.5\n',
    );
    expect(await toString({ need: path('equal.csv'), budget: '0.01', unit: '0.001' })).toBe(
      'area,need,amount\nC,1,0.003\nA,1,0.004\nB,1,0.003\n',
    );
  });

  it('keeps needs as written and ties equal remainders by larger need', async () => {
    writeFileSync(path('written.csv'), 'area,need\n01,0.50\n02,1.5e0\n');
    // 10 × 0.5/2 = 2.5 and 7.5 at unit 1: one unit left, remainders tie → larger need.
    expect(await toString({ need: path('written.csv'), budget: '10', unit: '1' })).toBe(
      'area,need,amount\n01,0.50,2\n02,1.5e0,8\n',
    );
  });

  it('notes a budget that is not a multiple of the unit and allocates the whole units', async () => {
    writeFileSync(path('two.csv'), 'area,need\nA,1\nB,1\n');
    const { code, stdout, stderr } = await run(['--need', path('two.csv'), '--budget', '100.005']);
    expect(code).toBe(0);
    expect(stdout).toBe('area,need,amount\nA,1,50.00\nB,1,50.00\n');
    expect(stderr).toBe(
      'note: 0.005 of --budget 100.005 left unallocated: it is not a multiple of --unit 0.01\n',
    );
  });

  it('quotes area codes that need quoting', async () => {
    writeFileSync(path('quoted.csv'), 'area,need\n"Nord, West",1\nSüd,1\n');
    expect(await toString({ need: path('quoted.csv'), budget: '2', unit: '1' })).toBe(
      'area,need,amount\n"Nord, West",1,1\nSüd,1,1\n',
    );
  });

  it('neutralises formula-like area codes and quotes a line break in one, as every CSV the platform writes', async () => {
    // The codes come from the user's need file: a spreadsheet would run "=…" and "@…" as formulas
    // and end the row at a bare CR.
    writeFileSync(path('formula.csv'), 'area,need\n=1+1,1\n@SUM(1),+1\n"Nord\rWest",1\n');
    expect(await toString({ need: path('formula.csv'), budget: '3', unit: '1' })).toBe(
      'area,need,amount\n\'=1+1,1,1\n\'@SUM(1),+1,1\n"Nord\rWest",1,1\n',
    );
  });

  describe('exits 2 with a clear message', () => {
    const expectFailure = async (args: string[], message: string | RegExp) => {
      const { code, stderr, stdout } = await run(args);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      if (typeof message === 'string') expect(stderr).toBe(`${message}\n`);
      else expect(stderr).toMatch(message);
    };

    it('when the floors exceed the budget (F·n > B)', async () => {
      await expectFailure(
        ['--need', path('need.csv'), '--budget', '1000', '--floor', '250.01'],
        'the floors alone exceed the budget: 4 areas × --floor 250.01 = 1000.04 > --budget 1000.00',
      );
    });

    it('when the caps cannot absorb the budget (C·n < B)', async () => {
      await expectFailure(
        ['--need', path('need.csv'), '--budget', '1000', '--cap', '249.99'],
        'the caps cannot absorb the budget: 4 areas × --cap 249.99 = 999.96 < --budget 1000.00',
      );
    });

    it('when every need is 0 and the budget exceeds the floors', async () => {
      writeFileSync(path('zero.csv'), 'area,need\nA,0\nB,0.0\n');
      await expectFailure(
        ['--need', path('zero.csv'), '--budget', '100', '--floor', '10'],
        'every need is 0, so only the floors (2 areas × --floor 10.00) can be distributed, not --budget 100.00',
      );
    });

    it('when the floor or the cap is not a multiple of the unit', async () => {
      await expectFailure(
        ['--need', path('need.csv'), '--budget', '1000', '--floor', '10.005'],
        '--floor 10.005 is not a multiple of --unit 0.01',
      );
      await expectFailure(
        ['--need', path('need.csv'), '--budget', '1000', '--cap', '500.50', '--unit', '1'],
        '--cap 500.50 is not a multiple of --unit 1',
      );
    });

    it('on a bad row, naming line and column', async () => {
      const cases: [string, string][] = [
        ['area,need\nA,1\nB,abc\n', 'line 3, column need: "abc" is not a number'],
        ['area,need\nA,1\nB,1,5\n', 'Invalid Record Length: expect 2, got 3 on line 3'],
        ['area,need\nA,1\n\nB,-2\n', 'line 4, column need: -2 is negative (need must be ≥ 0)'],
        ['area,need\nA,1\nB,1e400\n', 'line 3, column need: "1e400" is not a finite number'],
        ['area,need\nA,1\n,2\n', 'line 3, column area: empty area code'],
        ['area,need\nA,1\nB,\n', 'line 3, column need: empty need for area "B"'],
        ['area,need\nA,1\nB,2\nA,3\n', 'line 4, column area: area "A" already occurs on line 2'],
        ['area,needs\nA,1\n', 'missing column(s) need (header: area,needs; expected area,need)'],
        ['', 'empty file (expected the header area,need)'],
        ['area,need\n', 'no areas below the header'],
      ];
      for (const [content, message] of cases) {
        writeFileSync(path('bad.csv'), content);
        await expectFailure(
          ['--need', path('bad.csv'), '--budget', '10'],
          `${path('bad.csv')}${message.startsWith('line') ? ' ' : ': '}${message}`,
        );
      }
    });

    it('on amounts that are not euros, a zero unit, or an unreadable file', async () => {
      await expectFailure(
        ['--need', path('need.csv'), '--budget', '1.000,50'],
        '--budget "1.000,50": not an amount in euros (digits with an optional decimal point, e.g. 125000 or 0.01)',
      );
      await expectFailure(
        ['--need', path('need.csv'), '--budget', '-5'],
        /^--budget "-5": not an amount in euros/,
      );
      await expectFailure(
        ['--need', path('need.csv'), '--budget', '5', '--unit', '0.00'],
        '--unit 0.00: must be greater than 0',
      );
      await expectFailure(['--need', path('nope.csv'), '--budget', '5'], /^cannot read .*nope\.csv: ENOENT/);
      await expectFailure(
        ['--need', path('need.csv'), '--budget', '99999999999999999'],
        '--budget 99999999999999999: too large to allocate exactly at 2 decimals',
      );
    });

    it('requires --need and --budget', async () => {
      const { code, stderr } = await run(['--budget', '10']);
      expect(code).not.toBe(0);
      expect(stderr).toContain("required option '--need <file>' not specified");
    });
  });
});
