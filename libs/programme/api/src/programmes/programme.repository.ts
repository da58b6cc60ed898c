import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { PROGRAMME_CONNECTION } from '../programme.constants';
import type {
  BudgetEntry,
  CreateProgrammeInput,
  FundingPeriod,
  IatiSettings,
  KeyedLabel,
} from './programme.dto';
import { selectExists, selectPage, selectOne } from '@quartier/service-kit';

export interface ProgrammeRow {
  id: string;
  tenantId: string;
  name: string;
  funder: string;
  legalBasis: string;
  description: string;
  status: 'planning' | 'active' | 'closed';
  fundingPeriods: FundingPeriod[];
  budgetLines: KeyedLabel[];
  fieldsOfAction: KeyedLabel[];
  trafficLight: { green: number; amber: number };
  iati: IatiSettings | null;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  areaCount: number;
  measureCount: number;
  budgetCents: string;
}

const COLUMNS = `p.id, p.tenant_id AS "tenantId", p.name, p.funder, p.legal_basis AS "legalBasis",
  p.description, p.status, p.funding_periods AS "fundingPeriods", p.budget_lines AS "budgetLines",
  p.fields_of_action AS "fieldsOfAction", p.traffic_light AS "trafficLight",
  p.iati, p.created_by AS "createdBy", p.created_at AS "createdAt",
  p.updated_at AS "updatedAt",
  (SELECT count(*)::int FROM programme_area a WHERE a.programme_id = p.id) AS "areaCount",
  (SELECT count(*)::int FROM measure m WHERE m.programme_id = p.id) AS "measureCount",
  (SELECT coalesce(sum(amount_cents), 0)::text FROM programme_budget b WHERE b.programme_id = p.id) AS "budgetCents"`;

type EditableFields = Pick<
  ProgrammeRow,
  | 'name'
  | 'funder'
  | 'legalBasis'
  | 'description'
  | 'status'
  | 'fundingPeriods'
  | 'budgetLines'
  | 'fieldsOfAction'
  | 'trafficLight'
  | 'iati'
>;

/**
 * The values of the columns a programme's editor sets, in the order insert and update both list
 * them (name … iati): one list, so the two statements cannot bind a column differently.
 */
function editableValues(p: EditableFields): unknown[] {
  return [
    p.name,
    p.funder,
    p.legalBasis,
    p.description,
    p.status,
    JSON.stringify(p.fundingPeriods),
    JSON.stringify(p.budgetLines),
    JSON.stringify(p.fieldsOfAction),
    JSON.stringify(p.trafficLight),
    p.iati ? JSON.stringify(p.iati) : null,
  ];
}

/** SQL of the programme aggregate: the programme, its budget and its accepted areas. */
@Injectable()
export class ProgrammeRepository {
  constructor(@InjectDataSource(PROGRAMME_CONNECTION) readonly db: DataSource) {}

  async find(
    tenantId: string,
    id: string,
    manager: EntityManager = this.db.manager,
  ): Promise<ProgrammeRow | null> {
    return selectOne<ProgrammeRow>(
      manager,
      `SELECT ${COLUMNS} FROM programme p WHERE p.tenant_id = $1 AND p.id = $2`,
      [tenantId, id],
    );
  }

  /** Programmes of the tenant, optionally only these ids ('all' = no restriction). */
  async list(
    tenantId: string,
    ids: 'all' | readonly string[],
    options: { limit: number; offset: number; status?: string },
  ): Promise<{ rows: ProgrammeRow[]; total: number }> {
    const params = [tenantId, ids === 'all' ? null : ids, options.status ?? null];
    const where = `p.tenant_id = $1 AND ($2::uuid[] IS NULL OR p.id = ANY($2::uuid[])) AND ($3::text IS NULL OR p.status = $3)`;
    return selectPage<ProgrammeRow>(
      this.db,
      { select: COLUMNS, from: 'programme p', where, params, orderBy: 'p.name' },
      options,
    );
  }

  async insert(
    manager: EntityManager,
    tenantId: string,
    createdBy: string,
    input: CreateProgrammeInput,
  ): Promise<string> {
    const [{ id }] = await manager.query(
      `INSERT INTO programme (tenant_id, name, funder, legal_basis, description, status, funding_periods, budget_lines, fields_of_action, traffic_light, iati, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
      [tenantId, ...editableValues(input), createdBy],
    );
    return id as string;
  }

  async update(manager: EntityManager, row: ProgrammeRow): Promise<void> {
    await manager.query(
      `UPDATE programme SET name = $2, funder = $3, legal_basis = $4, description = $5, status = $6,
         funding_periods = $7, budget_lines = $8, fields_of_action = $9, traffic_light = $10,
         iati = $11, updated_at = now()
       WHERE id = $1`,
      [row.id, ...editableValues(row)],
    );
  }

  /** Whether another programme of the tenant (not `exceptId`) has this name. */
  async nameTaken(
    manager: EntityManager,
    tenantId: string,
    name: string,
    exceptId?: string,
  ): Promise<boolean> {
    return selectExists(
      manager,
      `SELECT 1 FROM programme WHERE tenant_id = $1 AND name = $2 AND ($3::uuid IS NULL OR id <> $3::uuid)`,
      [tenantId, name, exceptId ?? null],
    );
  }

  /**
   * Holds the programme's row until the transaction ends: one writer at a time of what is
   * versioned or checked per programme (allocations, area selections, impact models, the budget
   * commitment of measures).
   */
  async lock(manager: EntityManager, programmeId: string): Promise<void> {
    await manager.query(`SELECT id FROM programme WHERE id = $1 FOR UPDATE`, [programmeId]);
  }

  async budget(programmeId: string, manager: EntityManager = this.db.manager): Promise<BudgetEntry[]> {
    const rows: { year: number; line: string; amountCents: string }[] = await manager.query(
      `SELECT year, line, amount_cents::text AS "amountCents" FROM programme_budget WHERE programme_id = $1 ORDER BY year, line`,
      [programmeId],
    );
    return rows.map((r) => ({ year: r.year, line: r.line, amountCents: Number(r.amountCents) }));
  }

  async replaceBudget(
    manager: EntityManager,
    programmeId: string,
    entries: readonly BudgetEntry[],
  ): Promise<void> {
    await manager.query(`DELETE FROM programme_budget WHERE programme_id = $1`, [programmeId]);
    if (entries.length === 0) return;
    await manager.query(
      `INSERT INTO programme_budget (programme_id, year, line, amount_cents)
       SELECT $1, * FROM unnest($2::int[], $3::text[], $4::bigint[])`,
      [
        programmeId,
        entries.map((e) => e.year),
        entries.map((e) => e.line),
        entries.map((e) => e.amountCents),
      ],
    );
  }

  async areaIds(programmeId: string, manager: EntityManager = this.db.manager): Promise<string[]> {
    const rows: { areaId: string }[] = await manager.query(
      `SELECT area_id AS "areaId" FROM programme_area WHERE programme_id = $1`,
      [programmeId],
    );
    return rows.map((r) => r.areaId);
  }

  /** The run the current programme areas were selected from, if any. */
  async selectionRun(programmeId: string, manager: EntityManager = this.db.manager): Promise<string | null> {
    const rows: { runId: string | null }[] = await manager.query(
      `SELECT run_id AS "runId" FROM programme_area_selection WHERE programme_id = $1 ORDER BY accepted_at DESC LIMIT 1`,
      [programmeId],
    );
    return rows[0]?.runId ?? null;
  }
}
