import { barChart } from '../charts/bar-chart';
import { timeSeriesChart } from '../charts/time-series-chart';
import { formatDate, formatNumber } from '../format/number-format';
import { areaColumns, bulletList, cellOf, note, paragraph } from '../model/blocks';
import { parseReportDocument } from '../model/parse-report-document';
import type {
  ReportBlock,
  ReportDocument,
  ReportLanguage,
  ReportSection,
  ReportTable,
} from '../model/report-document';
import { textsFor, type Texts } from '../texts';
import { figureOf } from './area-profile-sections';
import type { ProgrammeGoal, ProgrammeReportData } from './programme-data';
import { provenanceMetadata, type ReportContext } from './report-context';

// The programme report in the structure of the Social Reporting Standard: problem, approach,
// resources (input), outputs, outcomes and impact per period with the impact model's
// attainment, finances, planning and outlook.

type Ctx = ReportContext<ProgrammeReportData>;

const EURO = { kind: 'eur-cents', digits: 0 } as const;
const euro = (ctx: Ctx, cents: number) => formatNumber(cents, EURO, ctx.language, { unit: true });
const sum = (values: number[]) => values.reduce((s, v) => s + v, 0);

function problem(ctx: Ctx): ReportBlock[] {
  const { data, t } = ctx;
  const blocks: ReportBlock[] = data.programme.description ? [paragraph(data.programme.description)] : [];
  if (data.areas.length === 0) return [...blocks, note(t('programme.problem.noAreas'))];
  const population = sum(data.areas.map((a) => a.population ?? 0));
  blocks.push(
    paragraph(
      t('programme.problem.areas', {
        count: data.areas.length,
        population: formatNumber(population, { kind: 'integer' }, ctx.language),
      }),
    ),
    {
      kind: 'table',
      table: {
        id: 'programmgebiete',
        caption: t('programme.areas.caption'),
        columns: [
          ...areaColumns(t, [1, 3]),
          { key: 'einwohner', header: t('col.population'), format: { kind: 'integer' } },
          { key: 'massnahmen', header: t('programme.col.measures'), format: { kind: 'integer' } },
          { key: 'budget', header: t('programme.col.budget'), format: EURO },
        ],
        rows: data.areas.map((a) => ({
          cells: [a.code, a.name, cellOf(a.population), a.measures, a.budgetCents],
        })),
      },
    },
  );
  return blocks;
}

function approach(ctx: Ctx): ReportBlock[] {
  const { data, t } = ctx;
  const blocks: ReportBlock[] = [];
  const model = data.impactModel;
  if (!model || model.nodes.length === 0) blocks.push(note(t('programme.approach.none')));
  else {
    blocks.push(paragraph(t('programme.approach.model', { title: model.title })));
    blocks.push(
      bulletList(
        model.nodes.map((node) => {
          const type = t(`programme.node.${node.type}` as Parameters<Texts>[0]);
          const kind = node.step === null ? type : t('programme.node.step', { type, step: node.step });
          const assumptions = node.assumptions.map(
            (a) => ` ${t('programme.approach.assumption', { text: a })}`,
          );
          return [{ text: `${kind}: `, emphasis: 'strong' as const }, node.title, ...assumptions];
        }),
      ),
    );
  }
  if (data.fieldsOfAction.length > 0)
    blocks.push({
      kind: 'table',
      table: {
        id: 'handlungsfelder',
        caption: t('programme.approach.fields'),
        columns: [
          { key: 'feld', header: t('programme.col.field'), format: { kind: 'text' }, weight: 3 },
          { key: 'massnahmen', header: t('programme.col.measures'), format: { kind: 'integer' } },
        ],
        rows: data.fieldsOfAction.map((f) => ({ cells: [f.label, f.measures] })),
      },
    });
  return blocks;
}

