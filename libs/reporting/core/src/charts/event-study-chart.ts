import type * as echarts from 'echarts';
import { formatNumber } from '../format/number-format';
import { text } from '../texts';
import type { ChartInput, SvgGraphic } from './echarts-svg';
import { baseChartOption, chartDataCheck, chartGraphic, valueAxis } from './echarts-svg';
import { INK, MUTED_INK, SERIES_COLOURS } from './palette';

export interface EventStudyEstimate {
  /** Period relative to the start of the programme (0 = first treated period). */
  period: number;
  estimate: number;
  /** The 95 % confidence interval. */
  lower: number;
  upper: number;
}

export interface EventStudyChartInput extends ChartInput {
  estimates: EventStudyEstimate[];
  /** The period normalised to zero (usually −1); drawn as a hollow point without interval. */
  referencePeriod: number;
}

function check(input: EventStudyChartInput): void {
  const fail = chartDataCheck('event study chart', input.id);
  if (input.estimates.length === 0) fail('needs at least one estimate');
  const periods = new Set<number>();
  for (const e of input.estimates) {
    if (!Number.isInteger(e.period)) fail(`period ${e.period} is not a whole relative period`);
    if (periods.has(e.period)) fail(`period ${e.period} is given twice`);
    periods.add(e.period);
    if (!(e.lower <= e.estimate && e.estimate <= e.upper))
      fail(
        `period ${e.period}: the interval [${e.lower}, ${e.upper}] must contain the estimate ${e.estimate}`,
      );
  }
  if (periods.has(input.referencePeriod))
    fail(`the reference period ${input.referencePeriod} is normalised to zero and has no estimate`);
}

const signed = (n: number) => (n > 0 ? `+${n}` : `${n}`);

function summary(input: EventStudyChartInput): string {
  const { language, format } = input;
  const value = (v: number) => formatNumber(v, format, language, { unit: true });
  const values = input.estimates
    .map((e) =>
      text(language, 'chart.eventStudy.value', {
        period: signed(e.period),
        estimate: value(e.estimate),
        lower: value(e.lower),
        upper: value(e.upper),
      }),
    )
    .join('; ');
  return text(language, 'chart.eventStudy.summary', {
    reference: signed(input.referencePeriod),
    values: `${values}.`,
  });
}

/** Draws each interval as a vertical whisker with caps (ECharts has no error-bar series). */
function whiskers(data: [number, number, number][]): echarts.SeriesOption {
  return {
    type: 'custom',
    name: 'interval',
    silent: true,
    data,
    // Both interval ends count towards the y extent, so whiskers are never clipped.
    encode: { x: 0, y: [1, 2] },
    renderItem: (_params, api) => {
      const x = api.value(0) as number;
      const low = api.coord([x, api.value(1)]);
      const high = api.coord([x, api.value(2)]);
      const cap = 5;
      const style = { stroke: SERIES_COLOURS[0], lineWidth: 1.5 };
      return {
        type: 'group',
        children: [
          { type: 'line', shape: { x1: low[0], y1: low[1], x2: high[0], y2: high[1] }, style },
          { type: 'line', shape: { x1: low[0] - cap, y1: low[1], x2: low[0] + cap, y2: low[1] }, style },
          { type: 'line', shape: { x1: high[0] - cap, y1: high[1], x2: high[0] + cap, y2: high[1] }, style },
        ],
      };
    },
    z: 2,
  };
}

/**
 * An event-study plot (difference-in-differences by relative period): point estimates with 95 %
 * intervals, a zero line, the programme start between periods −1 and 0, and the reference period.
 */
export function eventStudyChart(input: EventStudyChartInput): SvgGraphic {
  check(input);
  const periods = [...input.estimates.map((e) => e.period), input.referencePeriod];
  const [min, max] = [Math.min(...periods), Math.max(...periods)];
  const t = (key: 'chart.eventStudy.start' | 'chart.eventStudy.reference') => text(input.language, key);
  const option: echarts.EChartsOption = {
    ...baseChartOption(),
    grid: { left: 8, right: 16, top: 28, bottom: 24, containLabel: true },
    xAxis: {
      type: 'value',
      // Whole-number bounds keep the ticks on the periods; the extra period each side is padding.
      min: min - 1,
      max: max + 1,
      interval: 1,
      name: text(input.language, 'chart.eventStudy.axis'),
      nameLocation: 'middle',
      nameGap: 22,
      nameTextStyle: { color: MUTED_INK },
      axisLabel: { color: MUTED_INK, formatter: (v: number) => (v >= min && v <= max ? signed(v) : '') },
      splitLine: { show: false },
    },
    yAxis: {
      ...valueAxis(input),
      nameTextStyle: { color: MUTED_INK, align: 'left' },
      // Keep the axis at the left edge, not at period 0 where it would hide that period's whisker.
      axisLine: { show: true, onZero: false, lineStyle: { color: MUTED_INK } },
    },
    series: [
      whiskers(input.estimates.map((e) => [e.period, e.lower, e.upper])),
      {
        type: 'scatter',
        name: 'estimate',
        data: input.estimates.map((e) => [e.period, e.estimate]),
        symbol: 'circle',
        symbolSize: 7,
        itemStyle: { color: SERIES_COLOURS[0] },
        z: 3,
        markLine: {
          silent: true,
          symbol: 'none',
          label: { color: MUTED_INK, position: 'insideEndTop' },
          data: [
            { yAxis: 0, lineStyle: { color: INK, type: 'solid', width: 1 }, label: { show: false } },
            {
              xAxis: -0.5,
              lineStyle: { color: MUTED_INK, type: 'dashed' },
              label: { formatter: t('chart.eventStudy.start') },
            },
          ],
        },
      },
      {
        type: 'scatter',
        name: 'reference',
        data: [[input.referencePeriod, 0]],
        symbol: 'emptyCircle',
        symbolSize: 7,
        itemStyle: { color: SERIES_COLOURS[0], borderWidth: 1.5 },
        label: {
          show: true,
          position: 'bottom',
          color: MUTED_INK,
          formatter: t('chart.eventStudy.reference'),
        },
        z: 3,
      },
    ],
  };
  return chartGraphic(input, option, summary(input));
}
