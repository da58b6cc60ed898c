// The baselines of tools/bench/indicators.mjs: PostgreSQL's own COPY of the benchmark's file,
// into the service's table shape (end to end) and into the narrow table earlier runs used.
import { createReadStream } from 'node:fs';
import { createRequire } from 'node:module';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { tableLike } from './_table-like.mjs';

const require = createRequire(import.meta.url);
const seconds = (started) => Number(((performance.now() - started) / 1000).toFixed(3));

/**
 * The narrow baseline earlier runs used (code columns, primary key, no collation, no checks,
 * timed from BEGIN to COMMIT only) — kept so the old and the new ratio come from the same run.
 */
export async function narrowCopy(connection, file) {
  const { Client } = require('pg');
  const { from: copyFrom } = require('pg-copy-streams');
  const client = new Client(connection);
  await client.connect();
  try {
    await client.query(`DROP TABLE IF EXISTS bench_plain_values`);
    await client.query(`CREATE TABLE bench_plain_values (area text NOT NULL, period text NOT NULL, indicator text NOT NULL, value double precision,
      numerator double precision, denominator double precision, PRIMARY KEY (indicator, period, area))`);
    const started = performance.now();
    await client.query('BEGIN');
    await pipeline(
      createReadStream(file, { highWaterMark: 256 * 1024 }),
      client.query(copyFrom(`COPY bench_plain_values FROM STDIN WITH (FORMAT csv, HEADER true)`)),
    );
    await client.query('COMMIT');
    const time = seconds(started);
    await client.query(`DROP TABLE bench_plain_values`);
    return { seconds: time };
  } finally {
    await client.end();
  }
}

/** The file's rows as rows of `indicator_value` (codes resolved to ids), CSV for COPY. */
function toServiceRows(tenantId, areas, indicators) {
  let rest = '';
  let header = true;
  const convert = (line) => {
    if (header) return ((header = false), '');
    if (line === '') return '';
    const [area, period, code, value, numerator, denominator] = line.split(',');
    const areaId = areas.get(area);
    const indicator = indicators.get(code);
    if (!areaId || !indicator) throw new Error(`unknown area ${area} or indicator ${code}`);
    return `${tenantId},${indicator.id},${period},${areaId},value,${value},${numerator},${denominator},${indicator.current_version},bench\n`;
  };
  return new Transform({
    transform(chunk, _encoding, done) {
      const lines = (rest + chunk).split('\n');
      rest = lines.pop();
      try {
        done(null, lines.map(convert).join(''));
      } catch (error) {
        done(error);
      }
    },
    flush(done) {
      done(null, convert(rest));
    },
  });
}

/**
 * The baseline end to end, as the service is timed: from opening the file to COMMIT, a client
 * reads it, resolves the codes to ids (one query each for areas and indicators) and COPYs the
 * rows in file order into a table created LIKE the service's `indicator_value` (same key,
 * collation, checks and indexes), in one transaction. What it skips is what the service adds:
 * the upload and spool, per-row validation, the sort into key order, events and job bookkeeping.
 */
export async function copyIntoServiceShape(connection, file, tenantId) {
  const { Client } = require('pg');
  const { from: copyFrom } = require('pg-copy-streams');
  const client = new Client(connection);
  await client.connect();
  try {
    const foreignKeys = await tableLike(client, 'indicator_value', 'bench_copy_value');
    const started = performance.now();
    await client.query('BEGIN');
    const areas = new Map(
      (await client.query(`SELECT code, id FROM area_ref WHERE tenant_id = $1`, [tenantId])).rows.map((r) => [
        r.code,
        r.id,
      ]),
    );
    const indicators = new Map(
      (
        await client.query(
          `SELECT code, id, current_version FROM indicator_definition WHERE tenant_id = $1 AND deleted_at IS NULL`,
          [tenantId],
        )
      ).rows.map((r) => [r.code, r]),
    );
    await pipeline(
      createReadStream(file, { encoding: 'utf8', highWaterMark: 256 * 1024 }),
      toServiceRows(tenantId, areas, indicators),
      client.query(
        copyFrom(
          `COPY bench_copy_value (tenant_id, indicator_id, period, area_id, status, value, numerator, denominator, definition_version, source_id) FROM STDIN WITH (FORMAT csv)`,
        ),
      ),
    );
    await client.query('COMMIT');
    const time = seconds(started);
    const [{ n }] = (await client.query(`SELECT count(*)::int AS n FROM bench_copy_value`)).rows;
    await client.query(`DROP TABLE bench_copy_value`);
    return { seconds: time, rows: n, foreignKeys, table: 'LIKE indicator_value INCLUDING ALL' };
  } finally {
    await client.end();
  }
}
