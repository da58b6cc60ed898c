import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Caller } from '@quartier/auth';
import type { EventPayload } from '@quartier/contracts';
import { OutboxWriter } from '@quartier/messaging';
import { Clock } from '@quartier/service-kit';
import {
  type Form,
  type QuestionResult,
  type Respondent,
  type ResultCell,
  type Suppression,
  aggregateResponses,
  compareMeans,
  compareShares,
  findChoiceList,
  isAnswered,
  localize,
  postStratificationWeights,
  publishableQuestions,
  TOTAL_GROUP,
} from '@quartier/survey-core';
import type { DataSource } from 'typeorm';
import { AreaRefRepository } from '../areas/area-ref.repository';
import { assertWeighting } from '../forms/form-checks';
import { areaQuestionOf } from '../forms/form-rules';
import { RESULT_READERS, SURVEY_CONNECTION, SURVEY_EDITORS } from '../survey.constants';
import { assertSurveyAccess, SurveyApiError } from '../survey.errors';
import type { TargetAreaView } from '../surveys/survey.dto';
import { type SurveyRow, SurveyRepository } from '../surveys/survey.repository';
import { TargetAreaRepository } from '../surveys/target-area.repository';
import { type WaveRow, WaveRepository } from '../surveys/wave.repository';
import { ResultsReleaseRepository } from './results-release.repository';
import { protectHierarchy, type HierarchySuppression } from './hierarchical-suppression';
import { answeredCounter, parentPopulations, totalPopulation, withCounts } from './result-groups';
import { ResultsReleaseService } from './results-release.service';
import { AREA, indicatorResults, indicatorValues, PARENT, unpublishedQuestions } from './result-values';
import type { AreaGroup, QuestionResults, SurveyResults } from './survey-results';

export interface Computation {
  survey: SurveyRow;
  form: Form;
  wave: WaveRow;
  areas: AreaGroup[];
  parents: AreaGroup[];
  respondents: Respondent[];
  results: SurveyResults;
}

/**
 * Results per area and the level above, k-anonymous before they leave this service: the
 * core's suppression per level, then `protectHierarchy` across the levels (no recovery by
 * subtraction from a parent or the total). Suppressed cells carry no numbers; free text is
 * never aggregated or returned.
 */
@Injectable()
export class ResultsService {
  constructor(
    @InjectDataSource(SURVEY_CONNECTION) private readonly db: DataSource,
    private readonly surveys: SurveyRepository,
    private readonly waves: WaveRepository,
    private readonly targetAreas: TargetAreaRepository,
    private readonly released: ResultsReleaseRepository,
    private readonly areas: AreaRefRepository,
    @Inject(OutboxWriter) private readonly outbox: OutboxWriter,
    private readonly releases: ResultsReleaseService,
    private readonly clock: Clock,
  ) {}

  async results(
    caller: Caller,
    surveyId: string,
    waveId: string,
    options: { weighted: boolean; language?: string },
  ): Promise<SurveyResults> {
    const { access, tenantId } = caller;
    const survey = await this.surveys.find(tenantId, surveyId);
    assertSurveyAccess(access, RESULT_READERS, survey.scopeAreaPath);
    const release = await this.releases.releaseDue(survey, await this.waves.find(survey.id, waveId));
    const { results } = await this.compute(survey, waveId, options.weighted, options.language);
    return { ...results, release };
  }

  /** The owner's release of everything still waiting, once the wave has ended. */
  async release(caller: Caller, surveyId: string, waveId: string) {
    const { access, tenantId } = caller;
    const survey = await this.surveys.find(tenantId, surveyId);
    return this.releases.releaseByOwner(access, survey, await this.waves.find(survey.id, waveId));
  }

