import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CriterionRating, EvaluationStatus, WorkflowAction } from '@quartier/evaluation-core';
import type { DataSource, EntityManager } from 'typeorm';
import type { StoredDesign } from '../design/design.dto';
import { EVALUATION_CONNECTION } from '../evaluation.constants';
import { selectExists, selectPage, selectOne } from '@quartier/service-kit';

export type ObjectKind = 'programme' | 'measure' | 'areas';

export interface EvaluationRow {
  id: string;
  tenantId: string;
  title: string;
  objectKind: ObjectKind;
  programmeId: string | null;
  measureId: string | null;
  /** The areas chosen directly (object `areas`). */
  areaIds: string[];
  startPeriod: string;
  status: EvaluationStatus;
  questions: string[];
  ratings: CriterionRating[];
  findings: string[];
  recommendations: string[];
  design: StoredDesign;
  /**
   * Root area ids of the subtrees matching looks for comparison areas in, fixed from the area
   * scope of whoever last saved the design; null: city-wide.
   */
  comparisonPool: string[] | null;
  snapshotId: string | null;
  submittedBy: string | null;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  finalisedBy: string | null;
  finalisedAt: Date | null;
}

export interface TransitionRow {
  /** `create` opens the trail; the others are workflow steps. */
  action: WorkflowAction | 'create';
  from: EvaluationStatus | null;
  to: EvaluationStatus;
  by: string;
  at: Date;
  comment: string;
}

/** Which evaluations a caller may see: 'all' or the programme ids / area subtree roots. */
export interface ListScope {
  programmes: 'all' | readonly string[];
  /** For evaluations of chosen areas. */
  areas: 'all' | readonly string[];
  /** For programme and measure evaluations: the area scope within a programme, else `other`. */
  programmeAreas:
    'all' | { other: readonly string[]; byProgramme: Readonly<Record<string, 'all' | readonly string[]>> };
}

const COLUMNS = `e.id, e.tenant_id AS "tenantId", e.title, e.object_kind AS "objectKind", e.programme_id AS "programmeId",
  e.measure_id AS "measureId", e.area_ids AS "areaIds", e.start_period AS "startPeriod", e.status, e.questions,
  e.ratings, e.findings, e.recommendations, e.design, e.comparison_pool AS "comparisonPool", e.snapshot_id AS "snapshotId", e.submitted_by AS "submittedBy",
  e.created_by AS "createdBy", e.created_at AS "createdAt", e.updated_at AS "updatedAt",
  e.finalised_by AS "finalisedBy", e.finalised_at AS "finalisedAt"`;

/** SQL of the evaluation aggregate: the evaluation and its audit trail. */
@Injectable()
export class EvaluationRepository {
  constructor(@InjectDataSource(EVALUATION_CONNECTION) readonly db: DataSource) {}

  /** The evaluation of this tenant; `lock` holds it for the rest of the transaction. */
  async find(
    tenantId: string,
    id: string,
    manager: EntityManager = this.db.manager,
    lock = false,
  ): Promise<EvaluationRow | null> {
    return selectOne<EvaluationRow>(
      manager,
      `SELECT ${COLUMNS} FROM evaluation e WHERE e.tenant_id = $1 AND e.id = $2${lock ? ' FOR UPDATE' : ''}`,
      [tenantId, id],
    );
  }

  async titleTaken(
    manager: EntityManager,
    tenantId: string,
    title: string,
    except?: string,
  ): Promise<boolean> {
    return selectExists(
      manager,
      `SELECT 1 FROM evaluation WHERE tenant_id = $1 AND title = $2 AND ($3::uuid IS NULL OR id <> $3)`,
      [tenantId, title, except ?? null],
    );
  }

