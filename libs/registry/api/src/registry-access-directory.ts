import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AccessDirectory, type Assignment } from '@quartier/auth';
import { DataSource } from 'typeorm';
import { REGISTRY_CONNECTION } from './registry.constants';

/** The registry answers scope questions from its own tables (it is the source of truth). */
@Injectable()
export class RegistryAccessDirectory extends AccessDirectory {
  constructor(@InjectDataSource(REGISTRY_CONNECTION) private readonly db: DataSource) {
    super();
  }

  async assignmentsOf(tenantId: string, subject: string): Promise<readonly Assignment[]> {
    return this.db.query(
      `SELECT role, area_id AS "areaId", programme_id AS "programmeId" FROM role_assignment WHERE tenant_id = $1 AND subject = $2`,
      [tenantId, subject],
    );
  }

  async ancestorsOf(tenantId: string, areaId: string): Promise<readonly string[] | null> {
    if (!/^[0-9a-f-]{36}$/i.test(areaId)) return null;
    const rows: { path: string[] }[] = await this.db.query(
      `SELECT path FROM area WHERE id = $1 AND tenant_id = $2`,
      [areaId, tenantId],
    );
    return rows.length ? rows[0].path : null;
  }
}
