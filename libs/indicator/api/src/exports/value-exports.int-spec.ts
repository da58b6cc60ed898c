import { startServiceTestApp, type ServiceTestApp } from '@quartier/service-kit';
import { INDICATOR_SERVICE } from '../indicator.definition';

const TENANT = 'berlin-demo';

/** CSV exports are opened in spreadsheets: no cell may start a formula, and they import back unchanged. */
describe('value exports neutralise formula cells (real PostgreSQL)', () => {
  let t: ServiceTestApp;

  async function importCsv(csv: string) {
    const started = await t.call(
      'POST',
      '/api/indicator/imports?format=csv',
      'admin',
      csv,
      'application/octet-stream',
    );
    expect(started.status).toBe(202);
    for (let i = 0; i < 600; i++) {
      const job = (await t.call('GET', `/api/indicator/imports/${started.body.id}`, 'admin')).body;
      if (!['queued', 'running'].includes(job.status)) return job;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('import did not end');
  }

  beforeAll(async () => {
    t = await startServiceTestApp(INDICATOR_SERVICE);
    // Area codes come from whatever GeoJSON a tenant imported: they can look like formulas.
    await t.seedAreas(TENANT, [
      { code: '=1+1', level: 'bezirk', name: 'Formel' },
      { code: '@SUM(A1)', level: 'bezirk', name: 'Summe' },
    ]);
    const created = await t.call('POST', '/api/indicator/indicators', 'admin', {
      code: 'S1',
      name: { de: 'Indikator S1' },
      unit: '%',
      polarity: 'higher-is-worse',
      periodicity: 'year',
    });
    expect(created.status).toBe(201);
    const job = await importCsv("area,period,indicator,value\n'=1+1,2022,S1,-1.5\n'@SUM(A1),2022,S1,2\n");
    expect(job).toMatchObject({ status: 'succeeded' });
  }, 120_000);
  afterAll(() => t?.close());

  it.each(['csv', 'csv-wide', 'sdmx-csv'])(
    '%s: formula cells get an apostrophe, negative values stay numbers',
    async (format) => {
      const res = await t.call('GET', `/api/indicator/exports?format=${format}`, 'admin');
      expect(res.status).toBe(200);
      const cells = res.text
        .trimEnd()
        .split('\n')
        .flatMap((line) => line.split(','));
      expect(cells.filter((c) => /^[=+@]/.test(c))).toEqual([]);
      expect(cells).toEqual(expect.arrayContaining(["'=1+1", "'@SUM(A1)", '-1.5']));
    },
  );

  it('imports its own CSV export back unchanged', async () => {
    const exported = (await t.call('GET', '/api/indicator/exports?format=csv', 'admin')).text;
    const job = await importCsv(exported);
    expect(job).toMatchObject({ status: 'succeeded' });
    const again = (await t.call('GET', '/api/indicator/exports?format=csv', 'admin')).text;
    expect(again).toBe(exported);
  });
});
