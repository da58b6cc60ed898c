// Lets the portal's unit tests (`node --test`, Node's own type stripping, no bundler) import what
// the Angular build imports: `node --import ./tools/portal-test/workspace-paths.mjs --test ...`.
//
// Two things the bundler resolves and Node does not:
// - the workspace aliases (`@quartier/portal-ui/texts`), read from the `paths` of the portal's
//   spec tsconfig — the file the spec typecheck uses, so the tests and the typecheck cannot
//   disagree about where an alias points;
// - relative imports without an extension (`from './placeholders'`), which the portal's sources
//   write because the Angular build wants them so: tried as `<name>.ts`, then `<name>/index.ts`.
//
// Only pure modules can be imported this way: Node strips types but cannot run Angular's
// decorators, so a barrel that re-exports components (a library's `index.ts`) fails to load.
// That is why portal-ui has small secondary entries (`src/texts.ts`, `src/colours.ts`) next to
// its index. Registered with `registerHooks` (synchronous, in the test's own thread): the hook
// runs for every import, so it only reads files, once per path, and leaves every other
// specifier to Node.
import { existsSync, readFileSync } from 'node:fs';
import { registerHooks } from 'node:module';
import { dirname, extname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const TSCONFIG = resolve(ROOT, 'apps/portal/tsconfig.spec.json');

/**
 * The `paths` in force for a tsconfig, as TypeScript reads them: the nearest file of the
 * `extends` chain that sets `paths` wins, relative to the nearest `baseUrl` (else to the file
 * that set them). The portal's tsconfigs are plain JSON (no comments), like the others here.
 */
function aliases(file) {
  let paths = null;
  let pathsDir = null;
  let baseUrl = null;
  for (let current = file; current;) {
    const config = JSON.parse(readFileSync(current, 'utf8'));
    const options = config.compilerOptions ?? {};
    if (paths === null && options.paths) [paths, pathsDir] = [options.paths, dirname(current)];
    if (baseUrl === null && options.baseUrl !== undefined)
      baseUrl = resolve(dirname(current), options.baseUrl);
    current = config.extends ? resolve(dirname(current), config.extends) : null;
  }
  const map = new Map();
  for (const [alias, [target]] of Object.entries(paths ?? {})) {
    // The workspace has no wildcard aliases (STYLE.md); one would need its own matching here.
    if (alias.includes('*')) throw new Error(`${file}: wildcard alias ${alias} is not supported`);
    map.set(alias, pathToFileURL(resolve(baseUrl ?? pathsDir, target)).href);
  }
  return map;
}

const ALIASES = aliases(TSCONFIG);

/** `./name` → `./name.ts` or `./name/index.ts`, for an extensionless import in a TypeScript file. */
function typeScriptFile(specifier, parentURL) {
  if (!specifier.startsWith('.') || extname(specifier) !== '') return null;
  if (!parentURL?.startsWith('file:') || !parentURL.endsWith('.ts')) return null;
  for (const candidate of [`${specifier}.ts`, `${specifier}/index.ts`]) {
    const url = new URL(candidate, parentURL);
    if (existsSync(url)) return url.href;
  }
  return null;
}

registerHooks({
  resolve(specifier, context, nextResolve) {
    const url = ALIASES.get(specifier) ?? typeScriptFile(specifier, context.parentURL);
    return url ? { url, shortCircuit: true } : nextResolve(specifier, context);
  },
});
