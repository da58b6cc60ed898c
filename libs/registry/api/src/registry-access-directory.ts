import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AccessDirectory, type Assignment } from '@quartier/auth';
import { isUuid } from '@quartier/service-kit';
import { DataSource } from 'typeorm';
import { AreaRepository } from './areas/area.repository';
import { RoleAssignmentRepository } from './role-assignments/role-assignment.repository';
import { REGISTRY_CONNECTION } from './registry.constants';

/** The registry answers scope questions from its own tables (it is the source of truth). */
@Injectable()
export class RegistryAccessDirectory extends AccessDirectory {
  private readonly assignments: RoleAssignmentRepository;
  private readonly areas: AreaRepository;

  // The repositories are built here rather than injected: AuthModule creates the directory in its
  // own scope, where the (global) data source is visible but the registry module's providers are not.
  constructor(@InjectDataSource(REGISTRY_CONNECTION) db: DataSource) {
    super();
    this.assignments = new RoleAssignmentRepository(db);
    this.areas = new AreaRepository(db);
  }

  assignmentsOf(tenantId: string, subject: string): Promise<readonly Assignment[]> {
    return this.assignments.assignmentsOf(tenantId, subject);
  }

  async ancestorsOf(tenantId: string, areaId: string): Promise<readonly string[] | null> {
    if (!isUuid(areaId)) return null;
    return this.areas.ancestorsOf(tenantId, areaId);
  }
}
