import type { EventPayload } from '@quartier/contracts';
import { labelPoint } from '@quartier/registry-core';
import type { AreaEntity } from '../entities/area.entity';

/**
 * The public face of an area in `registry.area.upserted`: no geometry (read models don't need
 * it), but a point inside the area for labels and publications such as IATI locations.
 */
export function toAreaEvent(area: AreaEntity, validFrom: string): EventPayload<'registry.area.upserted'> {
  return {
    id: area.id,
    tenantId: area.tenantId,
    code: area.code,
    name: area.name,
    level: area.level,
    parentId: area.parentId,
    path: area.path,
    population: area.population,
    versionId: area.versionId,
    validFrom,
    labelPoint: labelPoint(area.geometry),
  };
}
