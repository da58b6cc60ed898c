import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { Loaded, Notice } from '@quartier/portal-ui';
import { EvaluationWorkspace, type Evaluation } from '../evaluation-workspace';
import { shortHash } from '../numbers';
import { EvaluationTexts } from '../texts';
import { EvidenceTables } from './evidence-tables';
import { OutcomeResult } from './outcome-result';

/** Every number: where it comes from, then per outcome before/after, DiD and event study, then surveys and networks. */
@Component({
  selector: 'q-results-panel',
  imports: [Loaded, Notice, OutcomeResult, EvidenceTables],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (evaluation().design.outcomes.length === 0) {
      <q-notice>{{ t('designFirst') }}</q-notice>
    } @else {
      <ng-container *qLoaded="workspace.results; problem: workspace.problem; let results">
        <p data-testid="results-source">
          <strong>{{ t('source') }}:</strong>
          {{ source() }}
        </p>
        <p>{{ t('prePost', { pre: results.pre.join(', '), post: results.post.join(', ') }) }}</p>
        @for (outcome of results.numbers.outcomes; track outcome.indicator) {
          <q-outcome-result [outcome]="outcome" [results]="results" />
        }
        <q-evidence-tables [results]="results" />
      </ng-container>
    }
  `,
})
export class ResultsPanel {
  protected readonly workspace = inject(EvaluationWorkspace);
  protected readonly texts = inject(EvaluationTexts);
  protected readonly t = this.texts.t;
  readonly evaluation = input.required<Evaluation>();

  protected readonly source = computed(() => {
    const results = this.workspace.results.value();
    if (!results) return '';
    return results.source === 'snapshot' && results.snapshot
      ? this.t('source.snapshot', {
          at: this.texts.dateTime(results.snapshot.takenAt),
          hash: shortHash(results.evidenceHash),
        })
      : this.t('source.live', { hash: shortHash(results.evidenceHash) });
  });
}
