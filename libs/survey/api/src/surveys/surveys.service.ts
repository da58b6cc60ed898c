import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { canAct, scopeAreas, type AccessContext, type Caller } from '@quartier/auth';
import type { Role } from '@quartier/contracts';
import { findChoiceList, uncollectedQuestions, type Form } from '@quartier/survey-core';
import type { DataSource, EntityManager } from 'typeorm';
import type { z } from 'zod';
import { AreaRefRepository } from '../areas/area-ref.repository';
import { assertIndicatorItems, assertValidForm, assertWeighting } from '../forms/form-checks';
import { areaQuestionOf, uncollectedQuestionProblems } from '../forms/form-rules';
import { ResponseRepository } from '../responses/response.repository';
import { RESULT_READERS, SURVEY_CONNECTION, SURVEY_EDITORS, SURVEY_READERS } from '../survey.constants';
import { assertSurveyAccess, SurveyApiError } from '../survey.errors';
import type {
  createSurveySchema,
  SurveyDetail,
  SurveySummary,
  TargetAreaView,
  updateSurveySchema,
  Weighting,
} from './survey.dto';
import { type SurveyRow, SurveyRepository } from './survey.repository';
import { TargetAreaRepository } from './target-area.repository';
import { WaveRepository } from './wave.repository';

/** One reason a survey cannot open: a stable code, the values it names, the English message. */
interface PublishProblem {
  readonly code: string;
  readonly params: Readonly<Record<string, string>>;
  readonly message: string;
}

/**
 * The weighting as the detail shows it: `areas` counts the target areas with population figures —
 * figures for an area that is no target area any more weight nobody.
 */
function weightingView(
  weighting: Weighting,
  targetAreas: readonly TargetAreaView[],
): SurveyDetail['weighting'] {
  const areas = targetAreas.filter((t) => Object.hasOwn(weighting.population, t.key)).length;
  return { question: weighting.question, areas };
}

/**
 * A survey as a whole: listing, reading, creating, editing, deleting and its status (publishing
 * checks that it can collect). Its form, target areas and waves have their own services, which
 * load the survey through `load` here.
 */
@Injectable()
export class SurveysService {
  constructor(
    @InjectDataSource(SURVEY_CONNECTION) private readonly db: DataSource,
    private readonly surveys: SurveyRepository,
    private readonly targetAreas: TargetAreaRepository,
    private readonly waves: WaveRepository,
    private readonly responses: ResponseRepository,
    private readonly areas: AreaRefRepository,
  ) {}

  /** Loads a survey of the tenant and checks the caller's role applies to its scope area. */
  async load(
    caller: Caller,
    id: string,
    roles: readonly Role[],
    manager?: EntityManager,
    lock = false,
  ): Promise<SurveyRow> {
    const { access, tenantId } = caller;
    const survey = await this.surveys.find(tenantId, id, manager, lock);
    assertSurveyAccess(access, roles, survey.scopeAreaPath);
    return survey;
  }

  async list(
    caller: Caller,
    query: { status?: string; area?: string; limit: number; offset: number },
  ): Promise<{ items: SurveySummary[]; total: number }> {
    const { access, tenantId } = caller;
    const readers = scopeAreas(access.principal, access.assignments, [...SURVEY_READERS]);
    // Viewers read published results only: they see the surveys that have left the draft stage.
    const resultsOnly = readers !== 'all' && readers.length === 0;
    const scope = resultsOnly
      ? scopeAreas(access.principal, access.assignments, [...RESULT_READERS])
      : readers;
    const { rows, total } = await this.surveys.list(tenantId, scope, {
      ...(query.status ? { status: query.status } : {}),
      limit: query.limit,
      offset: query.offset,
      excludeDrafts: resultsOnly,
      ...(query.area ? { coveringArea: query.area } : {}),
    });
    return { items: rows.map((row) => this.summary(access, row)), total };
  }

  async detail(caller: Caller, id: string): Promise<SurveyDetail> {
    const { access } = caller;
    const survey = await this.load(caller, id, RESULT_READERS);
    const reader = canAct(access.principal, access.assignments, [...SURVEY_READERS], {
      areaPath: survey.scopeAreaPath,
    });
    // A draft has no results yet; to a viewer it does not exist.
    if (!reader && survey.status === 'draft')
      throw new SurveyApiError('SurveyNotFound', `survey ${id} not found`);
    return this.toDetail(access, survey);
  }

