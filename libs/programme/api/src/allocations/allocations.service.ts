import { Injectable } from '@nestjs/common';
import type { Caller } from '@quartier/auth';
import { allocateByNeed, type AreaNeed } from '@quartier/programme-core';
import { Clock } from '@quartier/service-kit';
import type { EntityManager } from 'typeorm';
import { ProgrammeAccess, type AreaRef } from '../access/programme-access.service';
import { PROGRAMME_MANAGERS, PROGRAMME_READERS } from '../programme.constants';
import { ProgrammeServiceError } from '../programme.errors';
import { ProgrammeRepository, type ProgrammeRow } from '../programmes/programme.repository';
import type { AllocationInput } from './allocation.dto';
import { IndexRunsRepository } from '../areas/index-runs.repository';
import { EvidenceRepository } from '../impact-models/evidence.repository';
import { AllocationRepository } from './allocation.repository';

interface NeedRow {
  area: AreaRef;
  need: number;
  /** What the need was computed from, for the explanation table. */
  basis: string;
}

/**
 * Need-based allocation of a budget line across the programme areas (programme-core's exact
 * split with floor, cap and rounding unit). A preview explains every amount; accepting stores
 * it as a new version for the line and year.
 */
@Injectable()
export class AllocationsService {
  constructor(
    private readonly programmes: ProgrammeRepository,
    private readonly allocations: AllocationRepository,
    private readonly runs: IndexRunsRepository,
    private readonly evidence: EvidenceRepository,
    private readonly access: ProgrammeAccess,
    private readonly clock: Clock,
  ) {}

  async list(caller: Caller, programmeId: string) {
    await this.access.programme(caller, programmeId, PROGRAMME_READERS);
    return { items: await this.allocations.list(programmeId) };
  }

  async preview(caller: Caller, programmeId: string, input: AllocationInput) {
    const programme = await this.access.programme(caller, programmeId, PROGRAMME_MANAGERS);
    return this.compute(caller, programme, input);
  }

  async accept(caller: Caller, programmeId: string, input: AllocationInput) {
    return this.programmes.db.transaction(async (manager) => {
      const programme = await this.access.programme(caller, programmeId, PROGRAMME_MANAGERS, manager);
      await this.programmes.lock(manager, programmeId);
      const result = await this.compute(caller, programme, input, manager);
      const { id, version } = await this.allocations.insertNextVersion(manager, {
        programmeId,
        line: input.line,
        year: input.year,
        parameters: input,
        result,
        acceptedBy: caller.subject,
        acceptedAt: this.clock.now(),
      });
      return { id, version, ...result };
    });
  }

  private async compute(
    caller: Caller,
    programme: ProgrammeRow,
    input: AllocationInput,
    manager?: EntityManager,
  ) {
    if (!programme.budgetLines.some((l) => l.key === input.line))
      throw new ProgrammeServiceError('InvalidAllocation', `line: unknown budget line ${input.line}`, {
        field: 'line',
      });
    const budget =
      input.budgetCents ??
      (await this.programmes.budget(programme.id, manager)).find(
        (b) => b.line === input.line && b.year === input.year,
      )?.amountCents;
    if (budget === undefined)
      throw new ProgrammeServiceError(
        'InvalidAllocation',
        `budgetCents: the programme has no budget for ${input.line} ${input.year}; give budgetCents or set the budget first`,
        { field: 'budgetCents' },
      );
    const needs = await this.needs(caller, programme, input, manager);
    const allocation = allocateByNeed({
      areas: needs.map((n): AreaNeed => ({ area: n.area.code, need: n.need })),
      budget,
      floor: input.floorCents,
      cap: input.capCents,
      unit: input.unitCents,
    });
    return {
      line: input.line,
      year: input.year,
      need: input.need.source,
      ...allocation,
      areas: allocation.areas.map((a, i) => ({
        ...a,
        areaId: needs[i].area.id,
        name: needs[i].area.name,
        basis: needs[i].basis,
      })),
    };
  }

