import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { MeasureStatus } from '@quartier/programme-core';
import type { DataSource, EntityManager } from 'typeorm';
import { PROGRAMME_CONNECTION } from '../programme.constants';
import type { BudgetEntry, ListMeasuresQuery } from './measure.dto';
import { likeContaining, selectPage, selectOne } from '@quartier/service-kit';

export interface MeasureRow {
  id: string;
  tenantId: string;
  programmeId: string;
  title: string;
  description: string;
  areaIds: string[];
  fieldOfAction: string | null;
  responsibleName: string;
  responsibleActorId: string | null;
  targetGroups: string[];
  budget: BudgetEntry[];
  plannedStart: string | null;
  plannedEnd: string | null;
  actualStart: string | null;
  actualEnd: string | null;
  status: MeasureStatus;
  deliberateOverCommitment: boolean;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface TransitionRow {
  from: MeasureStatus | null;
  to: MeasureStatus;
  by: string;
  at: Date;
  comment: string;
}

const COLUMNS = `m.id, m.tenant_id AS "tenantId", m.programme_id AS "programmeId", m.title, m.description,
  m.area_ids AS "areaIds", m.field_of_action AS "fieldOfAction", m.responsible_name AS "responsibleName",
  m.responsible_actor_id AS "responsibleActorId", m.target_groups AS "targetGroups", m.budget,
  to_char(m.planned_start, 'YYYY-MM-DD') AS "plannedStart", to_char(m.planned_end, 'YYYY-MM-DD') AS "plannedEnd",
  to_char(m.actual_start, 'YYYY-MM-DD') AS "actualStart", to_char(m.actual_end, 'YYYY-MM-DD') AS "actualEnd",
  m.status, m.deliberate_overcommitment AS "deliberateOverCommitment", m.created_by AS "createdBy",
  m.created_at AS "createdAt", m.updated_at AS "updatedAt"`;

/** SQL of the measure aggregate: the measure, its audit trail and its expenditures. */
@Injectable()
export class MeasureRepository {
  constructor(@InjectDataSource(PROGRAMME_CONNECTION) readonly db: DataSource) {}

  async find(
    tenantId: string,
    id: string,
    manager: EntityManager = this.db.manager,
  ): Promise<MeasureRow | null> {
    return selectOne<MeasureRow>(
      manager,
      `SELECT ${COLUMNS} FROM measure m WHERE m.tenant_id = $1 AND m.id = $2`,
      [tenantId, id],
    );
  }

  /** The areas a measure works in (none for an unknown measure). */
  async areaIds(measureId: string): Promise<string[]> {
    const rows: { areaIds: string[] }[] = await this.db.query(
      `SELECT area_ids AS "areaIds" FROM measure WHERE id = $1`,
      [measureId],
    );
    return rows[0]?.areaIds ?? [];
  }

  async ofProgramme(programmeId: string, manager: EntityManager = this.db.manager): Promise<MeasureRow[]> {
    return manager.query(
      `SELECT ${COLUMNS} FROM measure m WHERE m.programme_id = $1 ORDER BY m.title, m.id`,
      [programmeId],
    );
  }

  async list(
    programmeId: string,
    query: ListMeasuresQuery,
    areaScope: 'all' | readonly string[],
  ): Promise<{ rows: MeasureRow[]; total: number }> {
    // An area filter or scope matches a measure when one of its areas lies in the subtree.
    const where = `m.programme_id = $1
      AND ($2::text IS NULL OR m.status = $2)
      AND ($3::text IS NULL OR m.field_of_action = $3)
      AND ($4::uuid IS NULL OR EXISTS (SELECT 1 FROM area_ref a WHERE a.id = ANY(m.area_ids) AND ($4 = a.id OR $4 = ANY(a.path))))
      AND ($5::text IS NULL OR m.title ILIKE $5 OR m.responsible_name ILIKE $5)
      AND ($6::uuid[] IS NULL OR EXISTS (SELECT 1 FROM area_ref a WHERE a.id = ANY(m.area_ids) AND (a.id = ANY($6) OR a.path && $6)))`;
    const params = [
      programmeId,
      query.status ?? null,
      query.fieldOfAction ?? null,
      query.areaId ?? null,
      query.q ? likeContaining(query.q) : null,
      areaScope === 'all' ? null : areaScope,
    ];
    return selectPage<MeasureRow>(
      this.db,
      { select: COLUMNS, from: 'measure m', where, params, orderBy: 'm.title, m.id' },
      query,
    );
  }

