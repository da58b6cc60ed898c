import type { Command } from 'commander';
import type { Writable } from 'node:stream';
import type { Group, LongValue } from '@quartier/evaluation-core';
import { CliError } from '../cli-error';
import { csvHeader, csvReadFailure, PLAIN_DECIMAL, streamCsvRecords } from '../csv-input';
import { emitResult } from '../cli-output';
import { csvOutput } from '../csv-output';

// `quartier evaluation did|match`: difference-in-differences and comparison-area matching,
// offline over @quartier/evaluation-core, with the contracts of issue 12 to the letter:
// values CSV `area,indicator,period,value` (empty value = missing); `did` writes
// {"indicator","estimate","se","t","p","ci95","observations","clusters","means"} as JSON,
// `match` the CSV `treated,rank,comparison,distance`; numbers at full precision (JS number →
// shortest round-trip text). Every bad row is reported with file, line and column, exit 2.
// Heavy modules load inside the actions so `quartier --help` stays fast.

export interface EvaluationDidOptions {
  values: string;
  groups: string;
  indicator: string;
  pre: string[];
  post: string[];
  out?: string;
}

export interface EvaluationMatchOptions {
  values: string;
  treated: string;
  on: string[];
  period: string;
  k?: string;
  out?: string;
}

const list = (text: string): string[] =>
  text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');

export function registerEvaluationCommands(program: Command): void {
  const evaluation = program
    .command('evaluation')
    .description('evaluation designs: difference-in-differences, comparison areas');
  evaluation
    .command('did')
    .description(
      'difference-in-differences of one indicator between treated and comparison areas (area-clustered SE)',
    )
    .requiredOption(
      '--values <file>',
      'values CSV with header area,indicator,period,value (empty value = missing)',
    )
    .requiredOption('--groups <file>', 'groups CSV with header area,group (group: treated or comparison)')
    .requiredOption('--indicator <code>', 'indicator to estimate the effect on')
    .requiredOption('--pre <periods>', 'comma-separated periods before the start', list)
    .requiredOption('--post <periods>', 'comma-separated periods after the start', list)
    .option('--out <file>', 'write the JSON here instead of stdout')
    .action(async (options: EvaluationDidOptions) => {
      await evaluationDidCommand(options);
    });
  evaluation
    .command('match')
    .description('nearest comparison areas for treated areas (Mahalanobis distance on baseline indicators)')
    .requiredOption(
      '--values <file>',
      'values CSV with header area,indicator,period,value (empty value = missing)',
    )
    .requiredOption('--treated <file>', 'treated areas CSV with header area')
    .requiredOption('--on <indicators>', 'comma-separated matching indicators', list)
    .requiredOption('--period <period>', 'baseline period the indicators are taken from')
    .option('--k <n>', 'neighbours per treated area', '1')
    .option('--out <file>', 'write the pairs CSV here instead of stdout')
    .action(async (options: EvaluationMatchOptions) => {
      await evaluationMatchCommand(options);
    });
}

type Core = typeof import('@quartier/evaluation-core');

/** Runs the core, turning its expected failures into CLI errors (exit 2). */
async function runCore<T>(compute: (core: Core) => T): Promise<T> {
  const core = await import('@quartier/evaluation-core');
  try {
    return compute(core);
  } catch (error) {
    if (error instanceof core.EvaluationError) throw new CliError(error.message);
    throw error;
  }
}

/**
 * Runs `evaluation did`. Exported for in-process tests and scripting.
 * @throws CliError for every expected failure (bad rows, too few areas, overlapping periods, …).
 */
export async function evaluationDidCommand(
  options: EvaluationDidOptions,
  stdout: Writable = process.stdout,
): Promise<void> {
  if (options.pre.length === 0) throw new CliError('--pre: name at least one period');
  if (options.post.length === 0) throw new CliError('--post: name at least one period');
  const both = options.pre.filter((period) => options.post.includes(period));
  if (both.length > 0)
    throw new CliError(`period ${both.map((p) => `"${p}"`).join(', ')} is in both --pre and --post`);
  const groups = await readGroups(options.groups);
  const periods = new Set([...options.pre, ...options.post]);
  const values = await readValues(
    options.values,
    (row) => row.indicator === options.indicator && periods.has(row.period) && groups.has(row.area),
  );
  const result = await runCore((core) =>
    core.differenceInDifferences({
      indicator: options.indicator,
      values,
      groups,
      pre: options.pre,
      post: options.post,
    }),
  );
  // Exactly the keys of the contract, in its order.
  const json = {
    indicator: result.indicator,
    estimate: result.estimate,
    se: result.se,
    t: result.t,
    p: result.p,
    ci95: result.ci95,
    observations: result.observations,
    clusters: { treated: result.clusters.treated, comparison: result.clusters.comparison },
    means: {
      treated: { pre: result.means.treated.pre, post: result.means.treated.post },
      comparison: { pre: result.means.comparison.pre, post: result.means.comparison.post },
    },
  };
  await emitResult(
    JSON.stringify(json, null, 2) + '\n',
    options.out,
    stdout,
    `${options.indicator}: estimate ${result.estimate} (SE ${result.se}), ${result.observations} observations`,
  );
}