  private async needs(
    caller: Caller,
    programme: ProgrammeRow,
    input: AllocationInput,
    manager: EntityManager = this.programmes.db.manager,
  ): Promise<NeedRow[]> {
    const areaIds = await this.programmes.areaIds(programme.id, manager);
    if (areaIds.length === 0)
      throw new ProgrammeServiceError(
        'NoProgrammeAreas',
        'the programme has no areas yet: select programme areas first',
      );
    const areas = [...(await this.access.areas(caller.tenantId, areaIds, 'areas', manager)).values()].sort(
      (a, b) => a.code.localeCompare(b.code),
    );
    // An allocation sets an amount for every programme area: a manager limited to a district
    // shares out only a programme that lies within it.
    this.access.assertAreasInScope(caller.access, programme.id, areas, PROGRAMME_MANAGERS);
    const need = input.need;
    if (need.source === 'manual') {
      // A need for an area outside the programme would get no amount: refused rather than dropped,
      // so the caller learns the split is not the one they meant.
      const inProgramme = new Set(areaIds);
      const outside = [...new Set(need.values.map((v) => v.areaId).filter((id) => !inProgramme.has(id)))];
      if (outside.length > 0)
        throw new ProgrammeServiceError(
          'InvalidAllocation',
          `need.values: ${outside.join(', ')} ${outside.length === 1 ? 'is not a programme area' : 'are not programme areas'}`,
          { field: 'need.values', areaIds: outside },
        );
      const given = new Map(need.values.map((v) => [v.areaId, v.need]));
      const missing = areas.filter((a) => !given.has(a.id));
      if (missing.length > 0)
        throw new ProgrammeServiceError(
          'InvalidAllocation',
          `need.values: no need for ${missing.map((a) => a.code).join(', ')}`,
          {
            field: 'need.values',
          },
        );
      return areas.map((area) => ({ area, need: given.get(area.id) as number, basis: 'manual' }));
    }
    if (need.source === 'population') {
      const missing = areas.filter((a) => a.population === null);
      if (missing.length > 0)
        throw new ProgrammeServiceError(
          'InvalidAllocation',
          `need: no population for ${missing.map((a) => a.code).join(', ')}`,
          {
            field: 'need',
          },
        );
      return areas.map((area) => ({ area, need: area.population as number, basis: 'population' }));
    }
    if (need.source === 'index') {
      const values = await this.runs.indexValues(caller.tenantId, need.runId, need.index, areaIds, manager);
      const missing = areas.filter((a) => typeof values.get(a.id) !== 'number');
      if (missing.length > 0)
        throw new ProgrammeServiceError(
          'InvalidAllocation',
          `need: index ${need.index} has no value in run ${need.runId} for ${missing.map((a) => a.code).join(', ')}`,
          { field: 'need' },
        );
      return areas.map((area) => {
        const value = values.get(area.id) as number;
        return { area, need: Math.max(0, value), basis: `${need.index} ${value.toFixed(3)}` };
      });
    }
    const period =
      need.period ??
      (await this.evidence.latestValuePeriod(caller.tenantId, need.indicatorCode, areaIds, manager));
    const rows = period
      ? await this.evidence.valuesOfPeriod(caller.tenantId, need.indicatorCode, period, areaIds, manager)
      : [];
    const values = new Map(
      rows.filter((r) => r.status === 'value').map((r) => [r.areaId, r.value as number]),
    );
    const missing = areas.filter(
      (a) => !values.has(a.id) || (need.weighting === 'count' && a.population === null),
    );
    if (missing.length > 0)
      throw new ProgrammeServiceError(
        'InvalidAllocation',
        `need: ${need.indicatorCode} ${period ?? '(no period)'} has no value for ${missing.map((a) => a.code).join(', ')}`,
        { field: 'need', areas: missing.map((a) => a.code) },
      );
    return areas.map((area) => {
      const value = values.get(area.id) as number;
      const count = need.weighting === 'count' ? (value * (area.population as number)) / 100 : value;
      return { area, need: Math.max(0, count), basis: `${need.indicatorCode} ${period}: ${value}` };
    });
  }
}
