import type { Command } from 'commander';
import { CliError } from '../cli-error';
import { csvOutput } from '../csv-output';

// `quartier survey …`: offline checks and results over @quartier/survey-core. The core library,
// exceljs and the CSV modules load inside the actions so `quartier --help` stays fast.

export interface SurveyValidateOptions {
  readonly form: string;
}

export interface SurveyAggregateOptions {
  readonly form: string;
  readonly responses: string;
  readonly by: string;
  readonly k: string | number;
  readonly out?: string;
}

async function loadForm(path: string) {
  const [{ readFile }, { basename, extname }, core] = await Promise.all([
    import('node:fs/promises'),
    import('node:path'),
    import('@quartier/survey-core'),
  ]);
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new CliError(`cannot read form ${path}: ${(error as Error).message}`);
  }
  const fallbackFormId = basename(path, extname(path))
    .replace(/[^A-Za-z0-9_.-]/g, '_')
    .replace(/^(?=[0-9.-])/, '_');
  try {
    return { core, result: await core.importXlsForm(bytes, { fallbackFormId }) };
  } catch (error) {
    if (error instanceof core.SurveyError) throw new CliError(`${path}: ${error.message}`);
    throw error;
  }
}

/** Validates an XLSForm; returns the summary, or throws with one line per error. */
export async function runSurveyValidate(options: SurveyValidateOptions): Promise<string> {
  const { core, result } = await loadForm(options.form);
  if (!result.ok) throw new CliError(result.issues.map(core.formatFormIssue).join('\n'));
  const form = result.form;
  const questions = core.formQuestions(form);
  const groups = core.formGroups(form);
  const byType = new Map<string, number>();
  for (const { question } of questions) byType.set(question.type, (byType.get(question.type) ?? 0) + 1);
  const repeats = groups.filter((g) => g.repeat).length;
  const languages = core.formLanguages(form);
  return [
    `form ${form.settings.formId}${form.settings.version ? ` (version ${form.settings.version})` : ''}${form.settings.title ? `: ${form.settings.title}` : ''} is valid`,
    `questions: ${questions.length} (${[...byType].map(([type, n]) => `${type} ${n}`).join(', ')})`,
    `groups: ${groups.length}${repeats > 0 ? ` (${repeats} repeat${repeats === 1 ? '' : 's'})` : ''}`,
    `choice lists: ${form.choiceLists.length}`,
    `languages: ${languages.length > 0 ? languages.join(', ') : form.settings.defaultLanguage} (default ${form.settings.defaultLanguage})`,
    ...result.warnings.map(core.formatFormIssue),
    '',
  ].join('\n');
}

/** Aggregates responses with k-anonymity; returns the CSV text (also written to `out` if given). */
export async function runSurveyAggregate(options: SurveyAggregateOptions): Promise<string> {
  const k = Number(options.k);
  if (!Number.isInteger(k) || k < 1) throw new CliError(`--k must be a whole number ≥ 1, got ${options.k}`);
  const { core, result } = await loadForm(options.form);
  if (!result.ok) throw new CliError(result.issues.map(core.formatFormIssue).join('\n'));
  const [{ readFile, writeFile }, { basename }, { parse }] = await Promise.all([
    import('node:fs/promises'),
    import('node:path'),
    import('csv-parse/sync'),
  ]);
  let text: string;
  try {
    text = await readFile(options.responses, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read responses ${options.responses}: ${(error as Error).message}`);
  }
  // KoboToolbox offers ';' as separator (German Excel's default); ODK Central writes ','.
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const delimiter = !firstLine.includes(',') && firstLine.includes(';') ? ';' : ',';
  let records: string[][];
  try {
    records = parse(text, { bom: true, delimiter, skip_empty_lines: true, relax_column_count: false });
  } catch (error) {
    throw new CliError(`${options.responses}: ${(error as Error).message}`);
  }
  const [header = [], ...body] = records;
  const names = header.map((h) => h.trim());
  const rows = body.map((values) => Object.fromEntries(names.map((name, i) => [name, values[i] ?? ''])));
  const file = basename(options.responses);
  const typed = core.respondentsFromRows(result.form, names, rows, options.by);
  if (!typed.ok)
    throw new CliError(
      typed.issues.map((i) => `${file} row ${i.row}, column ${i.column}: ${i.reason}`).join('\n'),
    );
  let aggregated;
  try {
    aggregated = core.aggregateResponses(result.form, typed.respondents, {
      by: options.by,
      k,
      questions: typed.questions,
    });
  } catch (error) {
    if (error instanceof core.SurveyError) throw new CliError([error.message, ...error.details].join('\n'));
    throw error;
  }
  // Labels and area names come from the form and the responses: csvOutput guards them.
  const csv = await csvOutput([
    [...core.RESULT_COLUMNS],
    ...core.resultRows(aggregated).map((r) => core.resultRowFields(r)),
  ]);
  if (options.out) await writeFile(options.out, csv, 'utf8');
  return csv;
}

export function registerSurveyCommands(program: Command): void {
  const survey = program
    .command('survey')
    .description('questionnaires (XLSForm) and privacy-safe survey results');
  survey
    .command('validate')
    .description(
      'check an XLSForm; prints a summary, or every error as "<sheet> row <n>[, column <name>]: <reason>"',
    )
    .requiredOption('--form <file>', 'XLSForm workbook (.xlsx) with sheets survey, choices, settings')
    .action(async (options: SurveyValidateOptions) => {
      process.stdout.write(await runSurveyValidate(options));
    });
  survey
    .command('aggregate')
    .description('counts, shares and means per group with k-anonymity (primary and secondary suppression)')
    .requiredOption('--form <file>', 'XLSForm workbook (.xlsx)')
    .requiredOption(
      '--responses <file>',
      'CSV with one column per question name (select_multiple space-separated)',
    )
    .requiredOption('--by <column>', 'column that assigns respondents to groups, e.g. area')
    .option('--k <n>', 'minimum respondents per published cell', '10')
    .option('--out <file>', 'write the results CSV here instead of stdout')
    .action(async (options: SurveyAggregateOptions) => {
      const csv = await runSurveyAggregate(options);
      if (!options.out) process.stdout.write(csv);
    });
}
