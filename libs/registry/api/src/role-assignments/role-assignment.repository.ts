import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Assignment } from '@quartier/auth';
import type { Role } from '@quartier/contracts';
import type { ProviderRoleSighting } from '@quartier/registry-core';
import { selectOne, selectPage } from '@quartier/service-kit';
import type { DataSource, EntityManager } from 'typeorm';
import { REGISTRY_CONNECTION } from '../registry.constants';
import type { RoleAssignmentView } from './role-assignment.dto';

/** An assignment as stored, with the roles its subject's token carried at their last sign-in. */
export type StoredAssignment = Omit<RoleAssignmentView, 'providerRoles' | 'seenAt' | 'effective'> & {
  providerRoles: Role[] | null;
  seenAt: string | null;
};

const ISO = `'YYYY-MM-DD"T"HH24:MI:SS"Z"'`;

/**
 * SQL of role assignments as listed, and of provider role sightings: the roles a user's token
 * carried at their last sign-in to a tenant (an assignment of a role the provider does not grant
 * has no effect).
 */
@Injectable()
export class RoleAssignmentRepository {
  constructor(@InjectDataSource(REGISTRY_CONNECTION) private readonly db: DataSource) {}

  /** The tenant's assignments (of one subject, if given) by subject, role and area. */
  async list(
    tenantId: string,
    subject: string | undefined,
    page: { limit: number; offset: number },
  ): Promise<{ rows: StoredAssignment[]; total: number }> {
    return selectPage<StoredAssignment>(
      this.db,
      {
        select: `r.id, r.subject, r.role, r.area_id AS "areaId", a.name AS "areaName", r.programme_id AS "programmeId",
                 to_char(r.created_at AT TIME ZONE 'UTC', ${ISO}) AS "createdAt",
                 s.roles AS "providerRoles", to_char(s.seen_at AT TIME ZONE 'UTC', ${ISO}) AS "seenAt"`,
        from: `role_assignment r LEFT JOIN area a ON a.id = r.area_id
               LEFT JOIN provider_role_sighting s ON s.tenant_id = r.tenant_id AND s.subject = r.subject`,
        where: `r.tenant_id = $1 AND ($2::text IS NULL OR r.subject = $2)`,
        params: [tenantId, subject ?? null],
        orderBy: 'r.subject, r.role, a.code NULLS FIRST',
      },
      page,
    );
  }

  /** The subject's assignments in the tenant, as scope checks read them. */
  async assignmentsOf(tenantId: string, subject: string): Promise<Assignment[]> {
    return this.db.query(
      `SELECT role, area_id AS "areaId", programme_id AS "programmeId" FROM role_assignment WHERE tenant_id = $1 AND subject = $2`,
      [tenantId, subject],
    );
  }

  /** The roles `subject`'s token carried at their last sign-in to the tenant, or null. */
  async sighting(
    tenantId: string,
    subject: string,
    manager: EntityManager = this.db.manager,
  ): Promise<ProviderRoleSighting | null> {
    return selectOne<{ roles: Role[]; seenAt: string }>(
      manager,
      `SELECT roles, to_char(seen_at AT TIME ZONE 'UTC', ${ISO}) AS "seenAt"
         FROM provider_role_sighting WHERE tenant_id = $1 AND subject = $2`,
      [tenantId, subject],
    );
  }

  async noteSighting(tenantId: string, subject: string, roles: readonly Role[], seenAt: Date): Promise<void> {
    await this.db.query(
      `INSERT INTO provider_role_sighting (tenant_id, subject, roles, seen_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (tenant_id, subject) DO UPDATE SET roles = EXCLUDED.roles, seen_at = EXCLUDED.seen_at`,
      [tenantId, subject, [...roles], seenAt],
    );
  }
}
