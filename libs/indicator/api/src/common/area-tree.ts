import { Injectable } from '@nestjs/common';
import { prepareHierarchy, type PreparedHierarchy } from '@quartier/indicator-core';
import type { EntityManager } from 'typeorm';
import { AreaRefRepository, type AreaNode } from './area-ref.repository';

export type { AreaNode } from './area-ref.repository';

export interface TenantAreas {
  /** A stamp that changes whenever the read model changes (cache keys include it). */
  stamp: string;
  list: AreaNode[];
  byId: Map<string, AreaNode>;
  /** Area code → area; where area versions reuse a code, the most recent version's area. */
  byCode: Map<string, AreaNode>;
  /** Levels ordered from the top (depth 0) down. */
  levels: string[];
  /**
   * Children and bottom-up order for resolving values (`resolveHierarchyValues`), prepared once
   * per read-model state: an index run resolves several indicators over the same tree.
   */
  readonly hierarchy: PreparedHierarchy;
}

/**
 * The tenant's areas from the `area_ref` read model, kept in process and reloaded only when the
 * read model changed (checked by count + latest event time, one index-only query).
 */
@Injectable()
export class AreaTree {
  private readonly cache = new Map<string, TenantAreas>();

  constructor(private readonly areaRefs: AreaRefRepository) {}

  async of(tenantId: string, manager?: EntityManager): Promise<TenantAreas> {
    const stamp = await this.areaRefs.changeStamp(tenantId, manager);
    const cached = this.cache.get(tenantId);
    if (cached?.stamp === stamp) return cached;
    const list = await this.areaRefs.all(tenantId, manager);
    const byId = new Map(list.map((a) => [a.id, a]));
    const byCode = new Map(list.map((a) => [a.code, a]));
    const depthOf = new Map<string, number>();
    for (const a of list) depthOf.set(a.level, Math.min(depthOf.get(a.level) ?? Infinity, a.path.length));
    const levels = [...depthOf].sort((x, y) => x[1] - y[1]).map(([level]) => level);
    let hierarchy: PreparedHierarchy | undefined;
    const areas: TenantAreas = {
      stamp,
      list,
      byId,
      byCode,
      levels,
      get hierarchy() {
        return (hierarchy ??= prepareHierarchy(list));
      },
    };
    this.cache.set(tenantId, areas);
    return areas;
  }
}
