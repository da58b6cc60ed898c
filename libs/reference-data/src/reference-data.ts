import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/**
 * Third-party data (Berlin's LOR geometries and MSS tables, public test files of other tools,
 * the IATI schema) is never committed: it is read from one folder at run time.
 *
 * `QUARTIER_REFERENCE_DATA` names it; otherwise `../shared/data` next to the checkout when it
 * exists (as on the project's development machines), else `$XDG_CACHE_HOME/quartier/data`
 * (where `quartier data fetch berlin` downloads to).
 */
export function referenceDataDir(
  env: Record<string, string | undefined> = process.env,
  root: string = repositoryRoot(),
): string {
  if (env['QUARTIER_REFERENCE_DATA']) return resolve(env['QUARTIER_REFERENCE_DATA']);
  const shared = resolve(root, '../shared/data');
  if (existsSync(shared)) return shared;
  const cache = env['XDG_CACHE_HOME'] || join(env['HOME'] || homedir(), '.cache');
  return join(cache, 'quartier', 'data');
}

/** The absolute path of a file or folder in the reference data, or undefined when it is absent. */
export function referenceDataPath(
  relative: string,
  env: Record<string, string | undefined> = process.env,
): string | undefined {
  const path = join(referenceDataDir(env), relative);
  return existsSync(path) ? path : undefined;
}

/** The repository root, found upwards from this file (works from sources and from dist/). */
export function repositoryRoot(from: string = __dirname): string {
  let dir = from;
  while (!existsSync(join(dir, 'nx.json'))) {
    const parent = dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
  return dir;
}

/** The folder when every one of `relatives` is in it, else undefined (the demo seeds without them). */
export function referenceDataWith(
  relatives: readonly string[],
  dir: string = referenceDataDir(),
): string | undefined {
  return relatives.every((r) => existsSync(join(dir, r))) ? dir : undefined;
}
