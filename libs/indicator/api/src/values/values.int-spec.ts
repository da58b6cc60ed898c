import type { ServiceTestApp } from '@quartier/service-kit';
import {
  indicator,
  jsonStat,
  runImport,
  startIndicatorTestApp,
  TENANT,
  xlsx,
} from '../testing/indicator-test-app';

/** The upload format of a test case's format ("csv (wide by …)" is uploaded as csv). */
const wireOf = (format: string) => (format.startsWith('csv') ? 'csv' : format);

/** Per format: a good file (X101 and X102 in periods of its own) and a bad one with its errors. */
const formats: {
  format: string;
  good: () => Promise<string | Uint8Array>;
  bad: () => Promise<string | Uint8Array>;
  errors: [number, string, string][];
}[] = [
  {
    format: 'csv (wide by indicator)',
    good: async () => 'area,period,Q1,Q2\nX101,2019,11,\nX102,2019,12,.\n',
    bad: async () => 'area,period,Q1,Q2\nX101,2019,11,x\nX999,2019H3,12,1\n',
    errors: [
      [3, 'area', 'unknown-area'],
      [3, 'period', 'bad-period'],
      [3, 'area', 'unknown-area'],
      [3, 'period', 'bad-period'],
    ],
  },
  {
    format: 'csv (wide by period)',
    good: async () => 'area,indicator,2017,2018\nX101,Q1,1,2\nX102,Q1,3,..\n',
    bad: async () => 'area,indicator,2017,2018\nX101,Q1,1,zwei\nX101,Q1,3,4\n',
    errors: [
      [2, '2018', 'non-numeric'],
      [3, '2017', 'duplicate'],
    ],
  },
  {
    format: 'xlsx',
    good: async () =>
      xlsx([
        ['area', 'period', 'indicator', 'value'],
        ['X101', '2016', 'Q1', 5],
        ['X102', '2016', 'Q1', 6.5],
      ]),
    bad: async () =>
      xlsx([
        ['area', 'period', 'indicator', 'value'],
        ['X101', '2016', 'Q1', 'n/a'],
        ['X102', '2016', 'Q9', 6.5],
      ]),
    errors: [
      [2, 'value', 'non-numeric'],
      [3, 'indicator', 'unknown-indicator'],
    ],
  },
  {
    format: 'sdmx-csv',
    good: async () =>
      'DATAFLOW,REF_AREA,INDICATOR,TIME_PERIOD,OBS_VALUE,OBS_STATUS\nQ:IND(1.0),X101,Q1,2015-S1,7,A\nQ:IND(1.0),X102,Q1,2015-S1,,C\n',
    bad: async () => 'DATAFLOW,REF_AREA,INDICATOR,TIME_PERIOD,OBS_VALUE\nQ:IND(1.0),X101,Q1,2015-S3,7\n',
    errors: [[2, 'period', 'bad-period']],
  },
  {
    format: 'json-stat',
    good: async () => JSON.stringify(jsonStat(['X101', 'X102'], [8, null], { 1: 'c' })),
    bad: async () => JSON.stringify(jsonStat(['X101', 'X404'], [8, 'acht'])),
    errors: [
      [2, 'area', 'unknown-area'],
      [2, 'value[1]', 'non-numeric'],
    ],
  },
  {
    format: 'dhis2',
    good: async () =>
      JSON.stringify({
        dataValues: [
          { dataElement: 'Q1', period: '2014S2', orgUnit: 'X101', value: '9' },
          { dataElement: 'Q1', period: '2014S2', orgUnit: 'X102', value: '10' },
        ],
      }),
    bad: async () =>
      JSON.stringify({
        dataValues: [{ dataElement: 'Q1', period: '2014W3', orgUnit: 'X101', value: '9' }],
      }),
    errors: [[1, 'period', 'bad-period']],
  },
];

