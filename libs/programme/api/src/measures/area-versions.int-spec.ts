import { FixedClock } from '@quartier/service-kit';
import {
  AREAS,
  QM_PROGRAMME,
  startProgrammeTestApp,
  TENANT,
  type ProgrammeTestApp,
} from '../testing/programme-test-app';

// The registry keeps a superseded area version's areas, and a new version may reuse their codes
// (new areas, new ids); a version may be imported ahead of its valid-from. A measure table's area
// code names the area of the version current on the service clock's day (currentAreaVersionSql),
// as in the registry, the indicator's value imports and the network's imports.
describe('measure imports across area versions (real PostgreSQL, fixed clock)', () => {
  let t: ProgrammeTestApp;
  const clock = new FixedClock(new Date('2025-06-01T10:00:00Z'));
  let v1: Record<string, string>;
  let v2: Record<string, string>;
  let ahead: Record<string, string>;

  /** Imports one measure per area code into a new programme; answers the reply and their area ids. */
  const importCodes = async (name: string, codes: string[]) => {
    const programmeId = (
      await t.call('POST', '/api/programme/programmes', 'programm', { ...QM_PROGRAMME, name })
    ).body.id;
    const csv = ['title;areas;responsible', ...codes.map((code, i) => `Maßnahme ${i};${code};Träger`)];
    const reply = await t.call(
      'POST',
      `/api/programme/programmes/${programmeId}/measures/import`,
      'programm',
      csv.join('\n'),
      'text/csv',
    );
    const list = await t.call('GET', `/api/programme/programmes/${programmeId}/measures`, 'programm');
    const areaIds = [...list.body.items]
      .sort((a: { title: string }, b: { title: string }) => a.title.localeCompare(b.title))
      .map((m: { areas: { id: string }[] }) => m.areas.map((a) => a.id).join());
    return { reply, areaIds };
  };

  beforeAll(async () => {
    // 2020 (the test app's): 01 with 0101, 0102, 0103; 02 with 0201 … 0203.
    // 2024 (in force since): 01 with 0101 and 0102 again (new areas, new ids), no 0103.
    // 2026 (imported ahead of its day): 01 with 0101 once more.
    t = await startProgrammeTestApp({ clock });
    v1 = t.areas;
    v2 = await t.seedAreas(TENANT, AREAS.slice(0, 3), '2024-01-01');
    ahead = await t.seedAreas(TENANT, AREAS.slice(0, 2), '2026-01-01');
  }, 120_000);
  afterAll(() => t?.close());

  it('resolves a reused area code to the area of the version in force today', async () => {
    const { reply, areaIds } = await importCodes('Versionen heute', ['0101', '0102', '01']);
    expect(reply.status).toBe(201);
    expect(areaIds).toEqual([v2['0101'], v2['0102'], v2['01']]);
    expect(areaIds).not.toContain(v1['0101']);
  });

  it('does not resolve a code that only a superseded version has', async () => {
    const { reply, areaIds } = await importCodes('Alter Code', ['0101', '0103']);
    expect(reply.status).toBe(422);
    expect(reply.body.details.lines).toEqual(['row 3, areas: unknown area code 0103']);
    expect(areaIds).toEqual([]);
  });

  it('resolves to a version imported ahead of its date from midnight in Berlin on that date', async () => {
    // The platform's time zone (QUARTIER_TIME_ZONE, Berlin by default): 1 January begins at
    // 23:00 UTC on New Year's Eve.
    clock.set(new Date('2025-12-31T22:59:59Z'));
    try {
      expect((await importCodes('Silvester', ['0101'])).areaIds).toEqual([v2['0101']]);
      clock.set(new Date('2025-12-31T23:00:00Z'));
      expect((await importCodes('Neujahr', ['0101'])).areaIds).toEqual([ahead['0101']]);
    } finally {
      clock.set(new Date('2025-06-01T10:00:00Z'));
    }
  });
});
