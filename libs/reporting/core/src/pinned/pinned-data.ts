import { createHash } from 'node:crypto';
import type { AreaGeometry } from '../maps/geo';

// The pinned data of a report: what the reporting service gathered from the owning services
// with the reader's permissions, in a shape that keeps exactly what those services answered
// (published values with their status, classes, k-anonymous survey cells, actors with their
// names already withheld where the reader may not see them). A report is built from this alone,
// so "regenerate" gives the same numbers however the live data moved on. Stored as canonical
// JSON with its SHA-256.

export const PINNED_DATA_VERSION = 1;

/** A language-dependent label as the services answer it (indicator names: {de, en}). */
export type Label = string | { de: string; en?: string };

export interface PinnedLevel {
  key: string;
  name: string;
  rank: number;
}

export interface PinnedTenant {
  id: string;
  name: string;
  /** Coarse to fine (rank 0 = districts). */
  levels: PinnedLevel[];
}

export interface PinnedArea {
  id: string;
  code: string;
  name: string;
  level: string;
  parentId: string | null;
  population: number | null;
}

/** A published cell: status, value, numerator, denominator (as the indicator service answers). */
export type PinnedCell = ['value' | 'suppressed' | 'missing', number | null, number | null, number | null];

export interface PinnedIndicator {
  code: string;
  name: Label;
  unit: string;
  polarity: 'higher-is-better' | 'higher-is-worse' | 'neutral';
  /** The indicator's effective scale (value = numerator / denominator × scale). */
  scale: number;
  /** The periods gathered, oldest first. */
  periods: string[];
  /** period → area id → cell; only areas the reader may see. */
  values: Record<string, Record<string, PinnedCell>>;
}

export interface PinnedClass {
  code: string;
  label: string;
}

export interface PinnedIndexRun {
  id: string;
  label: string;
  period: string;
  level: string;
  /** The index definition's label, e.g. "Monitoring Soziale Stadtentwicklung 2019". */
  definitionLabel: string;
  /** The index the classes are of: "combined" (status × dynamics) or an index id. */
  index: string;
  /** Class order from the definition (best first); null for combined classes. */
  layout: PinnedClass[] | null;
  /** area id → class; null = no valid class. Only areas the reader may see. */
  classes: Record<string, PinnedClass | null>;
}

/** A survey share (fraction 0…1) with its 95 % interval, or withheld (fewer than k). */
export type PinnedShare = { share: number; lower: number | null; upper: number | null } | 'suppressed';

export interface PinnedSurvey {
  id: string;
  title: string;
  k: number;
  wave: { id: string; name: string; closesOn: string };
  /** area id → respondents (null where that count itself is withheld). */
  respondents: Record<string, number | null>;
  totalRespondents: number | null;
  items: { label: string; shares: Record<string, PinnedShare>; total: PinnedShare | null }[];
}

export interface PinnedActor {
  /** null: pseudonymised for this reader. */
  name: string | null;
  sector: string | null;
  areaId: string | null;
  betweenness: number;
  /** The actor's strongest brokerage role (Gould–Fernandez), if any. */
  role: string | null;
}

export interface PinnedNetwork {
  id: string;
  name: string;
  areaId: string | null;
  wave: { label: string; observedOn: string };
  nodes: number;
  edges: number;
  density: number;
  actors: PinnedActor[];
}

export interface PinnedMeasure {
  title: string;
  status: string;
  budgetCents: number;
  spentCents: number;
  areaIds: string[];
}

export interface PinnedGoal {
  node: string;
  label: string;
  unit: string;
  baseline: number;
  target: number;
  actual: number | 'suppressed' | null;
  /** Capped attainment 0…1, or null when no honest number exists. */
  attainment: number | null;
}

export interface PinnedProgrammeSummary {
  id: string;
  name: string;
  areaIds: string[];
  measures: PinnedMeasure[];
  goals: PinnedGoal[];
}

/** Topics the reader may not see at all (the owning service refused): the report says so. */
export type WithheldTopic = 'survey' | 'network' | 'programme' | 'index' | 'indicators';

export interface AreaProfileDataset {
  version: typeof PINNED_DATA_VERSION;
  kind: 'area-profile';
  tenant: PinnedTenant;
  /** The areas profiled: one, or every area of a level (a batch). */
  subjectIds: string[];
  /** Every area the profiles mention: subjects, ancestors, children, siblings, top level. */
  areas: PinnedArea[];
  /** area id → geometry (subjects, their children, parents and siblings). */
  geometry: Record<string, AreaGeometry>;
  indicators: PinnedIndicator[];
  indexRuns: PinnedIndexRun[];
  surveys: PinnedSurvey[];
  networks: PinnedNetwork[];
  programmes: PinnedProgrammeSummary[];
  withheld: WithheldTopic[];
}

/**
 * JSON with object keys sorted at every depth and no insignificant white space: the same data
 * always gives the same bytes, whatever order the services answered in.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}

/** `sha256:<hex>` of the canonical JSON text. */
export function contentHashOf(canonical: string): string {
  return `sha256:${createHash('sha256').update(canonical, 'utf8').digest('hex')}`;
}

export function labelIn(label: Label, language: 'de' | 'en'): string {
  return typeof label === 'string' ? label : label[language] || label.de;
}
