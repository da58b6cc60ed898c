import { startServiceTestApp, type ServiceTestApp } from '@quartier/service-kit';
import { INDICATOR_SERVICE } from '../indicator.definition';
import { indicator, TENANT } from '../testing/indicator-test-app';

/**
 * Catalogue edits, computations, imports, exports and index runs span every area of the tenant:
 * an analyst whose role applies in one district only passes the role guard (the role is held
 * in the tenant) and must then be refused by the use case, 403 OutOfScope, before any lookup
 * (so unknown ids and codes answer the same).
 */
describe('indicator service: tenant-wide use cases refuse a district analyst', () => {
  let t: ServiceTestApp;
  const unknown = '00000000-0000-4000-8000-000000000000';

  beforeAll(async () => {
    t = await startServiceTestApp(INDICATOR_SERVICE);
    const ids = await t.seedAreas(TENANT, [
      { code: 'X1', level: 'bezirk' },
      { code: 'X101', level: 'planungsraum', parent: 'X1' },
    ]);
    await t.grant(TENANT, 'analyst', 'analyst', ids['X1']);
    const created = await t.call('POST', '/api/indicator/indicators', 'admin', indicator('Q1'));
    if (created.status !== 201) throw new Error(`creating Q1 answered ${created.status}: ${created.text}`);
  }, 120_000);
  afterAll(() => t?.close());

  const { code: _code, ...content } = indicator('Q1');
  const definition = { definition: { id: 'sozialindex', indices: [] } };
  const csv = 'area,period,indicator,value\nX101,2020,Q1,1\n';
  // Jest passes a `done` callback to a test that takes more parameters than its row has: every
  // row names all four.
  const routes: [method: string, path: string, body: unknown, contentType: string | undefined][] = [
    ['POST', '/api/indicator/indicators', indicator('Q9'), undefined],
    ['PUT', '/api/indicator/indicators/Q1', content, undefined],
    ['DELETE', '/api/indicator/indicators/Q1', undefined, undefined],
    ['POST', '/api/indicator/indicators/Q1/compute', {}, undefined],
    ['POST', '/api/indicator/imports?format=csv', csv, 'application/octet-stream'],
    ['GET', '/api/indicator/imports', undefined, undefined],
    ['GET', '/api/indicator/imports/mappings', undefined, undefined],
    ['GET', `/api/indicator/imports/${unknown}`, undefined, undefined],
    ['DELETE', `/api/indicator/imports/${unknown}`, undefined, undefined],
    ['GET', '/api/indicator/exports?format=csv', undefined, undefined],
    ['POST', '/api/indicator/index-definitions', definition, undefined],
    ['PUT', `/api/indicator/index-definitions/${unknown}`, definition, undefined],
    ['DELETE', `/api/indicator/index-definitions/${unknown}`, undefined, undefined],
    [
      'POST',
      `/api/indicator/index-definitions/${unknown}/runs`,
      { period: '2020', level: 'planungsraum' },
      undefined,
    ],
    ['GET', `/api/indicator/index-runs/${unknown}/inputs`, undefined, undefined],
  ];

  it.each(routes)('%s %s: 403 OutOfScope', async (method, path, body, contentType) => {
    const answer = await t.call(method, path, 'analyst', body, contentType);
    expect({ status: answer.status, code: answer.body?.['code'] }).toEqual({
      status: 403,
      code: 'OutOfScope',
    });
  });

  it('refuses an export as a JSON error, not as an attachment', async () => {
    const answer = await t.call('GET', '/api/indicator/exports?format=csv', 'analyst');
    expect(answer.status).toBe(403);
    expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
    expect(answer.headers.get('content-disposition')).toBeNull();
  });

  it('leaves the catalogue as it was', async () => {
    const q1 = await t.call('GET', '/api/indicator/indicators/Q1', 'analyst');
    expect(q1.status).toBe(200);
    expect(q1.body['version']).toBe(1);
    expect((await t.call('GET', '/api/indicator/indicators/Q9', 'analyst')).status).toBe(404);
  });
});
