import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { balanceSummary, balanceVerdict } from '../balance-view';
import { EvaluationWorkspace, type Results } from '../evaluation-workspace';
import { succeeded } from '../numbers';
import { EvaluationTexts, type EvaluationTextKey } from '../texts';

/** Standardised mean differences of the matching indicators before and after matching. */
@Component({
  selector: 'q-balance-table',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (rows(); as rows) {
      <section aria-labelledby="balance-heading">
        <h3 id="balance-heading">{{ t('balance', { period: period() }) }}</h3>
        <p class="hint">{{ t('balanceIntro') }}</p>
        <p>
          {{
            t('balanceSummary', {
              before: texts.count(summary().goodBefore),
              after: texts.count(summary().goodAfter),
              total: texts.count(summary().indicators),
            })
          }}
        </p>
        <table class="table" data-testid="balance-table">
          <thead>
            <tr>
              <th scope="col">{{ t('indicator') }}</th>
              <th scope="col" class="num">{{ t('meanTreated') }}</th>
              <th scope="col" class="num">{{ t('meanBefore') }}</th>
              <th scope="col" class="num">{{ t('smdBefore') }}</th>
              <th scope="col" class="num">{{ t('meanAfter') }}</th>
              <th scope="col" class="num">{{ t('smdAfter') }}</th>
              <th scope="col">{{ t('verdict') }}</th>
            </tr>
          </thead>
          <tbody>
            @for (r of rows; track r.indicator) {
              <tr>
                <th scope="row">{{ workspace.indicatorName(r.indicator) }}</th>
                <td class="num">{{ texts.number(r.treated.mean) }}</td>
                <td class="num">{{ texts.number(r.before.mean) }}</td>
                <td class="num">{{ texts.signed(r.before.smd) }}</td>
                <td class="num">{{ texts.number(r.after.mean) }}</td>
                <td class="num">{{ texts.signed(r.after.smd) }}</td>
                <td>{{ t(verdictKey(r.after.smd)) }}</td>
              </tr>
            }
          </tbody>
        </table>
      </section>
    }
  `,
  styleUrl: '../evaluation.scss',
})
export class BalanceTable {
  protected readonly workspace = inject(EvaluationWorkspace);
  protected readonly texts = inject(EvaluationTexts);
  protected readonly t = this.texts.t;
  readonly results = input.required<Results>();

  protected readonly rows = computed(() => this.results().numbers.balance);
  protected readonly summary = computed(() => balanceSummary(this.rows() ?? []));
  protected readonly period = computed(() => succeeded(this.results().numbers.matching)?.period ?? '');

  protected verdictKey(smd: number | null): EvaluationTextKey {
    return `verdict.${balanceVerdict(smd)}` as EvaluationTextKey;
  }
}
