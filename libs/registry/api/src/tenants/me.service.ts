import { Injectable } from '@nestjs/common';
import type { AccessContext, Caller } from '@quartier/auth';
import type { Role } from '@quartier/contracts';
import { Clock } from '@quartier/service-kit';
import { RoleAssignmentRepository } from '../role-assignments/role-assignment.repository';
import { RoleAssignmentsService } from '../role-assignments/role-assignments.service';
import { TenantsService } from './tenants.service';

export interface MeView {
  subject: string;
  name: string;
  tenantId: string;
  tenantName: string;
  /** The platform's time zone: the portal proposes days on its calendar, not the browser's. */
  timeZone: string;
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
    private readonly sightings: RoleAssignmentRepository,
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
      timeZone: this.clock.timeZone,
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
    await this.sightings.noteSighting(
      tenantId,
      access.principal.subject,
      access.principal.roles,
      this.clock.now(),
    );
  }
}