function budgetTable(ctx: Ctx): ReportTable {
  const { data, t } = ctx;
  return {
    id: 'budget',
    caption: t('programme.budget.caption'),
    columns: [
      { key: 'jahr', header: t('programme.col.year'), format: { kind: 'text' }, weight: 0.8 },
      { key: 'fonds', header: t('programme.col.line'), format: { kind: 'text' }, weight: 2 },
      { key: 'geplant', header: t('programme.col.planned'), format: EURO },
      { key: 'gebunden', header: t('programme.col.committed'), format: EURO },
      { key: 'ausgegeben', header: t('programme.col.spent'), format: EURO },
      { key: 'verfuegbar', header: t('programme.col.remaining'), format: EURO },
    ],
    rows: data.budget.map((b) => ({
      cells: [String(b.year), b.line, b.plannedCents, b.committedCents, b.spentCents, b.remainingCents],
    })),
  };
}

function inputs(ctx: Ctx): ReportBlock[] {
  const { data, t, language } = ctx;
  const blocks: ReportBlock[] = [
    paragraph(
      t('programme.inputs.total', {
        planned: euro(ctx, sum(data.budget.map((b) => b.plannedCents))),
        committed: euro(ctx, sum(data.budget.map((b) => b.committedCents))),
        spent: euro(ctx, sum(data.budget.map((b) => b.spentCents))),
        remaining: euro(ctx, sum(data.budget.map((b) => b.remainingCents))),
      }),
    ),
  ];
  const years = [...new Set(data.budget.map((b) => b.year))].sort();
  if (years.length > 0) {
    const perYear = (pick: (b: ProgrammeReportData['budget'][number]) => number) =>
      years.map((y) => sum(data.budget.filter((b) => b.year === y).map(pick)));
    const chart = barChart({
      id: 'budget-jahre',
      categories: years.map(String),
      series: [
        { name: t('programme.col.planned'), values: perYear((b) => b.plannedCents) },
        { name: t('programme.col.spent'), values: perYear((b) => b.spentCents) },
      ],
      format: EURO,
      language,
      size: { width: 480, height: 220 },
    });
    blocks.push({
      kind: 'figure',
      figure: figureOf('budget-jahre', 'chart', chart, t('programme.budget.chart')),
    });
  }
  blocks.push({ kind: 'table', table: budgetTable(ctx) });
  for (const allocation of data.allocations) blocks.push(...allocationBlocks(ctx, allocation));
  return blocks;
}

/** How a budget line was split by need: the rule in a sentence, then each area's share and amount. */
function allocationBlocks(ctx: Ctx, a: ProgrammeReportData['allocations'][number]): ReportBlock[] {
  const { t } = ctx;
  const id = `verteilung-${a.year}-${a.line}`.toLowerCase().replace(/[^a-z0-9-]+/g, '-');
  return [
    paragraph(
      t(a.capCents === null ? 'programme.allocation.rule' : 'programme.allocation.ruleCapped', {
        line: a.line,
        year: a.year,
        version: a.version,
        budget: euro(ctx, a.budgetCents),
        need: a.need,
        floor: euro(ctx, a.floorCents),
        cap: a.capCents === null ? '' : euro(ctx, a.capCents),
      }),
    ),
    {
      kind: 'table',
      table: {
        id,
        caption: t('programme.allocation.caption', { line: a.line, year: a.year }),
        columns: [
          ...areaColumns(t, [1, 2.5]),
          { key: 'grundlage', header: t('programme.col.needBasis'), format: { kind: 'text' }, weight: 2 },
          { key: 'anteil', header: t('programme.col.needShare'), format: { kind: 'decimal', digits: 1 } },
          { key: 'betrag', header: t('programme.col.amount'), format: EURO },
        ],
        rows: a.areas.map((area) => ({
          cells: [area.code, area.name, area.basis, area.needPercent, area.amountCents],
        })),
      },
    },
  ];
}

