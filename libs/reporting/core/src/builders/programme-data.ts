import type { NumberFormat } from '../model/report-document';
import type { PublishedValue, ReportProvenance } from './report-data';

// Input of the programme report, in the structure of the Social Reporting Standard (SRS):
// problem and approach, inputs, outputs, outcomes and impact per period with attainment,
// budget and spending, outlook. The reporting service reads it from the programme service
// (programme, dashboard, measures, impact model, attainment) with the reader's permissions.

export interface ProgrammeBudgetRow {
  year: number;
  line: string;
  plannedCents: number;
  committedCents: number;
  spentCents: number;
  remainingCents: number;
}

export interface ProgrammeMeasureRow {
  title: string;
  field: string;
  areas: string;
  status: string;
  budgetCents: number;
  spentCents: number;
}

export interface ProgrammeGoalPoint {
  period: string;
  actual: PublishedValue;
  /** Capped attainment in percent (0…100); null when no honest number exists. */
  attainmentPercent: number | null;
}

export interface ProgrammeGoal {
  /** The impact model node ("Weniger Kinderarmut im Quartier"). */
  node: string;
  /** The node's type and Wirkungstreppe step: outcome (4–6) or impact (7). */
  type: string;
  step: number | null;
  /** What is measured ("Kinderarmut in den Fördergebieten"). */
  label: string;
  format: NumberFormat;
  baseline: { value: number; period: string };
  target: { value: number; date: string };
  series: ProgrammeGoalPoint[];
  /** The traffic light of the latest point, if measured: green, amber, red. */
  light: string | null;
}

/** A budget line's split across the programme areas by need, as accepted. */
export interface ProgrammeAllocation {
  line: string;
  year: number;
  version: number;
  /** What need was measured by, in the report's language. */
  need: string;
  budgetCents: number;
  floorCents: number;
  capCents: number | null;
  areas: { code: string; name: string; basis: string; needPercent: number; amountCents: number }[];
}

/** What the report says of the programme itself; the pinned data stores it as the service answered. */
export interface ProgrammeHeader {
  name: string;
  funder: string;
  legalBasis: string;
  description: string;
  status: string;
  fundingPeriods: { label: string; from: string; to: string }[];
}

export interface ProgrammeReportData extends ReportProvenance {
  programme: ProgrammeHeader;
  /** The programme areas (the problem's where), with their index class when known. */
  areas: { code: string; name: string; population: number | null; measures: number; budgetCents: number }[];
  /** The impact model (approach): nodes by type and step, with assumptions. */
  impactModel: {
    title: string;
    nodes: { type: string; step: number | null; title: string; assumptions: string[] }[];
  } | null;
  fieldsOfAction: { label: string; measures: number }[];
  budget: ProgrammeBudgetRow[];
  allocations: ProgrammeAllocation[];
  measuresByStatus: { status: string; count: number }[];
  measures: ProgrammeMeasureRow[];
  goals: ProgrammeGoal[];
}
