import type { Command } from 'commander';
import type { Writable } from 'node:stream';
import { CliError } from '../cli-error';
import { csvHeader, PLAIN_DECIMAL, readCsvRecords } from '../csv-input';
import { emitResult } from '../cli-output';
import { csvOutput } from '../csv-output';

// `quartier programme allocate`: need-based split of a budget across areas (issue 11's
// contract). Euros on the command line become exact integers of the finest decimal any of
// budget, floor, cap and unit is written with, so the core (which works in integer minor units)
// sees no binary fractions; amounts are printed with as many decimals as the unit has.
// Heavy modules are imported inside the action so `quartier --help` stays fast.

export interface ProgrammeAllocateOptions {
  need: string;
  budget: string;
  floor?: string;
  cap?: string;
  unit?: string;
  out?: string;
}

export function registerProgrammeCommands(program: Command): void {
  const programme = program
    .command('programme')
    .description('funding programmes: need-based budget allocation');
  programme
    .command('allocate')
    .description(
      'split a budget across areas by need: min(cap, max(floor, λ·need)), rounded to the unit by largest remainder',
    )
    .requiredOption('--need <file>', 'CSV with header area,need (need a number ≥ 0, areas unique)')
    .requiredOption('--budget <euros>', 'budget to distribute, in euros')
    .option('--floor <euros>', 'minimum per area in euros, a multiple of the unit', '0')
    .option('--cap <euros>', 'maximum per area in euros, a multiple of the unit (default: unlimited)')
    .option('--unit <euros>', 'rounding unit in euros', '0.01')
    .option('--out <file>', 'write the CSV area,need,amount here instead of stdout')
    .action(async (options: ProgrammeAllocateOptions) => {
      await allocateCommand(options);
    });
}

/** A decimal amount as digits and a count of decimals: "12.50" → {digits: 1250n, decimals: 2}. */
interface Decimal {
  readonly text: string;
  readonly digits: bigint;
  readonly decimals: number;
}

const EUROS = /^(\d*)(?:\.(\d+))?$/;

function parseEuros(option: string, text: string): Decimal {
  const match = EUROS.exec(text.trim());
  if (!match || (match[1] === '' && match[2] === undefined))
    throw new CliError(
      `${option} "${text}": not an amount in euros (digits with an optional decimal point, e.g. 125000 or 0.01)`,
    );
  const fraction = match[2] ?? '';
  return { text: text.trim(), digits: BigInt(`${match[1]}${fraction}` || '0'), decimals: fraction.length };
}

/** The amounts as safe integers of one scale 10^-decimals euros. */
function toMinorUnits(amounts: Record<string, Decimal | undefined>) {
  const decimals = Math.max(...Object.values(amounts).map((d) => d?.decimals ?? 0));
  const scaled: Record<string, number | undefined> = {};
  for (const [option, amount] of Object.entries(amounts)) {
    if (!amount) continue;
    const value = amount.digits * 10n ** BigInt(decimals - amount.decimals);
    if (value > BigInt(Number.MAX_SAFE_INTEGER))
      throw new CliError(`${option} ${amount.text}: too large to allocate exactly at ${decimals} decimals`);
    scaled[option] = Number(value);
  }
  return { decimals, scaled };
}

/**
 * Runs `programme allocate`. Exported for in-process tests and scripting.
 * @throws CliError for every expected failure (bad amount, bad row, infeasible floor/cap, …).
 */
