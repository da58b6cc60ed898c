import type * as echarts from 'echarts';
import { formatNumber } from '../format/number-format';
import type { NumberFormat } from '../model/report-document';
import { text } from '../texts';
import type { ChartInput, SvgGraphic } from './echarts-svg';
import { baseChartOption, chartDataCheck, chartGraphic, checkSeriesCount, valueAxis } from './echarts-svg';
import { BAND_FILL, MUTED_INK, SERIES_COLOURS, SERIES_DASHES, SERIES_SYMBOLS } from './palette';

export interface TimeSeriesLine {
  name: string;
  /** One value per period; null where there is none (suppressed or missing): the line breaks. */
  values: (number | null)[];
  /** A 95 % confidence band (survey estimates), drawn behind the line. */
  band?: { lower: (number | null)[]; upper: (number | null)[] };
}

export interface TimeSeriesChartInput extends ChartInput {
  periods: string[];
  series: TimeSeriesLine[];
}

function check(input: TimeSeriesChartInput): void {
  const fail = chartDataCheck('time series chart', input.id);
  if (input.periods.length === 0) fail('needs at least one period');
  checkSeriesCount(fail, input.series.length);
  for (const line of input.series) {
    const lengths = [line.values.length, line.band?.lower.length, line.band?.upper.length];
    if (lengths.some((n) => n !== undefined && n !== input.periods.length))
      fail(`series "${line.name}" must have one value per period (${input.periods.length})`);
  }
}

/** Plot value: cents become euros so the axis reads in euros. */
function plotted(value: number | null, format: NumberFormat): number | null {
  return value === null ? null : format.kind === 'eur-cents' ? value / 100 : value;
}

function bandSeries(line: TimeSeriesLine, i: number, input: TimeSeriesChartInput): echarts.SeriesOption[] {
  if (!line.band) return [];
  const { lower, upper } = line.band;
  const stack = `band-${i}`;
  return [
    {
      type: 'line',
      name: `${stack}-base`,
      data: lower.map((v) => plotted(v, input.format)),
      stack,
      lineStyle: { opacity: 0 },
      symbol: 'none',
      silent: true,
    },
    {
      type: 'line',
      name: text(input.language, 'chart.band', { name: line.name }),
      data: lower.map((low, k) => {
        const high = upper[k];
        return low === null || high === null ? null : plotted(high - low, input.format);
      }),
      stack,
      lineStyle: { opacity: 0 },
      areaStyle: { color: BAND_FILL, opacity: 0.55 },
      itemStyle: { color: BAND_FILL },
      symbol: 'none',
      silent: true,
    },
  ];
}

function lineSeries(line: TimeSeriesLine, i: number, format: NumberFormat): echarts.SeriesOption {
  return {
    type: 'line',
    name: line.name,
    data: line.values.map((v) => plotted(v, format)),
    connectNulls: false,
    symbol: SERIES_SYMBOLS[i],
    symbolSize: 6,
    lineStyle: { color: SERIES_COLOURS[i], width: 2, type: SERIES_DASHES[i] },
    itemStyle: { color: SERIES_COLOURS[i] },
    z: 3,
  };
}

function summary(input: TimeSeriesChartInput): string {
  const { language, periods, format } = input;
  const value = (v: number | undefined) =>
    v === undefined ? text(language, 'chart.noValue') : formatNumber(v, format, language, { unit: true });
  const parts = input.series.map((line) => {
    const known = line.values
      .map((v, k) => ({ v, period: periods[k] }))
      .filter((p): p is { v: number; period: string } => p.v !== null);
    return text(language, 'chart.timeSeries.series', {
      name: line.name,
      first: value(known[0]?.v),
      from: known[0]?.period ?? periods[0],
      last: value(known.at(-1)?.v),
      to: known.at(-1)?.period ?? periods.at(-1)!,
    });
  });
  const band = input.series.some((line) => line.band)
    ? ` ${text(language, 'chart.timeSeries.bandNote')}`
    : '';
  return `${text(language, 'chart.timeSeries.summary', {
    from: periods[0],
    to: periods.at(-1)!,
    series: `${parts.join('; ')}.`,
  })}${band}`;
}

/** A line chart over periods (indicator trends), optionally with 95 % confidence bands. */
export function timeSeriesChart(input: TimeSeriesChartInput): SvgGraphic {
  check(input);
  const series = input.series.flatMap((line, i) => [
    ...bandSeries(line, i, input),
    lineSeries(line, i, input.format),
  ]);
  const legendNames = input.series.flatMap((line, i) =>
    line.band ? [line.name, text(input.language, 'chart.band', { name: input.series[i].name })] : [line.name],
  );
  const option: echarts.EChartsOption = {
    ...baseChartOption(),
    legend: { show: legendNames.length > 1, top: 0, data: legendNames, itemWidth: 22, itemHeight: 8 },
    grid: { left: 8, right: 16, top: legendNames.length > 1 ? 40 : 24, bottom: 8, containLabel: true },
    xAxis: {
      type: 'category',
      data: input.periods,
      boundaryGap: false,
      axisLine: { lineStyle: { color: MUTED_INK } },
      axisLabel: { color: MUTED_INK },
    },
    yAxis: { ...valueAxis(input), scale: true, nameTextStyle: { color: MUTED_INK, align: 'left' } },
    series,
  };
  return chartGraphic(input, option, summary(input));
}
