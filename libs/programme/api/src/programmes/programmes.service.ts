import { Injectable } from '@nestjs/common';
import { assertCanAct, scopeProgrammes, type Caller } from '@quartier/auth';
import { ProgrammeAccess } from '../access/programme-access.service';
import { PROGRAMME_MANAGERS, PROGRAMME_READERS } from '../programme.constants';
import { ProgrammeServiceError } from '../programme.errors';
import { ProgrammeEvents } from './programme-events';
import type {
  BudgetEntry,
  BudgetInput,
  CreateProgrammeInput,
  ProgrammeView,
  UpdateProgrammeInput,
} from './programme.dto';
import { ProgrammeRepository, type ProgrammeRow } from './programme.repository';

/** Programmes: create, read within programme scope, change, and their budget per year × line. */
@Injectable()
export class ProgrammesService {
  constructor(
    private readonly programmes: ProgrammeRepository,
    private readonly access: ProgrammeAccess,
    private readonly events: ProgrammeEvents,
  ) {}

  async list(caller: Caller, query: { limit: number; offset: number; status?: string }) {
    const scope = scopeProgrammes(caller.access.principal, caller.access.assignments, PROGRAMME_READERS);
    const { rows, total } = await this.programmes.list(caller.tenantId, scope, query);
    return { items: rows.map((r) => this.present(caller, r)), total };
  }

  async get(caller: Caller, id: string): Promise<ProgrammeView> {
    return this.present(caller, await this.access.programme(caller, id, PROGRAMME_READERS));
  }

  async create(caller: Caller, input: CreateProgrammeInput): Promise<ProgrammeView> {
    // A new programme is outside any existing programme scope: only tenant-wide managers.
    assertCanAct(caller.access.principal, caller.access.assignments, PROGRAMME_MANAGERS, {
      programmeId: null,
    });
    const id = await this.programmes.db.transaction(async (manager) => {
      if (await this.programmes.nameTaken(manager, caller.tenantId, input.name))
        throw new ProgrammeServiceError('ProgrammeExists', `a programme named ${input.name} exists`, {
          field: 'name',
        });
      const created = await this.programmes.insert(manager, caller.tenantId, caller.subject, input);
      await this.events.programmeChanged(manager, caller.tenantId, created);
      return created;
    });
    return this.get(caller, id);
  }

  async update(caller: Caller, id: string, input: UpdateProgrammeInput): Promise<ProgrammeView> {
    await this.programmes.db.transaction(async (manager) => {
      const row = await this.access.programme(caller, id, PROGRAMME_MANAGERS, manager);
      const next: ProgrammeRow = {
        ...row,
        ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)),
      } as ProgrammeRow;
      if (input.name && input.name !== row.name) {
        if (await this.programmes.nameTaken(manager, caller.tenantId, input.name, id))
          throw new ProgrammeServiceError('ProgrammeExists', `a programme named ${input.name} exists`, {
            field: 'name',
          });
      }
      await this.checkBudgetStillFits(id, next, manager);
      await this.programmes.update(manager, next);
      await this.events.programmeChanged(manager, caller.tenantId, id);
    });
    return this.get(caller, id);
  }

  async budget(caller: Caller, id: string): Promise<{ entries: BudgetEntry[] }> {
    await this.access.programme(caller, id, PROGRAMME_READERS);
    return { entries: await this.programmes.budget(id) };
  }

  /** Replaces the whole budget table; every entry must name a line and a year of the programme. */
  async replaceBudget(caller: Caller, id: string, input: BudgetInput): Promise<{ entries: BudgetEntry[] }> {
    await this.programmes.db.transaction(async (manager) => {
      const row = await this.access.programme(caller, id, PROGRAMME_MANAGERS, manager);
      const problems = budgetProblems(row, input.entries);
      if (problems.length > 0)
        throw new ProgrammeServiceError('InvalidBudget', problems[0].message, { problems });
      await this.programmes.replaceBudget(manager, id, input.entries);
    });
    return { entries: await this.programmes.budget(id) };
  }

  private async checkBudgetStillFits(
    id: string,
    next: ProgrammeRow,
    manager: Parameters<ProgrammeRepository['budget']>[1],
  ) {
    const problems = budgetProblems(next, await this.programmes.budget(id, manager));
    if (problems.length > 0)
      throw new ProgrammeServiceError(
        'InvalidProgramme',
        `the budget table no longer fits: ${problems[0].message}`,
        { problems },
      );
  }

  present(caller: Caller, row: ProgrammeRow): ProgrammeView {
    return {
      id: row.id,
      name: row.name,
      funder: row.funder,
      legalBasis: row.legalBasis,
      description: row.description,
      status: row.status,
      fundingPeriods: row.fundingPeriods,
      budgetLines: row.budgetLines,
      fieldsOfAction: row.fieldsOfAction,
      trafficLight: row.trafficLight,
      iati: row.iati,
      areaCount: row.areaCount,
      measureCount: row.measureCount,
      budgetCents: Number(row.budgetCents),
      createdBy: row.createdBy,
      createdAt: new Date(row.createdAt).toISOString(),
      updatedAt: new Date(row.updatedAt).toISOString(),
      manageable: this.access.canManage(caller.access, row.id),
    };
  }
}

/** Years a programme funds: every calendar year touched by one of its funding periods. */
export function fundedYears(row: Pick<ProgrammeRow, 'fundingPeriods'>): Set<number> {
  const years = new Set<number>();
  for (const p of row.fundingPeriods)
    for (let y = Number(p.from.slice(0, 4)); y <= Number(p.to.slice(0, 4)); y++) years.add(y);
  return years;
}

export function budgetProblems(
  row: Pick<ProgrammeRow, 'fundingPeriods' | 'budgetLines'>,
  entries: readonly BudgetEntry[],
): { field: string; message: string }[] {
  const years = fundedYears(row);
  const lines = new Set(row.budgetLines.map((l) => l.key));
  const seen = new Set<string>();
  const problems: { field: string; message: string }[] = [];
  entries.forEach((e, i) => {
    if (!lines.has(e.line))
      problems.push({
        field: `entries.${i}.line`,
        message: `entries.${i}.line: unknown budget line ${e.line}`,
      });
    if (!years.has(e.year))
      problems.push({
        field: `entries.${i}.year`,
        message: `entries.${i}.year: ${e.year} lies outside the programme's funding periods`,
      });
    const key = `${e.year}/${e.line}`;
    if (seen.has(key))
      problems.push({ field: `entries.${i}`, message: `entries.${i}: ${e.line} ${e.year} is listed twice` });
    seen.add(key);
  });
  return problems;
}
