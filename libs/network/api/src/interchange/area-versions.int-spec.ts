import { FixedClock, type ServiceTestApp } from '@quartier/service-kit';
import { countRows, createNetwork, startNetworkTestApp, uploadFiles } from '../testing/network-test-app';

// The registry keeps a superseded area version's areas, and a new version may reuse their codes
// (new areas, new ids); a version may be imported ahead of its valid-from. An import's area code
// names the area of the version current on the service clock's day (currentAreaVersionSql), as
// in the registry, the indicator's value imports and reporting; an area id stays that area.
describe('network imports across area versions (real PostgreSQL, fixed clock)', () => {
  let t: ServiceTestApp;
  const clock = new FixedClock(new Date('2025-06-01T10:00:00Z'));
  let v1: Record<string, string>;
  let v2: Record<string, string>;
  let ahead: Record<string, string>;

  /** Imports one actor per area value into a new network's wave; answers the status and their areas. */
  const importAreas = async (name: string, areas: string[]) => {
    const { networkId, waveId } = await createNetwork(t, v2, name, '01', 'admin');
    const nodes = ['id,name,kind,area', ...areas.map((area, i) => `a${i},Akteur ${i},organisation,${area}`)];
    const result = await uploadFiles(
      t,
      `/api/network/networks/${networkId}/waves/${waveId}/imports?format=csv`,
      'admin',
      {
        nodes: { name: 'akteure.csv', content: nodes.join('\n') },
      },
    );
    const rows: { external_id: string; area_id: string | null }[] = await t.db.query(
      `SELECT external_id, area_id FROM actor WHERE network_id = $1 ORDER BY external_id`,
      [networkId],
    );
    return { result, areaIds: rows.map((r) => r.area_id), networkId };
  };

  beforeAll(async () => {
    // 2020 (the test app's): 01 … 01011101 Stülerstraße, 01011102 Großer Tiergarten.
    // 2024 (in force since): the same codes down to 01011101 again (new areas, new ids), no 01011102.
    // 2026 (imported ahead of its day): 01 … 01011101 once more.
    ({ t, ids: v1 } = await startNetworkTestApp({ clock }));
    const tree = [
      { code: '01', level: 'bezirk', name: 'Mitte' },
      { code: '0101', level: 'prognoseraum', parent: '01' },
      { code: '010111', level: 'bezirksregion', parent: '0101', name: 'Tiergarten Süd' },
      { code: '01011101', level: 'planungsraum', parent: '010111', name: 'Stülerstraße' },
    ];
    v2 = await t.seedAreas('berlin-demo', tree, '2024-01-01');
    ahead = await t.seedAreas('berlin-demo', tree, '2026-01-01');
  }, 120_000);
  afterAll(() => t?.close());

  it('resolves a reused area code to the area of the version in force today; an id stays its area', async () => {
    const { result, areaIds } = await importAreas('Versionen heute', ['01011101', '010111', v1['01011101']]);
    expect(result.status).toBe(201);
    expect(areaIds).toEqual([v2['01011101'], v2['010111'], v1['01011101']]);
  });

  it('does not resolve a code that only a superseded version has', async () => {
    const { result, networkId } = await importAreas('Alter Code', ['01011102']);
    expect(result.status).toBe(422);
    expect(result.body.details.errors).toEqual([
      expect.objectContaining({
        file: 'akteure.csv',
        line: 2,
        message: expect.stringContaining('area "01011102"'),
      }),
    ]);
    expect(await countRows(t, `actor WHERE network_id = $1`, [networkId])).toBe(0);
  });

  it('resolves to a version imported ahead of its date from midnight in Berlin on that date', async () => {
    // The platform's time zone (QUARTIER_TIME_ZONE, Berlin by default): 1 January begins at
    // 23:00 UTC on New Year's Eve.
    clock.set(new Date('2025-12-31T22:59:59Z'));
    try {
      expect((await importAreas('Silvester', ['01011101'])).areaIds).toEqual([v2['01011101']]);
      clock.set(new Date('2025-12-31T23:00:00Z'));
      expect((await importAreas('Neujahr', ['01011101'])).areaIds).toEqual([ahead['01011101']]);
    } finally {
      clock.set(new Date('2025-06-01T10:00:00Z'));
    }
  });
});
