import { Injectable } from '@nestjs/common';
import type { Geometry } from 'geojson';
import type { EntityManager } from 'typeorm';
import type { AreaEntity } from '../entities/area.entity';

/** An area of an upload as written: its parent resolved, its path and size computed. */
export interface AreaWrite {
  code: string;
  name: string;
  parent_id: string | null;
  path: string[];
  population: number | null;
  area_sqm: number | null;
  geometry: Geometry;
}

/** An area as stored (without its geometry), and whether the upsert inserted it. */
export type StoredArea = Omit<AreaEntity, 'geometry'> & { inserted: boolean };

/** An area's columns as `AreaEntity` names them (qualified: the path repair joins a `path` too). */
const AREA_COLUMNS = `area.id, area.tenant_id AS "tenantId", area.version_id AS "versionId", area.code, area.name,
  area.level, area.parent_id AS "parentId", area.path, area.population, area.area_sqm AS "areaSqm"`;

/** The SQL of area imports: the import lock, the batched upsert and the path repair. */
@Injectable()
export class AreaImportRepository {
  /** Serialises imports into a tenant's versions until the transaction ends. */
  async lockImports(manager: EntityManager, tenantId: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`area-import:${tenantId}`]);
  }

  /**
   * One statement for a batch of areas of one level: new codes are inserted, known ones updated
   * (a population absent from the file keeps the stored one). Codes must be unique within the
   * batch: ON CONFLICT cannot touch a row twice.
   */
  async upsert(
    manager: EntityManager,
    into: { tenantId: string; versionId: string; level: string },
    areas: readonly AreaWrite[],
  ): Promise<StoredArea[]> {
    // One JSON document per batch: PostgreSQL parses it in C, where node-pg would escape every
    // character of every geometry for an array literal.
    return manager.query(
      `INSERT INTO area (tenant_id, version_id, code, name, level, parent_id, path, population, area_sqm, geometry)
       SELECT $1, $2, a.code, a.name, $3, a.parent_id, a.path, a.population, a.area_sqm, a.geometry
         FROM jsonb_to_recordset($4::jsonb)
           AS a(code text, name text, parent_id uuid, path uuid[], population int, area_sqm float8, geometry jsonb)
       ON CONFLICT (tenant_id, version_id, code) DO UPDATE SET
         name = EXCLUDED.name, level = EXCLUDED.level, parent_id = EXCLUDED.parent_id, path = EXCLUDED.path,
         population = COALESCE(EXCLUDED.population, area.population), area_sqm = EXCLUDED.area_sqm,
         geometry = EXCLUDED.geometry, updated_at = now()
       RETURNING ${AREA_COLUMNS}, (xmax = 0) AS inserted`,
      [into.tenantId, into.versionId, into.level, JSON.stringify(areas)],
    );
  }

  /** Recomputes the version's paths from the parents; answers the areas whose path changed. */
  async repairPaths(manager: EntityManager, versionId: string): Promise<AreaEntity[]> {
    const result: [AreaEntity[], number] | AreaEntity[] = await manager.query(
      `WITH RECURSIVE tree AS (
         SELECT id, ARRAY[]::uuid[] AS path FROM area WHERE version_id = $1 AND parent_id IS NULL
         UNION ALL
         SELECT a.id, tree.path || a.parent_id FROM area a JOIN tree ON a.parent_id = tree.id
       )
       UPDATE area SET path = tree.path, updated_at = now() FROM tree
        WHERE area.id = tree.id AND area.path IS DISTINCT FROM tree.path
       RETURNING ${AREA_COLUMNS}`,
      [versionId],
    );
    // TypeORM answers an UPDATE … RETURNING as [rows, count].
    return Array.isArray(result[0]) ? (result[0] as AreaEntity[]) : (result as AreaEntity[]);
  }
}
