import { Module, type DynamicModule } from '@nestjs/common';
import { serviceModule, type RuntimeConfig } from '@quartier/service-kit';
import { AreaRefsController } from './area-refs.controller';
import { CatalogueController } from './catalogue/catalogue.controller';
import { CatalogueService } from './catalogue/catalogue.service';
import { IndicatorDefinitionRepository } from './catalogue/indicator-definition.repository';
import { AreaRefRepository } from './common/area-ref.repository';
import { AreaTree } from './common/area-tree';
import { ComputeController } from './compute/compute.controller';
import { ComputeService } from './compute/compute.service';
import './common/indicator-service.error';
import { IndicatorDemoSeeder } from './demo/indicator-demo-seeder';
import { CacheInvalidationHandler } from './events/cache-invalidation.handler';
import { FactPublicationHandler } from './events/fact-publication.handler';
import { NetworkMetricsHandler } from './events/network-metrics.handler';
import { ValueExportsController } from './exports/value-exports.controller';
import { ValueExportsService } from './exports/value-exports.service';
import { ValueImportsController } from './imports/value-imports.controller';
import { ValueImportsService } from './imports/value-imports.service';
import { IndexDefinitionsController, IndexRunsController } from './indices/index.controller';
import { IndexDefinitionRepository } from './indices/index-definition.repository';
import { IndexRunRepository } from './indices/index-run.repository';
import { IndexService } from './indices/index.service';
import { INDICATOR_MIGRATIONS } from './migrations/indicator-migrations';
import { AreaProfileService } from './values/area-profile.service';
import { ValuesController } from './values/values.controller';
import { IndicatorValueRepository } from './values/indicator-value.repository';
import { ValuesService } from './values/values.service';

/**
 * The indicator service: versioned catalogue, values with streamed all-or-nothing imports and
 * exports, map/series/ranking reads aggregated up the area hierarchy with publication
 * suppression (cached, invalidated by events), composite index definitions and stored runs,
 * and network measures arriving as events.
 */
@Module({})
export class IndicatorApiModule {
  static forRoot(runtime: Pick<RuntimeConfig, 'kafkaBrokers'>): DynamicModule {
    return serviceModule(
      IndicatorApiModule,
      {
        service: 'indicator',
        runtime,
        migrations: INDICATOR_MIGRATIONS,
        jobs: true,
        handlers: [NetworkMetricsHandler, CacheInvalidationHandler, FactPublicationHandler],
      },
      {
        controllers: [
          AreaRefsController,
          CatalogueController,
          ComputeController,
          ValuesController,
          ValueImportsController,
          ValueExportsController,
          IndexDefinitionsController,
          IndexRunsController,
        ],
        providers: [
          AreaRefRepository,
          AreaTree,
          IndicatorDefinitionRepository,
          CatalogueService,
          ComputeService,
          IndicatorValueRepository,
          ValuesService,
          AreaProfileService,
          ValueImportsService,
          ValueExportsService,
          IndexDefinitionRepository,
          IndexRunRepository,
          IndexService,
          IndicatorDemoSeeder,
        ],
        exports: [IndicatorDemoSeeder, ValueImportsService, IndexService, CatalogueService],
      },
    );
  }
}
