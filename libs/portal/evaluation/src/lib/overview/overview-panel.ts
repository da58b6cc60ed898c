import { ChangeDetectionStrategy, Component, effect, inject, input, resource } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { ConfirmedSubmission, SubmissionNotices } from '@quartier/portal-ui';
import { EvaluationWorkspace, type Evaluation } from '../evaluation-workspace';
import { fromParagraphs, toParagraphs } from '../paragraphs';
import { startPeriodValid } from '../periods';
import { EvaluationTexts } from '../texts';
import { WorkflowSection } from './workflow-section';

/** The object, the questions (editable while the evaluation is), the workflow and its history. */
@Component({
  selector: 'q-overview-panel',
  imports: [FormsModule, RouterLink, WorkflowSection, SubmissionNotices],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section aria-labelledby="object-heading">
      <h2 id="object-heading">{{ t('object') }}</h2>
      <dl class="facts">
        <dt>{{ t('objectKind') }}</dt>
        <dd>{{ texts.tk('kind', evaluation().object.kind) }}</dd>
        @if (evaluation().object.programmeId; as programmeId) {
          <dt>{{ t('programme') }}</dt>
          <dd>
            {{ evaluation().object.programmeName }} ·
            <a [routerLink]="['/programmes', programmeId]">{{ t('programmePage') }}</a>
          </dd>
        }
        @if (evaluation().object.measureTitle) {
          <dt>{{ t('measure') }}</dt>
          <dd>{{ evaluation().object.measureTitle }}</dd>
        }
        <dt>{{ t('startShort') }}</dt>
        <dd>{{ evaluation().startPeriod }}</dd>
        <dt>{{ t('evaluatedAreas') }}</dt>
        <dd>
          @for (a of evaluation().object.areas; track a.code; let last = $last) {
            {{ a.code }} {{ a.name }}
            @if (!last) {
              ;
            }
          }
        </dd>
      </dl>
    </section>

    <section aria-labelledby="questions-heading">
      <h2 id="questions-heading">{{ t('questionsHeading') }}</h2>
      @if (workspace.editable()) {
        <form class="form" (ngSubmit)="save()">
          <label for="o-title">{{ t('title') }}</label>
          <input id="o-title" name="title" [(ngModel)]="title" required maxlength="200" />
          <label for="o-start">{{ t('startPeriod') }}</label>
          <input
            id="o-start"
            name="start"
            [(ngModel)]="startPeriod"
            maxlength="20"
            aria-describedby="o-start-hint"
          />
          <p class="hint" id="o-start-hint">{{ t('releasesSnapshot') }}</p>
          <label for="o-questions">{{ t('questions') }}</label>
          <textarea id="o-questions" name="questions" rows="5" [(ngModel)]="questions"></textarea>
          <button type="submit" [disabled]="busy() || !title.trim()">{{ t('save') }}</button>
        </form>
        <q-submission-notices [submission]="submission" />
      } @else {
        @for (q of evaluation().questions; track $index) {
          <p>{{ q }}</p>
        } @empty {
          <p>{{ t('noQuestions') }}</p>
        }
      }
    </section>

    <q-workflow-section [evaluation]="evaluation()" [audit]="audit.value()?.items ?? []" />
  `,
  styleUrl: '../evaluation.scss',
})
export class OverviewPanel {
  protected readonly workspace = inject(EvaluationWorkspace);
  protected readonly texts = inject(EvaluationTexts);
  protected readonly t = this.texts.t;
  readonly evaluation = input.required<Evaluation>();

  protected title = '';
  protected startPeriod = '';
  protected questions = '';
  protected readonly submission = new ConfirmedSubmission(this.workspace.problem);
  protected readonly busy = this.submission.busy;

  /** The history follows every change of status. */
  protected readonly audit = resource({
    params: () => ({ id: this.evaluation().id, status: this.evaluation().status }),
    loader: ({ params }) =>
      this.workspace.api.get('/api/evaluation/evaluations/{evaluationId}/audit', {
        path: { evaluationId: params.id },
      }),
  });

  constructor() {
    effect(() => {
      const e = this.evaluation();
      this.title = e.title;
      this.startPeriod = e.startPeriod;
      this.questions = fromParagraphs(e.questions);
    });
  }

  protected async save(): Promise<void> {
    const e = this.evaluation();
    // Only a changed start is sent (and checked): one stored before the service checked the
    // grammar does not keep the title and questions from being saved.
    const start = this.startPeriod.trim();
    if (start !== e.startPeriod && !startPeriodValid(start, false))
      return this.submission.error.set(this.t('startInvalid', { start }));
    await this.submission.run(async () => {
      const updated = await this.workspace.api.patch('/api/evaluation/evaluations/{evaluationId}', {
        path: { evaluationId: e.id },
        body: {
          title: this.title.trim(),
          questions: toParagraphs(this.questions),
          ...(start !== e.startPeriod ? { startPeriod: start } : {}),
        },
      });
      this.workspace.update(updated);
      this.submission.message.set(this.t('saved'));
    });
  }
}
