import { Injectable, inject } from '@angular/core';
import { IndicatorClient, type IndicatorPaths, type IndicatorSchemas } from '@quartier/portal-data-access';

// The indicator service's answers under the names the indicator pages use; every type comes from
// the service's OpenAPI document (libs/portal/data-access/src/generated/indicator.ts).

export type Indicator = IndicatorSchemas['IndicatorViewDto_Output'];
export type Polarity = Indicator['polarity'];
export type MapData = IndicatorSchemas['MapDataDto_Output'];
export type IndicatorSummary = MapData['indicator'];
export type AreaValue = MapData['items'][number];
/** The map data as columns joined to vector tiles by area code (`/values/layer`). */
export type ValueLayer = IndicatorSchemas['ValueLayerDto_Output'];
export type Ranking = IndicatorSchemas['RankingDto_Output'];
export type Series = IndicatorSchemas['SeriesDto_Output'];
export type Comparison = IndicatorSchemas['ComparisonDto_Output'];
export type IndexRun = IndicatorSchemas['IndexRunViewDto_Output'];
export type ClassMap = IndicatorSchemas['ClassMapDto_Output'];
export type IndexClassDef = NonNullable<ClassMap['classes']>[number];
export type Movers = IndicatorSchemas['MoversDto_Output'];
export type ImportJob = IndicatorSchemas['ValueImportJobDto_Output'];
export type ImportFormat = ImportJob['format'];
/** A dimension mapping the service saved for a source after an import with it succeeded. */
export type SavedMapping = IndicatorSchemas['SavedMappingDto_Output'];

type ImportQuery = IndicatorPaths['/api/indicator/imports']['post']['parameters']['query'];

/** The indicator calls the indicator pages make (`/api/indicator`), over the generated client. */
@Injectable({ providedIn: 'root' })
export class IndicatorApi {
  private readonly client = inject(IndicatorClient);

  indicators(): Promise<Indicator[]> {
    return this.client.get('/api/indicator/indicators');
  }

  periods(indicator: string): Promise<{ periods: string[] }> {
    return this.client.get('/api/indicator/values/periods', { query: { indicator } });
  }

  map(indicator: string, period: string, level: string): Promise<MapData> {
    return this.client.get('/api/indicator/values', { query: { indicator, period, level } });
  }

  layer(indicator: string, period: string, level: string): Promise<ValueLayer> {
    return this.client.get('/api/indicator/values/layer', { query: { indicator, period, level } });
  }

  ranking(indicator: string, period: string, level: string): Promise<Ranking> {
    return this.client.get('/api/indicator/values/ranking', {
      query: { indicator, period, level, limit: 5000 },
    });
  }

  series(indicator: string, area: string): Promise<Series> {
    return this.client.get('/api/indicator/values/series', { query: { indicator, area } });
  }

  compare(indicators: readonly string[], areas: readonly string[], period: string): Promise<Comparison> {
    return this.client.get('/api/indicator/values/compare', {
      query: { indicators: indicators.join(','), areas: areas.join(','), period },
    });
  }

  runs(): Promise<IndexRun[]> {
    return this.client.get('/api/indicator/index-runs');
  }

  classes(run: string, index: string): Promise<ClassMap> {
    return this.client.get('/api/indicator/index-runs/{id}/classes', { path: { id: run }, query: { index } });
  }

  movers(from: string, to: string, index: string): Promise<Movers> {
    return this.client.get('/api/indicator/index-runs/movers', { query: { from, to, index } });
  }

  /**
   * The file goes up as it is, as a byte stream (the service parses it, streaming); `map` and
   * `source` (SDMX-CSV, JSON-stat) only when given.
   */
  startImport(file: Blob, format: ImportFormat, fileName: string, map = '', source = ''): Promise<ImportJob> {
    const query: ImportQuery = { format, fileName };
    if (map.trim() !== '') query.map = map.trim();
    if (source.trim() !== '') query.source = source.trim();
    return this.client.upload('post', '/api/indicator/imports', file, 'application/octet-stream', { query });
  }

  importJob(id: string): Promise<ImportJob> {
    return this.client.get('/api/indicator/imports/{id}', { path: { id } });
  }

  /** Mappings saved per source, offered again for the next file of that source. */
  mappings(): Promise<SavedMapping[]> {
    return this.client.get('/api/indicator/imports/mappings');
  }
}
