import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { selectOne } from '@quartier/service-kit';
import type { Geometry } from 'geojson';
import type { DataSource, EntityManager } from 'typeorm';
import { REGISTRY_CONNECTION } from '../registry.constants';

/** One level of one area version: the unit maps and tiles are drawn of. */
export interface LevelOfVersion {
  tenantId: string;
  versionId: string;
  level: string;
}

/**
 * Reads of areas in bulk, for maps and tiles, and an area's ancestors for scope checks (single
 * areas go through TypeORM's entity).
 */
@Injectable()
export class AreaRepository {
  constructor(@InjectDataSource(REGISTRY_CONNECTION) private readonly db: DataSource) {}

  /**
   * The level's areas with geometry (below `parentId`, if given), each as a GeoJSON Feature
   * written by PostgreSQL as text: the service splices, and never parses, megabytes of
   * coordinates.
   */
  async features(
    of: LevelOfVersion,
    parentId?: string,
  ): Promise<{ id: string; path: string[]; feature: string }[]> {
    return this.db.query(
      `SELECT a.id, a.path, json_build_object(
           'type', 'Feature', 'id', a.id, 'geometry', a.geometry,
           'properties', json_build_object('id', a.id, 'code', a.code, 'name', a.name, 'level', a.level, 'population', a.population)
         )::text AS feature
         FROM area a
        WHERE a.tenant_id = $1 AND a.version_id = $2 AND a.level = $3 AND a.geometry IS NOT NULL
          AND ($4::uuid IS NULL OR $4::uuid = ANY(a.path))
        ORDER BY a.code`,
      [of.tenantId, of.versionId, of.level, parentId ?? null],
    );
  }

  /** How many areas the level has and when one last changed (a new answer means new tiles). */
  async levelState(of: Omit<LevelOfVersion, 'versionId'> & { versionId: string | null }) {
    const [row]: { n: number; t: string | null }[] = await this.db.query(
      `SELECT count(*)::int AS n, max(updated_at)::text AS t FROM area WHERE tenant_id = $1 AND version_id = $2 AND level = $3`,
      [of.tenantId, of.versionId, of.level],
    );
    return { count: row.n, changedAt: row.t };
  }

  /** The level's areas with their geometry, in code order (the tile index's input). */
  async geometries(
    of: LevelOfVersion,
  ): Promise<{ id: string; code: string; name: string; geometry: Geometry | null }[]> {
    return this.db.query(
      `SELECT id, code, name, geometry FROM area WHERE tenant_id = $1 AND version_id = $2 AND level = $3 ORDER BY code`,
      [of.tenantId, of.versionId, of.level],
    );
  }

  /** The area's ancestors (root first), or null when the tenant has no such area. */
  async ancestorsOf(tenantId: string, areaId: string): Promise<string[] | null> {
    const row = await selectOne<{ path: string[] }>(
      this.db,
      `SELECT path FROM area WHERE id = $1 AND tenant_id = $2`,
      [areaId, tenantId],
    );
    return row?.path ?? null;
  }

  /** The levels the tenant's areas use, in any version. */
  async levelsInUse(manager: EntityManager, tenantId: string): Promise<string[]> {
    const rows: { level: string }[] = await manager.query(
      `SELECT DISTINCT level FROM area WHERE tenant_id = $1`,
      [tenantId],
    );
    return rows.map((r) => r.level);
  }
}
