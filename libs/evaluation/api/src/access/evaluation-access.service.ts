import { Injectable } from '@nestjs/common';
import {
  assertCanAct,
  AuthError,
  canAct,
  scopeAreas,
  scopeProgrammes,
  type AccessContext,
  type AccessTarget,
  type Caller,
} from '@quartier/auth';
import type { Role } from '@quartier/contracts';
import type { EntityManager } from 'typeorm';
import { EVALUATION_EDITORS, EVALUATION_READERS, WORKFLOW_ROLES } from '../evaluation.constants';
import { EvaluationServiceError } from '../evaluation.errors';
import {
  EvaluationRepository,
  type EvaluationRow,
  type ListScope,
} from '../evaluations/evaluation.repository';
import { RefsRepository, type AreaRow } from '../read-models/refs.repository';

type ScopedArea = Pick<AreaRow, 'id' | 'path' | 'code'>;

/**
 * Where an evaluation applies: its programme and the areas it evaluates now (the programme's or
 * measure's), or each of the areas chosen for it.
 */
export type EvaluationScope =
  | { kind: 'programme'; programmeId: string; areas: readonly ScopedArea[] }
  | { kind: 'areas'; areas: readonly ScopedArea[] };

/**
 * Loads evaluations for a request and enforces tenant, role and scope, which the guard cannot
 * (the evaluation is only known from the path): programme and measure evaluations need the role
 * for the programme and, within it, on every area evaluated (an evaluator limited to Mitte must
 * not evaluate a measure in Kreuzberg); evaluations of chosen areas need the role on every one
 * of those areas (assignments not limited to a programme). Another tenant's evaluation answers
 * 404, like an unknown one.
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
    row: Pick<EvaluationRow, 'objectKind' | 'programmeId' | 'measureId' | 'areaIds'>,
    manager?: EntityManager,
  ): Promise<EvaluationScope> {
    if (row.objectKind === 'areas')
      return { kind: 'areas', areas: await this.scopedAreas(tenantId, row.areaIds, manager) };
    const programmeId = row.programmeId as string;
    // A programme or measure that left the read model has no known areas: the programme decides.
    const object =
      row.objectKind === 'programme'
        ? await this.refs.programme(tenantId, programmeId)
        : await this.refs.measure(tenantId, row.measureId as string);
    return {
      kind: 'programme',
      programmeId,
      areas: await this.scopedAreas(tenantId, object?.areaIds ?? [], manager),
    };
  }

  /** The areas as scope checks need them; one that left the registry only a tenant-wide assignment vouches for. */
  async scopedAreas(
    tenantId: string,
    ids: readonly string[],
    manager?: EntityManager,
  ): Promise<ScopedArea[]> {
    const found = await this.refs.areas(tenantId, ids, manager);
    return [...new Set(ids)].map((id) => found.get(id) ?? { id, path: [], code: id });
  }

  assert(access: AccessContext, scope: EvaluationScope, roles: readonly Role[]): void {
    assertCanAct(access.principal, access.assignments, roles);
    if (scope.kind === 'programme')
      assertCanAct(access.principal, access.assignments, roles, { programmeId: scope.programmeId });
    this.assertAreasInScope(access, scope, scope.areas, roles);
  }

  /**
   * Areas a write names beside the evaluation's object (comparison areas chosen, added or
   * dropped) need the role there too: within the programme for a programme's or measure's
   * evaluation, else by an assignment not limited to one programme, as the object's own areas.
   */
  assertAreasInScope(
    access: AccessContext,
    scope: EvaluationScope,
    areas: Iterable<ScopedArea>,
    roles: readonly Role[],
  ): void {
    const programmeId = scope.kind === 'programme' ? scope.programmeId : null;
    for (const area of areas)
      if (
        !canAct(access.principal, access.assignments, roles, {
          areaPath: [...area.path, area.id],
          programmeId,
        })
      )
        throw new AuthError(
          'OutOfScope',
          `area ${area.code} is outside the area scope of your role assignments`,
        );
  }

  /**
   * The comparison pool an editor's design fixes: the root areas where their role assignments let
   * them edit this evaluation (its programme's area scope, or that of assignments not limited to a
   * programme), or null (city-wide) when that is not limited. Persisted with the design, so
   * matching does not depend on who reads the results later.
   */
  comparisonPool(access: AccessContext, scope: EvaluationScope): string[] | null {
    const areas = scopeAreas(access.principal, access.assignments, EVALUATION_EDITORS, {
      programmeId: scope.kind === 'programme' ? scope.programmeId : null,
    });
    return areas === 'all' ? null : [...areas].sort();
  }

  can(access: AccessContext, scope: EvaluationScope, roles: readonly Role[]): boolean {
    return targetsOf(scope).every((target) => canAct(access.principal, access.assignments, roles, target));
  }

  /** The workflow roles the caller holds for this evaluation (for the core's transition rules). */
  rolesFor(access: AccessContext, scope: EvaluationScope): Role[] {
    return WORKFLOW_ROLES.filter((role) => this.can(access, scope, [role]));
  }

  /**
   * What a caller may list: programmes and area subtrees where a reader role applies — for a
   * programme's or measure's evaluation the area scope within that programme (assignments not
   * limited to a programme, and those limited to it).
   */
  listScope(access: AccessContext): ListScope {
    const areas = scopeAreas(access.principal, access.assignments, EVALUATION_READERS, { programmeId: null });
    const limitedTo = new Set(access.assignments.flatMap((a) => (a.programmeId ? [a.programmeId] : [])));
    return {
      programmes: scopeProgrammes(access.principal, access.assignments, EVALUATION_READERS),
      areas,
      programmeAreas:
        areas === 'all'
          ? 'all'
          : {
              other: areas,
              byProgramme: Object.fromEntries(
                [...limitedTo].map((programmeId) => [
                  programmeId,
                  scopeAreas(access.principal, access.assignments, EVALUATION_READERS, { programmeId }),
                ]),
              ),
            },
    };
  }
}

function targetsOf(scope: EvaluationScope): AccessTarget[] {
  const programmeId = scope.kind === 'programme' ? scope.programmeId : null;
  return [
    ...(programmeId ? [{ programmeId }] : []),
    ...scope.areas.map((area) => ({ areaPath: [...area.path, area.id], programmeId })),
  ];
}
