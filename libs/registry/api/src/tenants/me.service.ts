import { Injectable } from '@nestjs/common';
import { type AccessContext } from '@quartier/auth';
import type { Role } from '@quartier/contracts';
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
  ) {}

  async describe(access: AccessContext, tenantId: string): Promise<MeView> {
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
}
