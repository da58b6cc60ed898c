import { Injectable } from '@nestjs/common';
import { canAct, scopeAreas, type AccessContext } from '@quartier/auth';
import type { Role } from '@quartier/contracts';
import {
  type Form,
  compileForm,
  findChoiceList,
  formatFormIssue,
  formQuestions,
  importXlsFormCells,
  likertScale,
  writeXlsForm,
} from '@quartier/survey-core';
import { readWorkbookOffThread } from '@quartier/service-kit';
import { randomInt } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import {
  areaQuestionOf,
  describeModelIssues,
  incompatibleFormChanges,
  uncollectedQuestionProblems,
} from '../forms/form-rules';
import { RESULT_READERS, SURVEY_EDITORS, SURVEY_READERS } from '../survey.constants';
import { assertSurveyAccess, SurveyApiError } from '../survey.errors';
import { type areaGeometriesSchema, MAX_GEOMETRY_POSITIONS } from './survey.dto';
import type {
  createSurveySchema,
  createWaveSchema,
  IndicatorItem,
  SurveyDetail,
  SurveySummary,
  targetAreasSchema,
  updateSurveySchema,
  updateWaveSchema,
  WaveView,
} from './survey.dto';
import { hashInvitationCode } from './invitation-code';
import { type SurveyRow, SurveyStore, type WaveRow } from './survey-store';
import type { z } from 'zod';

export interface SurveyLink {
  url: string;
  qrSvg: string;
}

/** Alphabet of invitation codes: no 0/O, 1/I/L, so codes survive being read out or typed from paper. */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

@Injectable()
export class SurveysService {
  constructor(private readonly store: SurveyStore) {}

  /** Loads a survey of the tenant and checks the caller's role applies to its scope area. */
  async load(
    access: AccessContext,
    tenantId: string,
    id: string,
    roles: readonly Role[],
    manager?: EntityManager,
    lock = false,
  ): Promise<SurveyRow> {
    const survey = await this.store.find(tenantId, id, manager, lock);
    assertSurveyAccess(access, roles, survey.scopeAreaPath);
    return survey;
  }

  async list(
    access: AccessContext,
    tenantId: string,
    query: { status?: string; area?: string; limit: number; offset: number },
  ): Promise<{ items: SurveySummary[]; total: number }> {
    const readers = scopeAreas(access.principal, access.assignments, [...SURVEY_READERS]);
    // Viewers read published results only: they see the surveys that have left the draft stage.
    const resultsOnly = readers !== 'all' && readers.length === 0;
    const scope = resultsOnly
      ? scopeAreas(access.principal, access.assignments, [...RESULT_READERS])
      : readers;
    const { rows, total } = await this.store.list(tenantId, scope, query.status, query.limit, query.offset, {
      excludeDrafts: resultsOnly,
      ...(query.area ? { coveringArea: query.area } : {}),
    });
    return { items: rows.map((row) => this.summary(access, row)), total };
  }

  async detail(access: AccessContext, tenantId: string, id: string): Promise<SurveyDetail> {
    const survey = await this.load(access, tenantId, id, RESULT_READERS);
    const reader = canAct(access.principal, access.assignments, [...SURVEY_READERS], {
      areaPath: survey.scopeAreaPath,
    });
    // A draft has no results yet; to a viewer it does not exist.
    if (!reader && survey.status === 'draft')
      throw new SurveyApiError('SurveyNotFound', `survey ${id} not found`);
    return this.toDetail(access, survey);
  }

