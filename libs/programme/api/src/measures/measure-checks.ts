import { Injectable } from '@nestjs/common';
import type { Caller } from '@quartier/auth';
import { assertCommitment, type MeasureBudget } from '@quartier/programme-core';
import type { EntityManager } from 'typeorm';
import { ProgrammeAccess, type AreaRef } from '../access/programme-access.service';
import { MEASURE_EDITORS } from '../programme.constants';
import { ProgrammeServiceError } from '../programme.errors';
import { ProgrammeRepository, type ProgrammeRow } from '../programmes/programme.repository';
import { budgetProblems } from '../programmes/programmes.service';
import type { BudgetEntry, CreateMeasureInput } from './measure.dto';
import { MeasureRepository, type MeasureRow } from './measure.repository';

/**
 * What a measure must satisfy within its programme before it is written: its areas, its field of
 * action, its budget lines and years, and — once money is committed — the programme's budget.
 */
@Injectable()
export class MeasureChecks {
  constructor(
    private readonly measures: MeasureRepository,
    private readonly programmes: ProgrammeRepository,
    private readonly access: ProgrammeAccess,
  ) {}

  /** Areas in the caller's scope and the programme's areas, a known field of action, a valid budget. */
  async fields(
    caller: Caller,
    programme: ProgrammeRow,
    input: Pick<CreateMeasureInput, 'areaIds' | 'fieldOfAction' | 'budget'>,
    manager: EntityManager,
  ): Promise<void> {
    const areas = await this.access.areas(caller.tenantId, input.areaIds, 'areaIds', manager);
    this.access.assertAreasInScope(caller.access, programme.id, areas.values(), MEASURE_EDITORS);
    await this.withinProgrammeAreas(programme.id, areas, manager);
    if (input.fieldOfAction && !programme.fieldsOfAction.some((f) => f.key === input.fieldOfAction))
      throw new ProgrammeServiceError(
        'InvalidMeasure',
        `fieldOfAction: unknown field of action ${input.fieldOfAction}`,
        {
          field: 'fieldOfAction',
        },
      );
    const problems = budgetProblems(programme, input.budget).map((p) => ({
      ...p,
      field: p.field.replace(/^entries/, 'budget'),
      message: p.message.replace(/^entries/, 'budget'),
    }));
    if (problems.length > 0)
      throw new ProgrammeServiceError('InvalidMeasure', problems[0].message, { problems });
  }

  /** Once a programme has areas, its measures run in them (or below them). */
  private async withinProgrammeAreas(
    programmeId: string,
    areas: Map<string, AreaRef>,
    manager: EntityManager,
  ): Promise<void> {
    const programmeAreas = new Set(await this.programmes.areaIds(programmeId, manager));
    if (programmeAreas.size === 0) return;
    const outside = [...areas.values()].filter(
      (a) => ![...a.path, a.id].some((id) => programmeAreas.has(id)),
    );
    if (outside.length > 0)
      throw new ProgrammeServiceError(
        'InvalidMeasure',
        `areaIds: ${outside.map((a) => `${a.code} ${a.name}`).join(', ')} lie outside the programme areas`,
        { field: 'areaIds', areaIds: outside.map((a) => a.id) },
      );
  }

  /**
   * The programme's budget per year × line against every measure's commitments with `next`. The
   * programme is locked first, so two measures committing money at once are checked one after
   * the other rather than both against the same remaining budget.
   */
  async commitment(
    manager: EntityManager,
    programmeId: string,
    next: MeasureRow,
    deliberate: boolean | undefined,
  ) {
    await this.programmes.lock(manager, programmeId);
    const budget = (await this.programmes.budget(programmeId, manager)).map((b) => ({
      year: b.year,
      line: b.line,
      amount: b.amountCents,
    }));
    const all = await this.measures.ofProgramme(programmeId, manager);
    const expenditures = await this.measures.expenditures(
      all.map((m) => m.id),
      manager,
    );
    const measures: MeasureBudget[] = all.map((m) => ({
      measureId: m.id,
      status: m.status,
      budget: m.budget.map(toAmount),
      expenditures: (expenditures.get(m.id) ?? []).map(toAmount),
    }));
    return assertCommitment(
      budget,
      measures,
      { measureId: next.id, status: next.status, budget: next.budget.map(toAmount) },
      { deliberate: deliberate ?? next.deliberateOverCommitment },
    );
  }
}

function toAmount(b: BudgetEntry) {
  return { year: b.year, line: b.line, amount: b.amountCents };
}
