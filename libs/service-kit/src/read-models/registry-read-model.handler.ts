import { Injectable, type Type } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ServiceName } from '@quartier/contracts';
import { Inbox, OnEvent, type DeliveredEvent, type EventContext } from '@quartier/messaging';
import type { DataSource, EntityManager } from 'typeorm';

type RegistryFact =
  | 'registry.area.upserted'
  | 'registry.area.deleted'
  | 'registry.role-assignment.granted'
  | 'registry.role-assignment.revoked';

/**
 * Keeps a service's `area_ref` and `role_assignment_ref` in step with the registry. Each event
 * is applied once (inbox in the same transaction), and an area event older than what the copy
 * already holds is ignored, so a replay after a rebalance cannot roll an area back.
 */
export function createRegistryReadModelHandler(service: ServiceName, connectionName: string): Type<unknown> {
  @Injectable()
  class RegistryReadModelHandler {
    constructor(
      @InjectDataSource(connectionName) private readonly db: DataSource,
      private readonly inbox: Inbox,
    ) {}

    @OnEvent(
      [
        'registry.area.upserted',
        'registry.area.deleted',
        'registry.role-assignment.granted',
        'registry.role-assignment.revoked',
      ],
      {
        consumer: `${service}.registry-read-model`,
      },
    )
    async apply(event: DeliveredEvent<RegistryFact>, context: EventContext): Promise<void> {
      await this.inbox.handleOnce(this.db, context.consumer, event, (manager) =>
        applyRegistryFact(manager, event),
      );
    }
  }
  Object.defineProperty(RegistryReadModelHandler, 'name', { value: `${service}RegistryReadModelHandler` });
  return RegistryReadModelHandler;
}

export async function applyRegistryFact(
  manager: EntityManager,
  event: DeliveredEvent<RegistryFact>,
): Promise<void> {
  switch (event.type) {
    case 'registry.area.upserted': {
      const a = event.payload;
      await manager.query(
        `INSERT INTO area_ref (id, tenant_id, code, name, level, parent_id, path, population, version_id, valid_from, event_at, label_point)
         VALUES ($1, $2, $3, $4, $5, $6, $7::uuid[], $8, $9, $10, $11, $12)
         ON CONFLICT (id) DO UPDATE SET code = EXCLUDED.code, name = EXCLUDED.name, level = EXCLUDED.level,
           parent_id = EXCLUDED.parent_id, path = EXCLUDED.path, population = EXCLUDED.population,
           version_id = EXCLUDED.version_id, valid_from = EXCLUDED.valid_from, event_at = EXCLUDED.event_at,
           label_point = EXCLUDED.label_point
         WHERE area_ref.event_at <= EXCLUDED.event_at`,
        [
          a.id,
          a.tenantId,
          a.code,
          a.name,
          a.level,
          a.parentId,
          a.path,
          a.population,
          a.versionId,
          a.validFrom,
          event.occurredAt,
          a.labelPoint ? JSON.stringify(a.labelPoint) : null,
        ],
      );
      return;
    }
    case 'registry.area.deleted':
      await manager.query(`DELETE FROM area_ref WHERE id = $1 AND tenant_id = $2`, [
        event.payload.id,
        event.payload.tenantId,
      ]);
      return;
    case 'registry.role-assignment.granted': {
      const r = event.payload;
      await manager.query(
        `INSERT INTO role_assignment_ref (id, tenant_id, subject, role, area_id, programme_id) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (id) DO NOTHING`,
        [r.id, r.tenantId, r.subject, r.role, r.areaId, r.programmeId],
      );
      return;
    }
    case 'registry.role-assignment.revoked':
      await manager.query(`DELETE FROM role_assignment_ref WHERE id = $1 AND tenant_id = $2`, [
        event.payload.id,
        event.payload.tenantId,
      ]);
      return;
  }
}
