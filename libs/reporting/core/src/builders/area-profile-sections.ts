import { barChart } from '../charts/bar-chart';
import type { SvgGraphic } from '../charts/echarts-svg';
import { timeSeriesChart } from '../charts/time-series-chart';
import { impliedUnit } from '../format/number-format';
import { bulletList, cellOf, note, paragraph } from '../model/blocks';
import type { Cell, ReportBlock, ReportFigure, ReportTable } from '../model/report-document';
import { ReportingError } from '../reporting-error';
import type {
  AreaProfileData,
  IndicatorSeries,
  NetworkSummary,
  PublishedValue,
  SurveySummary,
} from './report-data';
import type { ReportContext } from './report-context';

// The sections of an area profile, one function each. Each returns the blocks of its section,
// or a sentence saying there is nothing to show — a profile never silently drops a topic.

export type SectionContext = ReportContext<AreaProfileData>;

export function figureOf(
  id: string,
  kind: 'chart' | 'map',
  graphic: SvgGraphic,
  caption: string,
  data?: ReportTable,
): ReportFigure {
  return {
    id,
    kind,
    svg: graphic.svg,
    width: graphic.width,
    height: graphic.height,
    alt: graphic.summary,
    caption,
    ...(data ? { data } : {}),
  };
}

const plotValue = (v: PublishedValue): number | null => (typeof v === 'number' ? v : null);

function change(series: IndicatorSeries, back: number): { cell: Cell; from: string } {
  const last = series.values.length - 1;
  const fromIndex = Math.max(0, last - back);
  const [a, b] = [series.values[fromIndex], series.values[last]];
  if (a === 'suppressed' || b === 'suppressed')
    return { cell: cellOf('suppressed'), from: series.periods[fromIndex] };
  return {
    cell: a === null || b === null || fromIndex === last ? cellOf(null) : b - a,
    from: series.periods[fromIndex],
  };
}

function checkSeries(series: IndicatorSeries): void {
  const fail = (message: string) => {
    throw new ReportingError('InvalidReportData', `indicator "${series.code}": ${message}`);
  };
  if (series.periods.length === 0) fail('has no periods');
  if (series.values.length !== series.periods.length)
    fail(`has ${series.values.length} values for ${series.periods.length} periods`);
  if (series.cityValues && series.cityValues.length !== series.periods.length)
    fail(`has ${series.cityValues.length} city values for ${series.periods.length} periods`);
}

function indicatorTable(ctx: SectionContext, indicators: IndicatorSeries[]): ReportTable {
  const { t, data, language } = ctx;
  const latest = indicators[0].periods.at(-1)!;
  const back = ctx.data.changePeriods ?? indicators[0].periods.length - 1;
  const from = change(indicators[0], back).from;
  return {
    id: 'kernindikatoren',
    caption: t('profile.indicators.caption', { name: data.area.name }),
    shortTitle: t('profile.indicators').slice(0, 31),
    columns: [
      { key: 'indikator', header: t('col.indicator'), format: { kind: 'text' }, weight: 3 },
      { key: 'einheit', header: t('profile.col.unit'), format: { kind: 'text' }, weight: 1 },
      {
        key: 'wert',
        header: t('profile.col.latest', { period: latest }),
        format: { kind: 'decimal', digits: 1 },
      },
      {
        key: 'veraenderung',
        header: t('profile.col.change', { period: from }),
        format: { kind: 'decimal', digits: 1, signed: true },
        // "Veränderung" must fit on one line at table size.
        weight: 1.5,
      },
      { key: 'rang', header: t('profile.col.rank'), format: { kind: 'text' }, weight: 1 },
      {
        key: 'stadt',
        header: t('profile.col.city', { city: data.cityName }),
        format: { kind: 'decimal', digits: 1 },
      },
    ],
    rows: indicators.map((series) => {
      const unit = series.unit ?? impliedUnit(series.format, language) ?? '';
      const scale = series.format.kind === 'eur-cents' ? 0.01 : 1;
      const scaled = (c: Cell) => (typeof c === 'number' ? c * scale : c);
      const rank = series.rank
        ? t('profile.rank', { position: series.rank.position, of: series.rank.of })
        : '–';
      return {
        cells: [
          series.name,
          series.format.kind === 'percent'
            ? t('unit.percent') + (language === 'de' ? ' / Pp.' : ' / pp')
            : unit,
          scaled(cellOf(series.values.at(-1))),
          scaled(change(series, back).cell),
          rank,
          scaled(cellOf(series.cityValues?.at(-1))),
        ],
      };
    }),
  };
}