  /**
   * Differences between two (wave, area) cells of the same survey — between areas of a wave or
   * an area across waves — with Newcombe (shares, top-2-box) and Welch (means) intervals. Only
   * published cells are compared; a suppressed side gives null.
   */
  async compare(
    caller: Caller,
    surveyId: string,
    a: { wave: string; area: string },
    b: { wave: string; area: string },
    weighted: boolean,
  ) {
    const { access, tenantId } = caller;
    const survey = await this.surveys.find(tenantId, surveyId);
    assertSurveyAccess(access, RESULT_READERS, survey.scopeAreaPath);
    const [ra, rb] = await Promise.all([
      this.compute(survey, a.wave, weighted),
      a.wave === b.wave ? undefined : this.compute(survey, b.wave, weighted),
    ]);
    const left = ra.results;
    const right = rb?.results ?? left;
    const cellOf = (results: SurveyResults, question: QuestionResults, area: string): ResultCell => {
      if (area === TOTAL_GROUP) return question.total;
      const i = results.areas.findIndex((g) => g.key === area);
      if (i >= 0) return question.areas[i];
      const p = results.parents.findIndex((g) => g.key === area);
      if (p >= 0) return question.parents[p];
      throw new SurveyApiError('SurveyNotFound', `no area ${area} in this survey`);
    };
    return {
      a,
      b,
      questions: left.questions.map((question) => {
        const other = right.questions.find((q) => q.question === question.question);
        const ca = cellOf(left, question, a.area);
        const cb = other ? cellOf(right, other, b.area) : undefined;
        if (!cb || ca.suppressed !== null || cb.suppressed !== null)
          return { question: question.question, suppressed: true as const };
        if (ca.kind === 'numeric' && cb.kind === 'numeric') {
          return {
            question: question.question,
            suppressed: false as const,
            mean: compareMeans(
              { mean: ca.mean, sd: ca.sd, n: ca.nEffective },
              { mean: cb.mean, sd: cb.sd, n: cb.nEffective },
            ),
          };
        }
        if (ca.kind === 'select' && cb.kind === 'select') {
          return {
            question: question.question,
            suppressed: false as const,
            options: ca.options.map((o) => {
              const ob = cb.options.find((x) => x.option === o.option);
              return {
                option: o.option,
                ...(ob
                  ? {
                      difference: compareShares(
                        { share: o.share, n: ca.nEffective },
                        { share: ob.share, n: cb.nEffective },
                      ),
                    }
                  : { difference: null }),
              };
            }),
            ...(ca.topTwoBox?.share != null && cb.topTwoBox?.share != null
              ? {
                  topTwoBox: compareShares(
                    { share: ca.topTwoBox.share, n: ca.topTwoBox.n },
                    { share: cb.topTwoBox.share, n: cb.topTwoBox.n },
                  ),
                }
              : {}),
          };
        }
        return { question: question.question, suppressed: true as const };
      }),
    };
  }

  /** Emits `survey.results.published` with the indicator items' published values (editors only). */
  async publish(
    caller: Caller,
    surveyId: string,
    waveId: string,
  ): Promise<EventPayload<'survey.results.published'>> {
    const { access, tenantId } = caller;
    return this.db.transaction(async (manager) => {
      const survey = await this.surveys.find(tenantId, surveyId, manager, true);
      assertSurveyAccess(access, SURVEY_EDITORS, survey.scopeAreaPath);
      const weighted = survey.weighting !== null;
      const computation = await this.compute(survey, waveId, weighted);
      const payload: EventPayload<'survey.results.published'> = {
        tenantId,
        surveyId,
        waveId,
        period: computation.wave.closesOn,
        k: survey.k,
        weighted,
        items: survey.indicatorItems.map((item) => indicatorValues(computation.results, item)),
      };
      await this.waves.markResultsPublished(manager, waveId, this.clock.today());
      await this.outbox.append(manager, 'survey.results.published', payload, { tenantId, key: surveyId });
      return payload;
    });
  }

