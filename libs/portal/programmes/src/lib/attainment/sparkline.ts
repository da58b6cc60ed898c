import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { ChartElement } from '@quartier/portal-ui';
import type { EChartsOption } from 'echarts';

/** A small ECharts line of a binding's actuals; gaps (suppressed periods) stay gaps. Decorative: the table says the same. */
@Component({
  selector: 'q-sparkline',
  imports: [ChartElement],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<div class="spark" [qChart]="option()" data-testid="sparkline"></div>`,
  styles: [':host { display: block; } .spark { height: 36px; width: 140px; }'],
})
export class Sparkline {
  readonly points = input.required<readonly { period: string; value: number | null }[]>();
  readonly target = input<number | null>(null);

  protected readonly option = computed((): EChartsOption => {
    const points = this.points();
    const target = this.target();
    return {
      animation: false,
      grid: { left: 2, right: 2, top: 4, bottom: 4 },
      xAxis: { type: 'category', show: false, data: points.map((p) => p.period) },
      yAxis: { type: 'value', show: false, scale: true },
      series: [
        {
          type: 'line',
          data: points.map((p) => p.value),
          connectNulls: false,
          symbolSize: 4,
          lineStyle: { color: '#13294b', width: 1.5 },
          itemStyle: { color: '#13294b' },
          markLine:
            target === null
              ? undefined
              : {
                  silent: true,
                  symbol: 'none',
                  data: [{ yAxis: target }],
                  lineStyle: { color: '#2e7d32', type: 'dashed' },
                },
        },
      ],
    };
  });
}
