import { locatorMap, areaMap } from '../maps/area-map';
import { formatDate } from '../format/number-format';
import { cellOf, note, paragraph, strong } from '../model/blocks';
import { parseReportDocument } from '../model/parse-report-document';
import type { ReportBlock, ReportDocument, ReportLanguage, ReportSection } from '../model/report-document';
import { textsFor } from '../texts';
import {
  figureOf,
  indicatorsSection,
  networkSection,
  surveySection,
  type SectionContext,
} from './area-profile-sections';
import type { AreaProfileData } from './report-data';
import { provenanceMetadata } from './report-context';

// The area profile (Sozialraumprofil): the one-document portrait of an area at any level.

function overview(ctx: SectionContext): ReportBlock[] {
  const { t, data, language } = ctx;
  const area = data.area;
  const facts = [
    {
      label: t('profile.fact.population'),
      value: cellOf(area.population),
      format: { kind: 'integer' as const },
    },
    ...(area.sizeKm2 != null
      ? [
          {
            label: t('profile.fact.size'),
            value: area.sizeKm2,
            format: { kind: 'decimal' as const, digits: 1 },
            unit: 'km²',
          },
        ]
      : []),
    { label: t('profile.fact.level'), value: area.levelName, format: { kind: 'text' as const } },
    ...(area.parent
      ? [{ label: t('profile.fact.parent'), value: area.parent.name, format: { kind: 'text' as const } }]
      : []),
    ...(data.children.length
      ? [
          {
            label: t('profile.fact.children'),
            value: data.children.length,
            format: { kind: 'integer' as const },
          },
        ]
      : []),
  ];
  const map = areaMap({
    id: 'gebietskarte',
    area,
    children: data.children,
    neighbours: data.neighbours,
    language,
  });
  return [
    paragraph(
      t('profile.intro', { level: area.levelName, name: area.name, asOf: formatDate(data.asOf, language) }),
    ),
    { kind: 'key-facts', facts },
    {
      kind: 'figure',
      figure: figureOf('gebietskarte', 'map', map, t('profile.map.caption', { name: area.name })),
    },
  ];
}

function socialIndex(ctx: SectionContext): ReportBlock[] {
  const { t, data, language } = ctx;
  const index = data.socialIndex;
  if (!index) return [note(t('profile.index.none'))];
  const blocks: ReportBlock[] = [
    index.classLabel
      ? paragraph(
          t('profile.index.current', { index: index.indexName, run: index.runLabel, name: data.area.name }),
          ' ',
          strong(index.classLabel),
          '.',
        )
      : note(t('profile.index.none')),
  ];
  if (data.locator) {
    const map = locatorMap({
      id: 'lagekarte',
      area: data.area,
      parent: data.locator.parent,
      siblings: data.locator.siblings,
      language,
    });
    const caption = t('profile.index.locator', { name: data.area.name, parent: data.locator.parent.name });
    blocks.push({ kind: 'figure', figure: figureOf('lagekarte', 'map', map, caption) });
  }
  if (index.history.length)
    blocks.push({
      kind: 'table',
      table: {
        id: 'klassenverlauf',
        caption: t('profile.index.history', { name: data.area.name }),
        columns: [
          { key: 'erhebung', header: t('profile.col.run'), format: { kind: 'text' } },
          { key: 'klasse', header: t('profile.col.class'), format: { kind: 'text' } },
        ],
        rows: index.history.map((h) => ({ cells: [h.runLabel, h.classLabel ?? cellOf(null)] })),
      },
    });
  return blocks;
}

