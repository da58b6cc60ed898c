import type { Type } from '@nestjs/common';
import type { ServiceName } from '@quartier/contracts';
import type { DeliveredEvent } from '@quartier/messaging';
import type { EntityManager } from 'typeorm';
import { createReadModelHandler } from './read-model-handler';

type RegistryFact =
  | 'registry.area.upserted'
  | 'registry.area.deleted'
  | 'registry.role-assignment.granted'
  | 'registry.role-assignment.revoked';

/**
 * Keeps a service's `area_ref` and `role_assignment_ref` in step with the registry (batches as
 * `createReadModelHandler` applies them); an area event older than what the copy already holds is
 * ignored, so a replay after a rebalance cannot roll an area back.
 */
export function createRegistryReadModelHandler(service: ServiceName, connectionName: string): Type<unknown> {
  return createReadModelHandler(service, connectionName, {
    handlerName: 'RegistryReadModelHandler',
    consumer: 'registry-read-model',
    facts: [
      'registry.area.upserted',
      'registry.area.deleted',
      'registry.role-assignment.granted',
      'registry.role-assignment.revoked',
    ],
    maxBatch: REGISTRY_BATCH,
    apply: applyRegistryFacts,
  });
}

/** Events per transaction: large enough to replicate 50,000 areas in seconds, small enough to commit often. */
export const REGISTRY_BATCH = 1000;

/**
 * Applies registry facts in order. Consecutive facts of one kind become one statement each
 * (unnest over arrays); within such a run only an area's latest upsert counts, which is what
 * applying them one after the other would leave.
 */
export async function applyRegistryFacts(
  manager: EntityManager,
  events: readonly DeliveredEvent<RegistryFact>[],
): Promise<void> {
  for (let start = 0; start < events.length;) {
    let end = start + 1;
    while (end < events.length && events[end].type === events[start].type) end++;
    await applyRun(manager, events.slice(start, end));
    start = end;
  }
}

async function applyRun(manager: EntityManager, run: readonly DeliveredEvent<RegistryFact>[]): Promise<void> {
  switch (run[0].type) {
    case 'registry.area.upserted':
      return upsertAreas(manager, run as readonly DeliveredEvent<'registry.area.upserted'>[]);
    case 'registry.area.deleted':
      return deleteNamed(manager, 'area_ref', run);
    case 'registry.role-assignment.granted': {
      const grants = (run as readonly DeliveredEvent<'registry.role-assignment.granted'>[]).map(
        (e) => e.payload,
      );
      await manager.query(
        `INSERT INTO role_assignment_ref (id, tenant_id, subject, role, area_id, programme_id)
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::uuid[], $6::text[])
         ON CONFLICT (id) DO NOTHING`,
        [
          grants.map((r) => r.id),
          grants.map((r) => r.tenantId),
          grants.map((r) => r.subject),
          grants.map((r) => r.role),
          grants.map((r) => r.areaId),
          grants.map((r) => r.programmeId),
        ],
      );
      return;
    }
    case 'registry.role-assignment.revoked':
      return deleteNamed(manager, 'role_assignment_ref', run);
  }
}

/** Deletes the rows a run of deletions names, each only within the tenant of its event. */
async function deleteNamed(
  manager: EntityManager,
  table: 'area_ref' | 'role_assignment_ref',
  run: readonly DeliveredEvent<RegistryFact>[],
): Promise<void> {
  await manager.query(
    `DELETE FROM ${table} t USING unnest($1::uuid[], $2::text[]) AS d(id, tenant_id)
      WHERE t.id = d.id AND t.tenant_id = d.tenant_id`,
    [run.map((e) => (e.payload as { id: string }).id), run.map((e) => e.payload.tenantId)],
  );
}

async function upsertAreas(
  manager: EntityManager,
  run: readonly DeliveredEvent<'registry.area.upserted'>[],
): Promise<void> {
  // ON CONFLICT cannot touch a row twice in one statement: keep each area's newest event.
  const latest = new Map<string, DeliveredEvent<'registry.area.upserted'>>();
  for (const event of run) {
    const seen = latest.get(event.payload.id);
    if (!seen || seen.occurredAt <= event.occurredAt) latest.set(event.payload.id, event);
  }
  // One JSON document: PostgreSQL parses it in C, where node-pg would build escaped array literals.
  const rows = [...latest.values()].map((e) => ({
    ...e.payload,
    event_at: e.occurredAt,
    label_point: e.payload.labelPoint ?? null,
  }));
  await manager.query(
    `INSERT INTO area_ref (id, tenant_id, code, name, level, parent_id, path, population, version_id, valid_from, event_at, label_point)
     SELECT a.id, a."tenantId", a.code, a.name, a.level, a."parentId", a.path, a.population, a."versionId",
            a."validFrom", a.event_at, a.label_point
       FROM jsonb_to_recordset($1::jsonb)
         AS a(id uuid, "tenantId" text, code text, name text, level text, "parentId" uuid, path uuid[],
              population int, "versionId" uuid, "validFrom" date, event_at timestamptz, label_point jsonb)
     ON CONFLICT (id) DO UPDATE SET code = EXCLUDED.code, name = EXCLUDED.name, level = EXCLUDED.level,
       parent_id = EXCLUDED.parent_id, path = EXCLUDED.path, population = EXCLUDED.population,
       version_id = EXCLUDED.version_id, valid_from = EXCLUDED.valid_from, event_at = EXCLUDED.event_at,
       label_point = EXCLUDED.label_point
     WHERE area_ref.event_at <= EXCLUDED.event_at`,
    [JSON.stringify(rows)],
  );
}

/** One fact in the caller's transaction (tests seed read models with it). */
export async function applyRegistryFact(
  manager: EntityManager,
  event: DeliveredEvent<RegistryFact>,
): Promise<void> {
  await applyRegistryFacts(manager, [event]);
}