  private async compute(
    survey: SurveyRow,
    waveId: string,
    weighted: boolean,
    language?: string,
  ): Promise<Computation> {
    const form = await this.surveys.form(survey.id, survey.formVersion);
    if (!form) throw new SurveyApiError('FormMissing', 'this survey has no form');
    const wave = await this.waves.find(survey.id, waveId);
    const targets = await this.targetAreas.ofSurvey(survey.id);
    // The weighting was checked when it was saved and when the survey opened; target areas
    // replaced while it is open may have left it naming an area that is no target area any more.
    // Weighted figures (and the indicator values published from them) would then ignore those
    // figures without a word: refused with the same check, until the weighting is saved again.
    if (weighted && survey.weighting)
      assertWeighting(
        form,
        targets.map((t) => t.key),
        survey.weighting,
      );
    const parents = await this.parentGroups(survey.tenantId, targets);
    const parentKeyOf = (t: TargetAreaView) =>
      t.parentId && parents.has(t.parentId) ? (parents.get(t.parentId) as AreaGroup).key : t.key;
    const respondents = await this.releasedRespondents(survey, waveId, targets, parentKeyOf);

    const areaQuestion = areaQuestionOf(form)?.name;
    const questions = publishableQuestions(form)
      .filter((q) => q.name !== areaQuestion)
      .map((q) => q.name);
    const weights = weighted && survey.weighting ? this.weights(survey, respondents) : undefined;
    const areaOrder = targets.map((t) => t.key);
    const parentGroupsList = [...new Map(targets.map((t) => [parentKeyOf(t), t])).entries()].map(
      ([key, t]) =>
        t.parentId && parents.has(t.parentId)
          ? (parents.get(t.parentId) as AreaGroup)
          : { ...this.asGroup(t, key), parentKey: key },
    );
    const parentOrder = parentGroupsList.map((p) => p.key);
    const countAnswered = answeredCounter(respondents, areaOrder, parentOrder);
    const respondentCounts = countAnswered(null);
    const areaCounts = respondentCounts.areas;
    const parentCounts = respondentCounts.parents;
    const parentOfArea = new Map(targets.map((t) => [t.key, parentKeyOf(t)]));
    const hierarchy = (childN: number[], parentN: number[], totalN: number) => ({
      children: areaOrder.map((key, i) => ({ key, parent: parentOfArea.get(key) as string, n: childN[i] })),
      parents: parentOrder.map((key, i) => ({ key, n: parentN[i] })),
      totalN,
    });
    const counts = protectHierarchy(hierarchy(areaCounts, parentCounts, respondents.length), survey.k);
    const areaGroups = withCounts(
      targets.map((t) => this.asGroup(t, parentKeyOf(t))),
      areaCounts,
      counts.children,
    );
    const parentPopulation = parentPopulations(targets, parentKeyOf);
    const parentGroups = withCounts(
      parentGroupsList.map((p) => ({ ...p, population: parentPopulation.get(p.key) ?? null })),
      parentCounts,
      counts.parents,
    );
    const population = totalPopulation(targets);

    const lang = language ?? form.settings.defaultLanguage;
    const questionResults = questions.map((name) => {
      const answered = countAnswered(name);
      const protection = protectHierarchy(
        hierarchy(answered.areas, answered.parents, answered.total),
        survey.k,
      );
      return this.questionResultsFor(form, lang, name, respondents, weights, {
        areaOrder,
        parentOrder,
        protection,
      });
    });

    const totalSuppressed = counts.total;
    const results: SurveyResults = {
      surveyId: survey.id,
      wave: { id: wave.id, name: wave.name, opensOn: wave.opensOn, closesOn: wave.closesOn },
      k: survey.k,
      weighted: weights !== undefined,
      language: lang,
      areas: areaGroups,
      parents: parentGroups,
      total: {
        respondents: totalSuppressed ? null : respondents.length,
        responseRate: totalSuppressed || !population ? null : respondents.length / population,
        suppressed: totalSuppressed,
      },
      questions: questionResults,
      indicators: indicatorResults(survey.indicatorItems, questionResults, respondents, weights),
      notPublished: unpublishedQuestions(form, questions, areaQuestion),
    };
    return { survey, form, wave, areas: areaGroups, parents: parentGroups, respondents, results };
  }

  /** The released responses of the wave in target areas, marked with their area and parent keys. */
  private async releasedRespondents(
    survey: SurveyRow,
    waveId: string,
    targets: readonly TargetAreaView[],
    parentKeyOf: (t: TargetAreaView) => string,
  ): Promise<Respondent[]> {
    const keyOfArea = new Map(targets.map((t) => [t.areaId, t]));
    // Released responses only: readers see the last release point, never the live state.
    const rows = await this.released.releasedAnswers(survey.id, waveId);
    const respondents: Respondent[] = [];
    for (const row of rows) {
      const target = keyOfArea.get(row.areaId);
      if (!target) continue;
      respondents.push({ ...(row.answers as Respondent), [AREA]: target.key, [PARENT]: parentKeyOf(target) });
    }
    return respondents;
  }

