import { Module, type DynamicModule } from '@nestjs/common';
import { serviceFoundation, type RuntimeConfig } from '@quartier/service-kit';
import { AreaRefsController } from './area-refs.controller';

/**
 * The indicator service. Catalogue, values and indices arrive in their own issue; today it
 * shows the registry read model it will aggregate over (`GET /api/indicator/area-refs`).
 */
@Module({})
export class IndicatorApiModule {
  static forRoot(runtime: Pick<RuntimeConfig, 'kafkaBrokers'>): DynamicModule {
    const foundation = serviceFoundation({ service: 'indicator', runtime });
    return { module: IndicatorApiModule, ...foundation, controllers: [...foundation.controllers, AreaRefsController] };
  }
}

export const INDICATOR_DOCS = {
  service: 'indicator',
  title: 'Quartier indicator service',
  description: 'Indicator catalogue, values and imports, aggregation up the area hierarchy, social-monitoring indices.',
} as const;
