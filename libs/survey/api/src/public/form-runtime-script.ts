// The public form's script (the browser library libs/survey/form-runtime), as the survey service
// serves it: read once, gzip-compressed once, named by a content hash. tools/build.mjs bundles it
// with esbuild next to the compiled server (dist/server/libs/survey/form-runtime/form-runtime.js),
// which is what a deployment serves; running from the TypeScript sources (the tests) there is no
// such build, so the library's own build script bundles it at first use.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface FormRuntimeScript {
  readonly code: string;
  readonly gzip: Buffer;
  /** Content hash: part of the script URL, so browsers may cache it for a year. */
  readonly hash: string;
}

const LIBRARY = join(__dirname, '../../../form-runtime');
const BUILT = join(LIBRARY, 'form-runtime.js');
const FROM_SOURCES = __filename.endsWith('.ts');

let cached: Promise<FormRuntimeScript> | undefined;

export function formRuntimeScript(): Promise<FormRuntimeScript> {
  cached ??= load().catch((error: unknown) => {
    cached = undefined;
    throw error;
  });
  return cached;
}

async function load(): Promise<FormRuntimeScript> {
  const code = FROM_SOURCES ? await bundleFromSources() : await readBuilt();
  return {
    code,
    gzip: gzipSync(code, { level: 9 }),
    hash: createHash('sha256').update(code).digest('hex').slice(0, 16),
  };
}

async function readBuilt(): Promise<string> {
  if (!existsSync(BUILT))
    throw new Error(
      `the public form's script ${BUILT} is missing: build the server with node tools/build.mjs --server`,
    );
  return readFile(BUILT, 'utf8');
}

async function bundleFromSources(): Promise<string> {
  const build = (await import(join(LIBRARY, 'build.cjs'))) as { bundleFormRuntime(): Promise<string> };
  return build.bundleFormRuntime();
}
