import { FixedClock } from '@quartier/service-kit';
import { join } from 'node:path';
import { OTHER_TENANT, startProgrammeTestApp, type ProgrammeTestApp } from '../testing/programme-test-app';
import { ProgrammeDemoSeeder } from './programme-demo-seeder';

/** No reference data: the seeder leaves Berlin out and seeds Musterstadt's programme alone. */
const context = {
  progress: () => undefined,
  referenceData: join(__dirname, 'no-reference-data'),
  root: join(__dirname, '../../../../..'),
};

// The registry keeps a superseded area version's areas, and a version may be imported ahead of its
// valid-from with the same codes (new areas, new ids): the seeder takes the finest level's areas
// of the version current on the service clock's day, each code once.
describe('programme demo seeder across area versions (real PostgreSQL, fixed clock)', () => {
  let t: ProgrammeTestApp;
  beforeAll(async () => {
    t = await startProgrammeTestApp({ clock: new FixedClock(new Date('2025-06-01T10:00:00Z')) });
  }, 120_000);
  afterAll(() => t?.close());

  const tree = (planning: string[]) => [
    { code: '01', level: 'stadtbezirk', name: 'Mitte' },
    { code: '0101', level: 'stadtteil', parent: '01' },
    ...planning.map((code) => ({ code, level: 'planungsraum', parent: '0101' })),
  ];

  it('seeds Musterstadt’s programme on the current version’s areas', async () => {
    // 2021 (superseded), 2024 (in force on the clock's day), 2030 (imported ahead of its day).
    const old = await t.seedAreas(OTHER_TENANT, tree(['010101', '010102', '010103']), '2021-01-01');
    const current = await t.seedAreas(OTHER_TENANT, tree(['010102', '010103', '010104']), '2024-01-01');
    await t.seedAreas(OTHER_TENANT, tree(['010101', '010102', '010103']), '2030-01-01');
    expect(await t.app.get(ProgrammeDemoSeeder).seed(context, { timeoutMs: 3_000 })).toBe(true);
    const [programme] = await t.db.query(`SELECT id FROM programme WHERE tenant_id = $1`, [OTHER_TENANT]);
    const areas: { area_id: string }[] = await t.db.query(
      `SELECT area_id FROM programme_area WHERE programme_id = $1`,
      [programme.id],
    );
    expect(areas.map((a) => a.area_id).sort()).toEqual(
      [current['010102'], current['010103'], current['010104']].sort(),
    );
    const measures: { area_ids: string[] }[] = await t.db.query(
      `SELECT area_ids FROM measure WHERE programme_id = $1`,
      [programme.id],
    );
    expect(measures).toHaveLength(3);
    const currentIds = new Set(Object.values(current));
    expect(measures.flatMap((m) => m.area_ids).filter((id) => !currentIds.has(id))).toEqual([]);
    expect(Object.values(old)).not.toContain(areas[0].area_id);
  });
});
