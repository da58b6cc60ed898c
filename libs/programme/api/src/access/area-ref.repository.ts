import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AreaRef as RegistryAreaRef } from '@quartier/contracts';
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

/** Reads of the registry's areas as the programme service holds them (its `area_ref` read model). */
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

  /** Area ids by code, for the codes that name an area of the tenant. */
  async idsByCode(tenantId: string, codes: readonly string[]): Promise<Map<string, string>> {
    const rows: { id: string; code: string }[] = await this.db.query(
      `SELECT id, code FROM area_ref WHERE tenant_id = $1 AND code = ANY($2::text[])`,
      [tenantId, codes],
    );
    return new Map(rows.map((r) => [r.code, r.id]));
  }
}
