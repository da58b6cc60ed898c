import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import type { LiveComparison } from '../evaluation-workspace';
import { EvaluationTexts } from '../texts';

interface Cell {
  value: number | null;
  status: string;
}

/** "Compare with live data": what changed since the snapshot, within its areas × indicators × periods. */
@Component({
  selector: 'q-live-comparison',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section aria-labelledby="live-heading" data-testid="live-comparison">
      <h3 id="live-heading">{{ t('compareLive') }}</h3>
      @if (comparison().identical) {
        <p role="status">{{ t('liveIdentical') }}</p>
      } @else {
        <p role="status">
          {{
            t('liveChanged', {
              changed: texts.count(values().changed.length),
              added: texts.count(values().added.length),
              removed: texts.count(values().removed.length),
              unchanged: texts.count(values().unchanged),
            })
          }}
        </p>
        @if (values().changedDefinitions.length > 0) {
          <p>{{ t('changedDefinitions', { list: values().changedDefinitions.join(', ') }) }}</p>
        }
        @if (comparison().treatedAreas.added.length > 0) {
          <p>{{ t('treatedAdded', { list: comparison().treatedAreas.added.join(', ') }) }}</p>
        }
        @if (comparison().treatedAreas.removed.length > 0) {
          <p>{{ t('treatedRemoved', { list: comparison().treatedAreas.removed.join(', ') }) }}</p>
        }
        <p class="hint">{{ t('liveNote') }}</p>
        @for (table of tables(); track table.caption) {
          @if (table.rows.length > 0) {
            <table class="table">
              <caption>
                {{
                  table.caption
                }}
                @if (table.rows.length > limit) {
                  – {{ t('firstRows', { shown: texts.count(limit), total: texts.count(table.rows.length) }) }}
                }
              </caption>
              <thead>
                <tr>
                  <th scope="col">{{ t('area') }}</th>
                  <th scope="col">{{ t('indicator') }}</th>
                  <th scope="col">{{ t('period') }}</th>
                  <th scope="col" class="num">{{ t('frozen') }}</th>
                  <th scope="col" class="num">{{ t('live') }}</th>
                </tr>
              </thead>
              <tbody>
                @for (row of table.rows.slice(0, limit); track $index) {
                  <tr>
                    <td>{{ row.area }}</td>
                    <td>{{ row.indicator }}</td>
                    <td>{{ row.period }}</td>
                    <td class="num">{{ cell(row.snapshot) }}</td>
                    <td class="num">{{ cell(row.live) }}</td>
                  </tr>
                }
              </tbody>
            </table>
          }
        }
      }
    </section>
  `,
  styleUrl: '../evaluation.scss',
})
export class LiveComparisonView {
  protected readonly texts = inject(EvaluationTexts);
  protected readonly t = this.texts.t;
  readonly comparison = input.required<LiveComparison>();

  /** Rows shown per table: a re-import can touch thousands of cells; the counts above say how many. */
  protected readonly limit = 200;
  protected readonly values = computed(() => this.comparison().values);
  protected readonly tables = computed(() => {
    const v = this.values();
    return [
      { caption: this.t('changedValues'), rows: v.changed },
      { caption: this.t('addedValues'), rows: v.added.map((a) => ({ ...a, snapshot: null })) },
      { caption: this.t('removedValues'), rows: v.removed.map((r) => ({ ...r, live: null })) },
    ];
  });

  protected cell(cell: Cell | null): string {
    if (!cell) return '–';
    if (cell.status === 'suppressed' || cell.status === 'missing')
      return this.texts.tk('valueStatus', cell.status);
    return this.texts.number(cell.value);
  }
}
