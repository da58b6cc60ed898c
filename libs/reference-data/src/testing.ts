import { referenceDataDir, referenceDataPath } from './reference-data';

/**
 * For conformance tests that need third-party files: the paths when every one is present.
 * When some are missing the tests are reported loudly as not run — and under `CI=true` the
 * run fails, so CI can never pass without them by accident.
 */
export function requireReferenceData(
  relatives: readonly string[],
  testCount: number,
  env: Record<string, string | undefined> = process.env,
): string[] | undefined {
  const found = relatives.map((r) => referenceDataPath(r, env));
  if (found.every((p): p is string => p !== undefined)) return found;
  const missing = relatives.filter((_, i) => found[i] === undefined);
  const message = referenceDataNotFound(missing, `${testCount} conformance tests`, env);
  if (env['CI'] === 'true') throw new Error(message);
  process.stderr.write(`\n⚠ ${message}\n\n`);
  return undefined;
}

/**
 * The one line every test runner prints (or fails with) when reference files are missing: the
 * folder, the files, what did not run (`"12 conformance tests"`, `"37 browser tests"`) and how
 * to get the files.
 */
export function referenceDataNotFound(
  missing: readonly string[],
  notRun: string,
  env: Record<string, string | undefined> = process.env,
): string {
  return (
    `reference data not found at ${referenceDataDir(env)} (missing ${missing.join(', ')}): ` +
    `${notRun} not run; ${howToGet(missing)}`
  );
}

/**
 * Only Berlin's files have a download command. The public test files of other tools
 * (`external/<set>/`) and the IATI schema (`iati-2.03/`) have none: the notes that travel with
 * them in a reference data folder that has them (SOURCES.md, README.md) name where each file
 * comes from, at which commit and under which licence. Naming `data fetch berlin` for them would
 * send people to a command that cannot help.
 */
export function howToGet(missing: readonly string[]): string {
  const hints = new Set<string>();
  for (const file of missing) {
    const parts = file.split('/');
    if (parts[0] === 'berlin') hints.add('`npm run quartier -- data fetch berlin`');
    else if (parts[0] === 'external')
      hints.add(
        `${parts.length > 2 ? `external/${parts[1]}` : 'external'}/ has no download command: its SOURCES.md names each file's source`,
      );
    else hints.add(`${parts[0]}/ has no download command: its README.md names the source`);
  }
  return [...hints].join('; ');
}
