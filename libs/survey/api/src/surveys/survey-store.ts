import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AreaGeometries, Form } from '@quartier/survey-core';
import type { DataSource, EntityManager } from 'typeorm';
import { SURVEY_CONNECTION } from '../survey.constants';
import { SurveyApiError } from '../survey.errors';
import type { IndicatorItem, NetworkConfig, TargetAreaView, WaveView, Weighting } from './survey.dto';

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

export interface WaveRow {
  id: string;
  surveyId: string;
  name: string;
  opensOn: string;
  closesOn: string;
  invitationOnly: boolean;
  resultsPublishedOn: string | null;
}

const SURVEY_COLUMNS = `id, tenant_id AS "tenantId", title, type, status, scope_area_id AS "scopeAreaId", scope_area_path AS "scopeAreaPath",
  k, form_version AS "formVersion", indicator_items AS "indicatorItems", network, weighting, updated_at AS "updatedAt"`;
const WAVE_COLUMNS = `id, survey_id AS "surveyId", name, to_char(opens_on, 'YYYY-MM-DD') AS "opensOn", to_char(closes_on, 'YYYY-MM-DD') AS "closesOn",
  invitation_only AS "invitationOnly", to_char(results_published_on, 'YYYY-MM-DD') AS "resultsPublishedOn"`;

/** SQL access to the survey tables, shared by the admin, public and results paths. */
@Injectable()
export class SurveyStore {
  constructor(@InjectDataSource(SURVEY_CONNECTION) readonly db: DataSource) {}

  async find(
    tenantId: string,
    id: string,
    manager: EntityManager = this.db.manager,
    lock = false,
  ): Promise<SurveyRow> {
    if (!isUuid(id)) throw new SurveyApiError('SurveyNotFound', `survey ${id} not found`);
    const rows: SurveyRow[] = await manager.query(
      `SELECT ${SURVEY_COLUMNS} FROM survey WHERE id = $1 AND tenant_id = $2${lock ? ' FOR UPDATE' : ''}`,
      [id, tenantId],
    );
    if (rows.length === 0) throw new SurveyApiError('SurveyNotFound', `survey ${id} not found`);
    return rows[0];
  }

  /** For the public paths, which know no tenant: the survey id alone. */
  async findPublic(id: string): Promise<SurveyRow> {
    if (!isUuid(id)) throw new SurveyApiError('SurveyNotFound', `survey ${id} not found`);
    const rows: SurveyRow[] = await this.db.query(`SELECT ${SURVEY_COLUMNS} FROM survey WHERE id = $1`, [id]);
    if (rows.length === 0) throw new SurveyApiError('SurveyNotFound', `survey ${id} not found`);
    return rows[0];
  }

  async list(
    tenantId: string,
    scope: 'all' | readonly string[],
    status: string | undefined,
    limit: number,
    offset: number,
    options: { readonly excludeDrafts?: boolean; readonly coveringArea?: string } = {},
  ): Promise<{ rows: SurveyRow[]; total: number }> {
    const params: unknown[] = [tenantId];
    let where = options.excludeDrafts ? `tenant_id = $1 AND status <> 'draft'` : 'tenant_id = $1';
    if (options.coveringArea) {
      // A survey covers an area when one of its target areas is the area, lies within it
      // (the area is on the target's path) or contains it (the target is on the area's path).
      params.push(options.coveringArea);
      const area = `$${params.length}::uuid`;
      where += ` AND EXISTS (
        SELECT 1 FROM survey_target_area t JOIN area_ref r ON r.id = t.area_id AND r.tenant_id = $1
         WHERE t.survey_id = survey.id
           AND (t.area_id = ${area} OR ${area} = ANY(r.path)
                OR t.area_id = ANY(coalesce((SELECT path FROM area_ref WHERE id = ${area} AND tenant_id = $1), '{}'))))`;
    }
    if (status) {
      params.push(status);
      where += ` AND status = $${params.length}`;
    }
    if (scope !== 'all') {
      params.push(scope);
      where += ` AND scope_area_path && $${params.length}::uuid[]`;
    }
    const [{ total }] = await this.db.query(
      `SELECT count(*)::int AS total FROM survey WHERE ${where}`,
      params,
    );
    const rows: SurveyRow[] = await this.db.query(
      `SELECT ${SURVEY_COLUMNS} FROM survey WHERE ${where} ORDER BY updated_at DESC, id LIMIT ${limit} OFFSET ${offset}`,
      params,
    );
    return { rows, total };
  }

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

  async targetAreas(surveyId: string, manager: EntityManager = this.db.manager): Promise<TargetAreaView[]> {
    return manager.query(
      `SELECT t.area_id AS "areaId", t.area_key AS key, coalesce(a.name, t.area_key) AS name, coalesce(a.level, '') AS level,
              a.parent_id AS "parentId", coalesce(t.population, a.population) AS population
         FROM survey_target_area t LEFT JOIN area_ref a ON a.id = t.area_id
        WHERE t.survey_id = $1 ORDER BY t.area_key`,
      [surveyId],
    );
  }

  /** Boundaries of the target areas by area key (= choice name of the area list), for by=point. */
  async areaGeometries(surveyId: string, manager: EntityManager = this.db.manager): Promise<AreaGeometries> {
    const rows: { key: string; geometry: AreaGeometries extends ReadonlyMap<string, infer G> ? G : never }[] =
      await manager.query(
        `SELECT t.area_key AS key, g.geometry FROM survey_area_geometry g JOIN survey_target_area t ON t.survey_id = g.survey_id AND t.area_id = g.area_id WHERE g.survey_id = $1`,
        [surveyId],
      );
    return new Map(rows.map((r) => [r.key, r.geometry]));
  }

  async waves(surveyId: string, manager: EntityManager = this.db.manager): Promise<WaveRow[]> {
    return manager.query(
      `SELECT ${WAVE_COLUMNS} FROM survey_wave WHERE survey_id = $1 ORDER BY opens_on, name`,
      [surveyId],
    );
  }

  async wavesWithCounts(surveyId: string): Promise<WaveView[]> {
    return this.db.query(
      `SELECT ${WAVE_COLUMNS.replace(/\bid\b/, 'w.id')}, (SELECT count(*)::int FROM survey_response r WHERE r.wave_id = w.id) AS responses
         FROM survey_wave w WHERE survey_id = $1 ORDER BY opens_on, name`,
      [surveyId],
    );
  }

  async wave(surveyId: string, waveId: string, manager: EntityManager = this.db.manager): Promise<WaveRow> {
    if (!isUuid(waveId)) throw new SurveyApiError('WaveNotFound', `wave ${waveId} not found`);
    const rows: WaveRow[] = await manager.query(
      `SELECT ${WAVE_COLUMNS} FROM survey_wave WHERE id = $1 AND survey_id = $2`,
      [waveId, surveyId],
    );
    if (rows.length === 0) throw new SurveyApiError('WaveNotFound', `wave ${waveId} not found`);
    return rows[0];
  }

  async responseCount(surveyId: string, manager: EntityManager = this.db.manager): Promise<number> {
    const [{ n }] = await manager.query(
      `SELECT count(*)::int AS n FROM survey_response WHERE survey_id = $1`,
      [surveyId],
    );
    return n;
  }
}

export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
