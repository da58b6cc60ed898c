import type { MigratedSchema } from '@quartier/service-kit';
import { migratedSurveySchema } from '../testing/survey-schema';
import { TenantProfileRepository } from './tenant-profile.repository';

describe('TenantProfileRepository (migrated survey schema, real PostgreSQL)', () => {
  let schema: MigratedSchema;
  let profiles: TenantProfileRepository;

  const upsert = (tenantId: string, name: string | null, at: string) =>
    schema.db.transaction((m) =>
      profiles.upsertUnlessNewer(
        m,
        tenantId,
        name === null ? null : { name, imprintUrl: `https://${name}.example/impressum`, privacyUrl: null },
        at,
      ),
    );

  beforeAll(async () => {
    schema = await migratedSurveySchema();
    profiles = new TenantProfileRepository(schema.db);
  }, 60_000);
  afterAll(() => schema?.close());

  it('stores a profile per tenant and keeps the one of the later event', async () => {
    expect(await profiles.find('a')).toBeNull();
    await upsert('a', 'stadt', '2026-01-02T00:00:00Z');
    await upsert('a', 'alt', '2026-01-01T00:00:00Z');
    expect(await profiles.find('a')).toEqual({
      name: 'stadt',
      imprintUrl: 'https://stadt.example/impressum',
      privacyUrl: null,
    });
    await upsert('a', null, '2026-01-03T00:00:00Z');
    expect(await profiles.find('a')).toEqual({ name: null, imprintUrl: null, privacyUrl: null });
    expect(await profiles.find('b')).toBeNull();
  });
});
