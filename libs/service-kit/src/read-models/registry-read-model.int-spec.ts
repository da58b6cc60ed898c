import type { EventPayload, EventType } from '@quartier/contracts';
import type { DeliveredEvent } from '@quartier/messaging';
import {
  createSchemaDataSource,
  createTestDatabase,
  migrateSchema,
  type TestDatabase,
} from '@quartier/persistence';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { areaUpsertEvents } from '../testing/test-areas';
import { registryReadModelLabelPointMigration, registryReadModelMigration } from './read-model.migration';
import { applyRegistryFacts } from './registry-read-model.handler';

const SCHEMA = 'survey';

type RegistryFact =
  | 'registry.area.upserted'
  | 'registry.area.deleted'
  | 'registry.role-assignment.granted'
  | 'registry.role-assignment.revoked';

/** A registry event as a consumer receives it. */
function delivered<K extends RegistryFact>(type: K, payload: EventPayload<K>): DeliveredEvent<RegistryFact> {
  return {
    id: randomUUID(),
    type,
    version: 1,
    tenantId: payload.tenantId,
    occurredAt: new Date().toISOString(),
    producer: 'registry',
    key: `${payload.tenantId}:test`,
    correlationId: 'test',
    payload,
  } as DeliveredEvent<RegistryFact> & { type: EventType };
}

describe('registry read model: deletions', () => {
  let db: TestDatabase;
  let ds: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase('qt_rm_delete');
    ds = createSchemaDataSource({
      url: db.url,
      schema: SCHEMA,
      entities: [],
      migrations: [registryReadModelMigration(SCHEMA), registryReadModelLabelPointMigration(SCHEMA)],
    });
    await ds.initialize();
    await migrateSchema(ds);
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  const ids = async (table: string) =>
    ((await ds.query(`SELECT id FROM ${table} ORDER BY id`)) as { id: string }[]).map((r) => r.id);

  it('removes the areas and role assignments the events name, only within each event’s tenant', async () => {
    const areas = areaUpsertEvents('berlin-demo', [
      { code: '01', level: 'bezirk' },
      { code: '02', level: 'bezirk' },
      { code: '03', level: 'bezirk' },
    ]);
    const grant = (id: string, tenantId: string) =>
      delivered('registry.role-assignment.granted', {
        id,
        tenantId,
        subject: 'planer',
        role: 'planner',
        areaId: null,
        programmeId: null,
      });
    const [kept, revoked, foreign] = [randomUUID(), randomUUID(), randomUUID()];
    await ds.transaction((manager) =>
      applyRegistryFacts(manager, [
        ...areas.events.map((e) => delivered(e.type, e.payload)),
        grant(kept, 'berlin-demo'),
        grant(revoked, 'berlin-demo'),
        grant(foreign, 'musterstadt'),
      ]),
    );

    await ds.transaction((manager) =>
      applyRegistryFacts(manager, [
        delivered('registry.area.deleted', { id: areas.ids['01'], tenantId: 'berlin-demo' }),
        // Another tenant's event cannot remove this tenant's area.
        delivered('registry.area.deleted', { id: areas.ids['02'], tenantId: 'musterstadt' }),
        delivered('registry.role-assignment.revoked', {
          id: revoked,
          tenantId: 'berlin-demo',
          subject: 'planer',
        }),
        delivered('registry.role-assignment.revoked', {
          id: foreign,
          tenantId: 'berlin-demo',
          subject: 'planer',
        }),
      ]),
    );

    expect(await ids('area_ref')).toEqual([areas.ids['02'], areas.ids['03']].sort());
    expect(await ids('role_assignment_ref')).toEqual([kept, foreign].sort());
  });
});
