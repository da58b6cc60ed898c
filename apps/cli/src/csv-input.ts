// The CSV files the commands read (values, needs, actors and ties), read alike: BOM, blank lines
// and padding dropped, the apostrophe the platform's CSV writers put before a formula character
// removed (so a command's output, or a server export, reads back unchanged), each record with
// its file line so every message can name it. csv-parse loads on first use, so `quartier --help`
// stays fast.
import { CliError } from './cli-error';

/** A plain decimal number: no "1,5", no units, no hex — a misread value changes every result. */
export const PLAIN_DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

export interface CsvRecord {
  record: string[];
  /** File line of the record (1-based). */
  line: number;
}

const PARSE_OPTIONS = { bom: true, info: true, skip_empty_lines: true, trim: true } as const;

/** A whole CSV file at once: "cannot read <what> <file>" when it cannot be read, "<file>: …" when it does not parse. */
export async function readCsvRecords(file: string, what?: string): Promise<CsvRecord[]> {
  const { readFile } = await import('node:fs/promises');
  const { parse } = await import('csv-parse/sync');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read ${what ? `${what} ` : ''}${file}: ${(error as Error).message}`);
  }
  try {
    // With `info: true` csv-parse yields { record, info } per row; its typings only model plain rows.
    const parsed = parse(text, PARSE_OPTIONS) as unknown as { record: string[]; info: { lines: number } }[];
    const restore = await cellRestorer();
    return parsed.map(({ record, info }) => ({ record: restore(record), line: info.lines }));
  } catch (error) {
    throw new CliError(`${file}: ${(error as Error).message}`);
  }
}

/**
 * A CSV file record by record, for files too large to hold. Errors come as they are: wrap the
 * loop's failures with `csvReadFailure`.
 */
export async function* streamCsvRecords(
  file: string,
  options: { relaxColumnCount?: boolean } = {},
): AsyncGenerator<CsvRecord> {
  const { createReadStream } = await import('node:fs');
  const { parse } = await import('csv-parse');
  const restore = await cellRestorer();
  const parser = parse({
    ...PARSE_OPTIONS,
    ...(options.relaxColumnCount ? { relax_column_count: true } : {}),
  });
  const input = createReadStream(file);
  // pipe() does not forward read errors (a missing file would leave the loop waiting forever).
  input.on('error', (error) => parser.destroy(error));
  input.pipe(parser);
  for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>)
    yield { record: restore(record), line: info.lines };
}

/** contracts' restoreCsvCell over a record, in place; only cells starting with an apostrophe are looked at. */
async function cellRestorer(): Promise<(record: string[]) => string[]> {
  const { restoreCsvCell } = await import('@quartier/contracts');
  return (record) => {
    for (let i = 0; i < record.length; i++)
      if (record[i].charCodeAt(0) === 39) record[i] = restoreCsvCell(record[i]);
    return record;
  };
}

/** What a failure while streaming `file` tells the user: the file unreadable, or its content bad. */
export function csvReadFailure(file: string, what: string, error: unknown): CliError {
  if (error instanceof CliError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR')
    return new CliError(`cannot read ${what} ${file}: ${(error as Error).message}`);
  return new CliError(`${file}: ${(error as Error).message}`);
}

/**
 * The header, lower-cased (columns match case-insensitively); refused when a required column is
 * missing, naming the columns the file may have (`expected`).
 */
export function csvHeader(
  file: string,
  record: readonly string[],
  required: readonly string[],
  expected: readonly string[] = required,
): string[] {
  const header = record.map((name) => name.toLowerCase());
  const absent = required.filter((name) => !header.includes(name));
  if (absent.length > 0)
    throw new CliError(
      `${file}: missing column(s) ${absent.join(', ')} (header: ${record.join(',')}; expected ${expected.join(',')})`,
    );
  return header;
}
