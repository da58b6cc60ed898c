import type { AnswersExactly, Expect, MethodAnswersExactly as Exactly } from '@quartier/service-kit';
import type { z } from 'zod';
import type { areaRefPageSchema } from './area-refs.controller';
import type { CatalogueService } from './catalogue/catalogue.service';
import type { indicatorViewSchema } from './catalogue/indicator.dto';
import type { AreaRefRepository } from './common/area-ref.repository';
import type { computeResultSchema } from './compute/compute.dto';
import type { ComputeService } from './compute/compute.service';
import type { savedMappingSchema, valueImportJobSchema } from './imports/value-import.dto';
import type { ValueImportsService } from './imports/value-imports.service';
import type {
  classMapSchema,
  indexDefinitionViewSchema,
  indexResultsSchema,
  indexRunViewSchema,
  moversSchema,
} from './indices/index.dto';
import type { IndexService } from './indices/index.service';
import type { toValueLayer } from './values/value-layer';
import type {
  comparisonSchema,
  mapDataSchema,
  periodListSchema,
  qualitySchema,
  rankingSchema,
  seriesSchema,
  valueLayerSchema,
  valueMapsSchema,
} from './values/values.dto';
import type { ValuesService } from './values/values.service';

// Compile-time proof that the indicator routes answer exactly what their response schemas
// document (docs/adr/0007-generated-portal-clients.md): the portal's types are generated from
// those schemas, so a field the service adds or changes without them fails here. The map and the
// layer are sent as cached JSON text: the checks cover what is serialised (`map`, `toValueLayer`).
type Many<Schema extends z.ZodType> = z.ZodArray<Schema>;

export type _Indicators = Expect<Exactly<CatalogueService['list'], Many<typeof indicatorViewSchema>>>;
export type _Indicator = Expect<Exactly<CatalogueService['get'], typeof indicatorViewSchema>>;
export type _Versions = Expect<Exactly<CatalogueService['versions'], Many<typeof indicatorViewSchema>>>;
export type _Version = Expect<Exactly<CatalogueService['version'], typeof indicatorViewSchema>>;
export type _Create = Expect<Exactly<CatalogueService['create'], typeof indicatorViewSchema>>;
export type _Update = Expect<Exactly<CatalogueService['update'], typeof indicatorViewSchema>>;
export type _Compute = Expect<Exactly<ComputeService['compute'], typeof computeResultSchema>>;
export type _AreaRefs = Expect<Exactly<AreaRefRepository['page'], typeof areaRefPageSchema>>;
export type _Map = Expect<Exactly<ValuesService['map'], typeof mapDataSchema>>;
export type _Layer = Expect<AnswersExactly<ReturnType<typeof toValueLayer>, typeof valueLayerSchema>>;
export type _Maps = Expect<Exactly<ValuesService['maps'], typeof valueMapsSchema>>;
export type _Periods = Expect<Exactly<ValuesService['periodsOf'], typeof periodListSchema>>;
export type _Series = Expect<Exactly<ValuesService['series'], typeof seriesSchema>>;
export type _Ranking = Expect<Exactly<ValuesService['ranking'], typeof rankingSchema>>;
export type _Compare = Expect<Exactly<ValuesService['compare'], typeof comparisonSchema>>;
export type _Quality = Expect<Exactly<ValuesService['quality'], typeof qualitySchema>>;
export type _Import = Expect<Exactly<ValueImportsService['start'], typeof valueImportJobSchema>>;
export type _Imports = Expect<Exactly<ValueImportsService['list'], Many<typeof valueImportJobSchema>>>;
export type _ImportJob = Expect<Exactly<ValueImportsService['get'], typeof valueImportJobSchema>>;
export type _Cancel = Expect<Exactly<ValueImportsService['cancel'], typeof valueImportJobSchema>>;
export type _Mappings = Expect<Exactly<ValueImportsService['mappings'], Many<typeof savedMappingSchema>>>;
export type _Definitions = Expect<
  Exactly<IndexService['listDefinitions'], Many<typeof indexDefinitionViewSchema>>
>;
export type _Definition = Expect<Exactly<IndexService['getDefinition'], typeof indexDefinitionViewSchema>>;
export type _CreateDef = Expect<Exactly<IndexService['createDefinition'], typeof indexDefinitionViewSchema>>;
export type _UpdateDef = Expect<Exactly<IndexService['updateDefinition'], typeof indexDefinitionViewSchema>>;
export type _Run = Expect<Exactly<IndexService['run'], typeof indexRunViewSchema>>;
export type _Runs = Expect<Exactly<IndexService['listRuns'], Many<typeof indexRunViewSchema>>>;
export type _RunOne = Expect<Exactly<IndexService['getRun'], typeof indexRunViewSchema>>;
export type _Results = Expect<Exactly<IndexService['results'], typeof indexResultsSchema>>;
export type _Classes = Expect<Exactly<IndexService['classes'], typeof classMapSchema>>;
export type _Movers = Expect<Exactly<IndexService['movers'], typeof moversSchema>>;
