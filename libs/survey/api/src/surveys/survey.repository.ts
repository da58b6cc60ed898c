import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Form } from '@quartier/survey-core';
import type { DataSource, EntityManager } from 'typeorm';
import { SURVEY_CONNECTION } from '../survey.constants';
import { SurveyApiError } from '../survey.errors';
import type { IndicatorItem, NetworkConfig, Weighting } from './survey.dto';
import { isUuid, selectExists, selectOne, selectPage, SqlWhere } from '@quartier/service-kit';

export interface SurveyRow {
  id: string;
  tenantId: string;
  title: string;
  type: 'resident' | 'network';
  status: 'draft' | 'open' | 'closed';
  scopeAreaId: string;
  scopeAreaPath: string[];
  k: number;
  formVersion: number;
  indicatorItems: IndicatorItem[];
  network: NetworkConfig | null;
  weighting: Weighting | null;
  updatedAt: Date;
}

/** A survey as created: by an editor (a draft) or by the demo seeder (open, with indicator items). */
export interface NewSurvey {
  tenantId: string;
  title: string;
  type: 'resident' | 'network';
  status?: 'draft' | 'open';
  scopeAreaId: string;
  scopeAreaPath: readonly string[];
  k: number;
  formVersion: number;
  indicatorItems?: readonly IndicatorItem[];
  createdBy: string;
}

/** Fields an editor changes; undefined keeps the stored value, null clears network and weighting. */
export interface SurveyPatch {
  title?: string;
  k?: number;
  indicatorItems?: readonly IndicatorItem[];
  network?: NetworkConfig | null;
  weighting?: Weighting | null;
}

export interface SurveyListFilter {
  status?: string;
  limit: number;
  offset: number;
  /** Viewers read published results only: drafts are left out. */
  excludeDrafts?: boolean;
  /** Only surveys with a target area that is this area, lies in it or contains it. */
  coveringArea?: string;
}

const SURVEY_COLUMNS = `id, tenant_id AS "tenantId", title, type, status, scope_area_id AS "scopeAreaId", scope_area_path AS "scopeAreaPath",
  k, form_version AS "formVersion", indicator_items AS "indicatorItems", network, weighting, updated_at AS "updatedAt"`;

/**
 * SQL of the survey aggregate's root: `survey` and its immutable form versions (`survey_form`).
 * Shared by the admin, public and results paths.
 */
@Injectable()
export class SurveyRepository {
  constructor(@InjectDataSource(SURVEY_CONNECTION) private readonly db: DataSource) {}

  /** The tenant's survey; SurveyNotFound otherwise. `lock` holds the row until the transaction ends. */
  async find(
    tenantId: string,
    id: string,
    manager: EntityManager = this.db.manager,
    lock = false,
  ): Promise<SurveyRow> {
    return this.findWhere(manager, id, `id = $1 AND tenant_id = $2${lock ? ' FOR UPDATE' : ''}`, [
      id,
      tenantId,
    ]);
  }

  /** For the public paths, which know no tenant: the survey id alone. */
  async findPublic(id: string): Promise<SurveyRow> {
    return this.findWhere(this.db, id, 'id = $1', [id]);
  }

  /** An id that is no uuid names no survey (PostgreSQL would refuse it rather than answer none). */
  private async findWhere(
    db: DataSource | EntityManager,
    id: string,
    where: string,
    params: unknown[],
  ): Promise<SurveyRow> {
    const row = isUuid(id)
      ? await selectOne<SurveyRow>(db, `SELECT ${SURVEY_COLUMNS} FROM survey WHERE ${where}`, params)
      : null;
    if (!row) throw new SurveyApiError('SurveyNotFound', `survey ${id} not found`);
    return row;
  }