export function indicatorsSection(ctx: SectionContext): ReportBlock[] {
  const { t, data, language } = ctx;
  const indicators = data.indicators ?? [];
  if (indicators.length === 0) return [note(t('profile.indicators.none'))];
  indicators.forEach(checkSeries);
  const blocks: ReportBlock[] = [{ kind: 'table', table: indicatorTable(ctx, indicators) }];
  const ranked = indicators.find((s) => s.rank);
  if (ranked?.rank && data.area.parent)
    blocks.push(paragraph(t('profile.rank.note', { count: ranked.rank.of, parent: data.area.parent.name })));
  // Trend charts for the first two indicators: the area against the city.
  indicators.slice(0, 2).forEach((series, i) => {
    const chart = timeSeriesChart({
      id: `trend-${i + 1}`,
      periods: series.periods,
      series: [
        { name: data.area.name, values: series.values.map(plotValue) },
        ...(series.cityValues ? [{ name: data.cityName, values: series.cityValues.map(plotValue) }] : []),
      ],
      format: series.format,
      unit: series.unit,
      language,
      size: { width: 480, height: 220 },
    });
    const caption = t('profile.trend.caption', {
      indicator: series.name,
      name: data.area.name,
      city: data.cityName,
    });
    blocks.push({ kind: 'figure', figure: figureOf(`trend-${i + 1}`, 'chart', chart, caption) });
  });
  return blocks;
}

export function surveySection(ctx: SectionContext, survey: SurveySummary | null | undefined): ReportBlock[] {
  const { t, data } = ctx;
  if (!survey || survey.highlights.length === 0) return [note(t('profile.survey.none'))];
  const respondents = typeof survey.respondents === 'number' ? String(survey.respondents) : '•';
  const percent = { kind: 'percent', digits: 0 } as const;
  return [
    paragraph(t('profile.survey.intro', { survey: survey.title, respondents, k: survey.k })),
    {
      kind: 'table',
      table: {
        id: 'befragungsergebnisse',
        caption: t('profile.survey.caption'),
        shortTitle: t('profile.survey').slice(0, 31),
        columns: [
          { key: 'frage', header: t('profile.col.question'), format: { kind: 'text' }, weight: 4 },
          { key: 'anteil', header: t('profile.col.share'), format: percent },
          { key: 'ki-unten', header: t('profile.col.lower'), format: percent },
          { key: 'ki-oben', header: t('profile.col.upper'), format: percent },
          { key: 'stadt', header: t('profile.col.city', { city: data.cityName }), format: percent },
        ],
        rows: survey.highlights.map((h) => ({
          cells: [h.question, cellOf(h.share), cellOf(h.lower), cellOf(h.upper), cellOf(h.cityShare)],
        })),
      },
    },
  ];
}

export function networkSection(
  ctx: SectionContext,
  network: NetworkSummary | null | undefined,
): ReportBlock[] {
  const { t, language } = ctx;
  if (!network) return [note(t('profile.network.none'))];
  const sectors = network.actorsBySector.length > 0;
  const chart = () =>
    barChart({
      id: 'sektoren',
      categories: network.actorsBySector.map((s) => s.sector),
      series: [{ name: t('profile.network.actors'), values: network.actorsBySector.map((s) => s.count) }],
      format: { kind: 'integer' },
      orientation: 'horizontal',
      language,
      size: { width: 480, height: 40 + 26 * network.actorsBySector.length },
    });
  const sectorTable: ReportTable = {
    id: 'akteure-nach-sektor',
    caption: t('profile.network.sectors'),
    columns: [
      { key: 'sektor', header: t('profile.network.sectors'), format: { kind: 'text' } },
      { key: 'anzahl', header: t('profile.network.actors'), format: { kind: 'integer' } },
    ],
    rows: network.actorsBySector.map((s) => ({ cells: [s.sector, s.count] })),
  };
  const brokers = network.brokers.map(
    (b) => `${b.name ?? t('profile.network.pseudonymised')} (${b.sector}, ${b.role})`,
  );
  return [
    paragraph(t('profile.network.wave', { wave: network.wave })),
    {
      kind: 'key-facts',
      facts: [
        { label: t('profile.network.actors'), value: network.actors, format: { kind: 'integer' } },
        { label: t('profile.network.ties'), value: network.ties, format: { kind: 'integer' } },
        {
          label: t('profile.network.density'),
          value: network.density,
          format: { kind: 'decimal', digits: 3 },
        },
      ],
    },
    ...(sectors
      ? [
          {
            kind: 'figure' as const,
            figure: figureOf('sektoren', 'chart', chart(), t('profile.network.sectors'), sectorTable),
          },
        ]
      : []),
    ...(brokers.length ? [paragraph(t('profile.network.brokers')), bulletList(brokers)] : []),
  ];
}