  /**
   * Evaluations the scope lets a caller read: programme and measure evaluations by programme and
   * when every area the programme or measure has now lies in the area scope within that
   * programme (as EvaluationAccess checks one), evaluations of chosen areas when every one of
   * their areas lies in the area scope. An area that left the registry is in no limited scope.
   */
  async list(
    tenantId: string,
    scope: ListScope,
    query: { limit: number; offset: number; status?: string; programmeId?: string },
  ): Promise<{ rows: EvaluationRow[]; total: number }> {
    const where = `e.tenant_id = $1
      AND ($2::text IS NULL OR e.status = $2)
      AND ($3::uuid IS NULL OR e.programme_id = $3)
      AND ((e.object_kind <> 'areas' AND ($4::text[] IS NULL OR e.programme_id::text = ANY($4::text[]))
          AND ($6::jsonb IS NULL OR NOT EXISTS (
            SELECT 1 FROM unnest(COALESCE(CASE e.object_kind
                     WHEN 'programme' THEN (SELECT p.area_ids FROM programme_ref p
                                             WHERE p.tenant_id = e.tenant_id AND p.id = e.programme_id)
                     ELSE (SELECT m.area_ids FROM measure_ref m WHERE m.tenant_id = e.tenant_id AND m.id = e.measure_id)
                   END, '{}')) AS evaluated(area_id)
              CROSS JOIN LATERAL (SELECT COALESCE($6::jsonb -> e.programme_id::text, $6::jsonb -> '*') AS roots) s
              LEFT JOIN area_ref a ON a.id = evaluated.area_id AND a.tenant_id = e.tenant_id
             WHERE s.roots <> 'null'::jsonb AND (a.id IS NULL OR NOT EXISTS (
                     SELECT 1 FROM jsonb_array_elements_text(s.roots) AS root(id)
                      WHERE root.id::uuid = a.id OR root.id::uuid = ANY(a.path))))))
        OR (e.object_kind = 'areas' AND ($5::uuid[] IS NULL OR NOT EXISTS (
              SELECT 1 FROM unnest(e.area_ids) AS chosen(area_id)
                LEFT JOIN area_ref a ON a.id = chosen.area_id AND a.tenant_id = e.tenant_id
               WHERE a.id IS NULL OR NOT (a.id = ANY($5::uuid[]) OR a.path && $5::uuid[])))))`;
    const { programmeAreas } = scope;
    const params = [
      tenantId,
      query.status ?? null,
      query.programmeId ?? null,
      scope.programmes === 'all' ? null : scope.programmes,
      scope.areas === 'all' ? null : scope.areas,
      // Area roots by programme id, '*' for any other programme; null (JSON) for no limit.
      programmeAreas === 'all'
        ? null
        : JSON.stringify({
            '*': programmeAreas.other,
            ...Object.fromEntries(
              Object.entries(programmeAreas.byProgramme).map(([id, roots]) => [
                id,
                roots === 'all' ? null : roots,
              ]),
            ),
          }),
    ];
    return selectPage<EvaluationRow>(
      this.db,
      { select: COLUMNS, from: 'evaluation e', where, params, orderBy: 'e.created_at DESC, e.id' },
      query,
    );
  }

  async insert(
    manager: EntityManager,
    row: Pick<
      EvaluationRow,
      | 'tenantId'
      | 'title'
      | 'objectKind'
      | 'programmeId'
      | 'measureId'
      | 'areaIds'
      | 'startPeriod'
      | 'questions'
      | 'design'
      | 'comparisonPool'
      | 'createdBy'
      | 'createdAt'
    >,
  ): Promise<string> {
    const [{ id }] = await manager.query(
      `INSERT INTO evaluation (tenant_id, title, object_kind, programme_id, measure_id, area_ids, start_period, questions,
         design, comparison_pool, created_by, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6::uuid[], $7, $8, $9, $10::uuid[], $11, $12, $12) RETURNING id`,
      [
        row.tenantId,
        row.title,
        row.objectKind,
        row.programmeId,
        row.measureId,
        row.areaIds,
        row.startPeriod,
        JSON.stringify(row.questions),
        JSON.stringify(row.design),
        row.comparisonPool,
        row.createdBy,
        row.createdAt,
      ],
    );
    return id as string;
  }

  /** Writes every changeable column of the row. */
  async update(manager: EntityManager, row: EvaluationRow, at: Date): Promise<void> {
    await manager.query(
      `UPDATE evaluation SET title = $2, start_period = $3, status = $4, questions = $5, ratings = $6, findings = $7,
         recommendations = $8, design = $9, snapshot_id = $10, submitted_by = $11, finalised_by = $12,
         finalised_at = $13, updated_at = $14, comparison_pool = $15::uuid[]
       WHERE id = $1`,
      [
        row.id,
        row.title,
        row.startPeriod,
        row.status,
        JSON.stringify(row.questions),
        JSON.stringify(row.ratings),
        JSON.stringify(row.findings),
        JSON.stringify(row.recommendations),
        JSON.stringify(row.design),
        row.snapshotId,
        row.submittedBy,
        row.finalisedBy,
        row.finalisedAt,
        at,
        row.comparisonPool,
      ],
    );
  }

  async addTransition(manager: EntityManager, evaluationId: string, entry: TransitionRow): Promise<void> {
    await manager.query(
      `INSERT INTO evaluation_transition (evaluation_id, action, from_status, to_status, by_subject, at, comment)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [evaluationId, entry.action, entry.from, entry.to, entry.by, entry.at, entry.comment],
    );
  }

  async transitions(evaluationId: string): Promise<TransitionRow[]> {
    return this.db.query(
      `SELECT action, from_status AS "from", to_status AS "to", by_subject AS "by", at, comment
         FROM evaluation_transition WHERE evaluation_id = $1 ORDER BY id`,
      [evaluationId],
    );
  }
}