describe('indicator service (real PostgreSQL, Redis, OIDC tokens)', () => {
  let t: ServiceTestApp;
  let ids: Record<string, string>;

  const call = (...args: Parameters<ServiceTestApp['call']>) => t.call(...args);
  const importFile = (format: string, body: string | Uint8Array, user?: string) =>
    runImport(t, format, body, user);
  const valueCount = async () =>
    (await t.db.query(`SELECT count(*)::int AS n FROM indicator_value WHERE tenant_id = $1`, [TENANT]))[0]
      .n as number;

  /**
   * Imports the files, failing if one is not imported: the values several tests read, imported by
   * each of them (or the first, where no test changes them), so that each runs alone and in any
   * order. Importing rows a test imported itself again leaves them as they are.
   */
  const imported = async (files: [format: string, body: () => Promise<string | Uint8Array>][]) => {
    for (const [format, body] of files) {
      const { job } = await importFile(format, await body());
      if (job?.status !== 'succeeded') throw new Error(`${format} not imported: ${JSON.stringify(job)}`);
    }
  };
  /** Q1 and Q2 in 2020 across the test city, with counts, suppressed and missing values. */
  const MAP_CSV = [
    'area,period,indicator,value,numerator,denominator',
    'X101,2020,Q2,,2,2000',
    'X102,2020,Q2,,300,1000',
    'X201,2020,Q2,,50,500',
    'X202,2020,Q2,,25,500',
    'X101,2020,Q1,10,,',
    'X102,2020,Q1,40,,',
    'X201,2020,Q1,.,,',
    'X202,2020,Q1,,,',
  ].join('\n');
  /** Imported anew each time: a round trip through a format without counts drops its counts. */
  const withMapValues = () => imported([['csv', async () => MAP_CSV]]);
  let formatValues: Promise<void> | undefined;
  /** X101 and X102 from 2013 to 2019: the good file of each format. */
  const withFormatValues = () =>
    (formatValues ??= imported(formats.map(({ format, good }) => [wireOf(format), good])));

  beforeAll(async () => {
    ({ t, ids } = await startIndicatorTestApp());
  }, 120_000);
  afterAll(() => t?.close());

  describe('imports, values and exports', () => {
    it('imports a long CSV, emits indicator.values.changed and serves aggregated, suppressed map data', async () => {
      const { started, job } = await importFile('csv', MAP_CSV);
      expect(started.status).toBe(202);
      expect(job).toMatchObject({
        status: 'succeeded',
        observations: 8,
        rowsRead: 8,
        errorCount: 0,
        indicators: ['Q1', 'Q2'],
        progress: 1,
      });
      // This import's events: the other tests' imports have theirs.
      const events = await t.db.query(
        `SELECT envelope->'payload' AS p FROM outbox
          WHERE type = 'indicator.values.changed' AND envelope->'payload'->>'sourceId' = $1
          ORDER BY envelope->'payload'->>'indicatorCode'`,
        [`import:${job!.id}`],
      );
      expect(
        events.map((e: { p: { indicatorCode: string; periods: string[]; areaIds: string[] } }) => [
          e.p.indicatorCode,
          e.p.periods,
          e.p.areaIds.length,
        ]),
      ).toEqual([
        ['Q1', ['2020'], 4],
        ['Q2', ['2020'], 4],
      ]);

      const q2 = await call('GET', '/api/indicator/values?indicator=Q2&period=2020&level=bezirk', 'viewer');
      expect(q2.status).toBe(200);
      const byCode = (items: unknown) =>
        Object.fromEntries((items as { code: string }[]).map((i) => [i.code, i]));
      // X1 = (2 + 300) / 3000; published although X101 is suppressed, so X102 is suppressed too.
      expect(byCode(q2.body['items'])['X1']).toMatchObject({
        status: 'value',
        value: (302 / 3000) * 100,
        numerator: 302,
        source: 'ratio-of-sums',
      });
      expect(byCode(q2.body['items'])['X2']).toMatchObject({ status: 'value', value: 7.5 });
      const pr = byCode(
        (await call('GET', '/api/indicator/values?indicator=Q2&period=2020&level=planungsraum', 'viewer'))
          .body['items'],
      );
      expect(pr['X101']).toMatchObject({ status: 'suppressed', value: null, reason: 'primary-numerator' });
      expect(pr['X102']).toMatchObject({ status: 'suppressed', value: null, reason: 'secondary' });
      expect(pr['X201']).toMatchObject({ status: 'value', value: 10, numerator: 50, denominator: 500 });

      const q1 = byCode(
        (await call('GET', '/api/indicator/values?indicator=Q1&period=2020&level=bezirk', 'viewer')).body[
          'items'
        ],
      );
      expect(q1['X1']).toMatchObject({
        status: 'value',
        value: 20,
        source: 'population-weighted-mean',
        approximate: true,
      });
      expect(q1['X2']).toMatchObject({ status: 'missing', value: null, reason: 'incomplete' });
      const q1pr = byCode(
        (await call('GET', '/api/indicator/values?indicator=Q1&period=2020&level=planungsraum', 'viewer'))
          .body['items'],
      );
      expect(q1pr['X201']).toMatchObject({ status: 'suppressed', reason: 'source' });
      expect(q1pr['X202']).toMatchObject({ status: 'missing', reason: 'no-data' });
    });

    it('serves the map as a value layer for vector tiles: codes, values and status letters, within the caller’s scope', async () => {
      await withMapValues();
      const layer = await call(
        'GET',
        '/api/indicator/values/layer?indicator=Q2&period=2020&level=planungsraum',
        'viewer',
      );
      expect(layer.status).toBe(200);
      const body = layer.body as unknown as { codes: string[]; values: (number | null)[]; flags: string };
      const at = (code: string) => {
        const i = body.codes.indexOf(code);
        return [body.values[i], body.flags[i]];
      };
      expect(at('X101')).toEqual([null, 's']);
      expect(at('X102')).toEqual([null, 's']);
      expect(at('X201')).toEqual([10, 'v']);
      expect(body.codes).toHaveLength(body.flags.length);
      const weighted = await call(
        'GET',
        '/api/indicator/values/layer?indicator=Q1&period=2020&level=bezirk',
        'viewer',
      );
      const q1 = weighted.body as unknown as { codes: string[]; values: (number | null)[]; flags: string };
      expect([q1.values[q1.codes.indexOf('X1')], q1.flags[q1.codes.indexOf('X1')]]).toEqual([20, 'a']);
      expect(q1.flags[q1.codes.indexOf('X2')]).toBe('m');
      const planner = await call(
        'GET',
        '/api/indicator/values/layer?indicator=Q2&period=2020&level=planungsraum',
        'planer',
      );
      expect((planner.body as unknown as { codes: string[] }).codes).toEqual(['X101', 'X102']);
    });

    it('draws a district whose tiny area has no value from the others (with their population share) and adds counts up', async () => {
      // Levels of their own, so the lists of the other tests stay as they are.
      await t.seedAreas(TENANT, [
        { code: 'C1', level: 'testbezirk', name: 'Abdeckung' },
        { code: 'C101', level: 'testraum', parent: 'C1', name: 'Groß', population: 9800 },
        { code: 'C102', level: 'testraum', parent: 'C1', name: 'Klein', population: 200 },
      ]);
      expect((await call('POST', '/api/indicator/indicators', 'admin', indicator('QC', {}))).status).toBe(
        201,
      );
      expect(
        (await call('POST', '/api/indicator/indicators', 'admin', indicator('QN', { unit: 'count' }))).status,
      ).toBe(201);
      const csv = [
        'area,period,indicator,value',
        'C101,2020,QC,12.5',
        'C101,2020,QN,9800',
        'C102,2020,QN,200',
      ];
      expect((await importFile('csv', csv.join('\n'))).job).toMatchObject({ status: 'succeeded' });
      const district = async (code: string) =>
        (
          (
            await call(
              'GET',
              `/api/indicator/values?indicator=${code}&period=2020&level=testbezirk`,
              'viewer',
            )
          ).body['items'] as unknown as Record<string, unknown>[]
        )[0];
      expect(await district('QC')).toMatchObject({
        code: 'C1',
        status: 'value',
        value: 12.5,
        approximate: true,
        source: 'population-weighted-mean',
        coverage: 0.98,
      });
      expect(await district('QN')).toMatchObject({
        status: 'value',
        value: 10000,
        approximate: false,
        source: 'sum',
        coverage: null,
      });
    });

    it('profiles an area: its key indicators with latest value and trend by polarity, only within scope', async () => {
      const areas = await t.seedAreas(TENANT, [
        { code: 'P1', level: 'profilbezirk', name: 'Profil' },
        { code: 'P101', level: 'profilraum', parent: 'P1', name: 'Profilraum', population: 5000 },
      ]);
      for (const [code, extra] of [
        ['QP', {}],
        ['QV', { polarity: 'higher-is-better' }],
      ] as const)
        expect(
          (await call('POST', '/api/indicator/indicators', 'admin', indicator(code, extra))).status,
        ).toBe(201);
      const csv = [
        'area,period,indicator,value',
        'P101,2019,QP,12.5',
        'P101,2021,QP,10',
        'P101,2019,QV,30',
        'P101,2021,QV,27',
      ];
      expect((await importFile('csv', csv.join('\n'))).job).toMatchObject({ status: 'succeeded' });
      const profile = await call('GET', `/api/indicator/values/profile?area=${areas['P101']}`, 'viewer');
      expect(profile.status).toBe(200);
      expect(profile.body['area']).toMatchObject({ code: 'P101', level: 'profilraum' });
      const rows = profile.body['indicators'] as unknown as { code: string }[];
      // Only indicators with a value for the area: the other test indicators have none here.
      expect(rows.map((r) => r.code)).toEqual(['QP', 'QV']);
      expect(rows[0]).toMatchObject({
        latest: { period: '2021', value: 10, approximate: false },
        previous: { period: '2019', value: 12.5 },
        change: -2.5,
        direction: 'better',
      });
      expect(rows[1]).toMatchObject({ change: -3, direction: 'worse' });
      expect(profile.body['index']).toBeNull();
      // The planner's scope is X1: another area's profile is refused, a malformed id named.
      expect(
        (await call('GET', `/api/indicator/values/profile?area=${areas['P101']}`, 'planer')).status,
      ).toBe(403);
      expect(
        (
          await call(
            'GET',
            '/api/indicator/values/profile?area=00000000-0000-4000-8000-000000000000',
            'viewer',
          )
        ).status,
      ).toBe(404);
    });

    it('limits values to the caller’s area scope; a scoped user sees no aggregate reaching outside it', async () => {
      const planner = await call(
        'GET',
        '/api/indicator/values?indicator=Q2&period=2020&level=bezirk',
        'planer',
      );
      expect((planner.body['items'] as unknown as { code: string }[]).map((i) => i.code)).toEqual(['X1']);
      const areas = await call(
        'GET',
        '/api/indicator/values?indicator=Q2&period=2020&level=planungsraum',
        'planer',
      );
      expect((areas.body['items'] as unknown as { code: string }[]).map((i) => i.code)).toEqual([
        'X101',
        'X102',
      ]);
      expect(
        (await call('GET', `/api/indicator/values/series?indicator=Q2&area=${ids['X201']}`, 'planer')).status,
      ).toBe(403);
      expect(
        (await call('GET', `/api/indicator/values/series?indicator=Q2&area=${ids['X101']}`, 'planer')).status,
      ).toBe(200);
      expect(
        (
          await call(
            'GET',
            '/api/indicator/values?indicator=Q2&period=2020&level=bezirk',
            'musterstadt-admin',
          )
        ).status,
      ).toBe(404);
      expect(
        (
          await call(
            'GET',
            `/api/indicator/values/series?indicator=Q2&area=${ids['X101']}`,
            'musterstadt-admin',
          )
        ).status,
      ).toBe(404);
      expect((await call('GET', '/api/indicator/values?indicator=Q2&period=2020&level=bezirk')).status).toBe(
        401,
      );
      expect(
        (await call('GET', '/api/indicator/values?indicator=Q2&period=20x&level=bezirk', 'viewer')).status,
      ).toBe(400);
    });

    it('rejects a file with bad rows as a whole, reporting line, column and reason of each', async () => {
      const before = await valueCount();
      const csv = [
        'area,period,indicator,value',
        'X101,2021,Q1,1',
        'X999,2021,Q1,2',
        'X102,2021,NOPE,3',
        'X201,2021-13,Q1,4',
        'X202,2021,Q1,vier',
        'X101,2021,Q1,5',
        'X102,2021',
      ].join('\n');
      const { job } = await importFile('csv', csv);
      expect(job).toMatchObject({
        status: 'failed',
        errorCount: 6,
        message: '6 invalid row(s); nothing was imported',
      });
      expect(job!.errors.map((e) => [e.line, e.column, e.reason])).toEqual([
        [3, 'area', 'unknown-area'],
        [4, 'indicator', 'unknown-indicator'],
        [5, 'period', 'bad-period'],
        [6, 'value', 'non-numeric'],
        [7, 'value', 'duplicate'],
        [8, 'indicator', 'malformed'],
      ]);
      expect(job!.errors[4].message).toBe('duplicate of line 2: same area, period and indicator');
      // The bad value as read, for the portal to show beside its own sentence.
      expect(job!.errors.map((e) => e.value)).toEqual([
        'X999',
        'NOPE',
        '2021-13',
        'vier',
        undefined,
        undefined,
      ]);
      expect(await valueCount()).toBe(before);
      const header = await importFile('csv', 'area,when,value\nX101,2020,1\n');
      expect(header.job).toMatchObject({
        status: 'failed',
        errors: [
          {
            line: 1,
            reason: 'malformed',
            message: 'the header needs "period" and/or "indicator" next to "area" (long or wide layout)',
          },
        ],
      });
    });

    it('reports a duplicate even when every row is valid on its own', async () => {
      const before = await valueCount();
      const { job } = await importFile(
        'csv',
        'area;period;indicator;value\nX101;2022;Q1;1,5\nX102;2022;Q1;2\nX101;2022;Q1;3\n',
      );
      expect(job).toMatchObject({
        status: 'failed',
        errorCount: 1,
        errors: [{ line: 4, column: 'value', reason: 'duplicate' }],
      });
      expect(await valueCount()).toBe(before);
    });

    it.each(formats)(
      'imports $format, and rejects its bad file leaving the database unchanged',
      async ({ format, good, bad, errors }) => {
        const wire = wireOf(format);
        const ok = await importFile(wire, await good());
        expect(ok.job).toMatchObject({ status: 'succeeded', errorCount: 0 });
        const before = await valueCount();
        const failed = await importFile(wire, await bad());
        expect(failed.job!.status).toBe('failed');
        expect(failed.job!.errors.map((e) => [e.line, e.column, e.reason])).toEqual(errors);
        expect(await valueCount()).toBe(before);
      },
    );

    it('stored the formats’ values with their status (suppressed ≠ missing ≠ 0) and canonical periods', async () => {
      await withFormatValues();
      const rows = await t.db.query(
        `SELECT a.code, v.period, v.status, v.value FROM indicator_value v JOIN area_ref a ON a.id = v.area_id JOIN indicator_definition d ON d.id = v.indicator_id
          WHERE d.code = 'Q1' AND v.period IN ('2015H1', '2014H2', '2019', '2018') ORDER BY v.period, a.code`,
      );
      expect(rows).toEqual([
        { code: 'X101', period: '2014H2', status: 'value', value: 9 },
        { code: 'X102', period: '2014H2', status: 'value', value: 10 },
        { code: 'X101', period: '2015H1', status: 'value', value: 7 },
        { code: 'X102', period: '2015H1', status: 'suppressed', value: null },
        { code: 'X101', period: '2018', status: 'value', value: 2 },
        { code: 'X102', period: '2018', status: 'missing', value: null },
        { code: 'X101', period: '2019', status: 'value', value: 11 },
        { code: 'X102', period: '2019', status: 'value', value: 12 },
      ]);
    });

    it('serves series, ranking and comparison', async () => {
      await withMapValues();
      await withFormatValues();
      const series = await call(
        'GET',
        `/api/indicator/values/series?indicator=Q1&area=${ids['X1']}`,
        'viewer',
      );
      expect((series.body['points'] as unknown as { period: string }[]).map((p) => p.period)).toEqual([
        '2013',
        '2014H2',
        '2015H1',
        '2016',
        '2017',
        '2018',
        '2019',
        '2020',
      ]);
      const ranking = await call(
        'GET',
        '/api/indicator/values/ranking?indicator=Q2&period=2020&level=planungsraum',
        'viewer',
      );
      expect(ranking.body).toMatchObject({
        order: 'desc',
        total: 2,
        items: [
          { rank: 1, code: 'X201', value: 10 },
          { rank: 2, code: 'X202', value: 5 },
        ],
      });
      expect((ranking.body['unranked'] as unknown as { code: string }[]).map((u) => u.code)).toEqual([
        'X101',
        'X102',
      ]);
      const compare = await call(
        'GET',
        `/api/indicator/values/compare?indicators=Q1,Q2&period=2020&areas=${ids['X1']},${ids['X2']}`,
        'viewer',
      );
      expect(
        (compare.body['rows'] as unknown as { values: { status: string }[] }[]).map((r) =>
          r.values.map((v) => v.status),
        ),
      ).toEqual([
        ['value', 'missing'],
        ['value', 'value'],
      ]);
    });

    it('keeps a ranking until new values arrive, under an ETag of its data and scope', async () => {
      const path = '/api/indicator/values/ranking?indicator=Q2&period=2022&level=planungsraum';
      await importFile(
        'csv',
        [
          'area,period,indicator,value,numerator,denominator',
          'X201,2022,Q2,,50,500',
          'X202,2022,Q2,,25,500',
        ].join('\n'),
      );
      const first = await call('GET', path, 'viewer');
      const again = await call('GET', path, 'viewer');
      expect((first.body['items'] as unknown as { code: string }[]).map((i) => i.code)).toEqual([
        'X201',
        'X202',
      ]);
      expect(first.headers.get('etag')).toBeTruthy();
      expect(again.headers.get('etag')).toBe(first.headers.get('etag'));
      expect(again.text).toBe(first.text);
      // Another order is another answer.
      const ascending = await call('GET', `${path}&order=asc`, 'viewer');
      expect((ascending.body['items'] as unknown as { code: string }[]).map((i) => i.code)).toEqual([
        'X202',
        'X201',
      ]);
      expect(ascending.headers.get('etag')).not.toBe(first.headers.get('etag'));

      await importFile(
        'csv',
        ['area,period,indicator,value,numerator,denominator', 'X202,2022,Q2,,100,500'].join('\n'),
      );
      const after = await call('GET', path, 'viewer');
      expect(
        (after.body['items'] as unknown as { code: string; value: number }[]).map((i) => [i.code, i.value]),
      ).toEqual([
        ['X202', 20],
        ['X201', 10],
      ]);
      expect(after.headers.get('etag')).not.toBe(first.headers.get('etag'));
    });

    it.each(['csv', 'csv-wide', 'xlsx', 'sdmx-csv', 'json-stat', 'dhis2'])(
      'exports %s and imports the export back unchanged',
      async (format) => {
        // Wide CSV, JSON-stat and DHIS2 carry no counts: they round-trip status and value only.
        const counts = ['json-stat', 'dhis2', 'csv-wide'].includes(format) ? '' : ', numerator, denominator';
        const snapshot = async () =>
          t.db.query(
            `SELECT indicator_id, period, area_id, status, value${counts} FROM indicator_value WHERE tenant_id = $1 ORDER BY 1, 2, 3`,
            [TENANT],
          );
        // What the other tests import, in whichever order they ran.
        await withMapValues();
        await withFormatValues();
        const before = await snapshot();
        const response = await fetch(`${t.url}/api/indicator/exports?format=${format}&indicators=Q1,Q2`, {
          headers: { authorization: `Bearer ${await t.tokenFor('analyst')}` },
        });
        expect(response.status).toBe(200);
        const body = new Uint8Array(await response.arrayBuffer());
        expect(body.length).toBeGreaterThan(50);
        const { job } = await importFile(format === 'csv-wide' ? 'csv' : format, body);
        expect(job).toMatchObject({ status: 'succeeded', errorCount: 0 });
        // DHIS2 has no status: only values travel, so suppressed/missing rows are simply not resent.
        expect(await snapshot()).toEqual(before);
        if (format === 'csv') {
          const text = new TextDecoder().decode(body);
          expect(text).toContain('X201,2020,Q1,.,,\n');
          expect(text).toContain('X202,2020,Q1,,,\n');
          expect(text).toContain('X101,2020,Q2,0.1,2,2000\n');
        }
      },
    );

    it('denies imports and exports to readers, scoped analysts and other tenants', async () => {
      expect(
        (
          await call(
            'POST',
            '/api/indicator/imports?format=csv',
            'viewer',
            'area,period,indicator,value\n',
            'text/csv',
          )
        ).status,
      ).toBe(403);
      expect(
        (
          await call(
            'POST',
            '/api/indicator/imports?format=csv',
            'planer',
            'area,period,indicator,value\n',
            'text/csv',
          )
        ).status,
      ).toBe(403);
      expect((await call('GET', '/api/indicator/exports?format=csv', 'viewer')).status).toBe(403);
      expect((await call('POST', '/api/indicator/imports?format=xml', 'admin', 'x', 'text/csv')).status).toBe(
        400,
      );
      expect((await call('POST', '/api/indicator/imports?format=csv', 'admin', '', 'text/csv')).status).toBe(
        422,
      );
      // An indicator of its own: a period of Q1 or Q2 would show in the series and exports of the others.
      expect((await call('POST', '/api/indicator/indicators', 'admin', indicator('QD'))).status).toBe(201);
      const ours = await importFile('csv', 'area,period,indicator,value\nX101,2011,QD,1\n');
      expect((await call('GET', `/api/indicator/imports/${ours.job!.id}`, 'musterstadt-admin')).status).toBe(
        404,
      );
    });
  });
});
