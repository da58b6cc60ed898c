import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { areaAncestors, currentAreaVersionSql, SqlWhere } from '@quartier/service-kit';
import type { DataSource, EntityManager } from 'typeorm';
import { SURVEY_CONNECTION } from '../survey.constants';
import type { AreaRef } from '@quartier/contracts';

/** An area of the registry as replicated into `area_ref`; `path` holds its ancestors' ids, root first. */
export type AreaRefRow = Pick<AreaRef, 'id' | 'code' | 'name' | 'level' | 'path'>;

export type CandidateAreaRow = Pick<AreaRef, 'id' | 'code' | 'name' | 'level' | 'parentId' | 'population'>;

/** Reads of the registry's areas as replicated here (`area_ref`, written by the read-model handler). */
@Injectable()
export class AreaRefRepository {
  constructor(@InjectDataSource(SURVEY_CONNECTION) private readonly db: DataSource) {}

  /** The tenant's areas among `ids`, by code; unknown ids are left out. */
  async byIds(
    tenantId: string,
    ids: readonly string[],
    manager: EntityManager = this.db.manager,
  ): Promise<AreaRefRow[]> {
    return manager.query(
      `SELECT id, code, name, level, path FROM area_ref WHERE tenant_id = $1 AND id = ANY($2::uuid[]) ORDER BY code`,
      [tenantId, ids],
    );
  }

  /**
   * The tenant's area with a code in the area version current on `today` (the registry's rule,
   * `currentAreaVersionSql`: at most one): a superseded version's area that had the code, or a
   * version imported ahead of its date, is not it.
   */
  async byCode(tenantId: string, code: string, today: string): Promise<AreaRefRow[]> {
    return this.db.query(
      `SELECT id, code, name, level, path FROM area_ref
        WHERE tenant_id = $1 AND code = $2 AND valid_from = ${currentAreaVersionSql('$1', '$3')}`,
      [tenantId, code, today],
    );
  }

  /** The path of an area including itself, root first; null when the tenant has no such area. */
  async pathThrough(tenantId: string, areaId: string): Promise<string[] | null> {
    const ancestors = await areaAncestors(this.db, tenantId, areaId);
    return ancestors && [...ancestors, areaId];
  }

  /**
   * The area and those below it, optionally of one level, by code (at most 5,000): all of the
   * area's own version, since a new version's areas have new ids and their paths stay within it.
   */
  async within(tenantId: string, areaId: string, level?: string): Promise<CandidateAreaRow[]> {
    const { where, params } = new SqlWhere('tenant_id = $1 AND ($2 = ANY(path) OR id = $2)', [
      tenantId,
      areaId,
    ]).and('level = $?', level);
    return this.db.query(
      `SELECT id, code, name, level, parent_id AS "parentId", population FROM area_ref WHERE ${where} ORDER BY code LIMIT 5000`,
      params,
    );
  }

  /**
   * Areas of a level below some parent whose code starts with `codePrefix`, by code (demo data),
   * in the area version current on `today`: each code once.
   */
  async childrenOfLevelByPrefix(
    tenantId: string,
    level: string,
    codePrefix: string,
    today: string,
  ): Promise<AreaRefRow[]> {
    return this.db.query(
      `SELECT id, code, name, level, path FROM area_ref
        WHERE tenant_id = $1 AND level = $2 AND code LIKE $3 AND parent_id IS NOT NULL
          AND valid_from = ${currentAreaVersionSql('$1', '$4')}
        ORDER BY code`,
      [tenantId, level, `${codePrefix}%`, today],
    );
  }
}
