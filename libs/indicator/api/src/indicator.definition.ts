import { defineService } from '@quartier/service-kit';
import { IndicatorApiModule } from './indicator-api.module';
import { IndicatorDemoSeeder } from './demo/indicator-demo-seeder';

/** The indicator service as the platform, its container and the deployment manifests know it. */
export const INDICATOR_SERVICE = defineService({
  name: 'indicator',
  title: 'Quartier indicator service',
  description:
    'Indicator catalogue, values and imports, aggregation up the area hierarchy, social-monitoring indices.',
  /** Value imports stream their bodies (any size) instead of having Express parse them. */
  streamedBodyPaths: [/^\/api\/indicator\/imports\/?$/],
  moduleClass: IndicatorApiModule,
  module: (runtime) => IndicatorApiModule.forRoot(runtime),
  demoSeeder: IndicatorDemoSeeder,
});
