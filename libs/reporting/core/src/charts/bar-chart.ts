import type * as echarts from 'echarts';
import { formatNumber } from '../format/number-format';
import type { NumberFormat } from '../model/report-document';
import { text } from '../texts';
import {
  axisNumber,
  baseChartOption,
  chartDataCheck,
  checkSeriesCount,
  chartGraphic,
  valueAxis,
  type ChartInput,
  type SvgGraphic,
} from './echarts-svg';
import { INK, MUTED_INK, SERIES_COLOURS } from './palette';

export interface BarSeries {
  name: string;
  values: (number | null)[];
}

export interface BarChartInput extends ChartInput {
  categories: string[];
  series: BarSeries[];
  /** Horizontal bars suit long category names (budget lines, districts). */
  orientation?: 'vertical' | 'horizontal';
  /** One colour per category (e.g. index classes); only with a single series. */
  categoryColours?: readonly string[];
  stacked?: boolean;
  /** Print each bar's value at its end (default for a single series). */
  valueLabels?: boolean;
}

const SUMMARY_LIMIT = 12;

function check(input: BarChartInput): void {
  const fail = chartDataCheck('bar chart', input.id);
  if (input.categories.length === 0) fail('needs at least one category');
  checkSeriesCount(fail, input.series.length);
  for (const s of input.series) {
    if (s.values.length !== input.categories.length)
      fail(`series "${s.name}" must have one value per category (${input.categories.length})`);
  }
  if (input.categoryColours) {
    if (input.series.length !== 1) fail('category colours need a single series');
    if (input.categoryColours.length !== input.categories.length) fail('needs one colour per category');
  }
}

function plotted(value: number | null, format: NumberFormat): number | null {
  return value === null ? null : format.kind === 'eur-cents' ? value / 100 : value;
}

function summary(input: BarChartInput): string {
  const { language, format } = input;
  const cell = (v: number | null) =>
    v === null ? text(language, 'chart.noValue') : formatNumber(v, format, language, { unit: true });
  const shown = input.categories.slice(0, SUMMARY_LIMIT).map((category, k) => {
    const values = input.series.map((s) =>
      input.series.length > 1 ? `${s.name} ${cell(s.values[k])}` : cell(s.values[k]),
    );
    return `${category}: ${values.join(', ')}`;
  });
  const rest = input.categories.length - shown.length;
  if (rest > 0) shown.push(text(language, 'chart.bar.more', { count: rest }));
  return text(language, 'chart.bar.summary', { values: `${shown.join('; ')}.` });
}

function barSeries(input: BarChartInput, horizontal: boolean): echarts.SeriesOption[] {
  const labels = input.valueLabels ?? input.series.length === 1;
  const digits =
    input.format.kind === 'eur-cents'
      ? input.format.digits
      : 'digits' in input.format
        ? input.format.digits
        : 0;
  const labelFormat = axisNumber(input.language, digits);
  return input.series.map((s, i) => ({
    type: 'bar',
    name: s.name,
    stack: input.stacked ? 'total' : undefined,
    barMaxWidth: 28,
    itemStyle: { color: SERIES_COLOURS[i], borderColor: INK, borderWidth: 0.5 },
    data: s.values.map((v, k) => {
      const colour = input.categoryColours?.[k];
      return colour
        ? { value: plotted(v, input.format), itemStyle: { color: colour } }
        : plotted(v, input.format);
    }),
    label: {
      show: labels,
      position: horizontal ? 'right' : 'top',
      color: INK,
      formatter: (p: { value: unknown }) => (typeof p.value === 'number' ? labelFormat(p.value) : ''),
    },
  }));
}

/**
 * A bar chart: class counts (one colour per class), budget by budget line, values by district.
 * Several series are told apart by lightness and by ECharts' decal patterns, so they survive
 * greyscale printing.
 */
export function barChart(input: BarChartInput): SvgGraphic {
  check(input);
  const horizontal = input.orientation === 'horizontal';
  const values: echarts.YAXisComponentOption = {
    ...valueAxis(input),
    // Counts step in whole numbers: ticks 0, 0.2, 0.4 … would print as 0, 0, 0 … at 0 digits.
    ...(input.format.kind === 'integer' ? { minInterval: 1 } : {}),
  };
  const categoryAxis: echarts.XAXisComponentOption = {
    type: 'category',
    data: input.categories,
    inverse: horizontal,
    axisLabel: { color: INK, interval: 0, width: horizontal ? 150 : undefined, overflow: 'truncate' },
    axisLine: { lineStyle: { color: MUTED_INK } },
  };
  const multi = input.series.length > 1;
  const option: echarts.EChartsOption = {
    ...baseChartOption(),
    aria: { enabled: multi, decal: { show: multi }, label: { enabled: false } },
    legend: { show: multi, top: 0, itemWidth: 14, itemHeight: 10 },
    grid: { left: 8, right: horizontal ? 48 : 16, top: multi ? 40 : 24, bottom: 8, containLabel: true },
    xAxis: horizontal ? (values as echarts.XAXisComponentOption) : categoryAxis,
    yAxis: horizontal ? (categoryAxis as echarts.YAXisComponentOption) : values,
    series: barSeries(input, horizontal),
  };
  return chartGraphic(input, option, summary(input));
}
