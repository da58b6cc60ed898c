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
        @for (part of parts; track part.key) {
          <label [for]="'f-' + part.key">{{ t(part.key) }}</label>
          <textarea
            [id]="'f-' + part.key"
            [name]="part.key"
            [attr.name]="part.key"
            [rows]="part.rows"
            [(ngModel)]="text[part.key]"
            aria-describedby="f-hint"
          ></textarea>
        }
        <p class="hint" id="f-hint">{{ t('paragraphsHint') }}</p>
        <button type="submit" [disabled]="busy()">{{ t('save') }}</button>
      </form>
      <q-submission-notices [submission]="submission" />
    } @else {
      @for (part of parts; track part.key) {
        <h2>{{ t(part.key) }}</h2>
        @for (p of evaluation()[part.key]; track $index) {
          <p>{{ p }}</p>
        } @empty {
          <p>{{ t(part.none) }}</p>
        }
      }
    }
  `,
  styleUrl: '../evaluation.scss',
})
export class FindingsPanel {
  protected readonly workspace = inject(EvaluationWorkspace);
  protected readonly t = inject(EvaluationTexts).t;
  readonly evaluation = input.required<Evaluation>();

  /** The two parts, each paragraphs in the evaluation and one text while edited. */
  protected readonly parts = [
    { key: 'findings', rows: 8, none: 'noFindings' },
    { key: 'recommendations', rows: 6, none: 'noRecommendations' },
  ] as const;
  protected readonly text = { findings: '', recommendations: '' };
  protected readonly submission = new ConfirmedSubmission(this.workspace.problem);
  protected readonly busy = this.submission.busy;

  constructor() {
    effect(() => {
      for (const { key } of this.parts) this.text[key] = fromParagraphs(this.evaluation()[key]);
    });
  }

  protected async save(): Promise<void> {
    await this.submission.run(async () => {
      const updated = await this.workspace.api.patch('/api/evaluation/evaluations/{evaluationId}', {
        path: { evaluationId: this.evaluation().id },
        body: {
          findings: toParagraphs(this.text.findings),
          recommendations: toParagraphs(this.text.recommendations),
        },
      });
      this.workspace.update(updated);
      this.submission.message.set(this.t('saved'));
    });
  }
}
