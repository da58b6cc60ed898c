import type { Command } from 'commander';
import type { Writable } from 'node:stream';
import { CliError } from '../cli-error';
import { csvHeader, csvReadFailure, PLAIN_DECIMAL, streamCsvRecords } from '../csv-input';
import { emitResult } from '../cli-output';
import { csvOutput } from '../csv-output';

// `quartier index compute`: computes composite indices (Berlin MSS method, configurable) from a
// JSON definition and a long-format values CSV. The output contract is relied on by other
// tools: header `area,valid,<index>_value,<index>_class,…` in definition order, one row per
// area in order of first appearance, full-precision values (JS number → string).
// Heavy modules (zod via indicator-core, csv-parse/-stringify) are imported inside the action
// so `quartier --help` stays fast.

export interface IndexComputeOptions {
  definition: string;
  values: string;
  out?: string;
  /** Value codes that mean "no value" in addition to an empty cell (e.g. `-9999`). */
  missing?: string[];
  /**
   * The values CSV is wide (one row per area, one column per indicator code, as the MSS tables
   * are published); the value names the column holding the area code.
   */
  wide?: string;
}

export function registerIndexCommands(program: Command): void {
  const index = program
    .command('index')
    .description('composite social-monitoring indices (status, dynamics, …)');
  index
    .command('compute')
    .description(
      'compute the indices of a definition for every area of a long-format values CSV (area,indicator,value)',
    )
    .requiredOption('--definition <file>', 'index definition (JSON)')
    .requiredOption(
      '--values <file>',
      'values CSV with header area,indicator,value (or wide, see --wide); the population is the indicator named by "population"',
    )
    .option(
      '--wide <areaColumn>',
      'the values CSV is wide: one row per area, the area code in <areaColumn>, one column per indicator code (e.g. the MSS tables: --wide PLR_ID)',
    )
    .option('--out <file>', 'write the result CSV here instead of stdout')
    .option(
      '--missing <codes>',
      'comma-separated value codes meaning "no value", besides an empty cell (e.g. -9999)',
      (text: string) =>
        text
          .split(',')
          .map((code) => code.trim())
          .filter((code) => code !== ''),
    )
    .action(async (options: IndexComputeOptions) => {
      await computeIndexCommand(options);
    });
}

/**
 * Runs `index compute`. Exported for in-process tests and scripting.
 * @throws CliError for every expected failure (bad definition, bad CSV, no variance, …).
 */
export async function computeIndexCommand(
  options: IndexComputeOptions,
  stdout: Writable = process.stdout,
): Promise<{ areas: number; valid: number }> {
  const core = await import('@quartier/indicator-core');
  const definition = await loadDefinition(options.definition, core);
  const required = core.requiredIndicators(definition);
  const read = options.wide
    ? readWideValues(options.values, options.wide, required, new Set(options.missing ?? []))
    : readLongValues(options.values, new Set(required), new Set(options.missing ?? []));
  const { areas, seenIndicators } = await read;

  const absent = required.filter((code) => !seenIndicators.has(code));
  if (absent.length > 0) {
    const usedBy = (code: string) =>
      code === definition.population
        ? 'the population'
        : `index ${definition.indices
            .filter((i) => i.indicators.includes(code))
            .map((i) => `"${i.id}"`)
            .join(', ')}`;
    throw new CliError(
      `${options.values}: ${absent.map((code) => `indicator "${code}" (used by ${usedBy(code)})`).join(', ')} does not occur in the values`,
    );
  }

  let result;
  try {
    result = core.computeCompositeIndex(definition, areas);
  } catch (error) {
    if (error instanceof core.IndicatorError)
      throw new CliError(`cannot compute "${definition.id}": ${error.message}`);
    throw error;
  }

  const header = ['area', 'valid', ...definition.indices.flatMap((i) => [`${i.id}_value`, `${i.id}_class`])];
  const rows = result.areas.map((area) =>
    area.valid
      ? [
          area.area,
          'true',
          ...definition.indices.flatMap((i) => [
            String(area.indices[i.id].value),
            area.indices[i.id].class.code,
          ]),
        ]
      : [area.area, 'false', ...definition.indices.flatMap(() => ['', ''])],
  );
  // Area codes come from the input file: a formula-like code is neutralised. Class codes (`+/-`)
  // belong to the documented output contract and come from the definition: they stay as they are.
  const classColumns = definition.indices.map((_, i) => 2 + 2 * i + 1);
  const csv = await csvOutput([header, ...rows], { verbatim: classColumns });
  await emitResult(
    csv,
    options.out,
    stdout,
    `${definition.id}: ${result.areas.length} areas, ${result.validAreaCount} valid`,
  );
  return { areas: result.areas.length, valid: result.validAreaCount };
}

type Core = typeof import('@quartier/indicator-core');

