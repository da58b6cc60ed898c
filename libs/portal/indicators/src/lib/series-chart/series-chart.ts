import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { ChartElement } from '@quartier/portal-ui';
import type { EChartsOption } from 'echarts';

export interface SeriesLine {
  name: string;
  points: { period: string; value: number | null }[];
}

/**
 * Time series as an ECharts line chart (loaded on demand). Gaps stay gaps: a missing or
 * suppressed period is drawn as a break in the line, never as zero. Distinct symbols per line
 * keep several areas apart in greyscale; the table beside it carries the same numbers.
 */
@Component({
  selector: 'q-series-chart',
  imports: [ChartElement],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<div class="chart" [qChart]="option()" [label]="label()" data-testid="series-chart"></div>`,
  styles: [':host { display: block; } .chart { height: 300px; width: 100%; }'],
})
export class SeriesChart {
  readonly lines = input.required<readonly SeriesLine[]>();
  readonly label = input.required<string>();
  readonly unit = input('');

  protected readonly option = computed((): EChartsOption => {
    const lines = this.lines();
    const periods = [...new Set(lines.flatMap((l) => l.points.map((p) => p.period)))];
    const symbols = ['circle', 'rect', 'triangle', 'diamond', 'pin'];
    const colours = ['#a63603', '#13294b', '#2e7d32', '#6a3d9a', '#5d4037'];
    return {
      animation: false,
      grid: { left: 48, right: 16, top: 32, bottom: 32 },
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      xAxis: { type: 'category', data: periods },
      yAxis: { type: 'value', name: this.unit(), scale: true },
      series: lines.map((line, i) => {
        const byPeriod = new Map(line.points.map((p) => [p.period, p.value]));
        return {
          name: line.name,
          type: 'line',
          connectNulls: false,
          symbol: symbols[i % symbols.length],
          symbolSize: 8,
          lineStyle: { width: 2, type: i === 0 ? 'solid' : i === 1 ? 'dashed' : 'dotted' },
          itemStyle: { color: colours[i % colours.length] },
          data: periods.map((p) => byPeriod.get(p) ?? null),
        };
      }),
    };
  });
}