  async create(
    access: AccessContext,
    tenantId: string,
    input: z.infer<typeof createSurveySchema>,
  ): Promise<SurveyDetail> {
    // The guard checked the scope area (@AreaScope on scopeAreaId); its path is stored for list filters.
    const areaPath = access.areaPath ?? (await this.areaPath(tenantId, input.scopeAreaId));
    if (input.form) this.assertValidForm(input.form);
    const id = await this.store.db.transaction(async (manager) => {
      const [{ id }] = await manager.query(
        `INSERT INTO survey (tenant_id, title, type, scope_area_id, scope_area_path, k, form_version, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
        [
          tenantId,
          input.title,
          input.type,
          input.scopeAreaId,
          areaPath,
          input.k,
          input.form ? 1 : 0,
          access.principal.subject,
        ],
      );
      if (input.form)
        await manager.query(
          `INSERT INTO survey_form (survey_id, version, form, created_by) VALUES ($1, 1, $2, $3)`,
          [id, JSON.stringify(input.form), access.principal.subject],
        );
      return id as string;
    });
    return this.detail(access, tenantId, id);
  }

  async update(
    access: AccessContext,
    tenantId: string,
    id: string,
    patch: z.infer<typeof updateSurveySchema>,
  ): Promise<SurveyDetail> {
    await this.store.db.transaction(async (manager) => {
      const survey = await this.load(access, tenantId, id, SURVEY_EDITORS, manager, true);
      const form = await this.store.form(id, survey.formVersion, manager);
      if (patch.indicatorItems && form) this.assertIndicatorItems(form, patch.indicatorItems);
      if (patch.indicatorItems && !form && patch.indicatorItems.length > 0)
        throw new SurveyApiError('FormMissing', 'upload a form before choosing indicator items');
      if (patch.network !== undefined && patch.network !== null && survey.type !== 'network') {
        throw new SurveyApiError('InvalidFormModel', 'only network surveys have a name generator');
      }
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
    });
    return this.detail(access, tenantId, id);
  }

  async remove(access: AccessContext, tenantId: string, id: string): Promise<void> {
    await this.store.db.transaction(async (manager) => {
      const survey = await this.load(access, tenantId, id, SURVEY_EDITORS, manager, true);
      if (survey.status !== 'draft' || (await this.store.responseCount(id, manager)) > 0) {
        throw new SurveyApiError(
          'InvalidStatusChange',
          'only draft surveys without responses can be deleted; close the survey instead',
        );
      }
      await manager.query(`DELETE FROM survey WHERE id = $1`, [id]);
    });
  }

  async getForm(
    access: AccessContext,
    tenantId: string,
    id: string,
  ): Promise<{ version: number; form: Form }> {
    const survey = await this.load(access, tenantId, id, SURVEY_READERS);
    const form = await this.store.form(id, survey.formVersion);
    if (!form) throw new SurveyApiError('FormMissing', 'this survey has no form yet');
    return { version: survey.formVersion, form };
  }

  async formXlsx(
    access: AccessContext,
    tenantId: string,
    id: string,
  ): Promise<{ bytes: Uint8Array; filename: string }> {
    const { form } = await this.getForm(access, tenantId, id);
    return { bytes: await writeXlsForm(form), filename: `${form.settings.formId || 'form'}.xlsx` };
  }

  /** Parses an uploaded XLSForm; every error comes back located by sheet, row and column. */
  async uploadXlsForm(
    access: AccessContext,
    tenantId: string,
    id: string,
    bytes: Buffer,
  ): Promise<SurveyDetail> {
    // Inflated and parsed in a worker within size bounds: a crafted workbook cannot stall the service.
    const result = importXlsFormCells(await readWorkbookOffThread(bytes));
    if (!result.ok) {
      throw new SurveyApiError('InvalidForm', `the XLSForm has ${result.issues.length} error(s)`, {
        issues: result.issues,
        lines: result.issues.map(formatFormIssue),
      });
    }
    return this.putForm(access, tenantId, id, result.form);
  }

  /** Stores a new form version (the builder's JSON or an imported XLSForm). */
  async putForm(access: AccessContext, tenantId: string, id: string, form: Form): Promise<SurveyDetail> {
    this.assertValidForm(form);
    await this.store.db.transaction(async (manager) => {
      const survey = await this.load(access, tenantId, id, SURVEY_EDITORS, manager, true);
      const current = await this.store.form(id, survey.formVersion, manager);
      if (current && (await this.store.responseCount(id, manager)) > 0) {
        const reasons = incompatibleFormChanges(current, form);
        if (reasons.length > 0)
          throw new SurveyApiError('IncompatibleFormChange', `responses exist: ${reasons.join('; ')}`, {
            reasons,
          });
      }
      const version = survey.formVersion + 1;
      await manager.query(
        `INSERT INTO survey_form (survey_id, version, form, created_by) VALUES ($1, $2, $3, $4)`,
        [id, version, JSON.stringify(form), access.principal.subject],
      );
      await manager.query(`UPDATE survey SET form_version = $2, updated_at = now() WHERE id = $1`, [
        id,
        version,
      ]);
    });
    return this.detail(access, tenantId, id);
  }

  /** The core's model checks with targets as names: the form builder validates live with this. */
  checkForm(form: Form): { valid: boolean; issues: ReturnType<typeof describeModelIssues> } {
    const issues = describeModelIssues(form);
    return { valid: issues.length === 0, issues };
  }

  async setTargetAreas(
    access: AccessContext,
    tenantId: string,
    id: string,
    input: z.infer<typeof targetAreasSchema>,
  ): Promise<SurveyDetail> {
    await this.store.db.transaction(async (manager) => {
      const survey = await this.load(access, tenantId, id, SURVEY_EDITORS, manager, true);
      const ids = input.areas.map((a) => a.areaId);
      const areas: { id: string; code: string; path: string[] }[] = await manager.query(
        `SELECT id, code, path FROM area_ref WHERE tenant_id = $1 AND id = ANY($2::uuid[])`,
        [tenantId, ids],
      );
      const byId = new Map(areas.map((a) => [a.id, a]));
      const problems: string[] = [];
      input.areas.forEach((area, i) => {
        const found = byId.get(area.areaId);
        if (!found) problems.push(`areas[${i}]: area ${area.areaId} not found`);
        else if (found.id !== survey.scopeAreaId && !found.path.includes(survey.scopeAreaId))
          problems.push(`areas[${i}]: area ${found.code} lies outside the survey's scope area`);
      });
      if (new Set(ids).size !== ids.length) problems.push('an area is listed twice');
      const withResponses: { area_id: string }[] = await manager.query(
        `SELECT DISTINCT area_id FROM survey_response WHERE survey_id = $1 AND area_id IS NOT NULL`,
        [id],
      );
      const dropped = withResponses.filter((r) => !ids.includes(r.area_id));
      if (dropped.length > 0) problems.push(`${dropped.length} area(s) with responses cannot be removed`);
      if (problems.length > 0) throw new SurveyApiError('InvalidTargetArea', problems[0], { problems });
      await manager.query(`DELETE FROM survey_target_area WHERE survey_id = $1`, [id]);
      // Boundaries of areas no longer targeted must not place points any more.
      await manager.query(
        `DELETE FROM survey_area_geometry WHERE survey_id = $1 AND area_id <> ALL($2::uuid[])`,
        [id, ids],
      );
      await manager.query(
        `INSERT INTO survey_target_area (survey_id, area_id, area_key, population)
         SELECT $1, t.area_id, a.code, t.population FROM unnest($2::uuid[], $3::int[]) AS t(area_id, population) JOIN area_ref a ON a.id = t.area_id`,
        [id, ids, input.areas.map((a) => a.population ?? null)],
      );
      await manager.query(`UPDATE survey SET updated_at = now() WHERE id = $1`, [id]);
    });
    return this.detail(access, tenantId, id);
  }

  /**
   * Stores the target areas' boundaries (replacing earlier ones) so that map points can be placed.
   * Every feature must be a target area of this survey; the portal reads them from the registry.
   */
  async setAreaGeometries(
    access: AccessContext,
    tenantId: string,
    id: string,
    input: z.infer<typeof areaGeometriesSchema>,
    mode: 'replace' | 'append' = 'replace',
  ): Promise<{ areas: number; missing: string[] }> {
    return this.store.db.transaction(async (manager) => {
      const survey = await this.load(access, tenantId, id, SURVEY_EDITORS, manager, true);
      const targets = await this.store.targetAreas(survey.id, manager);
      const byId = new Map(targets.map((t) => [t.areaId, t]));
      const problems: string[] = [];
      const seen = new Set<string>();
      let positions = 0;
      input.features.forEach((feature, i) => {
        const areaId = (feature.id ?? feature.properties?.id) as string;
        if (!byId.has(areaId))
          problems.push(`features[${i}]: area ${areaId} is not a target area of this survey`);
        if (seen.has(areaId)) problems.push(`features[${i}]: area ${areaId} is given twice`);
        seen.add(areaId);
        const rings =
          feature.geometry.type === 'Polygon'
            ? feature.geometry.coordinates
            : feature.geometry.coordinates.flat();
        rings.forEach((ring, r) => {
          positions += ring.length;
          const [first, last] = [ring[0], ring[ring.length - 1]];
          if (first[0] !== last[0] || first[1] !== last[1])
            problems.push(`features[${i}]: ring ${r + 1} is not closed`);
        });
      });
      if (positions > MAX_GEOMETRY_POSITIONS)
        problems.push(
          `the geometries have ${positions} positions; at most ${MAX_GEOMETRY_POSITIONS} (simplify them)`,
        );
      if (problems.length > 0) throw new SurveyApiError('InvalidTargetArea', problems[0], { problems });
      if (mode === 'replace')
        await manager.query(`DELETE FROM survey_area_geometry WHERE survey_id = $1`, [id]);
      await manager.query(
        `INSERT INTO survey_area_geometry (survey_id, area_id, geometry) SELECT $1, t.area_id, t.geometry FROM unnest($2::uuid[], $3::jsonb[]) AS t(area_id, geometry)
         ON CONFLICT (survey_id, area_id) DO UPDATE SET geometry = excluded.geometry`,
        [
          id,
          input.features.map((f) => f.id ?? f.properties?.id),
          input.features.map((f) =>
            JSON.stringify({ type: f.geometry.type, coordinates: f.geometry.coordinates }),
          ),
        ],
      );
      await manager.query(`UPDATE survey SET updated_at = now() WHERE id = $1`, [id]);
      const stored = new Set(
        (
          (await manager.query(`SELECT area_id FROM survey_area_geometry WHERE survey_id = $1`, [id])) as {
            area_id: string;
          }[]
        ).map((r) => r.area_id),
      );
      return { areas: stored.size, missing: targets.filter((t) => !stored.has(t.areaId)).map((t) => t.key) };
    });
  }

  async setStatus(
    access: AccessContext,
    tenantId: string,
    id: string,
    status: 'draft' | 'open' | 'closed',
  ): Promise<SurveyDetail> {
    await this.store.db.transaction(async (manager) => {
      const survey = await this.load(access, tenantId, id, SURVEY_EDITORS, manager, true);
      if (survey.status === status) return;
      const allowed: Record<string, string[]> = { draft: ['open'], open: ['closed'], closed: ['open'] };
      if (!allowed[survey.status].includes(status))
        throw new SurveyApiError('InvalidStatusChange', `a ${survey.status} survey cannot become ${status}`);
      if (status === 'open') await this.assertPublishable(survey, manager);
      await manager.query(`UPDATE survey SET status = $2, updated_at = now() WHERE id = $1`, [id, status]);
    });
    return this.detail(access, tenantId, id);
  }

  async createWave(
    access: AccessContext,
    tenantId: string,
    id: string,
    input: z.infer<typeof createWaveSchema>,
  ): Promise<WaveView> {
    return this.store.db.transaction(async (manager) => {
      await this.load(access, tenantId, id, SURVEY_EDITORS, manager, true);
      await this.assertWaveNameFree(id, input.name, null, manager);
      const [{ id: waveId }] = await manager.query(
        `INSERT INTO survey_wave (survey_id, tenant_id, name, opens_on, closes_on, invitation_only) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [id, tenantId, input.name, input.opensOn, input.closesOn, input.invitationOnly],
      );
      await manager.query(`UPDATE survey SET updated_at = now() WHERE id = $1`, [id]);
      return { ...(await this.store.wave(id, waveId, manager)), responses: 0 };
    });
  }

  async updateWave(
    access: AccessContext,
    tenantId: string,
    id: string,
    waveId: string,
    patch: z.infer<typeof updateWaveSchema>,
  ): Promise<WaveView> {
    return this.store.db.transaction(async (manager) => {
      await this.load(access, tenantId, id, SURVEY_EDITORS, manager, true);
      const wave = await this.store.wave(id, waveId, manager);
      const next: WaveRow = { ...wave, ...patch };
      if (next.closesOn < next.opensOn)
        throw new SurveyApiError('InvalidStatusChange', 'closesOn must not be before opensOn');
      if (patch.name !== undefined) await this.assertWaveNameFree(id, patch.name, waveId, manager);
      await manager.query(
        `UPDATE survey_wave SET name = $2, opens_on = $3, closes_on = $4, invitation_only = $5 WHERE id = $1`,
        [waveId, next.name, next.opensOn, next.closesOn, next.invitationOnly],
      );
      const [{ n }] = await manager.query(
        `SELECT count(*)::int AS n FROM survey_response WHERE wave_id = $1`,
        [waveId],
      );
      return { ...(await this.store.wave(id, waveId, manager)), responses: n };
    });
  }

  /** Wave names are unique per survey (also by constraint): a taken name is a conflict, on create and rename. */
  private async assertWaveNameFree(
    surveyId: string,
    name: string,
    exceptWaveId: string | null,
    manager: EntityManager,
  ): Promise<void> {
    const waves = await this.store.waves(surveyId, manager);
    if (waves.some((w) => w.name === name && w.id !== exceptWaveId))
      throw new SurveyApiError('WaveNameTaken', `a wave named ${name} exists`);
  }

  /**
   * One-time codes for an invitation-only wave. The codes are returned once and only their
   * SHA-256 hashes are stored; a used code is marked, never linked to the response it admitted.
   */
  async createInvitations(
    access: AccessContext,
    tenantId: string,
    id: string,
    waveId: string,
    count: number,
  ): Promise<{ codes: string[] }> {
    return this.store.db.transaction(async (manager) => {
      await this.load(access, tenantId, id, SURVEY_EDITORS, manager);
      const wave = await this.store.wave(id, waveId, manager);
      if (!wave.invitationOnly)
        throw new SurveyApiError(
          'InvalidStatusChange',
          'this wave is open to everyone; make it invitation-only first',
        );
      const codes = Array.from({ length: count }, () => invitationCode());
      await manager.query(
        `INSERT INTO survey_invitation (code_hash, wave_id) SELECT unnest($1::bytea[]), $2`,
        [codes.map(hashInvitationCode), waveId],
      );
      return { codes };
    });
  }

  /** Areas within the survey's scope area (from this service's read model), to choose target areas from. */
  async candidateAreas(
    access: AccessContext,
    tenantId: string,
    id: string,
    level?: string,
  ): Promise<
    {
      id: string;
      code: string;
      name: string;
      level: string;
      parentId: string | null;
      population: number | null;
    }[]
  > {
    const survey = await this.load(access, tenantId, id, SURVEY_READERS);
    const params: unknown[] = [tenantId, survey.scopeAreaId];
    let where = `tenant_id = $1 AND ($2 = ANY(path) OR id = $2)`;
    if (level) {
      params.push(level);
      where += ` AND level = $3`;
    }
    return this.store.db.query(
      `SELECT id, code, name, level, parent_id AS "parentId", population FROM area_ref WHERE ${where} ORDER BY code LIMIT 5000`,
      params,
    );
  }

  /** Link and QR code per target area (and one without area), for posters and letters. */
  async links(
    access: AccessContext,
    tenantId: string,
    id: string,
    origin: string,
  ): Promise<{ survey: SurveyLink; areas: (SurveyLink & { areaId: string; key: string; name: string })[] }> {
    const survey = await this.load(access, tenantId, id, SURVEY_READERS);
    const targets = await this.store.targetAreas(survey.id);
    const link = (area?: string): SurveyLink => {
      const query = area ? `?area=${encodeURIComponent(area)}` : '';
      return {
        url: `${origin}/api/survey/public/f/${survey.id}${query}`,
        qrSvg: `${origin}/api/survey/public/f/${survey.id}/qr.svg${query}`,
      };
    };
    return {
      survey: link(),
      areas: targets.map((t) => ({ areaId: t.areaId, key: t.key, name: t.name, ...link(t.key) })),
    };
  }

  private async assertPublishable(survey: SurveyRow, manager: EntityManager): Promise<void> {
    const problems: string[] = [];
    const form = await this.store.form(survey.id, survey.formVersion, manager);
    const waves = await this.store.waves(survey.id, manager);
    if (!form && survey.type === 'resident') problems.push('the survey has no form');
    if (waves.length === 0) problems.push('the survey has no wave');
    if (survey.type === 'network' && !survey.network)
      problems.push('a network survey needs its name generator and actor list');
    if (form && survey.type === 'resident') {
      const areaQuestion = areaQuestionOf(form);
      const targets = await this.store.targetAreas(survey.id, manager);
      if (!areaQuestion) problems.push('a resident survey needs an area-of-residence question (type area)');
      else {
        if (areaQuestion.method === 'point') {
          // Points are placed with the boundaries the portal sent (survey_area_geometry); an area without one could never be chosen.
          const withGeometry = new Set(
            (
              (await manager.query(`SELECT area_id FROM survey_area_geometry WHERE survey_id = $1`, [
                survey.id,
              ])) as { area_id: string }[]
            ).map((r) => r.area_id),
          );
          const without = targets.filter((t) => !withGeometry.has(t.areaId)).map((t) => t.key);
          if (without.length > 0)
            problems.push(
              `area question ${areaQuestion.name}: by=point needs the boundaries of every target area; missing for ${without.slice(0, 10).join(', ')}`,
            );
        }
        const keys = new Set(targets.map((t) => t.key));
        const list = findChoiceList(form, areaQuestion.listName);
        const unknown = (list?.choices ?? []).filter((c) => !keys.has(c.name)).map((c) => c.name);
        if (targets.length === 0) problems.push('the survey has no target areas');
        if (unknown.length > 0)
          problems.push(
            `area list ${areaQuestion.listName}: ${unknown.slice(0, 10).join(', ')} ${unknown.length === 1 ? 'is not a target area code' : 'are not target area codes'}`,
          );
      }
    }
    if (form) {
      try {
        this.assertIndicatorItems(form, survey.indicatorItems);
      } catch (error) {
        if (error instanceof SurveyApiError) problems.push(error.message);
        else throw error;
      }
    }
    if (form) problems.push(...uncollectedQuestionProblems(form));
    if (problems.length > 0) throw new SurveyApiError('NotPublishable', problems.join('; '), { problems });
  }

  private assertValidForm(form: Form): void {
    const issues = describeModelIssues(form);
    if (issues.length > 0)
      throw new SurveyApiError(
        'InvalidFormModel',
        `the form has ${issues.length} error(s): ${issues[0].target} (${issues[0].field}): ${issues[0].reason}`,
        { issues },
      );
    compileForm(form);
  }

  private assertIndicatorItems(form: Form, items: readonly IndicatorItem[]): void {
    const questions = new Map(
      formQuestions(form)
        .filter((q) => q.repeats.length === 0)
        .map(({ question }) => [question.name, question]),
    );
    for (const item of items) {
      const q = questions.get(item.question);
      const where = `indicator ${item.code}`;
      if (!q)
        throw new SurveyApiError(
          'InvalidFormModel',
          `${where}: no question ${item.question} outside repeats`,
        );
      if (item.measure === 'mean' && q.type !== 'integer' && q.type !== 'decimal')
        throw new SurveyApiError('InvalidFormModel', `${where}: a mean needs a numeric question`);
      if (item.measure === 'topTwoBox' && !(q.type === 'select_one' && q.likert))
        throw new SurveyApiError('InvalidFormModel', `${where}: top-2-box needs a Likert item`);
      if (item.measure === 'share') {
        const list =
          'listName' in q && (q.type === 'select_one' || q.type === 'select_multiple')
            ? findChoiceList(form, q.listName)
            : undefined;
        if (!list) throw new SurveyApiError('InvalidFormModel', `${where}: a share needs a select question`);
        const missing = item.options.filter((o) => !list.choices.some((c) => c.name === o));
        if (missing.length > 0)
          throw new SurveyApiError(
            'InvalidFormModel',
            `${where}: ${missing.join(', ')} not options of ${q.name}`,
          );
      }
      if (item.measure === 'topTwoBox' && 'listName' in q) {
        const list = findChoiceList(form, q.listName);
        if (!list || likertScale(list).length < 2)
          throw new SurveyApiError('InvalidFormModel', `${where}: the scale has fewer than two points`);
      }
    }
  }

  private async areaPath(tenantId: string, areaId: string): Promise<string[]> {
    const rows: { path: string[] }[] = await this.store.db.query(
      `SELECT path FROM area_ref WHERE id = $1 AND tenant_id = $2`,
      [areaId, tenantId],
    );
    if (rows.length === 0) throw new SurveyApiError('InvalidTargetArea', `area ${areaId} not found`);
    return [...rows[0].path, areaId];
  }

  summary(access: AccessContext, row: SurveyRow): SurveySummary {
    return {
      id: row.id,
      title: row.title,
      type: row.type,
      status: row.status,
      k: row.k,
      scopeAreaId: row.scopeAreaId,
      formVersion: row.formVersion,
      updatedAt: new Date(row.updatedAt).toISOString(),
      editable: canAct(access.principal, access.assignments, [...SURVEY_EDITORS], {
        areaPath: row.scopeAreaPath,
      }),
    };
  }

  private async toDetail(access: AccessContext, survey: SurveyRow): Promise<SurveyDetail> {
    const [form, targetAreas, waves] = await Promise.all([
      this.store.form(survey.id, survey.formVersion),
      this.store.targetAreas(survey.id),
      this.store.wavesWithCounts(survey.id),
    ]);
    return {
      ...this.summary(access, survey),
      formTitle: form?.settings.title ?? null,
      areaQuestion: form ? (areaQuestionOf(form)?.name ?? null) : null,
      indicatorItems: survey.indicatorItems,
      network: survey.network,
      weighting: survey.weighting
        ? { question: survey.weighting.question, areas: Object.keys(survey.weighting.population).length }
        : null,
      targetAreas,
      waves,
    };
  }
}

function invitationCode(): string {
  let code = '';
  // 10 symbols of a 31-letter alphabet ≈ 49 bits: unguessable within any rate limit.
  for (let i = 0; i < 10; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}
