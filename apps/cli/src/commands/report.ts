import type { Command } from 'commander';
import { createWriteStream } from 'node:fs';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CliError } from '../cli-error';
import { signIn } from '../sign-in';
import { signInOptions } from './platform';

// `quartier report …`: asks a running platform for a report with the same sign-in as `token`
// (password grant of the CLI client), follows its progress and writes the file. The report is
// made with that user's permissions, as in the portal.

const POLL_MS = 500;
const FORMATS = ['pdf', 'docx', 'xlsx', 'csv'];

export interface ReportCommandOptions {
  url: string;
  issuer?: string;
  user: string;
  password?: string;
  format: string;
  language: string;
  out: string;
}

interface ReportView {
  status: string;
  progress: number;
  error?: { code: string; message: string };
  fileName: string;
}

function withConnection(command: Command): Command {
  return signInOptions(
    command
      .option('--format <format>', `file format: ${FORMATS.join(', ')}`, 'pdf')
      .option('--language <language>', 'de or en', 'de')
      .option(
        '--user <name>',
        'whose permissions the report is made with',
        process.env['QUARTIER_USER'] ?? 'admin',
      ),
  ).requiredOption('--out <file>', 'where to write the file ("-" for standard output)');
}

export function registerReportCommands(program: Command): void {
  const report = program.command('report').description('make a report on a running platform and download it');
  withConnection(
    report
      .command('area-profile')
      .description(
        'area profile (Sozialraumprofil) of one area, or with --level of every area of a level as a ZIP',
      )
      .option('--area <code>', 'area code, e.g. 01011101')
      .option('--level <level>', 'every area of this level the user may see, as one ZIP'),
  ).action(async (options: ReportCommandOptions & { area?: string; level?: string }) => {
    if ((options.area === undefined) === (options.level === undefined))
      throw new CliError('report area-profile: name exactly one of --area <code> or --level <level>');
    await runReport(options, async (api) =>
      options.area
        ? { type: 'area-profile', areaId: await areaIdOf(api, options.area) }
        : { type: 'area-profile', level: options.level },
    );
  });
  // A report of one object named by its id: the command is the report type, `--<option> <id>`
  // goes into the request as `field`.
  const reportOfOne = (type: string, description: string, option: string, help: string, field: string) =>
    withConnection(
      report.command(type).description(description).requiredOption(`--${option} <id>`, help),
    ).action(async (options: ReportCommandOptions & Record<string, string>) => {
      await runReport(options, async () => ({ type, [field]: options[option] }));
    });
  reportOfOne('monitoring', 'monitoring report of an index run', 'run', 'index run id', 'indexRunId');
  reportOfOne(
    'programme',
    'programme report (Social Reporting Standard)',
    'programme',
    'programme id',
    'programmeId',
  );
  reportOfOne(
    'evaluation',
    'evaluation report (design, comparison areas, DiD results, DAC ratings, evidence)',
    'evaluation',
    'evaluation id',
    'evaluationId',
  );
}

type Api = (method: string, path: string, body?: unknown) => Promise<Response>;

async function areaIdOf(api: Api, code: string): Promise<string> {
  const response = await api('GET', `/api/registry/areas?q=${encodeURIComponent(code)}&limit=100`);
  const page = (await response.json()) as { items: { id: string; code: string }[] };
  const area = page.items.find((a) => a.code === code);
  if (!area) throw new CliError(`report: no area with the code ${code}`, 1);
  return area.id;
}

function connection(options: ReportCommandOptions, token: string): Api {
  const base = options.url.replace(/\/$/, '');
  return async (method, path, body) => {
    let response: Response;
    try {
      response = await fetch(`${base}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      throw new CliError(`report: ${base} cannot be reached (${(error as Error).message})`, 1);
    }
    if (!response.ok) {
      const text = await response.text();
      let message = text;
      try {
        message = (JSON.parse(text) as { message?: string }).message ?? text;
      } catch {
        // not JSON
      }
      throw new CliError(`report: ${method} ${path} answered ${response.status}: ${message}`, 1);
    }
    return response;
  };
}

async function runReport(
  options: ReportCommandOptions,
  request: (api: Api) => Promise<Record<string, unknown>>,
) {
  if (!FORMATS.includes(options.format)) throw new CliError(`--format must be one of ${FORMATS.join(', ')}`);
  if (!['de', 'en'].includes(options.language)) throw new CliError('--language must be de or en');
  const api = connection(options, await signIn('report', options));
  const body = { ...(await request(api)), format: options.format, language: options.language };
  const { id } = (await (await api('POST', '/api/reporting/reports', body)).json()) as { id: string };
  let view: ReportView;
  for (;;) {
    view = (await (await api('GET', `/api/reporting/reports/${id}`)).json()) as ReportView;
    process.stderr.write(`\r${view.status} ${Math.round(view.progress * 100)} %   `);
    if (['done', 'failed', 'cancelled'].includes(view.status)) break;
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
  process.stderr.write('\n');
  if (view.status !== 'done')
    throw new CliError(`report ${id} ${view.status}: ${view.error?.message ?? 'no file was made'}`, 1);
  const file = await api('GET', `/api/reporting/reports/${id}/file`);
  const out: Writable = options.out === '-' ? process.stdout : createWriteStream(options.out);
  await pipeline(Readable.fromWeb(file.body as import('node:stream/web').ReadableStream), out);
  if (options.out !== '-') process.stderr.write(`${view.fileName} → ${options.out}\n`);
}
