import * as echarts from 'echarts';
import { impliedUnit, numberFormat } from '../format/number-format';
import type { NumberFormat, ReportLanguage } from '../model/report-document';
import { ReportingError } from '../reporting-error';
import { measureCssText } from './dejavu-metrics';
import { GRID_LINE, INK, MUTED_INK, SERIES_COLOURS } from './palette';

// Server-side ECharts measures text with this (it has no canvas): our print font's real widths.
// The setting is process-wide; every chart this library draws uses DejaVu Sans.
echarts.setPlatformAPI({ measureText: measureCssText });

/** The font the renderers embed; charts name it so their text metrics and the print agree. */
export const CHART_FONT_FAMILY = 'DejaVu Sans';

/** A chart or map as standalone SVG, with its intrinsic size and a generated alternative text. */
export interface SvgGraphic {
  svg: string;
  width: number;
  height: number;
  /** A sentence describing what the graphic shows, for the figure's alternative text. */
  summary: string;
}

export interface ChartSize {
  width: number;
  height: number;
}

export const DEFAULT_CHART_SIZE: ChartSize = { width: 480, height: 260 };

/** What every chart takes besides its data. */
export interface ChartInput {
  /** Names the SVG's internal ids; unique within a report. */
  id: string;
  format: NumberFormat;
  /** Axis title; defaults to the unit the format implies (%, Pp., €). */
  unit?: string;
  language: ReportLanguage;
  size?: ChartSize;
}

/** Refuses a chart's data as invalid report data, naming the chart (`bar chart "budget": …`). */
export function chartDataCheck(kind: string, id: string): (message: string) => never {
  return (message) => {
    throw new ReportingError('InvalidReportData', `${kind} "${id}": ${message}`);
  };
}

/** Refuses a chart with no series, or with more than print can tell apart. */
export function checkSeriesCount(fail: (message: string) => never, count: number): void {
  if (count === 0) fail('needs at least one series');
  if (count > SERIES_COLOURS.length)
    fail(`has ${count} series; print tells at most ${SERIES_COLOURS.length} apart`);
}

/** Base options every report chart shares: no animation, print font, readable sizes. */
export function baseChartOption(): echarts.EChartsOption {
  return {
    animation: false,
    backgroundColor: '#ffffff',
    textStyle: { fontFamily: CHART_FONT_FAMILY, fontSize: 10, color: INK },
    aria: { enabled: false },
  };
}

/**
 * The value axis of every chart: titled with the unit, numbers in the report language at the
 * format's digits, light grid lines. Charts add what only they need (scale, alignment, ticks).
 */
export function valueAxis(input: ChartInput): echarts.YAXisComponentOption {
  const digits = 'digits' in input.format ? input.format.digits : 0;
  return {
    type: 'value',
    name: input.unit ?? impliedUnit(input.format, input.language),
    nameTextStyle: { color: MUTED_INK },
    axisLabel: { color: MUTED_INK, formatter: axisNumber(input.language, digits) },
    splitLine: { lineStyle: { color: GRID_LINE } },
  };
}

/** A chart's option drawn at the input's size (or the default one), with its summary. */
export function chartGraphic(input: ChartInput, option: echarts.EChartsOption, summary: string): SvgGraphic {
  const size = input.size ?? DEFAULT_CHART_SIZE;
  return { svg: renderChartSvg(option, size, input.id), ...size, summary };
}

/**
 * Renders an ECharts option server-side to SVG — no browser, no canvas. The zrender instance ids
 * (`zr0-`, `zr1-` …) count up per process; they are replaced by `idPrefix` so the same data gives
 * the same SVG, which keeps pinned reports byte-stable.
 */
export function renderChartSvg(option: echarts.EChartsOption, size: ChartSize, idPrefix: string): string {
  const chart = echarts.init(null, null, {
    renderer: 'svg',
    ssr: true,
    width: size.width,
    height: size.height,
  });
  try {
    chart.setOption(option);
    return printableSvg(chart.renderToSVGString(), idPrefix);
  } finally {
    // SSR instances keep a timer alive until disposed.
    chart.dispose();
  }
}

/**
 * Drops what only a screen uses — the hover style sheet and its class names, pointer events — and
 * replaces zrender's per-process instance ids, so equal data gives equal bytes.
 */
function printableSvg(svg: string, idPrefix: string): string {
  return svg
    .replace(/<style\b[^>]*>[\s\S]*?<\/style>/g, '')
    .replace(/ class="[^"]*"/g, '')
    .replace(/ pointer-events="[^"]*"/g, '')
    .replace(/\bzr\d+-/g, `${idPrefix}-`);
}

/** Axis label formatter in the report language (1.234,5 / 1,234.5). */
export function axisNumber(language: ReportLanguage, digits: number): (value: number) => string {
  const format = numberFormat(language, { maximumFractionDigits: digits });
  return (value: number) => format.format(value);
}
