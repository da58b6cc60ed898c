import { ChangeDetectionStrategy, Component, computed, inject, input, resource, signal } from '@angular/core';
import { Session } from '@quartier/portal-data-access';
import { ConfirmedSubmission, Submission, SubmissionNotices, saveBlob } from '@quartier/portal-ui';
import { EvaluationWorkspace, type Evaluation, type LiveComparison } from '../evaluation-workspace';
import { shortHash } from '../numbers';
import { EvaluationTexts } from '../texts';
import { LiveComparisonView } from './live-comparison';

/** The frozen evidence: the snapshot in use (id, hash, time), freezing a new one, the history, and the comparison with live data. */
@Component({
  selector: 'q-snapshot-panel',
  imports: [SubmissionNotices, LiveComparisonView],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './snapshot-panel.html',
  styleUrl: '../evaluation.scss',
})
export class SnapshotPanel {
  protected readonly workspace = inject(EvaluationWorkspace);
  protected readonly texts = inject(EvaluationTexts);
  protected readonly t = this.texts.t;
  readonly evaluation = input.required<Evaluation>();

  protected readonly shortHash = shortHash;
  /** Freezing the evidence: its confirmation, or a failure (a download's too). */
  protected readonly taking = new ConfirmedSubmission(this.workspace.problem);
  protected readonly comparing = new Submission(this.workspace.problem);
  /** One request at a time: freezing and comparing wait for each other. */
  protected readonly busy = computed(() => this.taking.busy() || this.comparing.busy());
  protected readonly live = signal<LiveComparison | null>(null);
  protected readonly snapshot = computed(() => this.evaluation().snapshot);
  /** The document holds unsuppressed counts: editors only, as the API enforces. */
  private readonly session = inject(Session);
  protected readonly canDownload = computed(() => this.session.hasRole('evaluator', 'tenant-admin'));

  protected readonly history = resource({
    params: () => ({ id: this.evaluation().id, current: this.evaluation().snapshot?.id ?? '' }),
    loader: ({ params }) =>
      this.workspace.api.get('/api/evaluation/evaluations/{evaluationId}/snapshots', {
        path: { evaluationId: params.id },
        query: { limit: 100 },
      }),
  });

  protected take(): Promise<void> {
    this.live.set(null);
    return this.taking.run(async () => {
      const evaluationId = this.evaluation().id;
      await this.workspace.api.post('/api/evaluation/evaluations/{evaluationId}/snapshots', {
        path: { evaluationId },
      });
      // The evaluation now names the snapshot in use; its numbers come from it.
      this.workspace.update(
        await this.workspace.api.get('/api/evaluation/evaluations/{evaluationId}', {
          path: { evaluationId },
        }),
      );
      this.taking.message.set(this.t('snapshotTaken'));
    });
  }

  protected compare(): Promise<void> {
    return this.comparing.run(async () =>
      this.live.set(
        await this.workspace.api.get('/api/evaluation/evaluations/{evaluationId}/live-comparison', {
          path: { evaluationId: this.evaluation().id },
        }),
      ),
    );
  }

  /** The snapshot document exactly as hashed, as a file (editors only: it holds unsuppressed counts). */
  protected async download(snapshotId: string): Promise<void> {
    try {
      const { blob } = await this.workspace.api.file(
        '/api/evaluation/evaluations/{evaluationId}/snapshots/{snapshotId}/document',
        {
          path: { evaluationId: this.evaluation().id, snapshotId },
        },
      );
      saveBlob(blob, `evidence-${snapshotId}.json`);
    } catch (error) {
      this.taking.message.set(null);
      this.taking.error.set(this.workspace.problem(error));
    }
  }
}