  /** One question's results per area and parent, with the cells `protection` leaves published. */
  private questionResultsFor(
    form: Form,
    language: string,
    name: string,
    respondents: readonly Respondent[],
    weights: readonly number[] | undefined,
    layout: { areaOrder: string[]; parentOrder: string[]; protection: HierarchySuppression },
  ) {
    // The numbers come from the core, computed over those who answered (so every group it sees
    // has n ≥ 1 and nothing is suppressed there); which cells are published is decided above.
    const subset: Respondent[] = [];
    const subsetWeights: number[] = [];
    respondents.forEach((r, i) => {
      if (!isAnswered(r[name])) return;
      subset.push(r);
      if (weights) subsetWeights.push(weights[i]);
    });
    const options = { k: 1, questions: [name], ...(weights ? { weights: subsetWeights } : {}) };
    const byArea = aggregateResponses(form, subset, { ...options, by: AREA }).questions[0];
    const byParent = aggregateResponses(form, subset, { ...options, by: PARENT }).questions[0];
    return this.questionResults(
      form,
      language,
      name,
      byArea,
      byParent,
      layout.areaOrder,
      layout.parentOrder,
      layout.protection,
    );
  }

  private questionResults(
    form: Form,
    language: string,
    name: string,
    byArea: QuestionResult | undefined,
    byParent: QuestionResult | undefined,
    areaOrder: readonly string[],
    parentOrder: readonly string[],
    protection: HierarchySuppression,
  ): QuestionResults {
    const question = publishableQuestions(form).find((q) => q.name === name);
    const list = question && 'listName' in question ? findChoiceList(form, question.listName) : undefined;
    const cellFor = (
      result: QuestionResult | undefined,
      group: string,
      suppressed: Suppression | null,
    ): ResultCell => {
      if (suppressed) return { group, suppressed };
      const cell = result?.cells.find((c) => c.group === group);
      // Published cells hold at least k ≥ 2 answers, so the core computed them.
      if (!cell) throw new Error(`no result for ${name} in ${group}`);
      return cell;
    };
    const kind = question?.type === 'integer' || question?.type === 'decimal' ? 'numeric' : 'select';
    const optionNames = list?.choices.map((c) => c.name) ?? [];
    return {
      question: name,
      label: (question && localize(question.label, language, form.settings.defaultLanguage)) ?? name,
      kind,
      likert: question?.type === 'select_one' && question.likert,
      options:
        kind === 'select'
          ? optionNames.map((o) => ({
              name: o,
              label:
                localize(
                  list?.choices.find((c) => c.name === o)?.label ?? {},
                  language,
                  form.settings.defaultLanguage,
                ) ?? o,
            }))
          : [],
      areas: areaOrder.map((g) => cellFor(byArea, g, protection.children.get(g) ?? null)),
      parents: parentOrder.map((g) => cellFor(byParent, g, protection.parents.get(g) ?? null)),
      total: cellFor(byArea, TOTAL_GROUP, protection.total),
    };
  }

  private weights(survey: SurveyRow, respondents: readonly Respondent[]): number[] {
    const weighting = survey.weighting!;
    const population = new Map(
      Object.entries(weighting.population).map(([area, cells]) => [area, new Map(Object.entries(cells))]),
    );
    return postStratificationWeights(
      respondents.map((r) => ({
        area: String(r[AREA]),
        cell: typeof r[weighting.question] === 'string' ? (r[weighting.question] as string) : undefined,
      })),
      population,
    ).weights;
  }

  private asGroup(t: TargetAreaView, parentKey: string): AreaGroup {
    return {
      key: t.key,
      areaId: t.areaId,
      name: t.name,
      level: t.level,
      parentKey,
      population: t.population,
      respondents: null,
      responseRate: null,
      suppressed: null,
    };
  }

  private async parentGroups(
    tenantId: string,
    targets: readonly TargetAreaView[],
  ): Promise<Map<string, AreaGroup>> {
    const ids = [...new Set(targets.map((t) => t.parentId).filter((id): id is string => id !== null))];
    if (ids.length === 0) return new Map();
    const rows = await this.areas.byIds(tenantId, ids);
    return new Map(
      rows.map((r) => [
        r.id,
        {
          key: r.code,
          areaId: r.id,
          name: r.name,
          level: r.level,
          parentKey: r.code,
          population: null,
          respondents: null,
          responseRate: null,
          suppressed: null,
        },
      ]),
    );
  }
}
