import { Injectable, type Type } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AccessDirectory, type Assignment } from '@quartier/auth';
import type { DataSource } from 'typeorm';
import { isUuid } from '../sql-page';
import { areaAncestors } from './area-ref.repository';

/** Scope checks of a service running on its own, answered from its replicated read models. */
export function createReadModelAccessDirectory(connectionName: string): Type<AccessDirectory> {
  @Injectable()
  class ReadModelAccessDirectory extends AccessDirectory {
    constructor(@InjectDataSource(connectionName) private readonly db: DataSource) {
      super();
    }

    assignmentsOf(tenantId: string, subject: string): Promise<readonly Assignment[]> {
      return this.db.query(
        `SELECT role, area_id AS "areaId", programme_id AS "programmeId" FROM role_assignment_ref WHERE tenant_id = $1 AND subject = $2`,
        [tenantId, subject],
      );
    }

    async ancestorsOf(tenantId: string, areaId: string): Promise<readonly string[] | null> {
      if (!isUuid(areaId)) return null;
      return areaAncestors(this.db, tenantId, areaId);
    }
  }
  return ReadModelAccessDirectory;
}