function measures(ctx: SectionContext): ReportBlock[] {
  const { t, data } = ctx;
  const list = data.measures ?? [];
  if (list.length === 0) return [note(t('profile.measures.none'))];
  const euro = { kind: 'eur-cents', digits: 0 } as const;
  return [
    {
      kind: 'table',
      table: {
        id: 'massnahmen',
        caption: t('profile.measures'),
        columns: [
          { key: 'massnahme', header: t('profile.col.measure'), format: { kind: 'text' }, weight: 3 },
          { key: 'programm', header: t('profile.col.programme'), format: { kind: 'text' }, weight: 2 },
          { key: 'status', header: t('profile.col.status'), format: { kind: 'text' } },
          { key: 'budget', header: t('profile.col.budget'), format: euro },
          { key: 'ausgegeben', header: t('profile.col.spent'), format: euro },
        ],
        rows: [
          ...list.map((m) => ({
            cells: [m.title, m.programme ?? '–', m.status, m.budgetCents, cellOf(m.spentCents)],
          })),
        ],
      },
    },
  ];
}

function impact(ctx: SectionContext): ReportBlock[] {
  const { t, data } = ctx;
  if (!data.impact || data.impact.goals.length === 0) return [note(t('profile.impact.none'))];
  return [
    {
      kind: 'table',
      table: {
        id: 'zielerreichung',
        caption: t('profile.impact.caption', { programme: data.impact.programme }),
        columns: [
          { key: 'ziel', header: t('profile.col.goal'), format: { kind: 'text' }, weight: 3 },
          { key: 'indikator', header: t('col.indicator'), format: { kind: 'text' }, weight: 2 },
          { key: 'ausgangswert', header: t('profile.col.baseline'), format: { kind: 'decimal', digits: 1 } },
          { key: 'zielwert', header: t('profile.col.target'), format: { kind: 'decimal', digits: 1 } },
          { key: 'aktuell', header: t('profile.col.actual'), format: { kind: 'decimal', digits: 1 } },
          {
            key: 'zielerreichung',
            header: t('profile.col.attainment'),
            format: { kind: 'percent', digits: 0 },
          },
        ],
        rows: data.impact.goals.map((g) => ({
          cells: [
            g.goal,
            g.indicator,
            cellOf(g.baseline),
            g.target,
            cellOf(g.actual),
            cellOf(g.attainmentPercent),
          ],
        })),
      },
    },
  ];
}

/**
 * Builds the area profile document from data the service fetched with the reader's permissions.
 * @throws ReportingError `InvalidReportData` naming the offending part of the data.
 */
export function buildAreaProfile(data: AreaProfileData, language: ReportLanguage): ReportDocument {
  const t = textsFor(language);
  const ctx: SectionContext = { data, language, t };
  // A topic the reader may not see says so, rather than pretending there is no data.
  const unless = (topic: NonNullable<AreaProfileData['withheld']>[number], blocks: () => ReportBlock[]) =>
    data.withheld?.includes(topic) ? [note(t('profile.withheld'))] : blocks();
  const sections: ReportSection[] = [
    { id: 'ueberblick', title: t('profile.overview'), blocks: overview(ctx) },
    {
      id: 'indikatoren',
      title: t('profile.indicators'),
      blocks: unless('indicators', () => indicatorsSection(ctx)),
    },
    { id: 'sozialindex', title: t('profile.index'), blocks: unless('index', () => socialIndex(ctx)) },
    {
      id: 'befragung',
      title: t('profile.survey'),
      blocks: unless('survey', () => surveySection(ctx, data.survey)),
    },
    {
      id: 'netzwerk',
      title: t('profile.network'),
      blocks: unless('network', () => networkSection(ctx, data.network)),
    },
    {
      id: 'massnahmen-abschnitt',
      title: t('profile.measures'),
      blocks: unless('programme', () => measures(ctx)),
    },
    { id: 'wirkung', title: t('profile.impact'), blocks: unless('programme', () => impact(ctx)) },
  ];
  const parent = data.area.parent?.name ?? data.cityName;
  return parseReportDocument({
    schemaVersion: 1,
    metadata: {
      type: 'area-profile',
      title: t('profile.title', { name: data.area.name }),
      subtitle: t('profile.subtitle', { level: data.area.levelName, parent }),
      ...provenanceMetadata(data, language),
      keywords: [t('reportType.area-profile'), data.area.name, data.area.code],
    },
    tableOfContents: true,
    sections,
    notes: [[{ text: t('profile.notes.sources') }], [{ text: t('profile.notes.suppression') }]],
  });
}
