import { Injectable, computed, inject, resource, signal } from '@angular/core';
import { EvaluationClient, levelGeometries, type EvaluationSchemas } from '@quartier/portal-data-access';
import { EvaluationTexts } from './texts';

export type Evaluation = EvaluationSchemas['EvaluationViewDto_Output'];
export type Results = EvaluationSchemas['ResultsDto_Output'];
export type Criteria = EvaluationSchemas['CriteriaDto_Output'];
export type EvidenceSources = EvaluationSchemas['EvidenceSourcesDto_Output'];
export type SnapshotInfo = EvaluationSchemas['SnapshotInfoDto_Output'];
export type LiveComparison = EvaluationSchemas['LiveComparisonDto_Output'];
export type Outcome = Results['numbers']['outcomes'][number];
export type Design = Evaluation['design'];

/**
 * One evaluation page's shared state (provided by EvaluationPage): the evaluation as the API
 * answered it last, its numbers (reloaded whenever the evaluation or its snapshot changes), the
 * DAC catalogue and the evidence sources, the area geometries of the map, and how problems read.
 */
@Injectable()
export class EvaluationWorkspace {
  readonly api = inject(EvaluationClient);
  private readonly texts = inject(EvaluationTexts);
  readonly id = signal<string | null>(null);

  readonly evaluation = resource({
    params: () => this.id() ?? undefined,
    loader: ({ params }) =>
      this.api.get('/api/evaluation/evaluations/{evaluationId}', { path: { evaluationId: params } }),
  });

  /** Numbers exist once the design names outcomes; a new design or snapshot reloads them. */
  readonly results = resource({
    params: () => {
      const e = this.evaluation.value();
      if (!e || e.design.outcomes.length === 0) return undefined;
      return { id: e.id, version: `${e.updatedAt}|${e.snapshot?.id ?? ''}` };
    },
    loader: ({ params }) =>
      this.api.get('/api/evaluation/evaluations/{evaluationId}/results', {
        path: { evaluationId: params.id },
      }),
  });

  readonly criteria = resource({ loader: () => this.api.get('/api/evaluation/criteria') });
  readonly sources = resource({ loader: () => this.api.get('/api/evaluation/evidence-sources') });

  readonly editable = computed(() => this.evaluation.value()?.editable === true);
  /** Every area of a level with its geometry (registry), cached for the page. */
  readonly geometry = levelGeometries();

  /** Replaces the evaluation with the API's answer to a change (numbers follow). */
  update(evaluation: Evaluation): void {
    this.evaluation.set(evaluation);
  }

  /** The indicator's name from the numbers or the catalogue, else its code. */
  indicatorName(code: string): string {
    const indicator =
      this.results.value()?.indicators.find((i) => i.code === code) ??
      this.sources.value()?.indicators.find((i) => i.code === code);
    return indicator ? `${indicator.name} (${code})` : code;
  }

  /** DAC criteria (unrated, blocking success) as a list to read: their names in the catalogue, else their codes. */
  criterionNames(codes: readonly string[]): string {
    const criteria = this.criteria.value()?.criteria ?? [];
    return codes
      .map((code) => {
        const criterion = criteria.find((c) => c.code === code);
        return criterion ? this.texts.pick(criterion.label) : code;
      })
      .join(', ');
  }

  readonly problem = this.texts.problem;
}
