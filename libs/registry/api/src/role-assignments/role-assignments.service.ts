import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { OutboxWriter } from '@quartier/messaging';
import { assignmentEffective, assignmentRefusal, RegistryError } from '@quartier/registry-core';
import { DataSource } from 'typeorm';
import { AreaEntity } from '../entities/area.entity';
import { RoleAssignmentEntity } from '../entities/role-assignment.entity';
import { REGISTRY_CONNECTION } from '../registry.constants';
import type { grantRoleSchema, listAssignmentsQuerySchema, RoleAssignmentView } from './role-assignment.dto';
import { RoleAssignmentRepository, type StoredAssignment } from './role-assignment.repository';
import type { z } from 'zod';
import type { Page } from '../areas/area.dto';

/** An assignment as the API shows it: with what the provider granted the user at last sight. */
function withEffect(row: StoredAssignment): RoleAssignmentView {
  const sighting = row.providerRoles && row.seenAt ? { roles: row.providerRoles, seenAt: row.seenAt } : null;
  return { ...row, effective: assignmentEffective(row.role, sighting) };
}

/**
 * Role assignments say where a role from the identity provider applies. The registry holds
 * them and publishes every change, so other services answer scope checks from local copies.
 * Assignments that cannot take effect are refused (see `assignmentRefusal`).
 */
@Injectable()
export class RoleAssignmentsService {
  constructor(
    @InjectDataSource(REGISTRY_CONNECTION) private readonly db: DataSource,
    private readonly assignments: RoleAssignmentRepository,
    private readonly outbox: OutboxWriter,
  ) {}

  async list(
    tenantId: string,
    query: z.infer<typeof listAssignmentsQuerySchema>,
  ): Promise<Page<RoleAssignmentView>> {
    const { rows, total } = await this.assignments.list(tenantId, query.subject, query);
    return { items: rows.map(withEffect), total };
  }

  async grant(
    tenantId: string,
    input: Omit<z.infer<typeof grantRoleSchema>, 'acknowledgeProviderRole'> & {
      acknowledgeProviderRole?: boolean;
    },
  ): Promise<RoleAssignmentView> {
    return this.db.transaction(async (manager) => {
      let areaName: string | null = null;
      if (input.areaId) {
        const area = await manager.getRepository(AreaEntity).findOneBy({ id: input.areaId, tenantId });
        if (!area) throw new RegistryError('AreaNotFound', `area ${input.areaId} not found`);
        areaName = area.name;
      }
      const sighting = await this.assignments.sighting(tenantId, input.subject, manager);
      const refusal = assignmentRefusal(input.role, sighting, input.acknowledgeProviderRole);
      if (refusal?.code === 'RoleNotAssignable')
        throw new RegistryError(
          refusal.code,
          `${input.role} applies tenant-wide from the identity provider and needs no assignment`,
          { role: input.role },
        );
      if (refusal?.code === 'RoleNotHeldAtProvider')
        throw new RegistryError(
          refusal.code,
          `${input.subject} last signed in (${refusal.seenAt}) without the role ${input.role} at the identity provider: the assignment would have no effect until the provider grants it`,
          {
            subject: input.subject,
            role: input.role,
            providerRoles: refusal.providerRoles,
            seenAt: refusal.seenAt,
          },
        );
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
        throw new RegistryError('RoleAlreadyAssigned', `${input.subject} already holds ${input.role} there`, {
          subject: input.subject,
          role: input.role,
        });
      }
      const { acknowledgeProviderRole: _acknowledged, ...assignment } = input;
      const saved = await repo.save({ tenantId, ...assignment });
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
        providerRoles: sighting ? [...sighting.roles] : null,
        seenAt: sighting?.seenAt ?? null,
        effective: assignmentEffective(saved.role, sighting),
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
