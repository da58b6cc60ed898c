import { ChangeDetectionStrategy, Component, effect, inject, input } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { ConfirmedSubmission, SubmissionNotices } from '@quartier/portal-ui';
import { EvaluationWorkspace, type Evaluation } from '../evaluation-workspace';
import { fromParagraphs, toParagraphs } from '../paragraphs';
import { EvaluationTexts } from '../texts';

/** Findings and recommendations: paragraphs, edited as text while the evaluation is editable. */
@Component({
  selector: 'q-findings-panel',
  imports: [FormsModule, SubmissionNotices],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (workspace.editable()) {
      <form class="form" (ngSubmit)="save()" data-testid="findings-form">
        <label for="f-findings">{{ t('findings') }}</label>
        <textarea
          id="f-findings"
          name="findings"
          rows="8"
          [(ngModel)]="findings"
          aria-describedby="f-hint"
        ></textarea>
        <label for="f-recommendations">{{ t('recommendations') }}</label>
        <textarea
          id="f-recommendations"
          name="recommendations"
          rows="6"
          [(ngModel)]="recommendations"
          aria-describedby="f-hint"
        ></textarea>
        <p class="hint" id="f-hint">{{ t('paragraphsHint') }}</p>
        <button type="submit" [disabled]="busy()">{{ t('save') }}</button>
      </form>
      <q-submission-notices [submission]="submission" />
    } @else {
      <h2>{{ t('findings') }}</h2>
      @for (p of evaluation().findings; track $index) {
        <p>{{ p }}</p>
      } @empty {
        <p>{{ t('noFindings') }}</p>
      }
      <h2>{{ t('recommendations') }}</h2>
      @for (p of evaluation().recommendations; track $index) {
        <p>{{ p }}</p>
      } @empty {
        <p>{{ t('noRecommendations') }}</p>
      }
    }
  `,
  styleUrl: '../evaluation.scss',
})
export class FindingsPanel {
  protected readonly workspace = inject(EvaluationWorkspace);
  protected readonly t = inject(EvaluationTexts).t;
  readonly evaluation = input.required<Evaluation>();

  protected findings = '';
  protected recommendations = '';
  protected readonly submission = new ConfirmedSubmission(this.workspace.problem);
  protected readonly busy = this.submission.busy;

  constructor() {
    effect(() => {
      this.findings = fromParagraphs(this.evaluation().findings);
      this.recommendations = fromParagraphs(this.evaluation().recommendations);
    });
  }

  protected async save(): Promise<void> {
    await this.submission.run(async () => {
      const updated = await this.workspace.api.patch('/api/evaluation/evaluations/{evaluationId}', {
        path: { evaluationId: this.evaluation().id },
        body: { findings: toParagraphs(this.findings), recommendations: toParagraphs(this.recommendations) },
      });
      this.workspace.update(updated);
      this.submission.message.set(this.t('saved'));
    });
  }
}
