import { eventStudyChart } from '../charts/event-study-chart';
import { CONTEXT_FILL, FOCUS_FILL, SERIES_COLOURS } from '../charts/palette';
import { formatDate, formatNumber } from '../format/number-format';
import { choroplethMap } from '../maps/choropleth-map';
import { areaColumns, bulletList, cellOf, note, paragraph } from '../model/blocks';
import { parseReportDocument } from '../model/parse-report-document';
import type { ReportBlock, ReportDocument, ReportLanguage, ReportSection } from '../model/report-document';
import { textsFor } from '../texts';
import { figureOf } from './area-profile-sections';
import type { EvaluationOutcome, EvaluationReportData } from './evaluation-data';
import { provenanceMetadata, type ReportContext } from './report-context';

// The evaluation report: object and questions, design (periods, matching, balance), programme
// and comparison areas on a map, results per outcome indicator (means before and after,
// difference-in-differences with its 95 % interval, event study), the OECD-DAC ratings,
// findings, recommendations, and the evidence the numbers were computed from.

type Ctx = ReportContext<EvaluationReportData>;

const TEXT = { kind: 'text' } as const;
const SMD = { kind: 'decimal', digits: 2 } as const;
const MISSING_TEXT = '–';

function objectSection(ctx: Ctx): ReportBlock[] {
  const { data, t } = ctx;
  return [
    paragraph(
      t('evaluation.object.intro', { object: data.object, status: data.status, start: data.startPeriod }),
    ),
    ...(data.questions.length > 0
      ? [paragraph(t('evaluation.questions')), bulletList(data.questions)]
      : [note(t('evaluation.questions.none'))]),
  ];
}

function designSection(ctx: Ctx): ReportBlock[] {
  const { data, t } = ctx;
  const design = data.design;
  if (data.resultsProblem) return [note(data.resultsProblem)];
  const blocks: ReportBlock[] = [];
  blocks.push(
    design.pre.length > 0 && design.post.length > 0
      ? paragraph(
          t('evaluation.design.periods', { pre: design.pre.join(', '), post: design.post.join(', ') }),
        )
      : note(t('evaluation.design.noPeriods')),
  );
  if (design.outcomes.length > 0)
    blocks.push(paragraph(t('evaluation.design.outcomes', { outcomes: design.outcomes.join(', ') })));
  if (design.city)
    blocks.push(
      paragraph(
        t('evaluation.design.city', {
          count: formatNumber(design.city.areaCount, { kind: 'integer' }, ctx.language),
          level: design.levelName,
        }),
      ),
    );
  if (design.matching)
    blocks.push(
      paragraph(
        t('evaluation.design.matching', {
          k: design.matching.k,
          on: design.matching.on.join(', '),
          period: design.matching.period,
        }),
      ),
    );
  else if (design.matchingProblem)
    blocks.push(note(t('evaluation.design.matchingFailed', { reason: design.matchingProblem })));
  else blocks.push(paragraph(t('evaluation.design.chosen')));
  if (design.adjustments.length > 0)
    blocks.push(
      paragraph(t('evaluation.adjustments')),
      bulletList(design.adjustments.map((a) => t('evaluation.adjustment', a))),
    );
  if (design.balance && design.balance.length > 0) {
    blocks.push(paragraph(t('evaluation.balance.intro')), {
      kind: 'table',
      table: {
        id: 'balance',
        caption: t('evaluation.balance.caption'),
        shortTitle: t('evaluation.balance.short'),
        columns: [
          { key: 'indikator', header: t('col.indicator'), format: TEXT, weight: 2.2 },
          { key: 'foerdergebiete', header: t('evaluation.col.treatedMean'), format: TEXT, weight: 1.3 },
          { key: 'kandidaten', header: t('evaluation.col.candidatesMean'), format: TEXT, weight: 1.2 },
          { key: 'smd-vorher', header: t('evaluation.col.smdBefore'), format: SMD, weight: 1.3 },
          { key: 'vergleichsgebiete', header: t('evaluation.col.comparisonMean'), format: TEXT, weight: 1.4 },
          { key: 'smd-nachher', header: t('evaluation.col.smdAfter'), format: SMD, weight: 1.3 },
        ],
        // Means of different indicators have different units, so they are printed as text in
        // each indicator's own format; the SMDs share one scale and stay numbers.
        rows: design.balance.map((row) => {
          const level = (v: number | null) =>
            v === null ? MISSING_TEXT : formatNumber(v, row.format, ctx.language, { unit: true });
          return {
            cells: [
              row.indicator,
              level(row.treatedMean),
              level(row.candidatesMean),
              cellOf(row.smdBefore),
              level(row.comparisonMean),
              cellOf(row.smdAfter),
            ],
          };
        }),
      },
    });
  }
  return blocks;
}