function outputs(ctx: Ctx): ReportBlock[] {
  const { data, t } = ctx;
  if (data.measures.length === 0) return [note(t('programme.outputs.none'))];
  return [
    {
      kind: 'table',
      table: {
        id: 'massnahmen-status',
        caption: t('programme.outputs.status'),
        columns: [
          { key: 'status', header: t('programme.col.status'), format: { kind: 'text' }, weight: 2 },
          { key: 'anzahl', header: t('programme.col.count'), format: { kind: 'integer' } },
        ],
        rows: data.measuresByStatus.map((s) => ({ cells: [s.status, s.count] })),
      },
    },
    {
      kind: 'table',
      table: {
        id: 'massnahmen',
        caption: t('programme.outputs.list'),
        columns: [
          { key: 'massnahme', header: t('programme.col.measure'), format: { kind: 'text' }, weight: 3 },
          { key: 'feld', header: t('programme.col.field'), format: { kind: 'text' }, weight: 2 },
          { key: 'gebiete', header: t('programme.col.areas'), format: { kind: 'text' }, weight: 2 },
          { key: 'status', header: t('programme.col.status'), format: { kind: 'text' }, weight: 1.5 },
          { key: 'budget', header: t('programme.col.budget'), format: EURO },
          { key: 'ausgegeben', header: t('programme.col.spent'), format: EURO },
        ],
        rows: data.measures.map((m) => ({
          cells: [m.title, m.field, m.areas, m.status, m.budgetCents, m.spentCents],
        })),
      },
    },
  ];
}

function goalBlocks(ctx: Ctx, goal: ProgrammeGoal, i: number): ReportBlock[] {
  const { t, language } = ctx;
  const value = (v: number) => formatNumber(v, goal.format, language, { unit: true });
  const blocks: ReportBlock[] = [
    paragraph(
      t('programme.goal.intro', {
        label: goal.label,
        baseline: value(goal.baseline.value),
        period: goal.baseline.period,
        target: value(goal.target.value),
        date: formatDate(goal.target.date, language),
      }),
    ),
  ];
  if (goal.series.length > 0) {
    const chart = timeSeriesChart({
      id: `zielverlauf-${i + 1}`,
      periods: goal.series.map((p) => p.period),
      series: [
        {
          name: goal.label,
          values: goal.series.map((p) => (typeof p.actual === 'number' ? p.actual : null)),
        },
        { name: t('programme.goal.target'), values: goal.series.map(() => goal.target.value) },
      ],
      format: goal.format,
      language,
      size: { width: 480, height: 200 },
    });
    blocks.push({
      kind: 'figure',
      figure: figureOf(
        `zielverlauf-${i + 1}`,
        'chart',
        chart,
        t('programme.goal.chart', { label: goal.label }),
      ),
    });
  }
  blocks.push({
    kind: 'table',
    table: {
      id: `zielerreichung-${i + 1}`,
      caption: t('programme.goal.caption', { label: goal.label }),
      shortTitle: `${t('programme.col.attainment')} ${i + 1}`,
      columns: [
        { key: 'periode', header: t('col.period'), format: { kind: 'text' } },
        { key: 'wert', header: t('programme.col.actual'), format: goal.format },
        {
          key: 'zielerreichung',
          header: t('programme.col.attainment'),
          format: { kind: 'percent', digits: 0 },
        },
      ],
      rows: goal.series.map((p) => ({
        cells: [p.period, cellOf(p.actual), cellOf(p.attainmentPercent)],
      })),
    },
  });
  if (goal.light)
    blocks.push(
      paragraph(
        t('programme.goal.light', { light: t(`programme.light.${goal.light}` as Parameters<Texts>[0]) }),
      ),
    );
  return blocks;
}

function outcomes(ctx: Ctx): ReportSection[] {
  return ctx.data.goals.map((goal, i) => ({
    id: `ziel-${i + 1}`,
    title: goal.node,
    blocks: goalBlocks(ctx, goal, i),
  }));
}

function finances(ctx: Ctx): ReportBlock[] {
  const { data, t } = ctx;
  const lines = [...new Set(data.budget.map((b) => b.line))];
  const of = (line: string, pick: (b: ProgrammeReportData['budget'][number]) => number) =>
    sum(data.budget.filter((b) => b.line === line).map(pick));
  return [
    {
      kind: 'table',
      table: {
        id: 'finanzen',
        caption: t('programme.finances.caption'),
        columns: [
          { key: 'fonds', header: t('programme.col.line'), format: { kind: 'text' }, weight: 2 },
          { key: 'geplant', header: t('programme.col.planned'), format: EURO },
          { key: 'gebunden', header: t('programme.col.committed'), format: EURO },
          { key: 'ausgegeben', header: t('programme.col.spent'), format: EURO },
          { key: 'verfuegbar', header: t('programme.col.remaining'), format: EURO },
        ],
        rows: lines.map((line) => ({
          cells: [
            line,
            of(line, (b) => b.plannedCents),
            of(line, (b) => b.committedCents),
            of(line, (b) => b.spentCents),
            of(line, (b) => b.remainingCents),
          ],
        })),
      },
    },
  ];
}

