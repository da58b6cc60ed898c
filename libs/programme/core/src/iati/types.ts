import type { MeasureStatus } from '../workflow';

// Plain input of the IATI 2.03 activity export: what the programme service reads from its
// tables. Money in EUR cents, dates ISO (YYYY-MM-DD), instants ISO with offset.

/** IATI OrganisationRole: 1 funding, 2 accountable, 3 extending, 4 implementing. */
export type IatiOrganisationRole = 'funding' | 'accountable' | 'extending' | 'implementing';

export interface IatiOrganisation {
  readonly role: IatiOrganisationRole;
  readonly name: string;
  /** Organisation identifier (IATI org-id, e.g. `DE-BE-SenSBW`), when it has one. */
  readonly ref?: string;
  /** IATI OrganisationType code (10 government, 11 local government, 22 national NGO, …). */
  readonly type?: string;
}

export interface IatiProgramme {
  readonly reportingOrg: { readonly ref: string; readonly type: string; readonly name: string };
  /** Activity identifiers are `<prefix>-<measure id>`; IATI requires it to begin with the reporting org's ref. */
  readonly identifierPrefix: string;
  /** Language of the narratives (default `de`). */
  readonly language?: string;
  /** ISO 3166-1 country of all activities (default `DE`). */
  readonly countryCode?: string;
  /** Organisations taking part in every measure (e.g. the funder of the programme). */
  readonly participatingOrgs?: readonly IatiOrganisation[];
}

export interface IatiLocation {
  /** The area code (e.g. a Berlin LOR code), published as the location's `ref`. */
  readonly areaCode: string;
  readonly name: string;
  /** A representative point inside the area (WGS84). */
  readonly point: { readonly lat: number; readonly lon: number };
}

export interface IatiSector {
  readonly code: string;
  /** IATI SectorVocabulary (default `1`: OECD DAC 5-digit purpose codes). */
  readonly vocabulary?: string;
  readonly percentage?: number;
}

export interface IatiExpenditure {
  readonly date: string;
  /** EUR cents. */
  readonly amount: number;
  readonly description?: string;
}

export interface IatiResultPeriodValue {
  readonly period: string;
  /** null: the value is suppressed (published without a number, never as 0). */
  readonly value: number | null;
}

export interface IatiResultIndicator {
  readonly title: string;
  readonly description?: string;
  /** IATI IndicatorMeasure: unit (1) or percentage (2). */
  readonly measure: 'unit' | 'percentage';
  /** true when higher values are better. */
  readonly ascending: boolean;
  readonly baseline: { readonly period: string; readonly value: number };
  readonly target: { readonly date: string; readonly value: number };
  readonly actuals: readonly IatiResultPeriodValue[];
}

export interface IatiResult {
  readonly type: 'output' | 'outcome' | 'impact';
  readonly title: string;
  readonly description?: string;
  readonly indicators: readonly IatiResultIndicator[];
}

export interface IatiMeasure {
  readonly id: string;
  readonly title: string;
  readonly description?: string;
  readonly status: MeasureStatus;
  readonly plannedStart?: string;
  readonly plannedEnd?: string;
  readonly actualStart?: string;
  readonly actualEnd?: string;
  readonly participatingOrgs?: readonly IatiOrganisation[];
  /** Budget per year, all lines together (EUR cents). */
  readonly budgets: readonly { readonly year: number; readonly amount: number }[];
  readonly expenditures: readonly IatiExpenditure[];
  readonly locations: readonly IatiLocation[];
  readonly sectors?: readonly IatiSector[];
  readonly results?: readonly IatiResult[];
  /** When the measure last changed (ISO instant). */
  readonly lastUpdated?: string;
}

export interface IatiExportOptions {
  /** The file's generation time (ISO instant) from the caller's clock. */
  readonly generatedAt: string;
}
