import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AreaRef as RegistryAreaRef } from '@quartier/contracts';
import { currentAreaVersionSql } from '@quartier/service-kit';
import type { DataSource, EntityManager } from 'typeorm';
import { PROGRAMME_CONNECTION } from '../programme.constants';

/** An area of `area_ref` (the registry's contract) as the programme's checks read it. */
export type AreaRef = Pick<RegistryAreaRef, 'id' | 'code' | 'name' | 'level' | 'path' | 'population'>;

/** An area with the point its label (and an IATI location) is placed at. */
export interface AreaPoint {
  id: string;
  code: string;
  name: string;
  labelPoint: { lat: number; lon: number } | null;
}

/**
 * Reads of the registry's areas as the programme service holds them (its `area_ref` read model).
 * The registry keeps a superseded area version's areas, and a new version may reuse their codes:
 * a code (or a level's list) names the areas of the version current on the service clock's day
 * (`currentAreaVersionSql`, `today` = `clock.today()`), an id its area whatever its
 * version.
 */
@Injectable()
export class AreaRefRepository {
  constructor(@InjectDataSource(PROGRAMME_CONNECTION) private readonly db: DataSource) {}

  /** The tenant's areas among these ids (unknown ids are absent). */
  async byIds(
    tenantId: string,
    ids: readonly string[],
    manager: EntityManager = this.db.manager,
  ): Promise<AreaRef[]> {
    return manager.query(
      `SELECT id, code, name, level, path, population FROM area_ref WHERE tenant_id = $1 AND id = ANY($2::uuid[])`,
      [tenantId, ids],
    );
  }

  async points(tenantId: string, ids: readonly string[]): Promise<AreaPoint[]> {
    return this.db.query(
      `SELECT id, code, name, label_point AS "labelPoint" FROM area_ref WHERE tenant_id = $1 AND id = ANY($2::uuid[])`,
      [tenantId, ids],
    );
  }

  /**
   * Area ids by code, for the codes that name an area of the tenant in the area version current
   * on `today`: a superseded version's area with the code, or one imported ahead, is not it.
   */
  async idsByCode(tenantId: string, codes: readonly string[], today: string): Promise<Map<string, string>> {
    const rows: { id: string; code: string }[] = await this.db.query(
      `SELECT id, code FROM area_ref
        WHERE tenant_id = $1 AND code = ANY($2::text[]) AND valid_from = ${currentAreaVersionSql('$1', '$3')}`,
      [tenantId, codes, today],
    );
    return new Map(rows.map((r) => [r.code, r.id]));
  }

  /** The finest level (deepest paths) of the area version current on `today`; null without areas. */
  async finestLevel(tenantId: string, today: string): Promise<string | null> {
    const [row]: { level: string }[] = await this.db.query(
      `SELECT level FROM area_ref WHERE tenant_id = $1 AND valid_from = ${currentAreaVersionSql('$1', '$2')}
        GROUP BY level ORDER BY max(array_length(path, 1)) DESC NULLS LAST LIMIT 1`,
      [tenantId, today],
    );
    return row?.level ?? null;
  }

  /** The first `limit` areas of a level in the area version current on `today`, by code (each code once). */
  async firstOfLevel(
    tenantId: string,
    level: string,
    limit: number,
    today: string,
  ): Promise<{ id: string; code: string }[]> {
    return this.db.query(
      `SELECT id, code FROM area_ref
        WHERE tenant_id = $1 AND level = $2 AND valid_from = ${currentAreaVersionSql('$1', '$4')}
        ORDER BY code LIMIT $3`,
      [tenantId, level, limit, today],
    );
  }
}
