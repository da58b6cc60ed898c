import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { Loaded, Notice } from '@quartier/portal-ui';
import { EvaluationWorkspace, type Evaluation } from '../evaluation-workspace';
import { EvaluationTexts } from '../texts';
import { RatingForm } from './rating-form';

/** The six OECD-DAC criteria, each rated with justification and evidence. */
@Component({
  selector: 'q-ratings-panel',
  imports: [Loaded, Notice, RatingForm],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2>{{ t('ratings') }}</h2>
    <p class="hint">{{ t('ratingsIntro') }}</p>
    @if (!workspace.editable()) {
      <q-notice>{{
        t('readOnly', { reason: t(evaluation().status === 'final' ? 'readOnly.final' : 'readOnly.role') })
      }}</q-notice>
    }
    @if (blockers()) {
      <q-notice>{{ t('successBlockers', { list: blockers() }) }}</q-notice>
    }
    <ng-container *qLoaded="workspace.criteria; problem: workspace.problem; let catalogue">
      @for (criterion of catalogue.criteria; track criterion.code) {
        <q-rating-form
          [evaluation]="evaluation()"
          [criterion]="criterion"
          [scale]="catalogue.scale"
          [rating]="ratingOf(criterion.code)"
        />
      }
    </ng-container>
  `,
  styles: '.hint { color: #4a5561; }',
})
export class RatingsPanel {
  protected readonly workspace = inject(EvaluationWorkspace);
  protected readonly texts = inject(EvaluationTexts);
  protected readonly t = this.texts.t;
  readonly evaluation = input.required<Evaluation>();

  protected readonly blockers = computed(() =>
    this.workspace.criterionNames(this.evaluation().successBlockers),
  );

  protected ratingOf(code: string) {
    return this.evaluation().ratings.find((r) => r.criterion === code) ?? null;
  }
}