  /** A page of the tenant's surveys whose scope path meets `scope`, newest change first, and the total. */
  async list(
    tenantId: string,
    scope: 'all' | readonly string[],
    filter: SurveyListFilter,
  ): Promise<{ rows: SurveyRow[]; total: number }> {
    const { where, params } = new SqlWhere(
      filter.excludeDrafts ? `tenant_id = $1 AND status <> 'draft'` : 'tenant_id = $1',
      [tenantId],
    )
      // A survey covers an area when one of its target areas is the area, lies within it
      // (the area is on the target's path) or contains it (the target is on the area's path).
      .and(
        `EXISTS (
        SELECT 1 FROM survey_target_area t JOIN area_ref r ON r.id = t.area_id AND r.tenant_id = $1
         WHERE t.survey_id = survey.id
           AND (t.area_id = $?::uuid OR $?::uuid = ANY(r.path)
                OR t.area_id = ANY(coalesce((SELECT path FROM area_ref WHERE id = $?::uuid AND tenant_id = $1), '{}'))))`,
        filter.coveringArea,
      )
      .and('status = $?', filter.status)
      .and('scope_area_path && $?::uuid[]', scope === 'all' ? null : scope);
    return selectPage<SurveyRow>(
      this.db,
      { select: SURVEY_COLUMNS, from: 'survey', where, params, orderBy: 'updated_at DESC, id' },
      filter,
    );
  }

  async existsWithTitle(tenantId: string, title: string): Promise<boolean> {
    return selectExists(this.db, `SELECT 1 FROM survey WHERE tenant_id = $1 AND title = $2`, [
      tenantId,
      title,
    ]);
  }

  /** Inserts a survey; returns its id. */
  async insert(manager: EntityManager, survey: NewSurvey): Promise<string> {
    const [{ id }]: { id: string }[] = await manager.query(
      `INSERT INTO survey (tenant_id, title, type, status, scope_area_id, scope_area_path, k, form_version, created_by, indicator_items)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
      [
        survey.tenantId,
        survey.title,
        survey.type,
        survey.status ?? 'draft',
        survey.scopeAreaId,
        survey.scopeAreaPath,
        survey.k,
        survey.formVersion,
        survey.createdBy,
        JSON.stringify(survey.indicatorItems ?? []),
      ],
    );
    return id;
  }

  /** Applies an editor's patch and marks the survey changed. */
  async update(manager: EntityManager, id: string, patch: SurveyPatch): Promise<void> {
    await manager.query(
      `UPDATE survey SET title = coalesce($2, title), k = coalesce($3, k),
          indicator_items = coalesce($4::jsonb, indicator_items),
          network = CASE WHEN $5::boolean THEN $6::jsonb ELSE network END,
          weighting = CASE WHEN $7::boolean THEN $8::jsonb ELSE weighting END,
          updated_at = now()
        WHERE id = $1`,
      [
        id,
        patch.title ?? null,
        patch.k ?? null,
        patch.indicatorItems ? JSON.stringify(patch.indicatorItems) : null,
        patch.network !== undefined,
        patch.network ? JSON.stringify(patch.network) : null,
        patch.weighting !== undefined,
        patch.weighting ? JSON.stringify(patch.weighting) : null,
      ],
    );
  }

  /** Deletes the survey with everything that hangs on it (cascade). */
  async delete(manager: EntityManager, id: string): Promise<void> {
    await manager.query(`DELETE FROM survey WHERE id = $1`, [id]);
  }

  async setStatus(manager: EntityManager, id: string, status: SurveyRow['status']): Promise<void> {
    await manager.query(`UPDATE survey SET status = $2, updated_at = now() WHERE id = $1`, [id, status]);
  }

  /** Marks the survey changed (its list order) after a change to one of its parts. */
  async touch(manager: EntityManager, id: string): Promise<void> {
    await manager.query(`UPDATE survey SET updated_at = now() WHERE id = $1`, [id]);
  }

  /** The form of a version; null for version 0 (no form yet). */
  async form(
    surveyId: string,
    version: number,
    manager: EntityManager = this.db.manager,
  ): Promise<Form | null> {
    if (version === 0) return null;
    const rows: { form: Form }[] = await manager.query(
      `SELECT form FROM survey_form WHERE survey_id = $1 AND version = $2`,
      [surveyId, version],
    );
    return rows[0]?.form ?? null;
  }

  /** Stores a form version; the survey points to it only after `setFormVersion`. */
  async insertForm(
    manager: EntityManager,
    surveyId: string,
    version: number,
    form: unknown,
    createdBy: string,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO survey_form (survey_id, version, form, created_by) VALUES ($1, $2, $3, $4)`,
      [surveyId, version, JSON.stringify(form), createdBy],
    );
  }

  async setFormVersion(manager: EntityManager, surveyId: string, version: number): Promise<void> {
    await manager.query(`UPDATE survey SET form_version = $2, updated_at = now() WHERE id = $1`, [
      surveyId,
      version,
    ]);
  }
}
