import type { ServiceName } from '@quartier/contracts';
import { createEnvelope, type DeliveredEvent } from '@quartier/messaging';
import { createSchemaDataSource, createTestDatabase, migrateSchema } from '@quartier/persistence';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { applyRegistryFacts } from '../read-models/registry-read-model.handler';
import { foundationMigrations } from '../service-foundation';
import type { TestArea } from './service-test-app';

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
      const ids: Record<string, string> = {};
      const paths: Record<string, string[]> = {};
      const versionId = randomUUID();
      const events = areas.map((area) => {
        const parentId = area.parent ? ids[area.parent] : null;
        if (area.parent && !parentId)
          throw new Error(`parent ${area.parent} of ${area.code} must come first`);
        const id = randomUUID();
        ids[area.code] = id;
        paths[area.code] = parentId ? [...paths[area.parent as string], parentId] : [];
        return createEnvelope(
          'registry.area.upserted',
          {
            id,
            tenantId,
            code: area.code,
            name: area.name ?? area.code,
            level: area.level,
            parentId,
            path: paths[area.code],
            population: area.population ?? null,
            versionId,
            validFrom,
          },
          { tenantId, key: `${tenantId}:${id}` },
          'registry',
        ) as DeliveredEvent<'registry.area.upserted'>;
      });
      // One batch, as the read-model handler applies a batch of registry events.
      await db.transaction((manager) => applyRegistryFacts(manager, events));
      return ids;
    },
    async close() {
      await db.destroy();
      await database.drop();
    },
  };
}
