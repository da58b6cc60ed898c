import { Injectable } from '@nestjs/common';
import type { Caller } from '@quartier/auth';
import { summariseBudget } from '@quartier/programme-core';
import { ProgrammeAccess } from '../access/programme-access.service';
import { MeasureRepository } from '../measures/measure.repository';
import { MeasuresService } from '../measures/measures.service';
import { PROGRAMME_READERS } from '../programme.constants';
import { ProgrammeRepository } from '../programmes/programme.repository';

/**
 * The programme office's overview: money per year × line (planned, committed, proposed,
 * spent, remaining), measures by status and field of action, and the programme areas with
 * their measures and budgets (for the map). Only measures the caller may read are counted.
 */
@Injectable()
export class DashboardService {
  constructor(
    private readonly programmes: ProgrammeRepository,
    private readonly measures: MeasureRepository,
    private readonly measureService: MeasuresService,
    private readonly access: ProgrammeAccess,
  ) {}

  async dashboard(caller: Caller, programmeId: string) {
    const programme = await this.access.programme(caller, programmeId, PROGRAMME_READERS);
    const rows = await this.measureService.visibleRows(caller, programmeId);
    const expenditures = await this.measures.expenditures(rows.map((r) => r.id));
    const budget = summariseBudget(
      (await this.programmes.budget(programmeId)).map((b) => ({
        year: b.year,
        line: b.line,
        amount: b.amountCents,
      })),
      rows.map((m) => ({
        measureId: m.id,
        status: m.status,
        budget: m.budget.map((b) => ({ year: b.year, line: b.line, amount: b.amountCents })),
        expenditures: (expenditures.get(m.id) ?? []).map((e) => ({
          year: e.year,
          line: e.line,
          amount: e.amountCents,
        })),
      })),
    );
    const count = (key: (m: (typeof rows)[number]) => string) => {
      const counts: Record<string, number> = {};
      for (const m of rows) counts[key(m)] = (counts[key(m)] ?? 0) + 1;
      return counts;
    };
    const areaIds = await this.programmes.areaIds(programmeId);
    const areas = [
      ...(await this.access.areas(caller.tenantId, areaIds, 'areas').catch(() => new Map())).values(),
    ];
    return {
      programmeId,
      budgetLines: programme.budgetLines,
      fieldsOfAction: programme.fieldsOfAction,
      budget,
      measuresByStatus: count((m) => m.status),
      measuresByField: count((m) => m.fieldOfAction ?? ''),
      areas: areas
        .sort((a, b) => a.code.localeCompare(b.code))
        .map((a) => {
          const inArea = rows.filter((m) => m.areaIds.includes(a.id));
          return {
            id: a.id,
            code: a.code,
            name: a.name,
            population: a.population,
            measures: inArea.length,
            budgetCents: inArea.reduce((s, m) => s + m.budget.reduce((t, b) => t + b.amountCents, 0), 0),
          };
        }),
    };
  }
}
