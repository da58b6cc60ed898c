import { classColours } from '../charts/palette';
import { formatNumber } from '../format/number-format';
import { choroplethMap } from '../maps/choropleth-map';
import { areaColumns, cellOf, note, paragraph } from '../model/blocks';
import { parseReportDocument } from '../model/parse-report-document';
import type {
  ReportBlock,
  ReportDocument,
  ReportLanguage,
  ReportSection,
  ReportTable,
} from '../model/report-document';
import { ReportingError } from '../reporting-error';
import { textsFor } from '../texts';
import { figureOf } from './area-profile-sections';
import type { MonitoringIndex, MonitoringReportData } from './monitoring-data';
import { provenanceMetadata, type ReportContext } from './report-context';

// The monitoring report (Monitoringbericht) of one index run for the whole tenant: class maps,
// class counts, movers since the previous run, one table per district and a methods annex
// generated from the index definition the run stored.

type Ctx = ReportContext<MonitoringReportData>;

function overview({ data, t }: Ctx): ReportBlock[] {
  return [
    paragraph(
      t('monitoring.intro', {
        run: data.run.label,
        period: data.run.period,
        count: data.run.areaCount,
        level: data.run.levelName,
        valid: data.run.validAreaCount,
      }),
    ),
    {
      kind: 'key-facts',
      facts: [
        { label: t('monitoring.fact.areas'), value: data.run.areaCount, format: { kind: 'integer' } },
        { label: t('monitoring.fact.valid'), value: data.run.validAreaCount, format: { kind: 'integer' } },
        { label: t('monitoring.fact.period'), value: data.run.period, format: { kind: 'text' } },
      ],
    },
    data.previousRun
      ? paragraph(t('monitoring.previous', { run: data.previousRun.label }))
      : note(t('monitoring.noPrevious')),
  ];
}

function countsTable(ctx: Ctx, index: MonitoringIndex): ReportTable {
  const { t } = ctx;
  const total = index.classes.reduce((s, c) => s + c.count, 0);
  return {
    id: `klassen-${index.id}`
      .toLowerCase()
      .replace(/[^a-z0-9-]/g, '-')
      .slice(0, 60),
    caption: t('monitoring.counts.caption', { index: index.label }),
    shortTitle: `${t('monitoring.classes')} ${index.label}`.slice(0, 31),
    columns: [
      { key: 'klasse', header: t('monitoring.col.class'), format: { kind: 'text' }, weight: 1 },
      { key: 'bezeichnung', header: t('monitoring.col.label'), format: { kind: 'text' }, weight: 2 },
      { key: 'gebiete', header: t('monitoring.col.count'), format: { kind: 'integer' } },
      { key: 'anteil', header: t('monitoring.col.share'), format: { kind: 'percent', digits: 1 } },
    ],
    rows: index.classes.map((c) => ({
      cells: [c.code, c.label, c.count, total > 0 ? (c.count / total) * 100 : cellOf(null)],
    })),
  };
}

function classSection(ctx: Ctx, index: MonitoringIndex, position: number): ReportSection {
  const { data, t, language } = ctx;
  const fills = classColours(index.classes.length);
  const blocks: ReportBlock[] = [];
  if (data.mapAreas.length > 0) {
    const id = `klassenkarte-${position + 1}`;
    const map = choroplethMap({
      id,
      areas: data.mapAreas,
      classes: index.classes.map((c, i) => ({ code: c.code, label: `${c.code} ${c.label}`, fill: fills[i] })),
      classOf: index.classOf,
      outlines: data.outlines,
      language,
      height: 460,
    });
    blocks.push({
      kind: 'figure',
      figure: figureOf(id, 'map', map, t('monitoring.map.caption', { index: index.label })),
    });
  }
  blocks.push({ kind: 'table', table: countsTable(ctx, index) });
  return { id: `index-${position + 1}`, title: index.label, blocks };
}

function moversBlocks(ctx: Ctx, index: MonitoringIndex, position: number): ReportBlock[] {
  const { data, t } = ctx;
  if (!index.movers || !data.previousRun) return [];
  if (index.movers.length === 0) return [paragraph(t('monitoring.movers.none', { index: index.label }))];
  const count = (d: string) => index.movers!.filter((m) => m.direction === d).length;
  return [
    paragraph(
      t('monitoring.movers.summary', {
        index: index.label,
        better: count('better'),
        worse: count('worse'),
        validity: count('validity-changed'),
      }),
    ),
    {
      kind: 'table',
      table: {
        id: `veraenderungen-${position + 1}`,
        caption: t('monitoring.movers.caption', { index: index.label, run: data.previousRun.label }),
        shortTitle: `${t('monitoring.movers')} ${index.label}`.slice(0, 31),
        columns: [
          ...areaColumns(t, [1, 3]),
          { key: 'vorher', header: t('monitoring.col.from'), format: { kind: 'text' }, weight: 2 },
          { key: 'jetzt', header: t('monitoring.col.to'), format: { kind: 'text' }, weight: 2 },
          { key: 'richtung', header: t('monitoring.col.direction'), format: { kind: 'text' }, weight: 1 },
        ],
        rows: index.movers.map((m) => ({
          cells: [
            m.code,
            m.name,
            m.from ?? t('monitoring.notClassified'),
            m.to ?? t('monitoring.notClassified'),
            t(`monitoring.direction.${m.direction}`),
          ],
        })),
      },
    },
  ];
}

