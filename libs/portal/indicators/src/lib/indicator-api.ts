import { HttpClient, HttpHeaders, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { PORTAL_CONFIG } from '@quartier/portal-data-access';
import { firstValueFrom } from 'rxjs';

export type Polarity = 'higher-is-better' | 'higher-is-worse' | 'neutral';

export interface Indicator {
  id: string;
  code: string;
  version: number;
  name: { de: string; en?: string };
  description: string;
  unit: string;
  polarity: Polarity;
  formula?: string;
  numerator?: string;
  denominator?: string;
  source: string;
  periodicity: string;
  impactStep: number | null;
  confidentiality: { minNumerator: number; minDenominator: number } | null;
  sourceKind: 'manual' | 'network';
  updatedAt: string;
}

export interface IndicatorSummary {
  code: string;
  version: number;
  name: { de: string; en?: string };
  unit: string;
  polarity: Polarity;
}

export interface AreaValue {
  areaId: string;
  code: string;
  name: string;
  level: string;
  status: 'value' | 'suppressed' | 'missing';
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  source: string | null;
  approximate: boolean;
  /** Why there is no value (`no-data`, `incomplete`, …) or why it is suppressed. */
  reason: string | null;
  /** Share of the population in sub-areas with a value when an aggregate left some out. */
  coverage?: number | null;
}

export interface MapData {
  indicator: IndicatorSummary;
  period: string;
  level: string;
  items: AreaValue[];
}

/** The map data as columns joined to vector tiles by area code (`/values/layer`). */
export interface ValueLayer {
  indicator: IndicatorSummary;
  period: string;
  level: string;
  codes: string[];
  values: (number | null)[];
  /** One letter per area: v value · a approximate value · s suppressed · m missing. */
  flags: string;
}

export interface Ranking {
  order: 'asc' | 'desc';
  total: number;
  items: (AreaValue & { rank: number })[];
  /** The areas of the level without a value, with the reason. */
  unranked?: Pick<AreaValue, 'areaId' | 'code' | 'name' | 'status' | 'reason'>[];
}

export interface Series {
  indicator: IndicatorSummary;
  area: { id: string; code: string; name: string; level: string };
  points: ({ period: string } & Pick<
    AreaValue,
    'status' | 'value' | 'approximate' | 'reason' | 'coverage'
  >)[];
}

export interface Comparison {
  period: string;
  areas: { id: string; code: string; name: string }[];
  rows: { indicator: IndicatorSummary; values: AreaValue[] }[];
}

export interface IndexClassDef {
  code: string;
  label: string;
  /** The label in further languages (`{ en: 'high' }`), where the definition gives them. */
  labels?: Record<string, string>;
}

export interface IndexRun {
  id: string;
  definitionId: string;
  definition: {
    id: string;
    indices: { id: string; label?: string; labels?: Record<string, string>; classes: IndexClassDef[] }[];
  };
  period: string;
  level: string;
  label: string;
  areaCount: number;
  validAreaCount: number;
  classCounts: Record<string, Record<string, number>>;
  createdAt: string;
}

export interface ClassMap {
  run: { id: string; label: string; period: string; level: string };
  index: string;
  classes: IndexClassDef[] | null;
  items: {
    areaId: string;
    code: string;
    name: string;
    valid: boolean;
    value: number | null;
    class: string | null;
    label: string | null;
  }[];
}

export interface Movers {
  items: {
    areaId: string;
    code: string;
    name: string;
    from: { class: string | null; label: string | null };
    to: { class: string | null; label: string | null };
    direction: 'better' | 'worse' | 'validity-changed';
  }[];
}

export type ImportFormat = 'csv' | 'xlsx' | 'sdmx-csv' | 'json-stat' | 'dhis2';

export interface ImportJob {
  id: string;
  format: ImportFormat;
  fileName: string | null;
  /** `interrupted`: the service stopped while the import ran (nothing kept; import the file again). */
  status: 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled' | 'interrupted';
  progress: number;
  rowsRead: number;
  observations: number;
  errorCount: number;
  errors: { line: number; column: string; reason: string; message: string }[];
  indicators: string[];
  message: string | null;
}

function params(values: Record<string, string | undefined>): HttpParams {
  let result = new HttpParams();
  for (const [key, value] of Object.entries(values))
    if (value !== undefined && value !== '') result = result.set(key, value);
  return result;
}

/** Typed client of the indicator service (`/api/indicator`). */
@Injectable({ providedIn: 'root' })
export class IndicatorApi {
  private readonly http = inject(HttpClient);
  private readonly base = `${inject(PORTAL_CONFIG).apiBaseUrl}/api/indicator`;

  indicators(): Promise<Indicator[]> {
    return firstValueFrom(this.http.get<Indicator[]>(`${this.base}/indicators`));
  }

  periods(indicator: string): Promise<{ periods: string[] }> {
    return firstValueFrom(
      this.http.get<{ periods: string[] }>(`${this.base}/values/periods`, { params: params({ indicator }) }),
    );
  }

  map(indicator: string, period: string, level: string): Promise<MapData> {
    return firstValueFrom(
      this.http.get<MapData>(`${this.base}/values`, { params: params({ indicator, period, level }) }),
    );
  }

  layer(indicator: string, period: string, level: string): Promise<ValueLayer> {
    return firstValueFrom(
      this.http.get<ValueLayer>(`${this.base}/values/layer`, {
        params: params({ indicator, period, level }),
      }),
    );
  }

  ranking(indicator: string, period: string, level: string): Promise<Ranking> {
    return firstValueFrom(
      this.http.get<Ranking>(`${this.base}/values/ranking`, {
        params: params({ indicator, period, level, limit: '5000' }),
      }),
    );
  }

  series(indicator: string, area: string): Promise<Series> {
    return firstValueFrom(
      this.http.get<Series>(`${this.base}/values/series`, { params: params({ indicator, area }) }),
    );
  }

  compare(indicators: string[], areas: string[], period: string): Promise<Comparison> {
    return firstValueFrom(
      this.http.get<Comparison>(`${this.base}/values/compare`, {
        params: params({ indicators: indicators.join(','), areas: areas.join(','), period }),
      }),
    );
  }

  runs(): Promise<IndexRun[]> {
    return firstValueFrom(this.http.get<IndexRun[]>(`${this.base}/index-runs`));
  }

  classes(run: string, index: string): Promise<ClassMap> {
    return firstValueFrom(
      this.http.get<ClassMap>(`${this.base}/index-runs/${encodeURIComponent(run)}/classes`, {
        params: params({ index }),
      }),
    );
  }

  movers(from: string, to: string, index: string): Promise<Movers> {
    return firstValueFrom(
      this.http.get<Movers>(`${this.base}/index-runs/movers`, { params: params({ from, to, index }) }),
    );
  }

  /** The file goes up as it is, as a byte stream (the service parses it, streaming). */
  startImport(file: Blob, format: ImportFormat, fileName: string): Promise<ImportJob> {
    return firstValueFrom(
      this.http.post<ImportJob>(`${this.base}/imports`, file, {
        params: params({ format, fileName }),
        headers: new HttpHeaders({ 'Content-Type': 'application/octet-stream' }),
      }),
    );
  }

  importJob(id: string): Promise<ImportJob> {
    return firstValueFrom(this.http.get<ImportJob>(`${this.base}/imports/${encodeURIComponent(id)}`));
  }

  exportUrl(format: string, indicators: string[]): string {
    return `${this.base}/exports?format=${encodeURIComponent(format)}&indicators=${encodeURIComponent(indicators.join(','))}`;
  }
}
