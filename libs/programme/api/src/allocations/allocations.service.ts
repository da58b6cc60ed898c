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
    private readonly access: ProgrammeAccess,
    private readonly clock: Clock,
  ) {}

  async list(caller: Caller, programmeId: string) {
    await this.access.programme(caller.access, caller.tenantId, programmeId, PROGRAMME_READERS);
    const rows = await this.programmes.db.query(
      `SELECT id, line, year, version, parameters, result, accepted_by AS "acceptedBy", accepted_at AS "acceptedAt"
         FROM allocation WHERE programme_id = $1 ORDER BY year, line, version DESC`,
      [programmeId],
    );
    return { items: rows };
  }

  async preview(caller: Caller, programmeId: string, input: AllocationInput) {
    const programme = await this.access.programme(
      caller.access,
      caller.tenantId,
      programmeId,
      PROGRAMME_MANAGERS,
    );
    return this.compute(caller, programme, input);
  }

  async accept(caller: Caller, programmeId: string, input: AllocationInput) {
    return this.programmes.db.transaction(async (manager) => {
      const programme = await this.access.programme(
        caller.access,
        caller.tenantId,
        programmeId,
        PROGRAMME_MANAGERS,
        manager,
      );
      await manager.query(`SELECT id FROM programme WHERE id = $1 FOR UPDATE`, [programmeId]);
      const result = await this.compute(caller, programme, input, manager);
      const [{ next }] = await manager.query(
        `SELECT coalesce(max(version), 0) + 1 AS next FROM allocation WHERE programme_id = $1 AND line = $2 AND year = $3`,
        [programmeId, input.line, input.year],
      );
      const [{ id }] = await manager.query(
        `INSERT INTO allocation (programme_id, line, year, version, parameters, result, accepted_by, accepted_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
        [
          programmeId,
          input.line,
          input.year,
          next,
          JSON.stringify(input),
          JSON.stringify(result),
          caller.subject,
          this.clock.now(),
        ],
      );
      return { id, version: Number(next), ...result };
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
    const need = input.need;
    if (need.source === 'manual') {
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
      const rows: { areaId: string; values: Record<string, number> }[] = await manager.query(
        `SELECT x.area_id AS "areaId", x.index_values AS values FROM index_result_ref x JOIN index_run_ref r ON r.id = x.run_id
          WHERE r.tenant_id = $1 AND x.run_id = $2 AND x.area_id = ANY($3::uuid[]) AND x.valid`,
        [caller.tenantId, need.runId, areaIds],
      );
      const values = new Map(rows.map((r) => [r.areaId, r.values[need.index]]));
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
      (
        await manager.query(
          `SELECT max(period) AS period FROM indicator_value_ref WHERE tenant_id = $1 AND indicator_code = $2 AND area_id = ANY($3::uuid[]) AND status = 'value'`,
          [caller.tenantId, need.indicatorCode, areaIds],
        )
      )[0]?.period;
    const rows: { areaId: string; value: number | null; status: string }[] = period
      ? await manager.query(
          `SELECT area_id AS "areaId", value, status FROM indicator_value_ref
            WHERE tenant_id = $1 AND indicator_code = $2 AND period = $3 AND area_id = ANY($4::uuid[])`,
          [caller.tenantId, need.indicatorCode, period, areaIds],
        )
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
