import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

export interface AreaNode {
  id: string;
  code: string;
  name: string;
  level: string;
  parentId: string | null;
  /** Ancestor ids, root first. */
  path: string[];
  population: number | null;
}

export interface TenantAreas {
  /** A stamp that changes whenever the read model changes (cache keys include it). */
  stamp: string;
  list: AreaNode[];
  byId: Map<string, AreaNode>;
  /** Area code → area; where area versions reuse a code, the most recent version's area. */
  byCode: Map<string, AreaNode>;
  /** Levels ordered from the top (depth 0) down. */
  levels: string[];
}

/**
 * The tenant's areas from the `area_ref` read model, kept in process and reloaded only when the
 * read model changed (checked by count + latest event time, one index-only query).
 */
@Injectable()
export class AreaTree {
  private readonly cache = new Map<string, TenantAreas>();

  constructor(@InjectDataSource('indicator') private readonly db: DataSource) {}

  async of(tenantId: string, manager: EntityManager = this.db.manager): Promise<TenantAreas> {
    const [{ n, t }] = await manager.query(
      `SELECT count(*)::int AS n, max(event_at)::text AS t FROM area_ref WHERE tenant_id = $1`,
      [tenantId],
    );
    const stamp = `${n}-${t ?? ''}`;
    const cached = this.cache.get(tenantId);
    if (cached?.stamp === stamp) return cached;
    const list: AreaNode[] = await manager.query(
      `SELECT id, code, name, level, parent_id AS "parentId", path, population FROM area_ref WHERE tenant_id = $1 ORDER BY valid_from, code`,
      [tenantId],
    );
    const byId = new Map(list.map((a) => [a.id, a]));
    const byCode = new Map(list.map((a) => [a.code, a]));
    const depthOf = new Map<string, number>();
    for (const a of list) depthOf.set(a.level, Math.min(depthOf.get(a.level) ?? Infinity, a.path.length));
    const levels = [...depthOf].sort((x, y) => x[1] - y[1]).map(([level]) => level);
    const areas = { stamp, list, byId, byCode, levels };
    this.cache.set(tenantId, areas);
    return areas;
  }
}