  async insert(
    manager: EntityManager,
    row: Omit<MeasureRow, 'id' | 'createdAt' | 'updatedAt'>,
  ): Promise<string> {
    const [{ id }] = await manager.query(
      `INSERT INTO measure (tenant_id, programme_id, title, description, area_ids, field_of_action, responsible_name,
         responsible_actor_id, target_groups, budget, planned_start, planned_end, actual_start, actual_end, status,
         deliberate_overcommitment, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) RETURNING id`,
      [row.tenantId, row.programmeId, ...editableValues(row), row.createdBy],
    );
    return id as string;
  }

  async update(manager: EntityManager, row: MeasureRow): Promise<void> {
    await manager.query(
      `UPDATE measure SET title = $2, description = $3, area_ids = $4, field_of_action = $5, responsible_name = $6,
         responsible_actor_id = $7, target_groups = $8, budget = $9, planned_start = $10, planned_end = $11,
         actual_start = $12, actual_end = $13, status = $14, deliberate_overcommitment = $15, updated_at = now()
       WHERE id = $1`,
      [row.id, ...editableValues(row)],
    );
  }

  /** Marks the measure changed (its expenditures were replaced). */
  async touch(manager: EntityManager, measureId: string): Promise<void> {
    await manager.query(`UPDATE measure SET updated_at = now() WHERE id = $1`, [measureId]);
  }

  async addTransition(manager: EntityManager, measureId: string, entry: TransitionRow): Promise<void> {
    await manager.query(
      `INSERT INTO measure_transition (measure_id, from_status, to_status, by_subject, at, comment) VALUES ($1, $2, $3, $4, $5, $6)`,
      [measureId, entry.from, entry.to, entry.by, entry.at, entry.comment],
    );
  }

  async transitions(measureId: string): Promise<TransitionRow[]> {
    return this.db.query(
      `SELECT from_status AS "from", to_status AS "to", by_subject AS "by", at, comment
         FROM measure_transition WHERE measure_id = $1 ORDER BY id`,
      [measureId],
    );
  }

  async expenditures(measureIds: readonly string[], manager: EntityManager = this.db.manager) {
    if (measureIds.length === 0) return new Map<string, BudgetEntry[]>();
    const rows: (BudgetEntry & { measureId: string })[] = await manager.query(
      `SELECT measure_id AS "measureId", year, line, amount_cents::float8 AS "amountCents"
         FROM measure_expenditure WHERE measure_id = ANY($1::uuid[]) ORDER BY year, line`,
      [measureIds],
    );
    const byMeasure = new Map<string, BudgetEntry[]>();
    for (const r of rows) {
      const list = byMeasure.get(r.measureId) ?? [];
      list.push({ year: r.year, line: r.line, amountCents: r.amountCents });
      byMeasure.set(r.measureId, list);
    }
    return byMeasure;
  }

  async replaceExpenditures(
    manager: EntityManager,
    measureId: string,
    entries: readonly BudgetEntry[],
  ): Promise<void> {
    await manager.query(`DELETE FROM measure_expenditure WHERE measure_id = $1`, [measureId]);
    if (entries.length === 0) return;
    await manager.query(
      `INSERT INTO measure_expenditure (measure_id, year, line, amount_cents) SELECT $1, * FROM unnest($2::int[], $3::text[], $4::bigint[])`,
      [measureId, entries.map((e) => e.year), entries.map((e) => e.line), entries.map((e) => e.amountCents)],
    );
  }
}

/** The columns a proposal sets and an update changes, in the order both statements name them. */
function editableValues(row: Omit<MeasureRow, 'id' | 'createdAt' | 'updatedAt'>): unknown[] {
  return [
    row.title,
    row.description,
    row.areaIds,
    row.fieldOfAction,
    row.responsibleName,
    row.responsibleActorId,
    row.targetGroups,
    JSON.stringify(row.budget),
    row.plannedStart,
    row.plannedEnd,
    row.actualStart,
    row.actualEnd,
    row.status,
    row.deliberateOverCommitment,
  ];
}
