import type { Command } from 'commander';
import { CliError } from '../cli-error';
import { writeResultFile } from '../cli-output';

// `quartier indicator convert`: any file the indicator import reads (CSV long/wide, XLSX,
// SDMX-CSV, JSON-stat 1.x/2.0, DHIS2 dataValueSets) → the long CSV `area,indicator,period,value`
// that the import would load (periods canonical, `.` suppressed, empty missing), or exit 2 with
// every bad row. Offline: area and indicator codes are taken as they are (the platform checks
// them against its areas and catalogue). Heavy modules load inside the action.

export const CONVERT_SOURCES = ['csv-long', 'csv-wide', 'xlsx', 'sdmx-csv', 'json-stat', 'dhis2'] as const;
export type ConvertSource = (typeof CONVERT_SOURCES)[number];

export interface IndicatorConvertOptions {
  from: string;
  in: string;
  /** `dim=role|value,…`: which dimension is area, period, indicator; the others fixed to a value. */
  map?: string;
  out?: string;
}

export function registerIndicatorCommands(program: Command): void {
  const indicator = program.command('indicator').description('indicator values: exchange formats');
  indicator
    .command('convert')
    .description(
      'read a values file as the import does and write the long CSV area,indicator,period,value it would load; exit 2 naming every bad row',
    )
    .requiredOption('--from <format>', CONVERT_SOURCES.join('|'))
    .requiredOption('--in <file>', 'the file to read')
    .option(
      '--map <mapping>',
      'SDMX-CSV/JSON-stat dimensions: dim=area|period|indicator, or dim=<code> to read only that category (comma-separated)',
    )
    .option('--out <file>', 'write the CSV here instead of stdout')
    .action(async (options: IndicatorConvertOptions) => {
      await indicatorConvertCommand(options);
    });
}

/**
 * Runs `indicator convert`; returns the CSV text. Exported for tests.
 * @throws CliError (exit 2) with one line per bad row, or for unreadable files and bad options.
 */
export async function indicatorConvertCommand(
  options: IndicatorConvertOptions,
  stdout: NodeJS.WritableStream = process.stdout,
): Promise<string> {
  const source = CONVERT_SOURCES.find((s) => s === options.from);
  if (!source) throw new CliError(`--from: "${options.from}" is not one of ${CONVERT_SOURCES.join(', ')}`);
  const [{ readFile }, core] = await Promise.all([
    import('node:fs/promises'),
    import('@quartier/indicator-core'),
  ]);
  let mapping = core.NO_MAPPING;
  if (options.map !== undefined) {
    if (source !== 'sdmx-csv' && source !== 'json-stat')
      throw new CliError('--map: only SDMX-CSV and JSON-stat files have dimensions to map');
    const parsed = core.parseDimensionMapping(options.map);
    if (!parsed.ok) throw new CliError(`--map: ${parsed.message}`);
    mapping = parsed.mapping;
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(options.in);
  } catch (error) {
    throw new CliError(`cannot read ${options.in}: ${(error as Error).message}`);
  }
  const read = await core.readValuesFile(source, bytes, mapping);
  if ('fileError' in read)
    throw new CliError(`${options.in}${read.line ? ` line ${read.line}` : ''}: ${read.fileError}`);
  const csv = core.longValuesCsv(read.observations, read.info);
  const errors = [...read.errors, ...csv.errors].sort((a, b) => a.line - b.line);
  if (errors.length > 0)
    throw new CliError(
      errors.map((e) => `${options.in} ${read.unit} ${e.line}, ${e.column}: ${e.message}`).join('\n'),
    );
  if (options.out) {
    await writeResultFile(options.out, csv.text);
    process.stderr.write(
      `indicator: ${csv.rows} values (${read.skipped} left out by --map) → ${options.out}\n`,
    );
  } else {
    await new Promise<void>((resolve, reject) =>
      stdout.write(csv.text, (error) => (error ? reject(error) : resolve())),
    );
  }
  return csv.text;
}
