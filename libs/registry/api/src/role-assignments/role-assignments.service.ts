import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { OutboxWriter } from '@quartier/messaging';
import { RegistryError } from '@quartier/registry-core';
import { DataSource } from 'typeorm';
import { AreaEntity } from '../entities/area.entity';
import { RoleAssignmentEntity } from '../entities/role-assignment.entity';
import { REGISTRY_CONNECTION } from '../registry.constants';
import type { grantRoleSchema, listAssignmentsQuerySchema, RoleAssignmentView } from './role-assignment.dto';
import type { z } from 'zod';
import type { Page } from '../areas/area.dto';

/**
 * Role assignments say where a role from the identity provider applies. The registry holds
 * them and publishes every change, so other services answer scope checks from local copies.
 */
@Injectable()
export class RoleAssignmentsService {
  constructor(
    @InjectDataSource(REGISTRY_CONNECTION) private readonly db: DataSource,
    private readonly outbox: OutboxWriter,
  ) {}

  async list(
    tenantId: string,
    query: z.infer<typeof listAssignmentsQuerySchema>,
  ): Promise<Page<RoleAssignmentView>> {
    const params: unknown[] = [tenantId];
    let filter = '';
    if (query.subject) {
      params.push(query.subject);
      filter = 'AND r.subject = $2';
    }
    const [{ total }] = await this.db.query(
      `SELECT count(*)::int AS total FROM role_assignment r WHERE r.tenant_id = $1 ${filter}`,
      params,
    );
    const rows: RoleAssignmentView[] = await this.db.query(
      `SELECT r.id, r.subject, r.role, r.area_id AS "areaId", a.name AS "areaName", r.programme_id AS "programmeId",
              to_char(r.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "createdAt"
         FROM role_assignment r LEFT JOIN area a ON a.id = r.area_id
        WHERE r.tenant_id = $1 ${filter}
        ORDER BY r.subject, r.role, a.code NULLS FIRST
        LIMIT ${query.limit} OFFSET ${query.offset}`,
      params,
    );
    return { items: rows, total };
  }

  async grant(tenantId: string, input: z.infer<typeof grantRoleSchema>): Promise<RoleAssignmentView> {
    return this.db.transaction(async (manager) => {
      let areaName: string | null = null;
      if (input.areaId) {
        const area = await manager.getRepository(AreaEntity).findOneBy({ id: input.areaId, tenantId });
        if (!area) throw new RegistryError('AreaNotFound', `area ${input.areaId} not found`);
        areaName = area.name;
      }
      if (input.role === 'platform-admin') {
        throw new RegistryError(
          'InvalidRoleAssignment',
          'platform-admin is granted at the identity provider, not per tenant',
        );
      }
      const repo = manager.getRepository(RoleAssignmentEntity);
      const existing = await repo
        .createQueryBuilder('r')
        .where('r.tenantId = :tenantId AND r.subject = :subject AND r.role = :role', {
          tenantId,
          subject: input.subject,
          role: input.role,
        })
        .andWhere(input.areaId ? 'r.areaId = :areaId' : 'r.areaId IS NULL', { areaId: input.areaId })
        .andWhere(input.programmeId ? 'r.programmeId = :programmeId' : 'r.programmeId IS NULL', {
          programmeId: input.programmeId,
        })
        .getOne();
      if (existing) {
        throw new RegistryError(
          'InvalidRoleAssignment',
          `${input.subject} already holds ${input.role} there`,
        );
      }
      const saved = await repo.save({ tenantId, ...input });
      await this.outbox.append(
        manager,
        'registry.role-assignment.granted',
        {
          id: saved.id,
          tenantId,
          subject: saved.subject,
          role: saved.role,
          areaId: saved.areaId,
          programmeId: saved.programmeId,
        },
        { tenantId, key: `subject:${saved.subject}` },
      );
      return {
        id: saved.id,
        subject: saved.subject,
        role: saved.role,
        areaId: saved.areaId,
        areaName,
        programmeId: saved.programmeId,
        createdAt: saved.createdAt.toISOString(),
      };
    });
  }

  async revoke(tenantId: string, id: string): Promise<void> {
    await this.db.transaction(async (manager) => {
      const repo = manager.getRepository(RoleAssignmentEntity);
      const existing = await repo.findOneBy({ id, tenantId });
      if (!existing) throw new RegistryError('RoleAssignmentNotFound', `role assignment ${id} not found`);
      await repo.delete({ id });
      await this.outbox.append(
        manager,
        'registry.role-assignment.revoked',
        { id, tenantId, subject: existing.subject },
        { tenantId, key: `subject:${existing.subject}` },
      );
    });
  }
}
