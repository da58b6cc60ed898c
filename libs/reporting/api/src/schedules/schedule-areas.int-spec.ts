import { startServiceTestApp, type ServiceTestApp } from '@quartier/service-kit';
import { REPORTING_SERVICE } from '../reporting.definition';

// A schedule stores a report request and runs it later: the area (or level) it names is checked
// when it is set up, as a report request's is — another tenant's area is unknown, like a missing one.
describe('the area of a scheduled area profile (real PostgreSQL, real tokens)', () => {
  let t: ServiceTestApp;
  let areas: Record<string, string>;
  let foreign: Record<string, string>;

  beforeAll(async () => {
    t = await startServiceTestApp(REPORTING_SERVICE, {
      runtime: { reportScheduleAccounts: { 'berlin-demo': { username: 'viewer', password: 'unused' } } },
    });
    areas = await t.seedAreas('berlin-demo', [
      { code: '01', name: 'Mitte', level: 'bezirk' },
      { code: '0101', name: 'Zentrum', level: 'planungsraum', parent: '01' },
    ]);
    foreign = await t.seedAreas('musterstadt', [{ code: 'M1', name: 'Altstadt', level: 'stadtbezirk' }]);
  });
  afterAll(() => t?.close());

  const schedule = (request: Record<string, unknown>) =>
    t.call('POST', '/api/reporting/schedules', 'admin', {
      name: 'Gebietsprofil zum 1. März',
      cron: '0 6 1 3 *',
      request: { type: 'area-profile', ...request },
    });

  it("refuses another tenant's area, an unknown one and a level without areas, and stores none of them", async () => {
    for (const areaId of [foreign['M1'], '00000000-0000-4000-8000-000000000000'])
      expect(await schedule({ areaId })).toMatchObject({ status: 404, body: { code: 'AreaNotFound' } });
    expect(await schedule({ level: 'stadtbezirk' })).toMatchObject({
      status: 404,
      body: { code: 'LevelNotFound' },
    });
    expect((await t.call('GET', '/api/reporting/schedules', 'admin')).body.total).toBe(0);
    expect((await schedule({ areaId: areas['0101'] })).status).toBe(201);
    expect((await schedule({ level: 'planungsraum' })).status).toBe(201);
    expect((await t.call('GET', '/api/reporting/schedules', 'admin')).body.total).toBe(2);
  });
});