function areasSection(ctx: Ctx): ReportBlock[] {
  const { data, t, language } = ctx;
  const blocks: ReportBlock[] = [];
  const map = data.map;
  if (map && map.areas.length > 0) {
    const graphic = choroplethMap({
      id: 'vergleichsgebiete-karte',
      areas: map.areas,
      classes: [
        { code: 'treated', label: t('evaluation.map.treated'), fill: FOCUS_FILL },
        { code: 'comparison', label: t('evaluation.map.comparison'), fill: SERIES_COLOURS[2] },
        { code: 'other', label: t('evaluation.map.other'), fill: CONTEXT_FILL },
      ],
      classOf: map.roleOf,
      outlines: map.outlines,
      language,
    });
    blocks.push({
      kind: 'figure',
      figure: figureOf(
        'vergleichsgebiete-karte',
        'map',
        graphic,
        t('evaluation.map.caption', { level: data.design.levelName }),
      ),
    });
    if (map.missing.length > 0)
      blocks.push(note(t('evaluation.map.missing', { areas: map.missing.join(', ') })));
  }
  if (data.design.areas.length === 0) return [...blocks, note(t('evaluation.areas.none'))];
  blocks.push({
    kind: 'table',
    table: {
      id: 'gebiete',
      caption: t('evaluation.areas.caption'),
      shortTitle: t('evaluation.areas.short'),
      columns: [
        ...areaColumns(t, [1, 3]),
        { key: 'rolle', header: t('evaluation.col.role'), format: TEXT, weight: 2 },
        { key: 'gewicht', header: t('evaluation.col.weight'), format: { kind: 'integer' } },
        { key: 'einwohner', header: t('col.population'), format: { kind: 'integer' } },
      ],
      rows: data.design.areas.map((a) => ({
        cells: [a.code, a.name, a.role, cellOf(a.weight), cellOf(a.population)],
      })),
    },
  });
  return blocks;
}

function outcomeBlocks(ctx: Ctx, outcome: EvaluationOutcome, i: number): ReportBlock[] {
  return [
    didBlock(ctx, outcome),
    ...beforeAfterBlocks(ctx, outcome),
    ...meansBlocks(ctx, outcome, i),
    ...eventStudyBlocks(ctx, outcome, i),
  ];
}

/** The difference-in-differences estimate, or why there is none. */
function didBlock(ctx: Ctx, outcome: EvaluationOutcome): ReportBlock {
  const { t, language } = ctx;
  const effect = (v: number) => formatNumber(v, outcome.effectFormat, language, { unit: true });
  const did = outcome.did;
  return did
    ? paragraph(
        t('evaluation.did', {
          estimate: effect(did.estimate),
          // The unit is printed once, with the estimate.
          lower: formatNumber(did.lower, outcome.effectFormat, language),
          upper: formatNumber(did.upper, outcome.effectFormat, language),
          p: did.p === null ? MISSING_TEXT : formatP(did.p, language),
          n: formatNumber(did.observations, { kind: 'integer' }, language),
          treated: did.treatedAreas,
          comparison: did.comparisonAreas,
        }),
      )
    : note(t('evaluation.did.none', { reason: outcome.didProblem ?? MISSING_TEXT }));
}

/** Levels before and after in the programme's areas and the city. */
function beforeAfterBlocks(ctx: Ctx, outcome: EvaluationOutcome): ReportBlock[] {
  const { t, language } = ctx;
  const level = (v: number | null) =>
    v === null ? MISSING_TEXT : formatNumber(v, outcome.format, language, { unit: true });
  const blocks: ReportBlock[] = [];
  const ba = outcome.beforeAfter;
  if (ba) {
    blocks.push(
      paragraph(
        t('evaluation.beforeAfter', {
          before: level(ba.programme.before),
          after: level(ba.programme.after),
          cityBefore: level(ba.city?.before ?? null),
          cityAfter: level(ba.city?.after ?? null),
        }),
      ),
    );
    if (ba.withheld) blocks.push(note(t('evaluation.beforeAfter.withheld')));
  }
  return blocks;
}

