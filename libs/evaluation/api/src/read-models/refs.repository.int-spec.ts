import { migratedServiceSchema, type MigratedSchema } from '@quartier/service-kit';
import { EVALUATION_MIGRATIONS } from '../migrations/evaluation-migrations';
import { RefsRepository } from './refs.repository';

// The registry keeps a superseded area version's areas, and a new version may reuse their codes
// (new areas, new ids); a version may be imported ahead of its valid-from. A snapshot's area code
// names the area of the version current on the day (currentAreaVersionSql) — the registry's,
// indicator's and reporting's rule — while a level of one version stays that version's.
describe('RefsRepository: areas across area versions (migrated evaluation schema, real PostgreSQL)', () => {
  let schema: MigratedSchema;
  let refs: RefsRepository;
  let v1: Record<string, string>;
  let v2: Record<string, string>;
  let ahead: Record<string, string>;

  beforeAll(async () => {
    schema = await migratedServiceSchema('evaluation', EVALUATION_MIGRATIONS, { evidence: true });
    refs = new RefsRepository(schema.db);
    // 2020: X1 with X101, X102. 2024: X1, X101 again (new ids) and X103. 2026 (ahead): X1, X101.
    v1 = await schema.seedAreas(
      'city',
      [
        { code: 'X1', level: 'bezirk' },
        { code: 'X101', level: 'planungsraum', parent: 'X1' },
        { code: 'X102', level: 'planungsraum', parent: 'X1' },
      ],
      '2020-01-01',
    );
    v2 = await schema.seedAreas(
      'city',
      [
        { code: 'X1', level: 'bezirk' },
        { code: 'X101', level: 'planungsraum', parent: 'X1' },
        { code: 'X103', level: 'planungsraum', parent: 'X1' },
      ],
      '2024-01-01',
    );
    ahead = await schema.seedAreas(
      'city',
      [
        { code: 'X1', level: 'bezirk' },
        { code: 'X101', level: 'planungsraum', parent: 'X1' },
      ],
      '2026-01-01',
    );
    await schema.seedAreas('only-ahead', [{ code: 'F1', level: 'bezirk' }], '2030-01-01');
  }, 60_000);
  afterAll(() => schema?.close());

  const byCodes = async (tenant: string, codes: string[], today: string) =>
    (await refs.byCodes(tenant, codes, today)).map((a) => [a.code, a.id]);

  it('resolves codes to the areas of the version in force on the day, each code once', async () => {
    expect(await byCodes('city', ['X101', 'X1', 'X102'], '2025-06-01')).toEqual([
      ['X1', v2['X1']],
      ['X101', v2['X101']],
    ]);
    expect(await byCodes('city', ['X101', 'X102'], '2023-06-01')).toEqual([
      ['X101', v1['X101']],
      ['X102', v1['X102']],
    ]);
  });

  it('resolves to a version imported ahead of its date from that date on', async () => {
    expect(await byCodes('city', ['X101'], '2025-12-31')).toEqual([['X101', v2['X101']]]);
    expect(await byCodes('city', ['X101'], '2026-01-01')).toEqual([['X101', ahead['X101']]]);
  });

  it('takes the latest version when every version starts later, as the registry does', async () => {
    expect((await byCodes('only-ahead', ['F1'], '2025-06-01')).map(([code]) => code)).toEqual(['F1']);
    expect(await byCodes('city', [], '2025-06-01')).toEqual([]);
  });

  it('lists a level of one given version, whichever version is current', async () => {
    const [{ versionId }] = await refs.byCodes('city', ['X102'], '2023-06-01');
    expect((await refs.level('city', 'planungsraum', versionId)).map((a) => a.id)).toEqual([
      v1['X101'],
      v1['X102'],
    ]);
  });
});