export async function allocateCommand(
  options: ProgrammeAllocateOptions,
  stdout: Writable = process.stdout,
): Promise<{ areas: number; allocated: string }> {
  const parsed = {
    '--budget': parseEuros('--budget', options.budget),
    '--floor': parseEuros('--floor', options.floor ?? '0'),
    '--cap': options.cap === undefined ? undefined : parseEuros('--cap', options.cap),
    '--unit': parseEuros('--unit', options.unit ?? '0.01'),
  };
  if (parsed['--unit'].digits === 0n)
    throw new CliError(`--unit ${parsed['--unit'].text}: must be greater than 0`);
  const { decimals, scaled } = toMinorUnits(parsed);
  const unit = scaled['--unit'] as number;
  for (const option of ['--floor', '--cap'] as const) {
    const value = scaled[option];
    if (value !== undefined && value % unit !== 0)
      throw new CliError(
        `${option} ${parsed[option]?.text} is not a multiple of --unit ${parsed['--unit'].text}`,
      );
  }

  const rows = await readNeeds(options.need);
  const core = await import('@quartier/programme-core');
  const euros = (minor: number | bigint) => formatMinor(BigInt(minor), decimals, decimals);
  let result;
  try {
    result = core.allocateByNeed({
      areas: rows.map((r) => ({ area: r.area, need: r.need })),
      budget: scaled['--budget'] as number,
      floor: scaled['--floor'],
      cap: scaled['--cap'] ?? null,
      unit,
    });
  } catch (error) {
    if (error instanceof core.ProgrammeError) throw new CliError(describeAllocationError(error, euros));
    throw error;
  }

  const unitDecimals = parsed['--unit'].decimals;
  const csv = await csvOutput([
    ['area', 'need', 'amount'],
    ...result.areas.map((a, i) => [
      a.area,
      rows[i].needText,
      formatMinor(BigInt(a.amount), decimals, unitDecimals),
    ]),
  ]);
  await emitResult(csv, options.out, stdout);
  const allocated = formatMinor(BigInt(result.allocated), decimals, unitDecimals);
  const short = result.budget - result.allocated;
  if (short > 0)
    process.stderr.write(
      `note: ${euros(short)} of --budget ${parsed['--budget'].text} left unallocated: it is not a multiple of --unit ${parsed['--unit'].text}\n`,
    );
  if (options.out)
    process.stderr.write(
      `allocated ${allocated} to ${result.areas.length} areas ` +
        `(${result.areas.filter((a) => a.bound === 'floor').length} on the floor, ` +
        `${result.areas.filter((a) => a.bound === 'cap').length} on the cap) → ${options.out}\n`,
    );
  return { areas: result.areas.length, allocated };
}

/** Minor units of scale 10^-decimals as euros with `shown` decimals (the value is a multiple). */
function formatMinor(value: bigint, decimals: number, shown: number): string {
  const whole = value / 10n ** BigInt(decimals - shown);
  if (shown === 0) return whole.toString();
  const text = whole.toString().padStart(shown + 1, '0');
  return `${text.slice(0, -shown)}.${text.slice(-shown)}`;
}

type Core = typeof import('@quartier/programme-core');

/** The core speaks minor units; the person at the command line wrote euros. */
function describeAllocationError(
  error: InstanceType<Core['ProgrammeError']>,
  euros: (minor: number | bigint) => string,
): string {
  const p = error.params;
  const n = Number(p['areas']);
  switch (p['reason']) {
    case 'floorsExceedBudget':
      return `the floors alone exceed the budget: ${n} areas × --floor ${euros(Number(p['floor']))} = ${euros(BigInt(n) * BigInt(Number(p['floor'])))} > --budget ${euros(Number(p['budget']))}`;
    case 'capsBelowBudget':
      return `the caps cannot absorb the budget: ${n} areas × --cap ${euros(Number(p['cap']))} = ${euros(BigInt(n) * BigInt(Number(p['cap'])))} < --budget ${euros(Number(p['budget']))}`;
    case 'allNeedsZero':
      return `every need is 0, so only the floors (${n} areas × --floor ${euros(Number(p['floor']))}) can be distributed, not --budget ${euros(Number(p['budget']))}`;
    default:
      return `cannot allocate: ${error.message}`;
  }
}

interface NeedRow {
  area: string;
  need: number;
  needText: string;
}

/** Reads `area,need` with csv-parse; every bad row is named by line and column. */
async function readNeeds(file: string): Promise<NeedRow[]> {
  const records = await readCsvRecords(file);
  if (records.length === 0) throw new CliError(`${file}: empty file (expected the header area,need)`);
  const header = csvHeader(file, records[0].record, ['area', 'need']);
  const areaColumn = header.indexOf('area');
  const needColumn = header.indexOf('need');
  const firstLine = new Map<string, number>();
  const rows = records.slice(1).map(({ record, line }) => {
    const area = record[areaColumn];
    const needText = record[needColumn];
    const bad = (column: string, reason: string) =>
      new CliError(`${file} line ${line}, column ${column}: ${reason}`);
    if (area === '') throw bad('area', 'empty area code');
    const earlier = firstLine.get(area);
    if (earlier !== undefined) throw bad('area', `area "${area}" already occurs on line ${earlier}`);
    firstLine.set(area, line);
    if (needText === '') throw bad('need', `empty need for area "${area}"`);
    if (!PLAIN_DECIMAL.test(needText)) throw bad('need', `"${needText}" is not a number`);
    const need = Number(needText);
    if (!Number.isFinite(need)) throw bad('need', `"${needText}" is not a finite number`);
    if (need < 0) throw bad('need', `${needText} is negative (need must be ≥ 0)`);
    return { area, need, needText };
  });
  if (rows.length === 0) throw new CliError(`${file}: no areas below the header`);
  return rows;
}
