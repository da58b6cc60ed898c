import type { EventPayload } from '@quartier/contracts';
import { randomUUID } from 'node:crypto';

export interface TestArea {
  code: string;
  name?: string;
  level: string;
  /** Code of the parent area (must be listed before its children). */
  parent?: string;
  population?: number | null;
}

/**
 * The registry's `registry.area.upserted` events for test areas, parents first, with fresh ids
 * (code → id) — what a test app applies itself, a repository test writes through the read model,
 * or the authorisation matrix publishes to companions on a shared bus.
 */
export function areaUpsertEvents(
  tenantId: string,
  areas: readonly TestArea[],
  validFrom = '2020-01-01',
): {
  ids: Record<string, string>;
  events: {
    type: 'registry.area.upserted';
    tenantId: string;
    payload: EventPayload<'registry.area.upserted'>;
  }[];
} {
  const ids: Record<string, string> = {};
  const paths: Record<string, string[]> = {};
  const versionId = randomUUID();
  const events = areas.map((area) => {
    const id = randomUUID();
    const parentId = area.parent ? ids[area.parent] : null;
    if (area.parent && !parentId) throw new Error(`parent ${area.parent} of ${area.code} must come first`);
    const path = parentId ? [...paths[area.parent as string], parentId] : [];
    ids[area.code] = id;
    paths[area.code] = path;
    return {
      type: 'registry.area.upserted' as const,
      tenantId,
      payload: {
        id,
        tenantId,
        code: area.code,
        name: area.name ?? area.code,
        level: area.level,
        parentId,
        path,
        population: area.population ?? null,
        versionId,
        validFrom,
      },
    };
  });
  return { ids, events };
}
