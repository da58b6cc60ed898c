import type { ProgrammeGoal, ProgrammeHeader, ProgrammeReportData } from '../builders/programme-data';
import { formatNumber } from '../format/number-format';
import type { ReportLanguage } from '../model/report-document';
import { codeLabel, textsFor, type Texts } from '../texts';
import { STATUS_KEYS } from '../texts/labels.texts';
import { formatOfUnit, reportHeader, type AssembleOptions } from './assemble-area-profile';
import type { PinnedTenant, PINNED_DATA_VERSION } from './pinned-data';

// The pinned data of a programme report (what the programme service answered the reader:
// programme, dashboard, measures, impact model, attainment) and its assembly.

export interface PinnedAttainment {
  period: string | null;
  actual: number | 'suppressed' | null;
  /** Capped attainment 0…1; null when not computable. */
  capped: number | null;
  light: 'green' | 'amber' | 'red' | null;
}

export interface PinnedBinding {
  label: string;
  unit: string;
  baseline: { value: number; period: string };
  target: { value: number; date: string };
  current: PinnedAttainment;
  series: PinnedAttainment[];
}

/** The accepted split of one budget line and year across the programme areas (newest version). */
export interface PinnedAllocation {
  line: string;
  year: number;
  version: number;
  need: 'indicator' | 'index' | 'population' | 'manual';
  budget: number;
  floor: number;
  cap: number | null;
  areas: { code: string; name: string; basis: string; needShare: number; amount: number }[];
}

export interface ProgrammeDataset {
  version: typeof PINNED_DATA_VERSION;
  kind: 'programme-report';
  tenant: PinnedTenant;
  programme: ProgrammeHeader & {
    id: string;
    budgetLines: { key: string; label: string }[];
    fieldsOfAction: { key: string; label: string }[];
  };
  budget: {
    year: number;
    line: string;
    planned: number;
    committed: number;
    spent: number;
    remaining: number;
  }[];
  measuresByField: Record<string, number>;
  areas: {
    id: string;
    code: string;
    name: string;
    population: number | null;
    measures: number;
    budgetCents: number;
  }[];
  measures: {
    title: string;
    fieldOfAction: string | null;
    areas: { code: string; name: string }[];
    status: string;
    budgetCents: number;
    spentCents: number;
  }[];
  impactModel: {
    title: string;
    nodes: { id: string; type: string; step: number | null; title: string; assumptions: string[] }[];
  } | null;
  /** Accepted budget splits by need (absent in reports pinned before splits were reported). */
  allocations?: PinnedAllocation[];
  /** The programme model's bound nodes (measure models are reported with their measures). */
  attainment: {
    nodeId: string;
    title: string;
    type: string;
    step: number | null;
    bindings: PinnedBinding[];
  }[];
}

function goals(data: ProgrammeDataset): ProgrammeGoal[] {
  return data.attainment.flatMap((node) =>
    node.bindings.map((b) => ({
      node: node.title,
      type: node.type,
      step: node.step,
      label: b.label,
      format: formatOfUnit(b.unit),
      baseline: b.baseline,
      target: b.target,
      series: b.series
        .filter((p) => p.period !== null)
        .map((p) => ({
          period: p.period as string,
          actual: p.actual,
          attainmentPercent: p.capped === null ? null : p.capped * 100,
        })),
      light: b.current.light,
    })),
  );
}

/**
 * What an area's need was read from, in the report's language: the programme service writes
 * `population`, `manual`, `<index> <value>` or `<indicator> <period>: <value>` with a decimal point.
 */
function needBasis(basis: string, t: Texts, language: ReportLanguage): string {
  if (basis === 'population' || basis === 'manual') return t(`programme.allocation.need.${basis}`);
  const number = (text: string) => {
    const digits = text.split('.')[1]?.length ?? 0;
    return formatNumber(Number(text), { kind: 'decimal', digits: Math.min(digits, 3) }, language);
  };
  const indicator = /^(.+ \S+): (-?\d+(?:\.\d+)?)$/.exec(basis);
  if (indicator) return `${indicator[1]}: ${number(indicator[2])}`;
  const index = /^(\S+) (-?\d+(?:\.\d+)?)$/.exec(basis);
  if (index) return `${index[1]} ${number(index[2])}`;
  return basis;
}

/** The builder input of the programme report, from the pinned data alone. */
export function assembleProgrammeReport(
  data: ProgrammeDataset,
  options: AssembleOptions,
): ProgrammeReportData {
  const t = textsFor(options.language);
  const lineLabel = new Map(data.programme.budgetLines.map((l) => [l.key, l.label]));
  const fieldLabel = new Map(data.programme.fieldsOfAction.map((f) => [f.key, f.label]));
  const byStatus = new Map<string, number>();
  for (const m of data.measures) byStatus.set(m.status, (byStatus.get(m.status) ?? 0) + 1);
  return {
    ...reportHeader(data.tenant.name, options),
    programme: {
      name: data.programme.name,
      funder: data.programme.funder,
      legalBasis: data.programme.legalBasis,
      description: data.programme.description,
      status: data.programme.status,
      fundingPeriods: data.programme.fundingPeriods,
    },
    areas: data.areas.map((a) => ({
      code: a.code,
      name: a.name,
      population: a.population,
      measures: a.measures,
      budgetCents: a.budgetCents,
    })),
    impactModel: data.impactModel
      ? {
          title: data.impactModel.title,
          nodes: data.impactModel.nodes.map((n) => ({
            type: n.type,
            step: n.step,
            title: n.title,
            assumptions: n.assumptions,
          })),
        }
      : null,
    fieldsOfAction: data.programme.fieldsOfAction.map((f) => ({
      label: f.label,
      measures: data.measuresByField[f.key] ?? 0,
    })),
    budget: [...data.budget]
      .sort((a, b) => a.year - b.year || (a.line < b.line ? -1 : 1))
      .map((b) => ({
        year: b.year,
        line: lineLabel.get(b.line) ?? b.line,
        plannedCents: b.planned,
        committedCents: b.committed,
        spentCents: b.spent,
        remainingCents: b.remaining,
      })),
    measuresByStatus: STATUS_KEYS.filter((s) => byStatus.has(s)).map((s) => ({
      status: codeLabel(t, 'status', STATUS_KEYS, s),
      count: byStatus.get(s) as number,
    })),
    measures: data.measures.map((m) => ({
      title: m.title,
      field: m.fieldOfAction ? (fieldLabel.get(m.fieldOfAction) ?? m.fieldOfAction) : '–',
      areas: m.areas.map((a) => a.name).join(', ') || '–',
      status: codeLabel(t, 'status', STATUS_KEYS, m.status),
      budgetCents: m.budgetCents,
      spentCents: m.spentCents,
    })),
    allocations: [...(data.allocations ?? [])]
      .sort((a, b) => a.year - b.year || (a.line < b.line ? -1 : 1))
      .map((a) => ({
        line: lineLabel.get(a.line) ?? a.line,
        year: a.year,
        version: a.version,
        need: t(`programme.allocation.need.${a.need}`),
        budgetCents: a.budget,
        floorCents: a.floor,
        capCents: a.cap,
        areas: a.areas.map((area) => ({
          code: area.code,
          name: area.name,
          basis: needBasis(area.basis, t, options.language),
          needPercent: area.needShare * 100,
          amountCents: area.amount,
        })),
      })),
    goals: goals(data),
  };
}