async function loadDefinition(file: string, core: Core) {
  const { readFile } = await import('node:fs/promises');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read definition ${file}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new CliError(`definition ${file} is not valid JSON: ${(error as Error).message}`);
  }
  try {
    return core.parseIndexDefinition(json);
  } catch (error) {
    if (error instanceof core.IndicatorError) throw new CliError(`definition ${file}: ${error.message}`);
    throw error;
  }
}

const REQUIRED_COLUMNS = ['area', 'indicator', 'value'] as const;

interface AreaValues {
  area: string;
  values: Record<string, number | null>;
}

/**
 * Streams the long CSV (csv-parse) into one record per area, keeping only the indicators the
 * definition needs but every area (in order of first appearance). Everything that is wrong is
 * reported with its line number; a value is either empty/a declared missing code or a plain
 * decimal number — no "1,5", no "12 %", no hex — because a silently misread value would move
 * an area's class.
 */
async function readLongValues(file: string, needed: ReadonlySet<string>, missingCodes: ReadonlySet<string>) {
  const areas = new Map<string, AreaValues>();
  const seenIndicators = new Set<string>();
  const firstLine = new Map<string, number>();
  let columns: { area: number; indicator: number; value: number } | undefined;
  try {
    for await (const { record, line } of streamCsvRecords(file)) {
      if (!columns) {
        const header = csvHeader(file, record, REQUIRED_COLUMNS);
        columns = {
          area: header.indexOf('area'),
          indicator: header.indexOf('indicator'),
          value: header.indexOf('value'),
        };
        continue;
      }
      const area = record[columns.area];
      const indicator = record[columns.indicator];
      const text = record[columns.value];
      if (area === '') throw new CliError(`${file} line ${line}: empty area`);
      if (indicator === '') throw new CliError(`${file} line ${line}: empty indicator for area "${area}"`);
      let entry = areas.get(area);
      if (!entry) {
        entry = { area, values: {} };
        areas.set(area, entry);
      }
      if (!needed.has(indicator)) continue;
      const key = `${area}\u0000${indicator}`;
      const earlier = firstLine.get(key);
      if (earlier !== undefined)
        throw new CliError(
          `${file} line ${line}: area "${area}", indicator "${indicator}" already has a value on line ${earlier}`,
        );
      firstLine.set(key, line);
      seenIndicators.add(indicator);
      entry.values[indicator] = valueOf(text, missingCodes, () => `${file} line ${line}`, area, indicator);
    }
  } catch (error) {
    throw csvReadFailure(file, 'values', error);
  }
  if (!columns) throw new CliError(`${file}: empty file (expected the header area,indicator,value)`);
  return { areas: [...areas.values()], seenIndicators };
}

/** A value cell: empty or a declared missing code is "no value"; otherwise a plain decimal. */
function valueOf(
  text: string,
  missingCodes: ReadonlySet<string>,
  where: () => string,
  area: string,
  indicator: string,
): number | null {
  if (text === '' || missingCodes.has(text)) return null;
  if (PLAIN_DECIMAL.test(text)) return Number(text);
  throw new CliError(
    `${where()}: value "${text}" of area "${area}", indicator "${indicator}" is not a number`,
  );
}

/**
 * The wide layout: the header names the area column and one column per indicator code (other
 * columns are ignored). Every indicator the definition needs must have its column; an area may
 * appear once.
 */
async function readWideValues(
  file: string,
  areaColumn: string,
  needed: readonly string[],
  missingCodes: ReadonlySet<string>,
) {
  const areas = new Map<string, AreaValues & { line: number }>();
  let columns: { area: number; indicators: [string, number][] } | undefined;
  try {
    for await (const { record, line } of streamCsvRecords(file)) {
      if (!columns) {
        const area = record.indexOf(areaColumn);
        const absent = [areaColumn, ...needed].filter((name) => !record.includes(name));
        if (area < 0 || absent.length > 0)
          throw new CliError(`${file}: missing column(s) ${absent.join(', ')} (header: ${record.join(',')})`);
        columns = { area, indicators: needed.map((code) => [code, record.indexOf(code)]) };
        continue;
      }
      const area = record[columns.area] ?? '';
      if (area === '') throw new CliError(`${file} line ${line}: empty ${areaColumn}`);
      const earlier = areas.get(area);
      if (earlier)
        throw new CliError(`${file} line ${line}: area "${area}" already has a row on line ${earlier.line}`);
      const values: Record<string, number | null> = {};
      for (const [code, index] of columns.indicators)
        values[code] = valueOf(record[index] ?? '', missingCodes, () => `${file} line ${line}`, area, code);
      areas.set(area, { area, values, line });
    }
  } catch (error) {
    throw csvReadFailure(file, 'values', error);
  }
  if (!columns)
    throw new CliError(`${file}: empty file (expected a header with ${areaColumn} and the indicator codes)`);
  return {
    areas: [...areas.values()].map(({ area, values }) => ({ area, values })),
    seenIndicators: new Set(needed),
  };
}
