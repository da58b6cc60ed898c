// Builds the public form's script from this repository's own modules, at start-up, without a
// bundler in the runtime image: the CommonJS output of the survey core's browser-safe modules
// (model, expressions, form validation, compilation, submission validation) and of
// form-runtime.ts, wrapped in a tiny module table. In the built server (dist/server) these are
// the .js files swc produced; when running from source (tests) the .ts files are transpiled
// with TypeScript first. The result is cached, gzip-compressed and served with a content hash.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, normalize, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface FormRuntimeBundle {
  readonly code: string;
  readonly gzip: Buffer;
  /** Content hash: part of the script URL, so browsers may cache it for a year. */
  readonly hash: string;
}

const CORE_DIR = normalize(join(__dirname, '../../../core/src'));
const RUNTIME = join(__dirname, 'form-runtime');

/** The core modules the browser needs; the index (which pulls in XLSX and zod) is replaced by these. */
const CORE_MODULES = [
  'model',
  'errors',
  'form-issue-codes',
  'expression/values',
  'expression/functions',
  'expression/parser',
  'expression/evaluate',
  'validate-form',
  'area',
  'compile',
  'submission',
];

/**
 * Packages the browser modules may import, with a browser stand-in: point-in-polygon runs on the
 * server only (area geometries never reach the browser), so the browser never calls it.
 */
const STUBS: Record<string, string> = {
  '@turf/boolean-point-in-polygon': `exports.default = function () { throw new Error('point-in-polygon runs on the server'); }; exports.__esModule = true;`,
};

let cached: Promise<FormRuntimeBundle> | undefined;

export function formRuntimeBundle(): Promise<FormRuntimeBundle> {
  cached ??= build().catch((error: unknown) => {
    cached = undefined;
    throw error;
  });
  return cached;
}

async function sourceOf(base: string): Promise<{ file: string; code: string }> {
  if (existsSync(`${base}.js`)) {
    const code = await readFile(`${base}.js`, 'utf8');
    return { file: `${base}.js`, code: code.replace(/\n\/\/# sourceMappingURL=.*$/m, '') };
  }
  const file = `${base}.ts`;
  const ts = await import('typescript');
  const source = await readFile(file, 'utf8');
  const out = ts.transpileModule(source, {
    fileName: file,
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: true,
      removeComments: true,
      importHelpers: false,
    },
  });
  return { file, code: out.outputText };
}

async function build(): Promise<FormRuntimeBundle> {
  const modules = new Map<string, { code: string; requires: Record<string, string> }>();
  const idOfCore = (name: string) => `core/${name}`;
  const resolveFrom = (id: string, file: string, specifier: string): string => {
    if (STUBS[specifier]) return `stub:${specifier}`;
    if (specifier === '@quartier/survey-core') return 'core/index';
    if (specifier.startsWith('.')) {
      const target = normalize(join(dirname(file), specifier)).replace(/\.(js|ts)$/, '');
      const inCore = relative(CORE_DIR, target).replace(/\\/g, '/');
      if (inCore === 'index' || inCore === '') return 'core/index';
      if (!inCore.startsWith('..') && CORE_MODULES.includes(inCore)) return idOfCore(inCore);
      throw new Error(`form runtime bundle: ${id} requires ${specifier}, which is not a browser module`);
    }
    throw new Error(
      `form runtime bundle: ${id} requires the package ${specifier}, which the browser bundle does not carry`,
    );
  };
  const add = async (id: string, base: string) => {
    const { file, code } = await sourceOf(base);
    const requires: Record<string, string> = {};
    for (const match of code.matchAll(/\brequire\((["'])([^"']+)\1\)/g))
      requires[match[2]] = resolveFrom(id, file, match[2]);
    modules.set(id, { code, requires });
  };
  for (const name of CORE_MODULES) await add(idOfCore(name), join(CORE_DIR, name));
  await add('runtime', RUNTIME);
  const index = `module.exports = Object.assign({}, ${CORE_MODULES.map((m) => `require(${JSON.stringify(idOfCore(m))})`).join(', ')});`;
  modules.set('core/index', {
    code: index,
    requires: Object.fromEntries(CORE_MODULES.map((m) => [idOfCore(m), idOfCore(m)])),
  });
  for (const [specifier, code] of Object.entries(STUBS))
    modules.set(`stub:${specifier}`, { code, requires: {} });

  const table = [...modules]
    .map(
      ([id, m]) =>
        `${JSON.stringify(id)}: [function (module, exports, require) {\n${m.code}\n}, ${JSON.stringify(m.requires)}]`,
    )
    .join(',\n');
  const code = `/* Quartier public survey form: survey-core (expressions, validation) + form runtime. */
(function () {
"use strict";
var defs = {
${table}
};
var cache = {};
function load(id) {
  if (cache[id]) return cache[id].exports;
  var def = defs[id];
  var module = { exports: {} };
  cache[id] = module;
  def[0].call(module.exports, module, module.exports, function (specifier) {
    var target = def[1][specifier];
    if (!target) throw new Error("form runtime: unknown module " + specifier);
    return load(target);
  });
  return module.exports;
}
load("runtime").bootFormRuntime();
})();
`;
  return {
    code,
    gzip: gzipSync(code, { level: 9 }),
    hash: createHash('sha256').update(code).digest('hex').slice(0, 16),
  };
}
