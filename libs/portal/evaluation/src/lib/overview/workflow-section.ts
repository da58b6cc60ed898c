import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { FormsModule } from '@angular/forms';
import type { EvaluationSchemas } from '@quartier/portal-data-access';
import { ConfirmedSubmission, SubmissionNotices } from '@quartier/portal-ui';
import { EvaluationWorkspace, type Evaluation } from '../evaluation-workspace';
import { EvaluationTexts, type EvaluationTextKey } from '../texts';

type Action = Evaluation['actions'][number];
type AuditEntry = EvaluationSchemas['AuditDto_Output']['items'][number];

/** The workflow buttons the API allows the caller now, what blocks the others, and the history. */
@Component({
  selector: 'q-workflow-section',
  imports: [FormsModule, SubmissionNotices],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section aria-labelledby="workflow-heading">
      <h2 id="workflow-heading">{{ t('workflow') }}</h2>
      @if (evaluation().status === 'draft' && evaluation().unrated.length > 0) {
        <p class="hint">{{ t('needsRatings', { list: unratedList() }) }}</p>
      }
      @if (evaluation().status !== 'final' && !evaluation().snapshot) {
        <p class="hint">{{ t('needsSnapshot') }}</p>
      }
      @if (evaluation().status === 'in-review') {
        <p class="hint">{{ t('fourEyes') }}</p>
      }
      @if (evaluation().actions.length > 0) {
        <div class="form">
          <label for="w-comment">{{ t('comment') }}</label>
          <textarea id="w-comment" rows="2" [(ngModel)]="comment" maxlength="2000"></textarea>
          <div class="row">
            @for (action of evaluation().actions; track action) {
              <button
                type="button"
                [disabled]="busy()"
                (click)="take(action)"
                [attr.data-testid]="'action-' + action"
              >
                {{ t(actionLabel(action)) }}
              </button>
            }
          </div>
        </div>
      } @else {
        <p>{{ t('noActions') }}</p>
      }
      <q-submission-notices [submission]="submission" />
      <table class="table" data-testid="audit-table">
        <caption>
          {{
            t('audit')
          }}
        </caption>
        <thead>
          <tr>
            <th scope="col">{{ t('auditAction') }}</th>
            <th scope="col">{{ t('auditFrom') }}</th>
            <th scope="col">{{ t('auditTo') }}</th>
            <th scope="col">{{ t('auditBy') }}</th>
            <th scope="col">{{ t('auditAt') }}</th>
            <th scope="col">{{ t('comment') }}</th>
          </tr>
        </thead>
        <tbody>
          @for (entry of audit(); track $index) {
            <tr>
              <td>{{ texts.tk('audit', entry.action) }}</td>
              <td>{{ entry.from ? texts.tk('status', entry.from) : '–' }}</td>
              <td>{{ texts.tk('status', entry.to) }}</td>
              <td>{{ entry.by }}</td>
              <td>{{ texts.dateTime(entry.at) }}</td>
              <td>{{ entry.comment }}</td>
            </tr>
          }
        </tbody>
      </table>
    </section>
  `,
  styleUrl: '../evaluation.scss',
})
export class WorkflowSection {
  private readonly workspace = inject(EvaluationWorkspace);
  protected readonly texts = inject(EvaluationTexts);
  protected readonly t = this.texts.t;
  readonly evaluation = input.required<Evaluation>();
  readonly audit = input.required<readonly AuditEntry[]>();

  protected comment = '';
  protected readonly submission = new ConfirmedSubmission(this.workspace.problem);
  protected readonly busy = this.submission.busy;
  protected readonly unratedList = computed(() => this.workspace.criterionNames(this.evaluation().unrated));

  protected actionLabel(action: Action): EvaluationTextKey {
    return `action.${action}` as EvaluationTextKey;
  }

  protected async take(action: Action): Promise<void> {
    await this.submission.run(async () => {
      const updated = await this.workspace.api.post(
        '/api/evaluation/evaluations/{evaluationId}/transitions',
        {
          path: { evaluationId: this.evaluation().id },
          body: { action, comment: this.comment.trim() },
        },
      );
      this.comment = '';
      this.workspace.update(updated);
      this.submission.message.set(
        this.t('transitionDone', { status: this.texts.tk('status', updated.status) }),
      );
    });
  }
}
