import type { Command } from 'commander';
import type { Writable } from 'node:stream';
import { BERLIN_REFERENCE_FILES, fetchReferenceFiles, referenceDataDir } from '@quartier/reference-data';
import { CliError } from '../cli-error';

// `quartier data fetch berlin`: puts the Berlin reference files (LOR geometries, MSS tables)
// into the reference data folder, each checked against the SHA-256 listed in
// libs/reference-data/src/berlin-manifest.ts. Third-party data never enters the repository.

export interface DataFetchOptions {
  /** A mirror with the reference folder's layout instead of the publishers' URLs. */
  from?: string;
  /** The folder to fill (default: the reference data folder, QUARTIER_REFERENCE_DATA). */
  dir?: string;
}

export function registerDataCommands(program: Command): void {
  const data = program
    .command('data')
    .description('third-party reference data (kept outside the repository)');
  data
    .command('fetch')
    .description('download a data set into the reference data folder and verify every file (SHA-256)')
    .argument('<set>', 'the data set: berlin (LOR areas until 2020, MSS 2013–2021)')
    .option('--from <base-url>', 'a mirror laid out like the folder (env QUARTIER_REFERENCE_MIRROR)')
    .option(
      '--dir <folder>',
      'the folder to fill (default: QUARTIER_REFERENCE_DATA, ../shared/data or the cache)',
    )
    .action(async (set: string, options: DataFetchOptions) => {
      await dataFetchCommand(set, options);
    });
}

/**
 * Runs `data fetch`. Exported for in-process tests.
 * @throws CliError (exit 2) for an unknown set, (exit 1) when a file could not be had.
 */
export async function dataFetchCommand(
  set: string,
  options: DataFetchOptions,
  stderr: Writable = process.stderr,
): Promise<void> {
  if (set !== 'berlin') throw new CliError(`unknown data set "${set}" (known: berlin)`);
  const dir = options.dir ?? referenceDataDir();
  const from = options.from ?? process.env['QUARTIER_REFERENCE_MIRROR'];
  const outcomes = await fetchReferenceFiles(BERLIN_REFERENCE_FILES, {
    dir,
    from,
    progress: (message) => stderr.write(`${message}\n`),
  });
  for (const outcome of outcomes) {
    if (outcome.status === 'present')
      stderr.write(`ok          ${outcome.file} (already there, SHA-256 verified)\n`);
    if (outcome.status === 'downloaded') stderr.write(`downloaded  ${outcome.file} (SHA-256 verified)\n`);
    if (outcome.status === 'manual')
      stderr.write(
        `missing     ${outcome.file}: no direct download. ${outcome.note} Publisher: ${outcome.page}\n`,
      );
    if (outcome.status === 'failed') stderr.write(`failed      ${outcome.reason}\n`);
  }
  const attributions = [...new Set(BERLIN_REFERENCE_FILES.map((f) => `${f.attribution} — ${f.licence}`))];
  stderr.write(
    `\nReference data folder: ${dir}\nCredit when showing this data:\n${attributions.map((a) => `  ${a}`).join('\n')}\n`,
  );
  const missing = outcomes.filter((o) => o.status === 'manual' || o.status === 'failed').length;
  if (missing > 0)
    throw new CliError(`${missing} of ${outcomes.length} Berlin files are not in ${dir}; see above`, 1);
}