function districtTables(ctx: Ctx): ReportSection[] {
  const { data, t } = ctx;
  return data.districts.map((district, d) => ({
    id: `bezirk-${d + 1}`,
    title: `${district.code} ${district.name}`,
    blocks: [
      {
        kind: 'table',
        table: {
          id: `gebiete-${d + 1}`,
          caption: t('monitoring.district.caption', { district: district.name }),
          shortTitle: district.name.slice(0, 31),
          columns: [
            ...areaColumns(t, [1.2, 2.5]),
            { key: 'einwohner', header: t('col.population'), format: { kind: 'integer' } },
            ...data.indices.flatMap((index, i) => [
              { key: `klasse-${i + 1}`, header: index.label, format: { kind: 'text' as const }, weight: 1.5 },
              {
                key: `wert-${i + 1}`,
                header: t('monitoring.col.value', { index: index.label }),
                format: { kind: 'decimal' as const, digits: 2, signed: true },
              },
            ]),
          ],
          rows: district.rows.map((row) => ({
            cells: [
              row.code,
              row.name,
              cellOf(row.population),
              ...row.classes.flatMap((cls, i) => [
                cls ?? t('monitoring.notClassified'),
                cellOf(row.values[i]),
              ]),
            ],
          })),
        },
      },
    ],
  }));
}

function thresholdText(ctx: Ctx, threshold: MonitoringIndex['method']['thresholds'][number]): string {
  if (threshold.upTo === null) return ctx.t('monitoring.threshold.rest');
  const value = formatNumber(threshold.upTo, { kind: 'decimal', digits: 2 }, ctx.language);
  return ctx.t(threshold.inclusive ? 'monitoring.threshold.inclusive' : 'monitoring.threshold.exclusive', {
    value,
  });
}

function methodsAnnex(ctx: Ctx): ReportSection {
  const { data, t } = ctx;
  const blocks: ReportBlock[] = [paragraph(t('monitoring.methods.procedure'))];
  if (data.methods.minPopulation !== null && data.methods.populationIndicator)
    blocks.push(
      paragraph(
        t('monitoring.methods.population', {
          min: data.methods.minPopulation,
          indicator: data.methods.populationIndicator,
        }),
      ),
    );
  if (data.methods.excludedAreas.length > 0)
    blocks.push(
      paragraph(t('monitoring.methods.excluded', { areas: data.methods.excludedAreas.join(', ') })),
    );
  data.indices.forEach((index, i) => {
    blocks.push({
      kind: 'table',
      table: {
        id: `methodik-indikatoren-${i + 1}`,
        caption: t('monitoring.methods.indicators', { index: index.label }),
        shortTitle: `${t('col.indicator')} ${index.label}`.slice(0, 31),
        columns: [
          { key: 'code', header: t('col.indicator'), format: { kind: 'text' }, weight: 1 },
          { key: 'name', header: t('monitoring.col.name'), format: { kind: 'text' }, weight: 4 },
          { key: 'richtung', header: t('monitoring.col.polarity'), format: { kind: 'text' }, weight: 2 },
          { key: 'gewicht', header: t('monitoring.col.weight'), format: { kind: 'decimal', digits: 2 } },
        ],
        rows: index.method.indicators.map((m) => ({
          cells: [
            m.code,
            m.name,
            t(m.polarity === 1 ? 'monitoring.polarity.worse' : 'monitoring.polarity.better'),
            m.weight,
          ],
        })),
      },
    });
    blocks.push({
      kind: 'table',
      table: {
        id: `methodik-schwellen-${i + 1}`,
        caption: t('monitoring.methods.thresholds', { index: index.label }),
        shortTitle: `${t('monitoring.classes')} ${index.label} (M)`.slice(0, 31),
        columns: [
          { key: 'klasse', header: t('monitoring.col.class'), format: { kind: 'text' }, weight: 1 },
          { key: 'bezeichnung', header: t('monitoring.col.label'), format: { kind: 'text' }, weight: 2 },
          { key: 'bis', header: t('monitoring.col.upTo'), format: { kind: 'text' }, weight: 2 },
        ],
        rows: index.method.thresholds.map((th) => ({ cells: [th.code, th.label, thresholdText(ctx, th)] })),
      },
    });
  });
  return { id: 'methodik', title: t('monitoring.methods'), blocks };
}

/**
 * Builds the monitoring report of one index run from data the service fetched with the
 * reader's permissions.
 * @throws ReportingError `InvalidReportData` naming the offending part of the data.
 */
export function buildMonitoringReport(data: MonitoringReportData, language: ReportLanguage): ReportDocument {
  if (data.indices.length === 0)
    throw new ReportingError('InvalidReportData', 'monitoring report: the run has no index');
  const t = textsFor(language);
  const ctx: Ctx = { data, language, t };
  const movers = data.indices.flatMap((index, i) => moversBlocks(ctx, index, i));
  const sections: ReportSection[] = [
    { id: 'ueberblick', title: t('monitoring.overview'), blocks: overview(ctx) },
    {
      id: 'klassen',
      title: t('monitoring.classes'),
      blocks: [],
      sections: data.indices.map((index, i) => classSection(ctx, index, i)),
    },
    ...(movers.length ? [{ id: 'veraenderungen', title: t('monitoring.movers'), blocks: movers }] : []),
    { id: 'bezirke', title: t('monitoring.districts'), blocks: [], sections: districtTables(ctx) },
  ];
  return parseReportDocument({
    schemaVersion: 1,
    metadata: {
      type: 'monitoring-report',
      title: t('monitoring.title', { run: data.run.label }),
      subtitle: t('monitoring.subtitle', { definition: data.run.definitionLabel, city: data.cityName }),
      ...provenanceMetadata(data, language),
      keywords: [t('reportType.monitoring-report'), data.run.label, data.cityName],
    },
    tableOfContents: true,
    sections,
    notes: [[{ text: t('monitoring.notes.scope') }]],
    annex: [methodsAnnex(ctx)],
  });
}
