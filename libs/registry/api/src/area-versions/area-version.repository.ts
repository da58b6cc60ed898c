import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AreaVersionEntity } from '../entities/area-version.entity';
import { REGISTRY_CONNECTION } from '../registry.constants';
import type { CrosswalkView } from './area-version.dto';

/** A crosswalk entry by area ids, as stored. */
export interface CrosswalkRow {
  fromAreaId: string;
  toAreaId: string;
  weight: number;
}

/** SQL of area versions (Gebietsstände) and the crosswalks into them. */
@Injectable()
export class AreaVersionRepository {
  constructor(@InjectDataSource(REGISTRY_CONNECTION) private readonly db: DataSource) {}

  async find(tenantId: string, id: string): Promise<AreaVersionEntity | null> {
    return this.db.getRepository(AreaVersionEntity).findOneBy({ id, tenantId });
  }

  /** The tenant's versions, oldest first, with how many areas each has. */
  async list(tenantId: string): Promise<{ id: string; name: string; validFrom: string; areas: number }[]> {
    return this.db.query(
      `SELECT v.id, v.name, to_char(v.valid_from, 'YYYY-MM-DD') AS "validFrom", count(a.id)::int AS areas
         FROM area_version v LEFT JOIN area a ON a.version_id = v.id
        WHERE v.tenant_id = $1 GROUP BY v.id ORDER BY v.valid_from`,
      [tenantId],
    );
  }

  /** A version's area ids by code. */
  async areaIdsByCode(manager: EntityManager, versionId: string): Promise<Map<string, string>> {
    const rows: { code: string; id: string }[] = await manager.query(
      `SELECT code, id FROM area WHERE version_id = $1`,
      [versionId],
    );
    return new Map(rows.map((r) => [r.code, r.id]));
  }

  /** The crosswalk into a version (entries by code order) and the version it comes from, if any. */
  async crosswalk(tenantId: string, toVersionId: string): Promise<CrosswalkView> {
    const entries: CrosswalkView['entries'] = await this.db.query(
      `SELECT c.from_area_id AS "fromAreaId", f.code AS "fromCode", c.to_area_id AS "toAreaId", t.code AS "toCode", c.weight
         FROM crosswalk c JOIN area f ON f.id = c.from_area_id JOIN area t ON t.id = c.to_area_id
        WHERE c.tenant_id = $1 AND c.to_version_id = $2 ORDER BY f.code, t.code`,
      [tenantId, toVersionId],
    );
    const [from] = await this.db.query(
      `SELECT DISTINCT f.version_id AS id FROM crosswalk c JOIN area f ON f.id = c.from_area_id WHERE c.to_version_id = $1 LIMIT 1`,
      [toVersionId],
    );
    return { fromVersionId: from?.id ?? null, toVersionId, entries };
  }

  async replaceCrosswalk(
    manager: EntityManager,
    tenantId: string,
    toVersionId: string,
    entries: readonly CrosswalkRow[],
  ): Promise<void> {
    await manager.query(`DELETE FROM crosswalk WHERE tenant_id = $1 AND to_version_id = $2`, [
      tenantId,
      toVersionId,
    ]);
    await manager.query(
      `INSERT INTO crosswalk (from_area_id, to_area_id, tenant_id, to_version_id, weight)
       SELECT f, t, $3, $4, w FROM unnest($1::uuid[], $2::uuid[], $5::float8[]) AS x(f, t, w)`,
      [
        entries.map((e) => e.fromAreaId),
        entries.map((e) => e.toAreaId),
        tenantId,
        toVersionId,
        entries.map((e) => e.weight),
      ],
    );
  }
}
