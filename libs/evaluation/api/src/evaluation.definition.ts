import { defineService } from '@quartier/service-kit';
import { EvaluationDemoSeeder } from './demo/evaluation-demo-seeder';
import { EvaluationApiModule } from './evaluation-api.module';

/** The evaluation service as the platform, its container and the deployment manifests know it. */
export const EVALUATION_SERVICE = defineService({
  name: 'evaluation',
  title: 'Quartier evaluation service',
  description:
    'Evaluations of programmes, measures and areas: OECD-DAC ratings, before/after, matched comparison areas, difference-in-differences with event studies, survey and network evidence, frozen evidence snapshots.',
  moduleClass: EvaluationApiModule,
  module: (runtime) => EvaluationApiModule.forRoot(runtime),
  demoSeeder: EvaluationDemoSeeder,
  // The demo evaluations compare the MSS values of the demo programme's areas.
  demoSeedAfter: ['indicator', 'programme'],
});
