import type { MapArea } from '../maps/geo';
import type { NumberFormat, ReportLanguage } from '../model/report-document';

// The data the report builders take. The reporting service fetches it with the requesting
// user's permissions — what is not in here cannot leak into a report. Shapes mirror what the
// owning services answer (values that may be suppressed or missing, pseudonymised actors
// without names), so the service maps them one to one.

/** A published value: a number, withheld ('suppressed'), or absent (null). */
export type PublishedValue = number | 'suppressed' | null;

/** What every report records about itself (pinning, provenance). */
export interface ReportProvenance {
  organisation: string;
  author?: string;
  /** Datenstand, ISO date. */
  asOf: string;
  /**
   * When the report is made (injected clock), ISO date-time; the day written in it is printed,
   * so the service writes it with the platform zone's offset.
   */
  generatedAt: string;
  pin?: { dataId: string; contentHash: string };
}

export interface IndicatorSeries {
  code: string;
  name: string;
  format: NumberFormat;
  unit?: string;
  /** 1: higher is better; -1: higher is worse (decides what rank 1 means). */
  polarity: 1 | -1;
  periods: string[];
  /** The area's values, one per period. */
  values: PublishedValue[];
  /** The city's values, one per period (for the comparison column and the trend chart). */
  cityValues?: PublishedValue[];
  /** Rank of the area among its siblings in the latest period, as the indicator service computed it. */
  rank?: { position: number; of: number } | null;
}

export interface SocialIndexSummary {
  indexName: string;
  runLabel: string;
  /** The combined class label as published, e.g. "3- (niedrig, negativ)". */
  classLabel: string | null;
  history: { runLabel: string; classLabel: string | null }[];
}

export interface SurveyHighlight {
  question: string;
  /** Share in percent, suppressed below k. */
  share: PublishedValue;
  /** 95 % confidence interval in percent. */
  lower?: PublishedValue;
  upper?: PublishedValue;
  cityShare?: PublishedValue;
}

export interface SurveySummary {
  title: string;
  respondents: PublishedValue;
  /** The k of k-anonymity the results were published with. */
  k: number;
  highlights: SurveyHighlight[];
}

export interface NetworkBroker {
  /** null: a pseudonymised actor the reader may not see named. */
  name: string | null;
  sector: string;
  role: string;
}

export interface NetworkSummary {
  wave: string;
  actors: number;
  ties: number;
  density: number;
  actorsBySector: { sector: string; count: number }[];
  brokers: NetworkBroker[];
}

export interface MeasureSummary {
  title: string;
  programme?: string;
  status: string;
  budgetCents: number;
  spentCents?: number | null;
}

export interface ImpactGoal {
  goal: string;
  indicator: string;
  format: NumberFormat;
  baseline: PublishedValue;
  target: number;
  actual: PublishedValue;
  /** (actual − baseline) / (target − baseline), capped, in percent; null when not computable. */
  attainmentPercent: number | null;
}

export interface AreaProfileData extends ReportProvenance {
  area: MapArea & {
    levelName: string;
    population: PublishedValue;
    sizeKm2?: number | null;
    parent?: { code: string; name: string } | null;
  };
  children: MapArea[];
  neighbours?: MapArea[];
  /** For the locator map: the parent (or the city) and its children. */
  locator?: { parent: MapArea; siblings?: MapArea[] };
  cityName: string;
  indicators?: IndicatorSeries[];
  /** How many periods back "change" looks (default: the whole series shown). */
  changePeriods?: number;
  socialIndex?: SocialIndexSummary | null;
  survey?: SurveySummary | null;
  network?: NetworkSummary | null;
  measures?: MeasureSummary[];
  impact?: { programme: string; goals: ImpactGoal[] } | null;
  /** Topics the reader may not see at all: their sections say so instead of "no data". */
  withheld?: readonly ('survey' | 'network' | 'programme' | 'index' | 'indicators')[];
}

export type BuildLanguage = ReportLanguage;
