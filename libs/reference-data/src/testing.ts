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
  const message =
    `reference data not found at ${referenceDataDir(env)} (missing ${missing.join(', ')}): ` +
    `${testCount} conformance tests not run; \`npm run quartier -- data fetch berlin\``;
  if (env['CI'] === 'true') throw new Error(message);
  process.stderr.write(`\n⚠ ${message}\n\n`);
  return undefined;
}
