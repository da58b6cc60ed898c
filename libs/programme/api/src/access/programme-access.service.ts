import { Injectable } from '@nestjs/common';
import { assertCanAct, canAct, type AccessContext, type Caller } from '@quartier/auth';
import type { Role } from '@quartier/contracts';
import { isUuid } from '@quartier/service-kit';
import type { EntityManager } from 'typeorm';
import { PROGRAMME_MANAGERS } from '../programme.constants';
import { ProgrammeServiceError } from '../programme.errors';
import { ProgrammeRepository, type ProgrammeRow } from '../programmes/programme.repository';

import { AreaRefRepository, type AreaRef } from './area-ref.repository';

export type { AreaRef } from './area-ref.repository';

/**
 * Loads programmes for a request and enforces tenant, role and programme scope (the guard
 * cannot: the programme is only known from the path), and checks every area a write sets
 * against the caller's area scope within that programme. Another tenant's programme answers
 * 404, like an unknown one.
 */
@Injectable()
export class ProgrammeAccess {
  constructor(
    private readonly programmes: ProgrammeRepository,
    private readonly areaRefs: AreaRefRepository,
  ) {}

  async programme(
    caller: Pick<Caller, 'access' | 'tenantId'>,
    programmeId: string,
    roles: readonly Role[],
    manager?: EntityManager,
  ): Promise<ProgrammeRow> {
    const row = await this.programmes.find(caller.tenantId, programmeId, manager);
    if (!row) throw new ProgrammeServiceError('ProgrammeNotFound', `programme ${programmeId} not found`);
    assertCanAct(caller.access.principal, caller.access.assignments, roles, { programmeId });
    return row;
  }

  canManage(access: AccessContext, programmeId: string): boolean {
    return canAct(access.principal, access.assignments, PROGRAMME_MANAGERS, { programmeId });
  }

  /**
   * The areas (of this tenant) with their paths; unknown ids — another tenant's areas and text
   * that is no area id among them — are refused as `code` (of the request's subject), naming them.
   */
  async areas(
    tenantId: string,
    areaIds: readonly string[],
    field: string,
    manager?: EntityManager,
    code: 'InvalidMeasure' | 'InvalidAreaSelection' | 'InvalidImpactModel' = 'InvalidMeasure',
  ): Promise<Map<string, AreaRef>> {
    const unique = [...new Set(areaIds)];
    if (unique.length === 0) return new Map();
    // PostgreSQL refuses text that is no UUID in the uuid[] comparison: it names no area.
    const rows = await this.areaRefs.byIds(tenantId, unique.filter(isUuid), manager);
    const found = new Map(rows.map((r) => [r.id, r]));
    const unknown = unique.filter((id) => !found.has(id));
    if (unknown.length > 0)
      throw new ProgrammeServiceError(code, `${field}: unknown area(s) ${unknown.join(', ')}`, {
        field,
        areaIds: unknown,
      });
    return found;
  }

  /** Every area a write sets must lie in the caller's scope for `roles` within the programme. */
  assertAreasInScope(
    access: AccessContext,
    programmeId: string,
    areas: Iterable<Pick<AreaRef, 'id' | 'path'>>,
    roles: readonly Role[],
  ): void {
    for (const area of areas)
      assertCanAct(access.principal, access.assignments, roles, {
        areaPath: [...area.path, area.id],
        programmeId,
      });
  }

  /**
   * `assertAreasInScope` for areas the service derived itself rather than the caller named (a
   * rule's hits in an index run, the programme areas an allocation shares out). Such an area may
   * have left the registry since: without a path, only a tenant-wide grant covers it.
   */
  async assertAreaIdsInScope(
    caller: Pick<Caller, 'access' | 'tenantId'>,
    programmeId: string,
    areaIds: Iterable<string>,
    roles: readonly Role[],
    manager?: EntityManager,
  ): Promise<void> {
    const unique = [...new Set(areaIds)];
    if (unique.length === 0) return;
    const known = new Map(
      (await this.areaRefs.byIds(caller.tenantId, unique.filter(isUuid), manager)).map((a) => [a.id, a]),
    );
    const areas = unique.map((id) => known.get(id) ?? { id, path: [] });
    this.assertAreasInScope(caller.access, programmeId, areas, roles);
  }
}
