// Bundles the public form's script with esbuild: src/main.ts and what it imports — this library
// and @quartier/survey-core/browser (path aliases from tsconfig.base.json) — into one IIFE for
// the browsers the form supports. Run by tools/build.mjs into dist/server, where the survey
// service reads it; running from the TypeScript sources (tests), the service calls it itself.
'use strict';
const { build } = require('esbuild');
const { mkdir, writeFile } = require('node:fs/promises');
const { dirname, join } = require('node:path');

const root = join(__dirname, '../../..');

/**
 * Point-in-polygon (area.ts of the core) runs on the server only: area geometries never reach
 * the browser, so the script never calls it and does not carry it.
 */
const serverOnly = {
  name: 'server-only',
  setup(bundle) {
    bundle.onResolve({ filter: /^@turf\/boolean-point-in-polygon$/ }, (args) => ({
      path: args.path,
      namespace: 'server-only',
    }));
    bundle.onLoad({ filter: /.*/, namespace: 'server-only' }, (args) => ({
      contents: `export default function () { throw new Error('${args.path} runs on the server'); }`,
      loader: 'js',
    }));
  },
};

const OPTIONS = {
  entryPoints: [join(__dirname, 'src/main.ts')],
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: ['es2022'],
  // Whitespace and syntax only: names stay, so a respondent's error report reads like the code
  // (and the script visibly carries the core's validateSubmission); gzip does the rest.
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: 'none',
  banner: { js: '/* Quartier public survey form: survey-core (expressions, validation) + form runtime. */' },
  tsconfig: join(root, 'tsconfig.base.json'),
  absWorkingDir: root,
  plugins: [serverOnly],
  logLevel: 'silent',
};

/** The script's code. */
async function bundleFormRuntime() {
  const result = await build({ ...OPTIONS, write: false });
  return result.outputFiles[0].text;
}

/** Writes the script to `outfile`; resolves with its size in bytes. */
async function buildFormRuntime(outfile) {
  const code = await bundleFormRuntime();
  await mkdir(dirname(outfile), { recursive: true });
  await writeFile(outfile, code);
  return Buffer.byteLength(code);
}

module.exports = { buildFormRuntime, bundleFormRuntime };
