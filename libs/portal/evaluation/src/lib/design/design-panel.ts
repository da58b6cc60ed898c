import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { Notice } from '@quartier/portal-ui';
import { EvaluationWorkspace, type Evaluation } from '../evaluation-workspace';
import { EvaluationTexts } from '../texts';
import { BalanceTable } from './balance-table';
import { ComparisonSection } from './comparison-section';
import { DesignForm } from './design-form';

/** The design step: the form, then — once computed — the comparison areas on the map and the balance table. */
@Component({
  selector: 'q-design-panel',
  imports: [Notice, DesignForm, ComparisonSection, BalanceTable],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (!workspace.editable()) {
      <q-notice>{{
        t('readOnly', { reason: t(evaluation().status === 'final' ? 'readOnly.final' : 'readOnly.role') })
      }}</q-notice>
    }
    <q-design-form [evaluation]="evaluation()" />
    @if (workspace.results.error()) {
      <q-notice kind="error">{{ workspace.problem(workspace.results.error()) }}</q-notice>
    } @else if (workspace.results.value(); as results) {
      <q-comparison-section [evaluation]="evaluation()" [results]="results" />
      <q-balance-table [results]="results" />
    } @else if (workspace.results.isLoading()) {
      <p role="status">{{ t('loading') }}</p>
    }
  `,
})
export class DesignPanel {
  protected readonly workspace = inject(EvaluationWorkspace);
  protected readonly t = inject(EvaluationTexts).t;
  readonly evaluation = input.required<Evaluation>();
}
