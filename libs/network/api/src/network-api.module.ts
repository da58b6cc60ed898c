import { Module, type DynamicModule } from '@nestjs/common';
import { registerErrorStatuses, serviceModule, type RuntimeConfig } from '@quartier/service-kit';
import { NetworkAccessService } from './access/network-access.service';
import { ActorsController } from './actors/actors.controller';
import { ActorsService } from './actors/actors.service';
import { AnalysisController } from './analysis/analysis.controller';
import { AnalysisService } from './analysis/analysis.service';
import { NetworkDemoSeeder } from './demo/network-demo-seeder';
import { SurveyNetworkResponseHandler } from './events/survey-network-response.handler';
import { InterchangeController } from './interchange/interchange.controller';
import { InterchangeService } from './interchange/interchange.service';
import { MetricsController } from './metrics/metrics.controller';
import { MetricsService } from './metrics/metrics.service';
import { NETWORK_MIGRATIONS } from './migrations/network-migrations';
import { NetworkInputError } from '@quartier/network-core';
import { NETWORK_CORE_ERROR_STATUS } from './network.errors';
import { NetworksController } from './networks/networks.controller';
import { NetworksService } from './networks/networks.service';
import { TiesController } from './ties/ties.controller';
import { TiesService } from './ties/ties.service';

registerErrorStatuses(NetworkInputError, NETWORK_CORE_ERROR_STATUS);

/**
 * The network service: networks of an area or programme observed in waves, their actors (with
 * sector, field, area, offerings) and ties; CSV/GEXF/GraphML imports and exports; the field's
 * measures (per wave, cached, large networks as background jobs on worker threads) published as
 * per-area indicator events; wave comparison, ego networks and the resource map. Network survey
 * submissions arrive as `survey.network-response.submitted` events.
 */
@Module({})
export class NetworkApiModule {
  static forRoot(runtime: Pick<RuntimeConfig, 'kafkaBrokers'>): DynamicModule {
    return serviceModule(
      NetworkApiModule,
      {
        service: 'network',
        runtime,
        migrations: NETWORK_MIGRATIONS,
        jobs: true,
        handlers: [SurveyNetworkResponseHandler],
      },
      {
        controllers: [
          NetworksController,
          ActorsController,
          TiesController,
          InterchangeController,
          MetricsController,
          AnalysisController,
        ],
        providers: [
          NetworkAccessService,
          NetworksService,
          ActorsService,
          TiesService,
          InterchangeService,
          MetricsService,
          AnalysisService,
          NetworkDemoSeeder,
        ],
        exports: [NetworkDemoSeeder, MetricsService],
      },
    );
  }
}