  async create(caller: Caller, input: z.infer<typeof createSurveySchema>): Promise<SurveyDetail> {
    const { access, tenantId } = caller;
    // The guard checked the scope area (@AreaScope on scopeAreaId); its path is stored for list filters.
    const areaPath = access.areaPath ?? (await this.areaPath(tenantId, input.scopeAreaId));
    if (input.form) assertValidForm(input.form);
    const id = await this.db.transaction(async (manager) => {
      const id = await this.surveys.insert(manager, {
        tenantId,
        title: input.title,
        type: input.type,
        scopeAreaId: input.scopeAreaId,
        scopeAreaPath: areaPath,
        k: input.k,
        formVersion: input.form ? 1 : 0,
        createdBy: access.principal.subject,
      });
      if (input.form) await this.surveys.insertForm(manager, id, 1, input.form, access.principal.subject);
      return id;
    });
    return this.detail(caller, id);
  }

  async update(caller: Caller, id: string, patch: z.infer<typeof updateSurveySchema>): Promise<SurveyDetail> {
    await this.db.transaction(async (manager) => {
      const survey = await this.load(caller, id, SURVEY_EDITORS, manager, true);
      const form = await this.surveys.form(id, survey.formVersion, manager);
      if (patch.indicatorItems && form) assertIndicatorItems(form, patch.indicatorItems);
      if (patch.indicatorItems && !form && patch.indicatorItems.length > 0)
        throw new SurveyApiError('FormMissing', 'upload a form before choosing indicator items');
      if (patch.weighting) {
        if (!form) throw new SurveyApiError('FormMissing', 'upload a form before setting a weighting');
        const targets = await this.targetAreas.ofSurvey(id, manager);
        assertWeighting(
          form,
          targets.map((t) => t.key),
          patch.weighting,
        );
      }
      if (patch.network !== undefined && patch.network !== null && survey.type !== 'network') {
        throw new SurveyApiError('InvalidFormModel', 'only network surveys have a name generator');
      }
      await this.surveys.update(manager, id, patch);
    });
    return this.detail(caller, id);
  }

  async remove(caller: Caller, id: string): Promise<void> {
    await this.db.transaction(async (manager) => {
      const survey = await this.load(caller, id, SURVEY_EDITORS, manager, true);
      if (survey.status !== 'draft' || (await this.responses.countInSurvey(id, manager)) > 0) {
        throw new SurveyApiError(
          'InvalidStatusChange',
          'only draft surveys without responses can be deleted; close the survey instead',
        );
      }
      await this.surveys.delete(manager, id);
    });
  }

