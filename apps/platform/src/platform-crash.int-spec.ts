import { DEMO_PASSWORD, requestPasswordGrant } from '@quartier/auth';
import { freePort } from '@quartier/persistence';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import {
  chmodSync,
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';

/**
 * kill -9 of the embedded platform (and its PostgreSQL, as when a machine or container dies)
 * during an indicator import and a burst of public survey submissions, then a restart: no job is
 * left running (it is `interrupted`, with the rows it reached), no acknowledged submission is
 * lost, every outbox event is published, no spool file remains.
 */
const ROOT = resolve(__dirname, '../../..');
const MAIN = join(ROOT, 'dist/server/apps/platform/src/main.js');
const TENANT = 'berlin-demo';
const PLANNING = ['0101', '0102', '0103', '0104'];

interface Platform {
  child: ChildProcess;
  baseUrl: string;
  log: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function eventually<T>(
  probe: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs: number,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  let value = await probe();
  while (!done(value) && Date.now() < until) {
    await sleep(250);
    value = await probe();
  }
  return value;
}

const square = (x: number, y: number, size: number) => ({
  type: 'Polygon',
  coordinates: [
    [
      [x, y],
      [x + size, y],
      [x + size, y + size],
      [x, y + size],
      [x, y],
    ],
  ],
});

describe('the embedded platform after kill -9', () => {
  let work: string;
  let port: number;
  let platform: Platform | null = null;
  const tokens = new Map<string, string>();

  async function start(name: string): Promise<Platform> {
    const log = join(work, `${name}.log`);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: String(port),
      QUARTIER_DATA_DIR: join(work, 'data'),
      QUARTIER_DEMO: 'false',
      // The spool folders live under the platform's temp folder: this test's own.
      TMPDIR: join(work, 'tmp'),
      NODE_ENV: 'production',
    };
    for (const variable of ['KAFKA_BROKERS', 'REDIS_URL', 'OIDC_ISSUER', 'DATABASE_URL'])
      delete env[variable];
    const out = openSync(log, 'a');
    // Its own process group: kill -9 takes PostgreSQL down with it, as a dying container would.
    const child = spawn(process.execPath, [MAIN], {
      cwd: ROOT,
      env,
      detached: true,
      stdio: ['ignore', out, out],
    });
    closeSync(out);
    const baseUrl = `http://localhost:${port}`;
    const healthy = await eventually(
      () =>
        fetch(`${baseUrl}/api/indicator/health`, { signal: AbortSignal.timeout(2000) }).then(
          (r) => r.status === 200,
          () => false,
        ),
      (ok) => ok || child.exitCode !== null,
      90_000,
    );
    if (!healthy)
      throw new Error(`platform ${name} did not start: ${readFileSync(log, 'utf8').slice(-2000)}`);
    return { child, baseUrl, log };
  }

  async function token(user: string): Promise<string> {
    const cached = tokens.get(user);
    if (cached) return cached;
    const { access_token } = await requestPasswordGrant({
      issuer: `http://localhost:${port}/oidc`,
      username: user,
      password: DEMO_PASSWORD,
    });
    tokens.set(user, access_token);
    return access_token;
  }

  async function call(
    method: string,
    path: string,
    user: string | null,
    body?: unknown,
    type = 'application/json',
  ) {
    const headers: Record<string, string> = {};
    if (user) headers['authorization'] = `Bearer ${await token(user)}`;
    if (body !== undefined) headers['content-type'] = type;
    const response = await fetch(`${platform?.baseUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: ReturnType<typeof JSON.parse> = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON
    }
    return { status: response.status, body: parsed };
  }

  async function database(): Promise<Client> {
    const line = readFileSync(platform?.log ?? '', 'utf8')
      .match(/embedded PostgreSQL on port (\d+)/g)
      ?.pop();
    const pgPort = line?.match(/(\d+)$/)?.[1];
    const client = new Client({
      connectionString: `postgres://postgres:postgres@127.0.0.1:${pgPort}/quartier`,
    });
    await client.connect();
    return client;
  }

  async function killHard(): Promise<void> {
    const child = platform?.child;
    if (!child?.pid) return;
    const exited = new Promise((r) => child.once('exit', r));
    process.kill(-child.pid, 'SIGKILL');
    await exited;
    // Whatever of PostgreSQL escaped the group dies too (a crash takes the whole machine).
    const pidFile = join(work, 'data/pg/postmaster.pid');
    if (existsSync(pidFile)) {
      const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
      await eventually(
        async () => {
          try {
            process.kill(pid, 0);
            return false;
          } catch {
            return true;
          }
        },
        (gone) => gone,
        10_000,
      );
    }
    platform = null;
  }

  beforeAll(() => {
    if (!existsSync(MAIN))
      execFileSync(process.execPath, [join(ROOT, 'tools/build.mjs'), '--server'], { cwd: ROOT });
    work = mkdtempSync(join(tmpdir(), 'quartier-crash-'));
    // Embedded PostgreSQL runs as `postgres` when we are root and must reach its data directory.
    chmodSync(work, 0o755);
    mkdirSync(join(work, 'tmp'), { mode: 0o1777 });
    chmodSync(join(work, 'tmp'), 0o1777);
  });
  afterAll(async () => {
    if (platform?.child.pid && platform.child.exitCode === null) {
      const exited = new Promise((r) => platform?.child.once('exit', r));
      process.kill(-platform.child.pid, 'SIGINT');
      const force = setTimeout(
        () => platform?.child.pid && process.kill(-platform.child.pid, 'SIGKILL'),
        20_000,
      );
      await exited;
      clearTimeout(force);
    }
    rmSync(work, { recursive: true, force: true });
  });

  /** A tenant with one district of four planning areas, an indicator and an open survey. */
  async function setUp(): Promise<{ survey: string; wave: string }> {
    const tenant = await call('PUT', `/api/registry/tenants/${TENANT}`, 'platform', {
      name: 'Absturzstadt',
      levels: [
        { key: 'bezirk', name: 'Bezirk', rank: 0 },
        { key: 'planungsraum', name: 'Planungsraum', rank: 1 },
      ],
    });
    expect(tenant.status).toBeLessThan(300);
    const levels = {
      bezirk: [{ id: '01', name: 'Mitte', geometry: square(13, 52, 0.2) }],
      planungsraum: PLANNING.map((id, i) => ({
        id,
        name: `Gebiet ${i + 1}`,
        geometry: square(13 + i * 0.05, 52, 0.04),
      })),
    };
    for (const [level, areas] of Object.entries(levels)) {
      const body = JSON.stringify({
        type: 'FeatureCollection',
        features: areas.map((a) => ({
          type: 'Feature',
          properties: { id: a.id, name: a.name },
          geometry: a.geometry,
        })),
      });
      const started = await call(
        'POST',
        `/api/registry/area-imports?level=${level}`,
        'admin',
        body,
        'application/geo+json',
      );
      const job = await eventually(
        async () => (await call('GET', `/api/registry/area-imports/${started.body.id}`, 'admin')).body,
        (j) => j.status !== 'queued' && j.status !== 'running',
        30_000,
      );
      expect(job).toMatchObject({ status: 'succeeded' });
    }
    const indicator = await call('POST', '/api/indicator/indicators', 'admin', {
      code: 'S1',
      name: { de: 'Indikator S1', en: 'Indicator S1' },
      unit: '%',
      polarity: 'higher-is-worse',
      periodicity: 'year',
    });
    expect(indicator.status).toBe(201);
    return openSurvey();
  }

  async function openSurvey(): Promise<{ survey: string; wave: string }> {
    const areas = (await call('GET', '/api/registry/areas?level=bezirk', 'admin')).body.items as {
      id: string;
    }[];
    const survey = await call('POST', '/api/survey/surveys', 'admin', {
      title: 'Absturztest',
      scopeAreaId: areas[0].id,
    });
    expect(survey.status).toBe(201);
    const id = survey.body.id as string;
    const form = {
      settings: { formId: 'absturz', title: 'Absturztest', defaultLanguage: 'de' },
      children: [
        {
          kind: 'question',
          type: 'area',
          name: 'gebiet',
          listName: 'gebiete',
          label: { de: 'Gebiet' },
          required: true,
        },
        { kind: 'question', type: 'integer', name: 'nummer', label: { de: 'Nummer' }, required: true },
      ],
      choiceLists: [
        { name: 'gebiete', choices: PLANNING.map((code) => ({ name: code, label: { de: code } })) },
      ],
    };
    expect((await call('PUT', `/api/survey/surveys/${id}/form`, 'admin', { form })).status).toBe(200);
    const candidates = await eventually(
      async () =>
        (await call('GET', `/api/survey/surveys/${id}/candidate-areas?level=planungsraum`, 'admin')).body,
      (list) => Array.isArray(list) && list.length === PLANNING.length,
      30_000,
    );
    const targets = await call('PUT', `/api/survey/surveys/${id}/target-areas`, 'admin', {
      areas: (candidates as { id: string }[]).map((a) => ({ areaId: a.id })),
    });
    expect(targets.status).toBe(200);
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const wave = await call('POST', `/api/survey/surveys/${id}/waves`, 'admin', {
      name: 'Welle 1',
      opensOn: day(-2),
      closesOn: day(30),
    });
    expect(wave.status).toBe(201);
    expect((await call('POST', `/api/survey/surveys/${id}/status`, 'admin', { status: 'open' })).status).toBe(
      200,
    );
    return { survey: id, wave: wave.body.id };
  }

  /** A long CSV whose keys repeat, so the import reads it twice (direct load, then staging) and runs a while. */
  function largeImport(): string {
    const file = join(work, 'values.csv');
    const lines = ['area,period,indicator,value'];
    for (let i = 0; i < 1_200_000; i++) lines.push(`${PLANNING[i % 4]},${2000 + (i % 20)},S1,${i % 1000}`);
    writeFileSync(file, lines.join('\n') + '\n');
    return file;
  }

  it('leaves no running job, loses no acknowledged submission, publishes every event and sweeps the spool', async () => {
    // Written before any request: generating it takes seconds, and a keep-alive connection left
    // idle that long is closed by the server under the next request.
    const csv = readFileSync(largeImport(), 'utf8');
    port = await freePort();
    platform = await start('first');
    const { survey, wave } = await setUp();

    const upload = await fetch(`${platform.baseUrl}/api/indicator/imports?format=csv&fileName=values.csv`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await token('admin')}`, 'content-type': 'text/csv' },
      body: csv,
    }).catch((error: Error) => {
      throw new Error(
        `upload failed (${error.message}): ${readFileSync(platform?.log ?? '', 'utf8').slice(-3000)}`,
      );
    });
    expect(upload.status).toBe(202);
    const importId = ((await upload.json()) as { id: string }).id;
    const running = await eventually(
      async () => (await call('GET', `/api/indicator/imports/${importId}`, 'admin')).body,
      (job) => job.status === 'running' && job.rowsRead > 0,
      30_000,
    );
    expect(running.status).toBe('running');

    // A burst of public submissions; the platform dies while they are coming in.
    const acknowledged: number[] = [];
    let next = 0;
    const submitter = async () => {
      while (next < 400) {
        const nummer = next++;
        const reply = await fetch(
          `${platform?.baseUrl}/api/survey/public/surveys/${survey}/waves/${wave}/responses`,
          {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ answers: { gebiet: PLANNING[nummer % 4], nummer } }),
          },
        ).catch(() => null);
        if (reply?.status === 201) acknowledged.push(nummer);
        // Gone (killed), or the public rate limit (30 per address) reached.
        else if (reply === null || reply.status === 429) return;
      }
    };
    const burst = Promise.all(Array.from({ length: 6 }, submitter));
    await eventually(
      async () => acknowledged.length,
      (n) => n >= 8,
      30_000,
    );
    expect((await call('GET', `/api/indicator/imports/${importId}`, 'admin')).body.status).toBe('running');
    const spool = join(work, 'tmp', 'quartier-spool');
    expect(readdirSync(join(spool, 'indicator'))).toHaveLength(1);
    await killHard();
    await burst;
    expect(acknowledged.length).toBeGreaterThanOrEqual(8);

    platform = await start('second');
    // No job is left running: the import is interrupted, with the rows it had reached.
    const after = await eventually(
      async () => (await call('GET', `/api/indicator/imports/${importId}`, 'admin')).body,
      (job) => job.status !== 'running' && job.status !== 'queued',
      30_000,
    );
    expect(after).toMatchObject({ status: 'interrupted', observations: 0 });
    expect(after.rowsRead).toBeGreaterThan(0);
    expect(after.message).toMatch(/stopped while this job was running/);

    const db = await database();
    try {
      for (const schema of ['registry', 'indicator', 'network']) {
        const { rows } = await db.query(
          `SELECT count(*)::int AS n FROM ${schema}.job WHERE status = 'running'`,
        );
        expect({ schema, running: rows[0].n }).toEqual({ schema, running: 0 });
      }
      const { rows: values } = await db.query(`SELECT count(*)::int AS n FROM indicator.indicator_value`);
      expect(values[0].n).toBe(0);
      const { rows: stored } = await db.query(
        `SELECT (answers->>'nummer')::int AS nummer FROM survey.survey_response WHERE survey_id = $1`,
        [survey],
      );
      const kept = new Set(stored.map((r: { nummer: number }) => r.nummer));
      expect(acknowledged.filter((n) => !kept.has(n))).toEqual([]);
      const schemas = ['registry', 'indicator', 'network', 'survey', 'evaluation', 'reporting'];
      const pending = async () => {
        let n = 0;
        for (const schema of schemas) {
          const exists = await db.query(`SELECT to_regclass($1) AS t`, [`${schema}.outbox`]);
          if (!exists.rows[0].t) continue;
          n += (await db.query(`SELECT count(*)::int AS n FROM ${schema}.outbox WHERE published_at IS NULL`))
            .rows[0].n;
        }
        return n;
      };
      expect(await eventually(pending, (n) => n === 0, 30_000)).toBe(0);
    } finally {
      await db.end();
    }
    const left = existsSync(spool)
      ? readdirSync(spool).flatMap((service) => readdirSync(join(spool, service)))
      : [];
    expect(left).toEqual([]);
    expect((await call('GET', '/api/indicator/health/live', null)).status).toBe(200);
  }, 170_000);
});