/** The group means before and after, as a table. */
function meansBlocks(ctx: Ctx, outcome: EvaluationOutcome, i: number): ReportBlock[] {
  const { t } = ctx;
  const blocks: ReportBlock[] = [];
  const means = outcome.means;
  if (means) {
    const diff = outcome.effectFormat;
    blocks.push({
      kind: 'table',
      table: {
        id: `mittelwerte-${i + 1}`,
        caption: t('evaluation.means.caption', { name: outcome.name }),
        shortTitle: t('evaluation.means.short', { n: i + 1 }),
        columns: [
          { key: 'gruppe', header: t('evaluation.col.group'), format: TEXT, weight: 2 },
          { key: 'vorher', header: t('evaluation.col.pre'), format: outcome.format },
          { key: 'nachher', header: t('evaluation.col.post'), format: outcome.format },
          { key: 'veraenderung', header: t('evaluation.col.change'), format: diff },
        ],
        rows: [
          {
            cells: [
              t('evaluation.group.treated'),
              means.treatedPre,
              means.treatedPost,
              means.treatedPost - means.treatedPre,
            ],
          },
          {
            cells: [
              t('evaluation.group.comparison'),
              means.comparisonPre,
              means.comparisonPost,
              means.comparisonPost - means.comparisonPre,
            ],
          },
        ],
      },
    });
  }
  return blocks;
}

/** The event study as a chart and a table, or why there is none. */
function eventStudyBlocks(ctx: Ctx, outcome: EvaluationOutcome, i: number): ReportBlock[] {
  const { t, language } = ctx;
  const blocks: ReportBlock[] = [];
  const study = outcome.eventStudy;
  if (study && study.points.length > 0) {
    const chart = eventStudyChart({
      id: `ereignisstudie-${i + 1}`,
      estimates: study.points.map((p) => ({
        period: p.relative,
        estimate: p.estimate,
        lower: p.lower,
        upper: p.upper,
      })),
      referencePeriod: study.referenceRelative,
      format: outcome.effectFormat,
      language,
      size: { width: 480, height: 220 },
    });
    blocks.push(
      {
        kind: 'figure',
        figure: figureOf(
          `ereignisstudie-${i + 1}`,
          'chart',
          chart,
          t('evaluation.eventStudy.caption', { name: outcome.name, reference: study.reference }),
        ),
      },
      {
        kind: 'table',
        table: {
          id: `ereignisstudie-werte-${i + 1}`,
          caption: t('evaluation.eventStudy.tableCaption', { name: outcome.name }),
          shortTitle: t('evaluation.eventStudy.short', { n: i + 1 }),
          columns: [
            { key: 'periode', header: t('col.period'), format: TEXT },
            {
              key: 'relativ',
              header: t('evaluation.col.relative'),
              format: { kind: 'integer', signed: true },
            },
            { key: 'schaetzung', header: t('evaluation.col.estimate'), format: outcome.effectFormat },
            { key: 'ki-unten', header: t('evaluation.col.lower'), format: outcome.effectFormat },
            { key: 'ki-oben', header: t('evaluation.col.upper'), format: outcome.effectFormat },
          ],
          rows: study.points.map((p) => ({ cells: [p.period, p.relative, p.estimate, p.lower, p.upper] })),
        },
      },
    );
    if (study.omitted.length > 0)
      blocks.push(
        note(
          t('evaluation.eventStudy.omitted', {
            periods: study.omitted.map((o) => `${o.period} (${o.reason})`).join(', '),
          }),
        ),
      );
  } else if (outcome.eventStudyProblem)
    blocks.push(note(t('evaluation.eventStudy.none', { reason: outcome.eventStudyProblem })));
  return blocks;
}

/** p-values as statistics print them: three places, and "< 0.001" below that. */
function formatP(p: number, language: ReportLanguage): string {
  if (p < 0.001) return `< ${formatNumber(0.001, { kind: 'decimal', digits: 3 }, language)}`;
  return formatNumber(p, { kind: 'decimal', digits: 3 }, language);
}

