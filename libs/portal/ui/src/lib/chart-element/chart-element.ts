import { Directive, ElementRef, effect, inject, input } from '@angular/core';
import type { EChartsOption } from 'echarts';
import { mountChart } from '../charts/mount-chart';

/**
 * The element an ECharts chart draws in (mounted with `mountChart`), showing the option it is
 * given; a new option replaces the drawn one as a whole, so nothing of an earlier one lingers.
 * With a `label` the chart is an image named for screen readers; without one it is decoration
 * they skip. Either way the page shows the same numbers in a table beside it.
 */
@Directive({
  selector: 'div[qChart]',
  host: {
    '[attr.role]': 'label() === null ? null : "img"',
    '[attr.aria-label]': 'label()',
    '[attr.aria-hidden]': 'label() === null ? "true" : null',
  },
})
export class ChartElement {
  /** What the chart shows. */
  readonly qChart = input.required<EChartsOption>();
  /** The chart's accessible name; null for a decorative chart. */
  readonly label = input<string | null>(null);
  private readonly host = inject<ElementRef<HTMLDivElement>>(ElementRef);
  private readonly chart = mountChart(() => this.host.nativeElement);

  constructor() {
    effect(() => {
      const chart = this.chart();
      if (chart) chart.setOption(this.qChart(), true);
    });
  }
}
