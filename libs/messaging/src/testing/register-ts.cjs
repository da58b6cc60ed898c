// Lets a child process of an integration test run TypeScript sources the way Jest does (swc,
// same .swcrc, @quartier/* path aliases), so a test can SIGKILL a real consumer process.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');
const { transformSync } = require('@swc/core');

const root = path.resolve(__dirname, '../../../..');
const { compilerOptions } = JSON.parse(fs.readFileSync(path.join(root, 'tsconfig.base.json'), 'utf8'));
const swcrc = JSON.parse(fs.readFileSync(path.join(root, '.swcrc'), 'utf8'));
const aliases = new Map(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [alias, path.join(root, target)]),
);
const options = {
  ...swcrc,
  $schema: undefined,
  jsc: { ...swcrc.jsc, baseUrl: root, paths: undefined },
  module: { type: 'commonjs' },
  swcrc: false,
  sourceMaps: 'inline',
};
delete options.$schema;

const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return resolve.call(this, aliases.get(request) ?? request, ...rest);
};
Module._extensions['.ts'] = function (module, filename) {
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), { ...options, filename });
  module._compile(code, filename);
};
