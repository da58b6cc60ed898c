import { startServiceTestApp, UploadSpool, type ServiceTestApp } from '@quartier/service-kit';
import { readdirSync } from 'node:fs';
import { INDICATOR_SERVICE } from '../indicator.definition';

const TENANT = 'berlin-demo';

/** Imports as jobs of the service's JobRunner: hostile input ends as a failed job, never as a dead process. */
describe('value imports on the job runner (real PostgreSQL)', () => {
  let t: ServiceTestApp;

  async function start(body: string | Uint8Array, format = 'csv') {
    const started = await t.call(
      'POST',
      `/api/indicator/imports?format=${format}`,
      'admin',
      body,
      'application/octet-stream',
    );
    expect(started.status).toBe(202);
    return started.body.id as string;
  }

  async function settle(id: string) {
    for (let i = 0; i < 600; i++) {
      const job = (await t.call('GET', `/api/indicator/imports/${id}`, 'admin')).body;
      if (!['queued', 'running'].includes(job.status)) return job;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`import ${id} did not end`);
  }

  const values = async () =>
    (await t.db.query(`SELECT count(*)::int AS n FROM indicator_value WHERE tenant_id = $1`, [TENANT]))[0]
      .n as number;
  // The files take the periods they write: each test's keys are its own, so a row stored
  // against the rules shows in the count, not as an update of another test's row.
  const nulCsv = (period: number) => `area,period,indicator,value\n01,${period},S1,1\0\n`;
  const goodCsv = (period: number) => `area,period,indicator,value\n01,${period},S1,1\n`;
  const nulDhis2 = (period: number) =>
    JSON.stringify({
      dataValues: [
        { dataElement: 'S1', period: `${period}`, orgUnit: '01', value: '2' },
        { dataElement: 'S1', period: `${period}`, orgUnit: '0\u00001', value: '3' },
      ],
    });
  /** Long enough to be still reading when a cancel arrives: 20 periods from `from` on. */
  async function startLongImport(from: number) {
    const rows = ['area,period,indicator,value'];
    for (let i = 0; i < 400_000; i++) rows.push(`0101,${from + (i % 20)},S1,${i}`);
    return start(rows.join('\n'));
  }
  /** One import of each outcome, oldest first, for the tests that read imports back. */
  let ofEachOutcome: string[];

  const spoolFiles = () => {
    try {
      // Only this process's uploads: other test files may be spooling into the same folder.
      return readdirSync(t.app.get(UploadSpool).dir).filter((name) => name.startsWith(`${process.pid}-`));
    } catch {
      return [];
    }
  };

  beforeAll(async () => {
    t = await startServiceTestApp(INDICATOR_SERVICE);
    await t.seedAreas(TENANT, [
      { code: '01', level: 'bezirk', name: 'Mitte' },
      { code: '0101', level: 'planungsraum', parent: '01', name: 'Mitte A' },
    ]);
    const created = await t.call('POST', '/api/indicator/indicators', 'admin', {
      code: 'S1',
      name: { de: 'Indikator S1', en: 'Indicator S1' },
      unit: '%',
      polarity: 'higher-is-worse',
      periodicity: 'year',
    });
    expect(created).toMatchObject({ status: 201 });
    ofEachOutcome = [];
    for (const [body, format] of [
      [nulCsv(2021), 'csv'],
      [goodCsv(2021), 'csv'],
      [nulDhis2(2024), 'dhis2'],
    ])
      ofEachOutcome.push((await settle(await start(body, format))).id);
    const long = await startLongImport(1900);
    expect((await t.call('DELETE', `/api/indicator/imports/${long}`, 'admin')).status).toBe(200);
    expect(await settle(long)).toMatchObject({ status: 'cancelled' });
    ofEachOutcome.push(long);
  }, 120_000);
  afterAll(() => t?.close());

  it('fails a CSV with a NUL byte cleanly, naming the row, while the service keeps answering', async () => {
    const before = await values();
    const id = await start(nulCsv(2022));
    const live = await t.call('GET', '/api/indicator/health/live');
    expect(live.status).toBe(200);
    const job = await settle(id);
    expect(job).toMatchObject({
      status: 'failed',
      errorCount: 1,
      message: '1 invalid row(s); nothing was imported',
    });
    expect(job.errors[0]).toMatchObject({ line: 2, column: 'value' });
    expect(JSON.stringify(job)).not.toContain('\\u0000');
    expect(await values()).toBe(before);
    // The service still imports.
    const ok = await settle(await start(goodCsv(2022)));
    expect(ok).toMatchObject({ status: 'succeeded', observations: 1, indicators: ['S1'] });
    expect((await t.call('GET', '/api/indicator/health/live')).status).toBe(200);
  });

  it('fails a DHIS2 file with a NUL in an orgUnit, naming the data value', async () => {
    const before = await values();
    const job = await settle(await start(nulDhis2(2023), 'dhis2'));
    expect(job).toMatchObject({ status: 'failed', errorCount: 1 });
    expect(job.errors[0].line).toBeGreaterThan(0);
    expect(job.errors[0].message).toMatch(/NUL|\uFFFD/);
    expect(await values()).toBe(before);
  });

  it('cancels a running import: nothing of it is kept', async () => {
    const before = await values();
    const id = await startLongImport(2000);
    const cancelled = await t.call('DELETE', `/api/indicator/imports/${id}`, 'admin');
    expect(cancelled.status).toBe(200);
    const job = await settle(id);
    expect(job.status).toBe('cancelled');
    expect(job.message).toMatch(/cancelled/);
    expect(await values()).toBe(before);
    expect((await t.call('DELETE', `/api/indicator/imports/${id}`, 'musterstadt-admin')).status).toBe(404);
  });

  it('removes every spooled upload once its job has ended', async () => {
    expect(spoolFiles()).toEqual([]);
  });

  it('lists imports newest first, ended ones with their outcome', async () => {
    // Other tests' imports are listed too: only the ones of each outcome are looked at, in list order.
    const list = (await t.call('GET', '/api/indicator/imports', 'admin')).body.filter((j: { id: string }) =>
      ofEachOutcome.includes(j.id),
    );
    expect(list.map((j: { id: string }) => j.id)).toEqual([...ofEachOutcome].reverse());
    expect(list.map((j: { status: string }) => j.status)).toEqual([
      'cancelled',
      'failed',
      'succeeded',
      'failed',
    ]);
    expect(list[1]).toMatchObject({ format: 'dhis2', errors: [] });
  });

  it('stores a file that comes area by area in key order (indicator, period, area), as maps and index runs read it', async () => {
    const codes = Array.from({ length: 40 }, (_, i) => `02${String(i + 1).padStart(2, '0')}`);
    await t.seedAreas(TENANT, [
      { code: '02', level: 'bezirk', name: 'Ordnung' },
      ...codes.map((code) => ({ code, level: 'planungsraum', parent: '02', name: `Ordnung ${code}` })),
    ]);
    expect(
      await t.call('POST', '/api/indicator/indicators', 'admin', {
        code: 'S2',
        name: { de: 'Indikator S2', en: 'Indicator S2' },
        unit: 'count',
        polarity: 'neutral',
        periodicity: 'year',
      }),
    ).toMatchObject({ status: 201 });
    let csv = 'area,period,indicator,value\n';
    for (const code of codes)
      for (const period of ['2021', '2022', '2023'])
        for (const indicator of ['S1', 'S2']) csv += `${code},${period},${indicator},${code.length}\n`;
    const job = await settle(await start(csv));
    expect(job).toMatchObject({ status: 'succeeded', observations: 240 });

    const stored: { key: string }[] = await t.db.query(
      `SELECT indicator_id::text || ' ' || period || ' ' || area_id::text AS key
         FROM indicator_value WHERE source_id = $1 ORDER BY ctid`,
      [`import:${job.id}`],
    );
    expect(stored).toHaveLength(240);
    // uuids and periods order bytewise, as their text does.
    const keys = stored.map((r) => r.key);
    expect(keys).toEqual([...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });

  it('stores a file of several runs, and names a key repeated in another run', async () => {
    const codes = Array.from({ length: 40 }, (_, i) => `03${String(i + 1).padStart(2, '0')}`);
    await t.seedAreas(TENANT, [
      { code: '03', level: 'bezirk', name: 'Läufe' },
      ...codes.map((code) => ({ code, level: 'planungsraum', parent: '03', name: `Läufe ${code}` })),
    ]);
    expect(
      await t.call('POST', '/api/indicator/indicators', 'admin', {
        code: 'S3',
        name: { de: 'Indikator S3', en: 'Indicator S3' },
        unit: 'count',
        polarity: 'neutral',
        periodicity: 'year',
      }),
    ).toMatchObject({ status: 201 });
    // 20,000 rows (~560 kB): read in three batches, written in as many runs of at least 5,000.
    const csv = (from: number) => {
      let text = 'area,period,indicator,value\n';
      for (const code of codes)
        for (let year = from; year < from + 500; year++) text += `${code},${year},S3,${year}\n`;
      return text;
    };
    const job = await settle(await start(csv(1800)));
    expect(job).toMatchObject({ status: 'succeeded', observations: 20_000 });
    const [row]: { n: number; sum: number }[] = await t.db.query(
      `SELECT count(*)::int AS n, sum(value)::float8 AS sum FROM indicator_value WHERE source_id = $1`,
      [`import:${job.id}`],
    );
    // 40 areas × the years 1800…2299.
    expect(row).toEqual({ n: 20_000, sum: 40 * 500 * 2049.5 });

    // New periods, with the first row's key again at the end (another run): nothing is kept.
    const before = await values();
    const failed = await settle(await start(`${csv(2300)}${codes[0]},2300,S3,1\n`));
    expect(failed).toMatchObject({ status: 'failed', errorCount: 1 });
    expect(failed.errors[0]).toMatchObject({
      line: 20_002,
      reason: 'duplicate',
      message: 'duplicate of line 2: same area, period and indicator',
    });
    expect(await values()).toBe(before);
  });

  it('maps SDMX-CSV dimensions, saves the mapping for its source once it imported, and checks periodicity', async () => {
    const quarterly = await t.call('POST', '/api/indicator/indicators', 'admin', {
      code: 'LB',
      name: { de: 'Leistungsbilanz', en: 'Current account' },
      unit: '€',
      polarity: 'higher-is-better',
      periodicity: 'quarter',
    });
    expect(quarterly.status).toBe(201);
    const sdmx =
      'DATAFLOW,LAST UPDATE,unit,bop,geo,TIME_PERIOD,OBS_VALUE\n' +
      'E,1/1/25,EUR,LB,0101,2023-Q1,5\nE,1/1/25,USD,LB,0101,2023-Q1,6\nE,1/1/25,EUR,LB,01,2023-Q2,7\n';
    const path = (query: string) => `/api/indicator/imports?format=sdmx-csv&${query}`;
    const send = async (query: string, body: string) =>
      t.call('POST', path(query), 'admin', body, 'application/octet-stream');
    // Without a mapping the file says what it lacks.
    const unmapped = await settle((await send('source=ESTAT-BOP', sdmx)).body.id);
    expect(unmapped).toMatchObject({ status: 'failed', message: expect.stringContaining('lacks REF_AREA') });
    expect((await t.call('GET', '/api/indicator/imports/mappings', 'admin')).body).toEqual([]);
    expect((await send('map=geo%3Darea%2Cgeo%3Dperiod', sdmx)).status).toBe(400);
    const mapped = await settle(
      (await send(`source=ESTAT-BOP&map=${encodeURIComponent('geo=area,bop=indicator,unit=EUR')}`, sdmx)).body
        .id,
    );
    expect(mapped).toMatchObject({ status: 'succeeded', observations: 2, indicators: ['LB'] });
    expect((await t.call('GET', '/api/indicator/imports/mappings', 'admin')).body).toEqual([
      expect.objectContaining({
        format: 'sdmx-csv',
        source: 'ESTAT-BOP',
        mapping: 'geo=area,bop=indicator,unit=EUR',
      }),
    ]);
    // The next file of that source needs no mapping; a month does not fit a quarterly indicator.
    const next = await settle(
      (await send('source=ESTAT-BOP', sdmx.replace('2023-Q2', '2023-M07').replace('2023-Q1', '2023-Q3'))).body
        .id,
    );
    expect(next).toMatchObject({ status: 'failed', map: 'geo=area,bop=indicator,unit=EUR' });
    expect(next.errors).toEqual([
      expect.objectContaining({
        line: 4,
        column: 'period',
        message: '"2023-M07" is a month, but indicator "LB" has the periodicity quarter',
      }),
    ]);
  });

  it('answers a long poll (?wait=seconds) once the import has ended, in one request', async () => {
    const id = await start('area,period,indicator,value\n0101,2031,S1,4\n');
    const job = (await t.call('GET', `/api/indicator/imports/${id}?wait=30`, 'admin')).body;
    expect(job).toMatchObject({ id, status: 'succeeded', observations: 1 });
    expect((await t.call('GET', `/api/indicator/imports/${id}?wait=0`, 'admin')).body).toMatchObject({
      status: 'succeeded',
    });
    for (const wait of ['31', '-1', 'soon'])
      expect((await t.call('GET', `/api/indicator/imports/${id}?wait=${wait}`, 'admin')).status).toBe(400);
    expect((await t.call('GET', `/api/indicator/imports/${id}?wait=5`, 'musterstadt-admin')).status).toBe(
      404,
    );
  });
});
