import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { EVALUATION_CONNECTION } from '../evaluation.constants';
import { currentAreaVersionSql, selectPage, selectOne } from '@quartier/service-kit';
import type { AreaRef, EventPayload } from '@quartier/contracts';

/** An area as replicated into `area_ref` (the registry's contract), without tenant and label point. */
export type AreaRow = Omit<AreaRef, 'tenantId' | 'labelPoint'>;

export interface ProgrammeRefRow {
  id: string;
  name: string;
  funder: string;
  status: string;
  fundingPeriods: { from: string; to: string }[];
  areaIds: string[];
  indexRunId: string | null;
}

export interface MeasureRefRow {
  id: string;
  programmeId: string;
  title: string;
  areaIds: string[];
  fieldOfAction: string | null;
  status: string;
  plannedStart: string | null;
  plannedEnd: string | null;
  actualStart: string | null;
  actualEnd: string | null;
  budgetCents: number;
}

const AREA = `a.id, a.code, a.name, a.level, a.parent_id AS "parentId", a.path, a.population, a.version_id AS "versionId"`;
const PROGRAMME = `p.id, p.name, p.funder, p.status, p.funding_periods AS "fundingPeriods", p.area_ids AS "areaIds",
  p.index_run_id AS "indexRunId"`;
const MEASURE = `m.id, m.programme_id AS "programmeId", m.title, m.area_ids AS "areaIds", m.field_of_action AS "fieldOfAction",
  m.status, to_char(m.planned_start, 'YYYY-MM-DD') AS "plannedStart", to_char(m.planned_end, 'YYYY-MM-DD') AS "plannedEnd",
  to_char(m.actual_start, 'YYYY-MM-DD') AS "actualStart", to_char(m.actual_end, 'YYYY-MM-DD') AS "actualEnd",
  m.budget_cents::float8 AS "budgetCents"`;

/** SQL over the replicated facts: areas (registry), programmes and measures (programme service). */
@Injectable()
export class RefsRepository {
  constructor(@InjectDataSource(EVALUATION_CONNECTION) readonly db: DataSource) {}

  async areas(
    tenantId: string,
    ids: readonly string[],
    manager: EntityManager = this.db.manager,
  ): Promise<Map<string, AreaRow>> {
    if (ids.length === 0) return new Map();
    const rows: AreaRow[] = await manager.query(
      `SELECT ${AREA} FROM area_ref a WHERE a.tenant_id = $1 AND a.id = ANY($2::uuid[])`,
      [tenantId, [...new Set(ids)]],
    );
    return new Map(rows.map((r) => [r.id, r]));
  }

  /** Every area of one level in one area version, by code: the city an evaluation compares with. */
  async level(tenantId: string, level: string, versionId: string): Promise<AreaRow[]> {
    return this.db.query(
      `SELECT ${AREA} FROM area_ref a WHERE a.tenant_id = $1 AND a.level = $2 AND a.version_id = $3 ORDER BY a.code`,
      [tenantId, level, versionId],
    );
  }

  /**
   * Areas by code in the area version current on `today` (the registry's rule,
   * `currentAreaVersionSql`): a superseded version's area with a reused code, or one of a version
   * imported ahead of its date, is not the area the code names now. Codes are unique within a
   * level and version.
   */
  async byCodes(tenantId: string, codes: readonly string[], today: string): Promise<AreaRow[]> {
    if (codes.length === 0) return [];
    return this.db.query(
      `SELECT ${AREA} FROM area_ref a
        WHERE a.tenant_id = $1 AND a.code = ANY($2::text[]) AND a.valid_from = ${currentAreaVersionSql('$1', '$3')}
        ORDER BY a.code`,
      [tenantId, [...new Set(codes)], today],
    );
  }

  async programme(tenantId: string, id: string): Promise<ProgrammeRefRow | null> {
    return this.programmeWhere('id', tenantId, id);
  }

  async programmeByName(tenantId: string, name: string): Promise<ProgrammeRefRow | null> {
    return this.programmeWhere('name', tenantId, name);
  }

  private programmeWhere(column: 'id' | 'name', tenantId: string, value: string) {
    return selectOne<ProgrammeRefRow>(
      this.db,
      `SELECT ${PROGRAMME} FROM programme_ref p WHERE p.tenant_id = $1 AND p.${column} = $2`,
      [tenantId, value],
    );
  }