  async setStatus(caller: Caller, id: string, status: 'draft' | 'open' | 'closed'): Promise<SurveyDetail> {
    await this.db.transaction(async (manager) => {
      const survey = await this.load(caller, id, SURVEY_EDITORS, manager, true);
      if (survey.status === status) return;
      const allowed: Record<string, string[]> = { draft: ['open'], open: ['closed'], closed: ['open'] };
      if (!allowed[survey.status].includes(status))
        throw new SurveyApiError('InvalidStatusChange', `a ${survey.status} survey cannot become ${status}`);
      if (status === 'open') await this.assertPublishable(survey, manager);
      await this.surveys.setStatus(manager, id, status);
    });
    return this.detail(caller, id);
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

  /**
   * Why a survey cannot open yet: `problems` in English (as always), and beside them, in the same
   * order, `issues` with a stable code and the values each names, which the portal words.
   */
  private async assertPublishable(survey: SurveyRow, manager: EntityManager): Promise<void> {
    const found: PublishProblem[] = [];
    const add = (code: string, message: string, params: PublishProblem['params'] = {}) =>
      found.push({ code, message, params });
    const form = await this.surveys.form(survey.id, survey.formVersion, manager);
    const waves = await this.waves.ofSurvey(survey.id, manager);
    if (!form && survey.type === 'resident') add('NoForm', 'the survey has no form');
    if (waves.length === 0) add('NoWave', 'the survey has no wave');
    if (survey.type === 'network' && !survey.network)
      add('NoNetworkSetup', 'a network survey needs its name generator and actor list');
    if (form && survey.type === 'resident')
      found.push(...(await this.areaQuestionProblems(survey, form, manager)));
    if (form) {
      try {
        assertIndicatorItems(form, survey.indicatorItems);
      } catch (error) {
        if (error instanceof SurveyApiError) add('InvalidIndicatorItem', error.message);
        else throw error;
      }
    }
    // The weighting was checked when it was saved; target areas replaced since (or a form stored
    // before forms were checked against it) may have left it naming an area that is no target
    // area or a cell the question no longer offers. Opened like that, those figures would weight
    // nobody, and count again unnoticed if the area came back: the planner saves it again first.
    if (form && survey.weighting) {
      const targets = await this.targetAreas.ofSurvey(survey.id, manager);
      try {
        assertWeighting(
          form,
          targets.map((t) => t.key),
          survey.weighting,
        );
      } catch (error) {
        if (error instanceof SurveyApiError) add('InvalidWeighting', error.message);
        else throw error;
      }
    }
    if (form) {
      const messages = uncollectedQuestionProblems(form);
      uncollectedQuestions(form).forEach((q, i) =>
        add('UncollectedQuestion', messages[i], { question: q.name, type: q.type }),
      );
    }
    if (found.length > 0) {
      const problems = found.map((p) => p.message);
      const issues = found.map(({ code, params }) => ({ code, params }));
      throw new SurveyApiError('NotPublishable', problems.join('; '), { problems, issues });
    }
  }

  /** A resident survey assigns respondents to its target areas by its area question. */
  private async areaQuestionProblems(
    survey: SurveyRow,
    form: Form,
    manager: EntityManager,
  ): Promise<PublishProblem[]> {
    const areaQuestion = areaQuestionOf(form);
    const targets = await this.targetAreas.ofSurvey(survey.id, manager);
    if (!areaQuestion)
      return [
        {
          code: 'NoAreaQuestion',
          message: 'a resident survey needs an area-of-residence question (type area)',
          params: {},
        },
      ];
    const problems: PublishProblem[] = [];
    if (areaQuestion.method === 'point') {
      // Points are placed with the boundaries the portal sent (survey_area_geometry); an area without one could never be chosen.
      const withGeometry = await this.targetAreas.areaIdsWithGeometry(survey.id, manager);
      const without = targets.filter((t) => !withGeometry.has(t.areaId)).map((t) => t.key);
      if (without.length > 0)
        problems.push({
          code: 'TargetAreaBoundariesMissing',
          message: `area question ${areaQuestion.name}: by=point needs the boundaries of every target area; missing for ${without.slice(0, 10).join(', ')}`,
          params: { question: areaQuestion.name, areas: without.slice(0, 10).join(', ') },
        });
    }
    const keys = new Set(targets.map((t: TargetAreaView) => t.key));
    const list = findChoiceList(form, areaQuestion.listName);
    const unknown = (list?.choices ?? []).filter((c) => !keys.has(c.name)).map((c) => c.name);
    if (targets.length === 0)
      problems.push({ code: 'NoTargetAreas', message: 'the survey has no target areas', params: {} });
    if (unknown.length > 0)
      problems.push({
        code: 'UnknownAreaChoices',
        message: `area list ${areaQuestion.listName}: ${unknown.slice(0, 10).join(', ')} ${unknown.length === 1 ? 'is not a target area code' : 'are not target area codes'}`,
        params: { list: areaQuestion.listName, codes: unknown.slice(0, 10).join(', ') },
      });
    return problems;
  }

  private async areaPath(tenantId: string, areaId: string): Promise<string[]> {
    const path = await this.areas.pathThrough(tenantId, areaId);
    if (!path) throw new SurveyApiError('InvalidTargetArea', `area ${areaId} not found`);
    return path;
  }

  private async toDetail(access: AccessContext, survey: SurveyRow): Promise<SurveyDetail> {
    const [form, targetAreas, waves] = await Promise.all([
      this.surveys.form(survey.id, survey.formVersion),
      this.targetAreas.ofSurvey(survey.id),
      this.waves.withCounts(survey.id),
    ]);
    return {
      ...this.summary(access, survey),
      formTitle: form?.settings.title ?? null,
      areaQuestion: form ? (areaQuestionOf(form)?.name ?? null) : null,
      indicatorItems: survey.indicatorItems,
      network: survey.network,
      weighting: survey.weighting ? weightingView(survey.weighting, targetAreas) : null,
      targetAreas,
      waves,
    };
  }
}
