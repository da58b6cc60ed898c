import type { ServiceName } from '@quartier/contracts';
import { createEnvelope, type DeliveredEvent } from '@quartier/messaging';
import { createSchemaDataSource, createTestDatabase, migrateSchema } from '@quartier/persistence';
import type { DataSource } from 'typeorm';
import { applyRegistryFacts } from '../read-models/registry-read-model.handler';
import { foundationMigrations } from '../service-foundation';
import { areaUpsertEvents, type TestArea } from './test-areas';

/**
 * A fresh database with a service's schema migrated exactly as the service migrates it, and no
 * service around it: repositories are tested against it directly (no HTTP, no Nest).
 */
export interface MigratedSchema {
  db: DataSource;
  /** Writes areas into `area_ref` through the registry read model's own write path; code → id. */
  seedAreas(
    tenantId: string,
    areas: readonly TestArea[],
    validFrom?: string,
  ): Promise<Record<string, string>>;
  close(): Promise<void>;
}

export async function migratedServiceSchema(
  service: ServiceName,
  migrations: readonly (new () => unknown)[],
  options: { evidence?: boolean } = {},
): Promise<MigratedSchema> {
  const database = await createTestDatabase(`${service}_repo`);
  const db = createSchemaDataSource({
    url: database.url,
    schema: service,
    entities: [],
    migrations: [...foundationMigrations(service, options), ...migrations],
    poolSize: 4,
  });
  await db.initialize();
  await migrateSchema(db);
  return {
    db,
    async seedAreas(tenantId, areas, validFrom = '2020-01-01') {
      const upserts = areaUpsertEvents(tenantId, areas, validFrom);
      const events = upserts.events.map(
        ({ payload }) =>
          createEnvelope(
            'registry.area.upserted',
            payload,
            { tenantId, key: `${tenantId}:${payload.id}` },
            'registry',
          ) as DeliveredEvent<'registry.area.upserted'>,
      );
      // One batch, as the read-model handler applies a batch of registry events.
      await db.transaction((manager) => applyRegistryFacts(manager, events));
      return upserts.ids;
    },
    async close() {
      await db.destroy();
      await database.drop();
    },
  };
}