  async programmes(
    tenantId: string,
    scope: 'all' | readonly string[],
    page: { limit: number; offset: number },
  ): Promise<{ rows: (ProgrammeRefRow & { measureCount: number })[]; total: number }> {
    const params = [tenantId, scope === 'all' ? null : scope];
    const where = `p.tenant_id = $1 AND ($2::text[] IS NULL OR p.id::text = ANY($2::text[]))`;
    return selectPage<ProgrammeRefRow & { measureCount: number }>(
      this.db,
      {
        select: `${PROGRAMME},
         (SELECT count(*)::int FROM measure_ref m WHERE m.programme_id = p.id AND m.tenant_id = p.tenant_id) AS "measureCount"`,
        from: 'programme_ref p',
        where,
        params,
        orderBy: 'p.name, p.id',
      },
      page,
    );
  }

  async measure(tenantId: string, id: string): Promise<MeasureRefRow | null> {
    return selectOne<MeasureRefRow>(
      this.db,
      `SELECT ${MEASURE} FROM measure_ref m WHERE m.tenant_id = $1 AND m.id = $2`,
      [tenantId, id],
    );
  }

  async measures(
    tenantId: string,
    programmeId: string,
    page: { limit: number; offset: number },
  ): Promise<{ rows: MeasureRefRow[]; total: number }> {
    return selectPage<MeasureRefRow>(
      this.db,
      {
        select: MEASURE,
        from: 'measure_ref m',
        where: 'm.tenant_id = $1 AND m.programme_id = $2',
        params: [tenantId, programmeId],
        orderBy: 'm.title, m.id',
      },
      page,
    );
  }

  /**
   * Writes a programme as the programme service published it; a copy of a later event stays
   * (a replay after a rebalance cannot roll a programme's areas back), as does another tenant's.
   */
  async upsertProgramme(
    manager: EntityManager,
    p: EventPayload<'programme.programme.upserted'>,
    at: string,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO programme_ref (id, tenant_id, name, funder, status, funding_periods, area_ids, index_run_id, event_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7::uuid[], $8, $9)
       ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, funder = EXCLUDED.funder, status = EXCLUDED.status,
         funding_periods = EXCLUDED.funding_periods, area_ids = EXCLUDED.area_ids,
         index_run_id = EXCLUDED.index_run_id, event_at = EXCLUDED.event_at
       WHERE programme_ref.tenant_id = EXCLUDED.tenant_id AND programme_ref.event_at <= EXCLUDED.event_at`,
      [
        p.id,
        p.tenantId,
        p.name,
        p.funder,
        p.status,
        JSON.stringify(p.fundingPeriods),
        [...new Set(p.areaIds)],
        p.indexRunId,
        at,
      ],
    );
  }

  /** Writes a measure as published; like a programme, a later copy and another tenant's stay. */
  async upsertMeasure(
    manager: EntityManager,
    m: EventPayload<'programme.measure.upserted'>,
    at: string,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO measure_ref (id, tenant_id, programme_id, title, area_ids, field_of_action, status, planned_start,
         planned_end, actual_start, actual_end, budget_cents, event_at)
       VALUES ($1, $2, $3, $4, $5::uuid[], $6, $7, $8, $9, $10, $11, $12, $13)
       ON CONFLICT (id) DO UPDATE SET programme_id = EXCLUDED.programme_id, title = EXCLUDED.title,
         area_ids = EXCLUDED.area_ids, field_of_action = EXCLUDED.field_of_action, status = EXCLUDED.status,
         planned_start = EXCLUDED.planned_start, planned_end = EXCLUDED.planned_end,
         actual_start = EXCLUDED.actual_start, actual_end = EXCLUDED.actual_end,
         budget_cents = EXCLUDED.budget_cents, event_at = EXCLUDED.event_at
       WHERE measure_ref.tenant_id = EXCLUDED.tenant_id AND measure_ref.event_at <= EXCLUDED.event_at`,
      [
        m.id,
        m.tenantId,
        m.programmeId,
        m.title,
        [...new Set(m.areaIds)],
        m.fieldOfAction,
        m.status,
        m.plannedStart,
        m.plannedEnd,
        m.actualStart,
        m.actualEnd,
        m.budgetCents,
        at,
      ],
    );
  }
}
