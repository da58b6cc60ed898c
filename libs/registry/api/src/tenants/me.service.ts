import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AccessContext, Caller } from '@quartier/auth';
import type { Role } from '@quartier/contracts';
import { Clock } from '@quartier/service-kit';
import { DataSource } from 'typeorm';
import { REGISTRY_CONNECTION } from '../registry.constants';
import { RoleAssignmentsService } from '../role-assignments/role-assignments.service';
import { TenantsService } from './tenants.service';

export interface MeView {
  subject: string;
  name: string;
  tenantId: string;
  tenantName: string;
  roles: readonly Role[];
  assignments: {
    id: string;
    role: Role;
    areaId: string | null;
    areaName: string | null;
    programmeId: string | null;
  }[];
}

@Injectable()
export class MeService {
  constructor(
    private readonly tenants: TenantsService,
    private readonly assignments: RoleAssignmentsService,
    @InjectDataSource(REGISTRY_CONNECTION) private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  /** The portal asks at every sign-in: the caller's roles are noted as the provider grants them. */
  async describe(caller: Caller): Promise<MeView> {
    const { access, tenantId } = caller;
    await this.noteProviderRoles(access, tenantId);
    const [tenant, page] = await Promise.all([
      this.tenants.get(tenantId),
      this.assignments.list(tenantId, { subject: access.principal.subject, limit: 1000, offset: 0 }),
    ]);
    return {
      subject: access.principal.subject,
      name: access.principal.name ?? access.principal.subject,
      tenantId,
      tenantName: tenant.name,
      roles: access.principal.roles,
      assignments: page.items.map(({ id, role, areaId, areaName, programmeId }) => ({
        id,
        role,
        areaId,
        areaName,
        programmeId,
      })),
    };
  }

  /**
   * Keeps the roles the caller's token carries (see `assignmentRefusal`). Platform
   * administrators act in every tenant without belonging to it: they are not noted.
   */
  private async noteProviderRoles(access: AccessContext, tenantId: string): Promise<void> {
    if (access.principal.roles.includes('platform-admin')) return;
    await this.db.query(
      `INSERT INTO provider_role_sighting (tenant_id, subject, roles, seen_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (tenant_id, subject) DO UPDATE SET roles = EXCLUDED.roles, seen_at = EXCLUDED.seen_at`,
      [tenantId, access.principal.subject, [...access.principal.roles], this.clock.now()],
    );
  }
}
