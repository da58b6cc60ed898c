import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { ChartElement } from '@quartier/portal-ui';
import type { CustomSeriesRenderItemAPI, CustomSeriesRenderItemParams, EChartsOption } from 'echarts';
import type { EventStudyChartData } from '../event-study-view';

export interface EventStudyChartTexts {
  estimate: string;
  interval: string;
  axis: string;
  start: string;
}

/**
 * The event study as an ECharts chart (loaded on demand, SVG): the estimate per period relative
 * to the start as points on a line, the 95 % interval as an error bar, zero as a reference
 * line and the start as a dashed vertical line. Black and grey only, with distinct marks, so it
 * reads in greyscale; the table beside it carries the same numbers for screen readers.
 */
@Component({
  selector: 'q-event-study-chart',
  imports: [ChartElement],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<div class="chart" [qChart]="option()" [label]="label()" data-testid="event-study-chart"></div>`,
  styles: [':host { display: block; } .chart { height: 300px; width: 100%; max-width: 44rem; }'],
})
export class EventStudyChart {
  readonly data = input.required<EventStudyChartData>();
  readonly label = input.required<string>();
  readonly unit = input('');
  readonly texts = input.required<EventStudyChartTexts>();

  protected readonly option = computed((): EChartsOption => {
    const data = this.data();
    const texts = this.texts();
    return {
      animation: false,
      aria: { enabled: false },
      grid: { left: 56, right: 16, top: 40, bottom: 48 },
      tooltip: { trigger: 'axis' as const },
      legend: { top: 0, data: [texts.estimate, texts.interval] },
      xAxis: {
        type: 'category' as const,
        data: data.labels,
        name: texts.axis,
        nameLocation: 'middle' as const,
        nameGap: 30,
      },
      yAxis: { type: 'value' as const, name: this.unit(), scale: true },
      series: [
        {
          name: texts.estimate,
          type: 'line' as const,
          data: data.estimates,
          connectNulls: false,
          symbol: 'circle',
          symbolSize: 9,
          itemStyle: { color: '#000000' },
          lineStyle: { color: '#000000', width: 1.5 },
          markLine: {
            silent: true,
            symbol: 'none',
            label: { show: true, formatter: (p: { name?: string }) => p.name ?? '' },
            data: [
              { yAxis: 0, name: '0', lineStyle: { color: '#5b6670', type: 'solid' as const, width: 1 } },
              ...(data.startIndex !== null
                ? [
                    {
                      xAxis: data.startIndex - 0.5,
                      name: texts.start,
                      lineStyle: { color: '#5b6670', type: 'dashed' as const, width: 1.5 },
                    },
                  ]
                : []),
            ],
          },
        },
        {
          name: texts.interval,
          type: 'custom' as const,
          itemStyle: { color: '#5b6670' },
          data: data.intervals,
          encode: { x: 0, y: [1, 2] },
          renderItem: (_params: CustomSeriesRenderItemParams, api: CustomSeriesRenderItemAPI) => {
            const x = api.value(0);
            const low = api.coord([x, api.value(1)]);
            const high = api.coord([x, api.value(2)]);
            const half = 6;
            const style = { stroke: '#5b6670', lineWidth: 2 };
            return {
              type: 'group' as const,
              children: [
                { type: 'line' as const, shape: { x1: low[0], y1: low[1], x2: high[0], y2: high[1] }, style },
                {
                  type: 'line' as const,
                  shape: { x1: low[0] - half, y1: low[1], x2: low[0] + half, y2: low[1] },
                  style,
                },
                {
                  type: 'line' as const,
                  shape: { x1: high[0] - half, y1: high[1], x2: high[0] + half, y2: high[1] },
                  style,
                },
              ],
            };
          },
          z: 1,
        },
      ],
    };
  });
}