/**
 * Runs `evaluation match`. Exported for in-process tests and scripting.
 * @throws CliError for every expected failure (bad rows, treated areas without values, too few
 *   candidates, singular covariance, …).
 */
export async function evaluationMatchCommand(
  options: EvaluationMatchOptions,
  stdout: Writable = process.stdout,
): Promise<void> {
  const kText = options.k ?? '1';
  if (!/^\d+$/.test(kText.trim()) || Number(kText) < 1)
    throw new CliError(`--k must be a whole number ≥ 1, got "${kText}"`);
  if (options.on.length === 0) throw new CliError('--on: name at least one indicator');
  const treated = await readTreated(options.treated);
  const on = new Set(options.on);
  const values = await readValues(
    options.values,
    (row) => row.period === options.period && on.has(row.indicator),
  );
  const result = await runCore((core) =>
    core.matchNearestNeighbours({
      values,
      period: options.period,
      treated,
      on: options.on,
      k: Number(kText),
    }),
  );
  const csv = await csvOutput([
    ['treated', 'rank', 'comparison', 'distance'],
    ...result.pairs.map((pair) => [pair.treated, String(pair.rank), pair.comparison, String(pair.distance)]),
  ]);
  await emitResult(
    csv,
    options.out,
    stdout,
    `${treated.length} treated areas, ${result.candidates.length} candidates, k = ${result.k}`,
  );
}

/**
 * Streams a CSV with a header, handing each data row (by column name) and its line to `onRow`.
 * Column names are matched case-insensitively; extra columns are ignored.
 */
async function readCsv<C extends string>(
  file: string,
  what: string,
  columns: readonly C[],
  onRow: (row: Record<C, string>, line: number) => void,
): Promise<void> {
  let index: Record<C, number> | undefined;
  try {
    for await (const { record, line } of streamCsvRecords(file, { relaxColumnCount: true })) {
      if (!index) {
        const header = csvHeader(file, record, columns);
        index = Object.fromEntries(columns.map((name) => [name, header.indexOf(name)])) as Record<C, number>;
        continue;
      }
      const row = {} as Record<C, string>;
      for (const name of columns) row[name] = record[index[name]] ?? '';
      onRow(row, line);
    }
  } catch (error) {
    throw csvReadFailure(file, what, error);
  }
  if (!index) throw new CliError(`${file}: empty file (expected the header ${columns.join(',')})`);
}

/**
 * Reads the long values CSV. Every row is checked for empty codes and non-numbers ("1,5",
 * "12 %"); rows passing `keep` are returned, and a second value for one of their cells is an error.
 */
async function readValues(file: string, keep: (row: LongValue) => boolean): Promise<LongValue[]> {
  const values: LongValue[] = [];
  const firstLine = new Map<string, number>();
  await readCsv(file, 'values', ['area', 'indicator', 'period', 'value'] as const, (row, line) => {
    for (const column of ['area', 'indicator', 'period'] as const)
      if (row[column] === '') throw new CliError(`${file} line ${line}, column ${column}: empty`);
    if (row.value !== '' && !PLAIN_DECIMAL.test(row.value))
      throw new CliError(`${file} line ${line}, column value: "${row.value}" is not a number`);
    const value: LongValue = {
      area: row.area,
      indicator: row.indicator,
      period: row.period,
      value: row.value === '' ? null : Number(row.value),
    };
    if (!keep(value)) return;
    const key = `${row.area}\u0000${row.indicator}\u0000${row.period}`;
    const earlier = firstLine.get(key);
    if (earlier !== undefined)
      throw new CliError(
        `${file} line ${line}: area "${row.area}", indicator "${row.indicator}", period "${row.period}" already has a value on line ${earlier}`,
      );
    firstLine.set(key, line);
    values.push(value);
  });
  return values;
}

async function readGroups(file: string): Promise<Map<string, Group>> {
  const groups = new Map<string, Group>();
  const lines = new Map<string, number>();
  await readCsv(file, 'groups', ['area', 'group'] as const, (row, line) => {
    if (row.area === '') throw new CliError(`${file} line ${line}, column area: empty`);
    if (row.group !== 'treated' && row.group !== 'comparison')
      throw new CliError(
        `${file} line ${line}, column group: "${row.group}" is neither treated nor comparison`,
      );
    if (lines.has(row.area))
      throw new CliError(
        `${file} line ${line}, column area: "${row.area}" is already listed on line ${lines.get(row.area)}`,
      );
    lines.set(row.area, line);
    groups.set(row.area, row.group);
  });
  return groups;
}

async function readTreated(file: string): Promise<string[]> {
  const lines = new Map<string, number>();
  await readCsv(file, 'treated areas', ['area'] as const, (row, line) => {
    if (row.area === '') throw new CliError(`${file} line ${line}, column area: empty`);
    if (lines.has(row.area))
      throw new CliError(
        `${file} line ${line}, column area: "${row.area}" is already listed on line ${lines.get(row.area)}`,
      );
    lines.set(row.area, line);
  });
  if (lines.size === 0) throw new CliError(`${file}: no treated area listed`);
  return [...lines.keys()];
}
