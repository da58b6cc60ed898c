import type { MapArea } from '../maps/geo';
import type { ReportProvenance } from './report-data';

// Input of the monitoring report (one tenant, one index run): what the reporting service read
// from the indicator service's index run, class maps and movers, with the reader's scope.

export interface MonitoringClass {
  code: string;
  label: string;
  /** Areas of this class the reader sees. */
  count: number;
}

export interface MonitoringMover {
  code: string;
  name: string;
  /** Class labels before and after; null = no valid class. */
  from: string | null;
  to: string | null;
  direction: 'better' | 'worse' | 'validity-changed';
}

export interface MonitoringIndex {
  id: string;
  label: string;
  /** Best first, as the definition orders them. */
  classes: MonitoringClass[];
  /** area code → class code (null: no valid class). */
  classOf: Record<string, string | null>;
  /** Movers since the previous run; null when there is no previous run of this index. */
  movers: MonitoringMover[] | null;
  /** The index's indicators with their direction and weight, and the class thresholds. */
  method: {
    indicators: { code: string; name: string; polarity: 1 | -1; weight: number }[];
    thresholds: { code: string; label: string; upTo: number | null; inclusive: boolean }[];
  };
}

export interface MonitoringAreaRow {
  code: string;
  name: string;
  population: number | null;
  valid: boolean;
  /** Class label per index (in `indices` order); null = no valid class. */
  classes: (string | null)[];
  /** Index value per index (z-standardised); null when invalid. */
  values: (number | null)[];
}

export interface MonitoringReportData extends ReportProvenance {
  cityName: string;
  run: {
    label: string;
    period: string;
    levelName: string;
    definitionLabel: string;
    areaCount: number;
    validAreaCount: number;
  };
  previousRun: { label: string; period: string } | null;
  indices: MonitoringIndex[];
  /** The areas of the run's level with geometry, for the class maps. */
  mapAreas: MapArea[];
  /** Top-level boundaries drawn over the class maps. */
  outlines: MapArea[];
  /** One table per top-level area (district), its areas at the run's level. */
  districts: { code: string; name: string; rows: MonitoringAreaRow[] }[];
  methods: {
    populationIndicator: string | null;
    minPopulation: number | null;
    excludedAreas: string[];
  };
}
