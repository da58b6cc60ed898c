#!/usr/bin/env node
// Runs the compiled CLI (no TypeScript loader per call); builds the server code once if missing.
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const { execFileSync } = require('node:child_process');

const root = join(__dirname, '..');
const entry = join(root, 'dist/server/apps/cli/src/main.js');
if (!existsSync(entry)) {
  process.stderr.write('quartier: compiling the command line once (dist/server)…\n');
  execFileSync(process.execPath, [join(root, 'tools/build.mjs'), '--server'], { stdio: ['ignore', 2, 2] });
}
require(entry)
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
