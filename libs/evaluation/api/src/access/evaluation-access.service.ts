import { Injectable } from '@nestjs/common';
import {
  assertCanAct,
  canAct,
  scopeAreas,
  scopeProgrammes,
  type AccessContext,
  type AccessTarget,
  type Caller,
} from '@quartier/auth';
import type { Role } from '@quartier/contracts';
import type { EntityManager } from 'typeorm';
import { EVALUATION_READERS, WORKFLOW_ROLES } from '../evaluation.constants';
import { EvaluationServiceError } from '../evaluation.errors';
import {
  EvaluationRepository,
  type EvaluationRow,
  type ListScope,
} from '../evaluations/evaluation.repository';
import { RefsRepository, type AreaRow } from '../read-models/refs.repository';

/** Where an evaluation applies: its programme, or each of the areas chosen for it. */
export type EvaluationScope =
  | { kind: 'programme'; programmeId: string }
  | { kind: 'areas'; areas: readonly Pick<AreaRow, 'id' | 'path'>[] };

/**
 * Loads evaluations for a request and enforces tenant, role and scope, which the guard cannot
 * (the evaluation is only known from the path): programme and measure evaluations are scoped
 * like the programme (registry assignments with a programme id, or none), evaluations of chosen
 * areas need the role on every one of those areas (assignments not limited to a programme).
 * Another tenant's evaluation answers 404, like an unknown one.
 */
@Injectable()
export class EvaluationAccess {
  constructor(
    private readonly evaluations: EvaluationRepository,
    private readonly refs: RefsRepository,
  ) {}

  async evaluation(
    caller: Pick<Caller, 'access' | 'tenantId'>,
    id: string,
    roles: readonly Role[],
    options: { manager?: EntityManager; lock?: boolean } = {},
  ): Promise<{ row: EvaluationRow; scope: EvaluationScope }> {
    const row = await this.evaluations.find(caller.tenantId, id, options.manager, options.lock);
    if (!row) throw new EvaluationServiceError('EvaluationNotFound', `evaluation ${id} not found`);
    const scope = await this.scopeOf(caller.tenantId, row, options.manager);
    this.assert(caller.access, scope, roles);
    return { row, scope };
  }

  async scopeOf(
    tenantId: string,
    row: Pick<EvaluationRow, 'objectKind' | 'programmeId' | 'areaIds'>,
    manager?: EntityManager,
  ): Promise<EvaluationScope> {
    if (row.objectKind !== 'areas') return { kind: 'programme', programmeId: row.programmeId as string };
    const found = await this.refs.areas(tenantId, row.areaIds, manager);
    // An area that left the registry can only be vouched for by a tenant-wide assignment.
    return { kind: 'areas', areas: row.areaIds.map((id) => found.get(id) ?? { id, path: [] }) };
  }

  assert(access: AccessContext, scope: EvaluationScope, roles: readonly Role[]): void {
    assertCanAct(access.principal, access.assignments, roles);
    for (const target of targetsOf(scope)) assertCanAct(access.principal, access.assignments, roles, target);
  }

  /**
   * Areas a write names beside the evaluation's object (comparison areas chosen, added or
   * dropped) need the role there too: within the programme for a programme's or measure's
   * evaluation, else by an assignment not limited to one programme, as the object's own areas.
   */
  assertAreasInScope(
    access: AccessContext,
    scope: EvaluationScope,
    areas: Iterable<Pick<AreaRow, 'id' | 'path'>>,
    roles: readonly Role[],
  ): void {
    const programmeId = scope.kind === 'programme' ? scope.programmeId : null;
    for (const area of areas)
      assertCanAct(access.principal, access.assignments, roles, {
        areaPath: [...area.path, area.id],
        programmeId,
      });
  }

  can(access: AccessContext, scope: EvaluationScope, roles: readonly Role[]): boolean {
    return targetsOf(scope).every((target) => canAct(access.principal, access.assignments, roles, target));
  }

  /** The workflow roles the caller holds for this evaluation (for the core's transition rules). */
  rolesFor(access: AccessContext, scope: EvaluationScope): Role[] {
    return WORKFLOW_ROLES.filter((role) => this.can(access, scope, [role]));
  }

  /** What a caller may list: programmes and area subtrees where a reader role applies. */
  listScope(access: AccessContext): ListScope {
    return {
      programmes: scopeProgrammes(access.principal, access.assignments, EVALUATION_READERS),
      areas: scopeAreas(access.principal, access.assignments, EVALUATION_READERS, { programmeId: null }),
    };
  }
}

function targetsOf(scope: EvaluationScope): AccessTarget[] {
  if (scope.kind === 'programme') return [{ programmeId: scope.programmeId }];
  return scope.areas.map((area) => ({ areaPath: [...area.path, area.id], programmeId: null }));
}
