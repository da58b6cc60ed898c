import { ChangeDetectionStrategy, Component, computed, inject, input, resource, signal } from '@angular/core';
import { Session } from '@quartier/portal-data-access';
import { Notice, saveBlob } from '@quartier/portal-ui';
import { EvaluationWorkspace, type Evaluation, type LiveComparison } from '../evaluation-workspace';
import { shortHash } from '../numbers';
import { EvaluationTexts } from '../texts';
import { LiveComparisonView } from './live-comparison';

/** The frozen evidence: the snapshot in use (id, hash, time), freezing a new one, the history, and the comparison with live data. */
@Component({
  selector: 'q-snapshot-panel',
  imports: [Notice, LiveComparisonView],
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
  protected readonly busy = signal(false);
  protected readonly message = signal<{ kind: 'success' | 'error'; text: string } | null>(null);
  protected readonly live = signal<LiveComparison | null>(null);
  protected readonly liveError = signal<string | null>(null);
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

  protected async take(): Promise<void> {
    this.busy.set(true);
    this.message.set(null);
    this.live.set(null);
    try {
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
      this.message.set({ kind: 'success', text: this.t('snapshotTaken') });
    } catch (error) {
      this.message.set({ kind: 'error', text: this.workspace.problem(error) });
    } finally {
      this.busy.set(false);
    }
  }

  protected async compare(): Promise<void> {
    this.busy.set(true);
    this.liveError.set(null);
    try {
      this.live.set(
        await this.workspace.api.get('/api/evaluation/evaluations/{evaluationId}/live-comparison', {
          path: { evaluationId: this.evaluation().id },
        }),
      );
    } catch (error) {
      this.liveError.set(this.workspace.problem(error));
    } finally {
      this.busy.set(false);
    }
  }

  /** The snapshot document exactly as hashed, as a file (editors only: it holds unsuppressed counts). */
  protected async download(snapshotId: string): Promise<void> {
    try {
      const text = await this.workspace.api.text(
        '/api/evaluation/evaluations/{evaluationId}/snapshots/{snapshotId}/document',
        {
          path: { evaluationId: this.evaluation().id, snapshotId },
        },
      );
      saveBlob(new Blob([text], { type: 'application/json' }), `evidence-${snapshotId}.json`);
    } catch (error) {
      this.message.set({ kind: 'error', text: this.workspace.problem(error) });
    }
  }
}