function outlook(ctx: Ctx): ReportBlock[] {
  const { data, t } = ctx;
  const thisYear = Number(data.asOf.slice(0, 4));
  const ahead = data.budget.filter((b) => b.year >= thisYear);
  const years = [...new Set(ahead.map((b) => b.year))].sort();
  const blocks: ReportBlock[] = [];
  if (years.length > 0)
    blocks.push(
      paragraph(
        t('programme.outlook.budget', {
          years: years.length > 1 ? `${years[0]}–${years.at(-1)}` : String(years[0]),
          remaining: euro(ctx, sum(ahead.map((b) => b.remainingCents))),
        }),
      ),
    );
  const count = (status: string) => data.measuresByStatus.find((s) => s.status === status)?.count ?? 0;
  blocks.push(
    paragraph(
      t('programme.outlook.pipeline', {
        proposed: count(t('status.proposed')),
        approved: count(t('status.approved')),
      }),
    ),
  );
  const behind = data.goals.filter((g) => g.light !== null && g.light !== 'green').map((g) => g.node);
  if (data.goals.length > 0)
    blocks.push(
      behind.length
        ? paragraph(t('programme.outlook.goals', { goals: behind.join(', ') }))
        : paragraph(t('programme.outlook.allOnTrack')),
    );
  return blocks;
}

function organisation(ctx: Ctx): ReportBlock[] {
  const { data, t } = ctx;
  return [
    {
      kind: 'key-facts',
      facts: [
        { label: t('programme.fact.funder'), value: data.programme.funder || '–', format: { kind: 'text' } },
        {
          label: t('programme.fact.legalBasis'),
          value: data.programme.legalBasis || '–',
          format: { kind: 'text' },
        },
        {
          label: t('programme.fact.status'),
          value: t(`programme.status.${data.programme.status}` as Parameters<Texts>[0]),
          format: { kind: 'text' },
        },
      ],
    },
  ];
}

/**
 * Builds the programme report (Social Reporting Standard structure) from data the service
 * fetched with the reader's permissions.
 * @throws ReportingError `InvalidReportData` naming the offending part of the data.
 */
export function buildProgrammeReport(data: ProgrammeReportData, language: ReportLanguage): ReportDocument {
  const t = textsFor(language);
  const ctx: Ctx = { data, language, t };
  const periods = data.programme.fundingPeriods.map((p) => p.label).join(', ') || data.asOf.slice(0, 4);
  const sections: ReportSection[] = [
    { id: 'problem', title: t('programme.problem'), blocks: problem(ctx) },
    { id: 'loesungsansatz', title: t('programme.approach'), blocks: approach(ctx) },
    { id: 'input', title: t('programme.inputs'), blocks: inputs(ctx) },
    { id: 'output', title: t('programme.outputs'), blocks: outputs(ctx) },
    {
      id: 'wirkungen',
      title: t('programme.outcomes'),
      blocks: data.goals.length ? [] : [note(t('programme.outcomes.none'))],
      sections: outcomes(ctx),
    },
    { id: 'finanzen-abschnitt', title: t('programme.finances'), blocks: finances(ctx) },
    { id: 'ausblick', title: t('programme.outlook'), blocks: outlook(ctx) },
    { id: 'organisation', title: t('programme.organisation'), blocks: organisation(ctx) },
  ];
  return parseReportDocument({
    schemaVersion: 1,
    metadata: {
      type: 'programme-report',
      title: t('programme.title', { name: data.programme.name }),
      subtitle: t('programme.subtitle', { periods }),
      ...provenanceMetadata(data, language),
      keywords: [t('reportType.programme-report'), data.programme.name],
    },
    tableOfContents: true,
    sections,
    notes: [[{ text: t('programme.notes.scope') }]],
  });
}