function ratingsSection(ctx: Ctx): ReportBlock[] {
  const { data, t } = ctx;
  const blocks: ReportBlock[] = [paragraph(t('evaluation.ratings.scale'))];
  if (data.ratings.length === 0) blocks.push(note(t('evaluation.ratings.none')));
  else
    blocks.push({
      kind: 'table',
      table: {
        id: 'dac-bewertung',
        caption: t('evaluation.ratings.caption'),
        columns: [
          { key: 'kriterium', header: t('evaluation.col.criterion'), format: TEXT, weight: 1.6 },
          { key: 'bewertung', header: t('evaluation.col.rating'), format: TEXT, weight: 1.6 },
          { key: 'begruendung', header: t('evaluation.col.justification'), format: TEXT, weight: 5 },
          { key: 'evidenz', header: t('evaluation.col.evidence'), format: TEXT, weight: 1.4 },
        ],
        rows: data.ratings.map((r) => ({
          cells: [
            r.criterion,
            t('evaluation.rating', { rating: r.rating, label: r.label }),
            r.justification,
            r.evidence,
          ],
        })),
      },
    });
  if (data.unrated.length > 0)
    blocks.push(paragraph(t('evaluation.unrated', { criteria: data.unrated.join(', ') })));
  return blocks;
}

const listOrNone = (ctx: Ctx, items: string[]): ReportBlock[] =>
  items.length > 0 ? [bulletList(items)] : [note(ctx.t('evaluation.none'))];

function evidenceSection(ctx: Ctx): ReportBlock[] {
  const { data, t, language } = ctx;
  const evidence = data.evidence;
  if (!evidence) return [note(data.resultsProblem ?? t('evaluation.results.none'))];
  const snapshot = evidence.source === 'snapshot' && evidence.snapshotId !== null;
  return [
    paragraph(
      snapshot
        ? t('evaluation.evidence.snapshot', {
            id: evidence.snapshotId as string,
            takenAt: formatDate(evidence.takenAt ?? data.asOf, language),
            hash: evidence.hash,
          })
        : t('evaluation.evidence.live', { hash: evidence.hash }),
    ),
    {
      kind: 'key-facts',
      facts: [
        {
          label: t('evaluation.fact.source'),
          value: t(snapshot ? 'evaluation.source.snapshot' : 'evaluation.source.live'),
          format: TEXT,
        },
        ...(snapshot && evidence.takenAt
          ? [
              {
                label: t('evaluation.fact.takenAt'),
                value: formatDate(evidence.takenAt, language),
                format: TEXT,
              },
            ]
          : []),
      ],
    },
  ];
}

/**
 * Builds the evaluation report from data the service fetched with the reader's permissions.
 * @throws ReportingError `InvalidReportData` naming the offending part of the data.
 */
export function buildEvaluationReport(data: EvaluationReportData, language: ReportLanguage): ReportDocument {
  const t = textsFor(language);
  const ctx: Ctx = { data, language, t };
  const sections: ReportSection[] = [
    { id: 'gegenstand', title: t('evaluation.object'), blocks: objectSection(ctx) },
    { id: 'design', title: t('evaluation.design'), blocks: designSection(ctx) },
    { id: 'vergleichsgebiete', title: t('evaluation.comparison'), blocks: areasSection(ctx) },
    {
      id: 'ergebnisse',
      title: t('evaluation.results'),
      blocks: data.resultsProblem
        ? [note(data.resultsProblem)]
        : data.outcomes.length
          ? []
          : [note(t('evaluation.results.none'))],
      sections: data.outcomes.map((outcome, i) => ({
        id: `ergebnis-${i + 1}`,
        title: outcome.name,
        blocks: outcomeBlocks(ctx, outcome, i),
      })),
    },
    { id: 'dac-kriterien', title: t('evaluation.ratings'), blocks: ratingsSection(ctx) },
    { id: 'befunde', title: t('evaluation.findings'), blocks: listOrNone(ctx, data.findings) },
    {
      id: 'empfehlungen',
      title: t('evaluation.recommendations'),
      blocks: listOrNone(ctx, data.recommendations),
    },
    { id: 'datengrundlage', title: t('evaluation.evidence'), blocks: evidenceSection(ctx) },
  ];
  return parseReportDocument({
    schemaVersion: 1,
    metadata: {
      type: 'evaluation-report',
      title: t('evaluation.title', { title: data.title }),
      subtitle: t('evaluation.subtitle', { object: data.object, start: data.startPeriod }),
      ...provenanceMetadata(data, language),
      keywords: [t('reportType.evaluation-report'), data.title],
    },
    tableOfContents: true,
    sections,
    notes: [[{ text: t('evaluation.notes.scope') }]],
  });
}
